using System.IO;
using Xunit;

namespace McProxy.Tests.Interop;

/// <summary>
/// The executables are linked for x86-64 and arm64 against musl (and glibc on request), while the
/// managed struct layouts are proven against the host's glibc headers (AbiLayoutTests). Here the
/// same probe is built for each other target (tests/abi/cross.sh: clang/gcc cross, musl, arm64
/// run through qemu-user) and must print exactly what the host's does: every sizeof, offsetof and
/// constant the interop relies on. A missing cross toolchain is a failure (tools/toolchain.sh
/// install), not a skip.
/// </summary>
public sealed class AbiCrossTargetTests
{
    [Theory]
    [InlineData("x86_64-musl")]
    [InlineData("aarch64-gnu")]
    [InlineData("aarch64-musl")]
    public void LayoutsAndConstantsMatchTheHost(string target)
    {
        string script = Path.Combine(Path.GetDirectoryName(AbiLayoutTests.FindProbeSource())!, "cross.sh");
        string[] other = AbiLayoutTests.Run("bash", [script, target]).Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        string[] host = AbiLayoutTests.s_probeOutput.Value;
        Assert.True(host.Length > 100, "the host probe printed too little");
        Assert.Equal(host, other);
    }
}
