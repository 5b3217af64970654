using McProxy.Platform.Linux;
using Xunit;

namespace McProxy.Tests.Platform;

/// <summary>-u USER[:GROUP] resolved from the files' text, as OpenWrt and Debian write them.</summary>
public class AccountFilesTests
{
    private const string Passwd =
        "root:x:0:0:root:/root:/bin/ash\n" +
        "# a comment\n" +
        "\n" +
        "+nisuser::::::\n" +
        "network:*:101:101:network:/var:/bin/false\r\n" +
        "nobody:*:65534:65534:nobody:/var:/bin/false\n" +
        "1000:x:2000:2001::/home/n:/bin/sh\n" +
        "broken:x:12a:0::/:/bin/sh\n";

    private const string Group =
        "root:x:0:\n" +
        "network:x:101:\n" +
        "nogroup:x:65534:\n" +
        "video:x:44:mcproxy\n";

    [Theory]
    [InlineData("nobody", 65534u, 65534u)]
    [InlineData("network", 101u, 101u)]          // CRLF line
    [InlineData("root", 0u, 0u)]
    [InlineData("nobody:video", 65534u, 44u)]    // group name from /etc/group
    [InlineData("nobody:7", 65534u, 7u)]         // numeric group
    [InlineData("4242:4343", 4242u, 4343u)]      // numeric pair, in no file
    [InlineData("65534", 65534u, 65534u)]        // numeric user in /etc/passwd: its primary group
    [InlineData("1000", 2000u, 2001u)]           // a user named "1000" wins over uid 1000
    [InlineData("2000", 2000u, 2001u)]           // found by uid
    public void Resolves(string spec, uint uid, uint gid)
    {
        Assert.True(AccountFiles.TryResolve(spec, Passwd, Group, out uint u, out uint g, out string error), error);
        Assert.Equal(uid, u);
        Assert.Equal(gid, g);
    }

    [Theory]
    [InlineData("no-such-user", "unknown user 'no-such-user'")]
    [InlineData("nobody:no-such-group", "unknown group 'no-such-group'")]
    [InlineData("4242", "user id 4242 has no entry")]                // a bare id needs its group
    [InlineData("nisuser", "unknown user 'nisuser'")]               // NIS entries are not users
    [InlineData("broken", "unreadable entry")]
    [InlineData(":", "is not USER, USER:GROUP or UID:GID")]
    [InlineData("nobody:", "is not USER, USER:GROUP or UID:GID")]
    [InlineData("4294967295:0", "unknown user")]                    // (uid_t)-1 is not an id
    [InlineData("99999999999:0", "unknown user")]
    public void Refuses(string spec, string message)
    {
        Assert.False(AccountFiles.TryResolve(spec, Passwd, Group, out _, out _, out string error));
        Assert.Contains(message, error);
    }

    [Fact]
    public void WithoutTheFilesOnlyNumericPairsResolve()
    {
        Assert.True(AccountFiles.TryResolve("100:101", null, null, out uint u, out uint g, out _));
        Assert.Equal((100u, 101u), (u, g));
        Assert.False(AccountFiles.TryResolve("nobody", null, null, out _, out _, out string error));
        Assert.Contains("/etc/passwd is missing", error);
        Assert.False(AccountFiles.TryResolve("0:wheel", "root:x:0:0::/:/bin/sh\n", null, out _, out _, out error));
        Assert.Contains("/etc/group is missing", error);
    }
}
