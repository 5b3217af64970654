using System;
using McProxy.Cli;
using Xunit;

namespace McProxy.Tests.Cli;

public class OptionParserTests
{
    private static Options Parse(params string[] args) => OptionParser.Parse(args, path => path == "old.conf");

    [Fact]
    public void NoArgumentsRunsWithDefaultConfig()
    {
        Options o = Parse();
        Assert.Equal(Command.Run, o.Command);
        Assert.Equal("mcproxy.conf", o.ConfigPath);
        Assert.False(o.ConfigPathGiven);
        Assert.Equal(0, o.Verbosity);
    }

    [Fact]
    public void BundledFlagsAsMcproxyUsersTypeThem()
    {
        Options o = Parse("-dsvv", "-f", "x.conf");
        Assert.Equal(Command.Run, o.Command);
        Assert.True(o.Debug);
        Assert.True(o.Status);
        Assert.Equal(2, o.Verbosity);
        Assert.Equal("x.conf", o.ConfigPath);
        Assert.True(o.ConfigPathGiven);
    }

    [Theory]
    [InlineData("-fx.conf")]
    [InlineData("-svvfx.conf")]
    public void AttachedArgument(string arg)
    {
        Assert.Equal("x.conf", Parse(arg).ConfigPath);
    }

    [Fact]
    public void RepeatedVerbose()
    {
        Assert.Equal(3, Parse("-v", "-v", "-v").Verbosity);
        Assert.Equal(2, Parse("-v", "-v").Verbosity);
    }

    [Fact]
    public void ResetAndUser()
    {
        Options o = Parse("-r", "-u", "nobody");
        Assert.True(o.ResetRpFilter);
        Assert.Equal("nobody", o.User);
    }

    [Theory]
    [InlineData("-h", "Help")]
    [InlineData("--help", "Help")]
    [InlineData("-V", "Version")]
    [InlineData("--version", "Version")]
    [InlineData("-c", "KernelCheck")]
    [InlineData("-t", "ConfigCheck")]
    public void Commands(string arg, string expected)
    {
        Assert.Equal(Enum.Parse<Command>(expected), Parse(arg).Command);
    }

    [Fact]
    public void HelpWinsOverEverything()
    {
        Assert.Equal(Command.Help, Parse("-c", "-t", "-h").Command);
        Assert.Equal(Command.Version, Parse("-c", "-V").Command);
    }

    [Fact]
    public void OldDashCWithExistingFileMeansConfigFile()
    {
        Options o = Parse("-svv", "-c", "old.conf");
        Assert.Equal(Command.Run, o.Command);
        Assert.Equal("old.conf", o.ConfigPath);
        Assert.Single(o.Warnings);
        Assert.Contains("deprecated", o.Warnings[0]);
    }

    [Fact]
    public void DashCAloneOrWithMissingFileIsKernelCheck()
    {
        Assert.Equal(Command.KernelCheck, Parse("-c").Command);
        UsageException e = Assert.Throws<UsageException>(() => Parse("-c", "missing.conf"));
        Assert.Contains("missing.conf", e.Message);
    }

    [Fact]
    public void ConfigCheckWithFile()
    {
        Options o = Parse("-t", "-f", "a.toml");
        Assert.Equal(Command.ConfigCheck, o.Command);
        Assert.Equal("a.toml", o.ConfigPath);
    }

    [Theory]
    [InlineData("unknown option '-x'", "-x")]
    [InlineData("unknown option '-x'", "-dx")]
    [InlineData("unknown option '--frobnicate'", "--frobnicate")]
    [InlineData("option -f needs an argument", "-f")]
    [InlineData("option -f needs an argument", "-svf")]
    [InlineData("unexpected argument 'stray'", "stray")]
    [InlineData("unexpected argument 'stray'", "-s", "stray")]
    [InlineData("--json goes with 'show'", "--json")]
    public void UsageErrors(string message, params string[] args)
    {
        UsageException e = Assert.Throws<UsageException>(() => Parse(args));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void DoubleDashEndsOptions()
    {
        UsageException e = Assert.Throws<UsageException>(() => Parse("--", "-s"));
        Assert.Equal("unexpected argument '-s'", e.Message);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("groups")]
    [InlineData("routes")]
    [InlineData("interfaces")]
    public void ShowSubcommand(string what)
    {
        Options o = Parse("show", what, "--json");
        Assert.Equal(Command.Show, o.Command);
        Assert.Equal(what, o.ShowWhat);
        Assert.True(o.Json);
    }

    [Fact]
    public void ShowDefaultsToStatusAndRejectsUnknown()
    {
        Assert.Equal("status", Parse("show").ShowWhat);
        Assert.Throws<UsageException>(() => Parse("show", "everything"));
        Assert.Equal(Command.Reload, Parse("reload").Command);
        Assert.Throws<UsageException>(() => Parse("reload", "now"));
    }

    [Fact]
    public void HelpTextNamesEveryFlag()
    {
        string text = HelpText.Get("1.2.3");
        foreach (string flag in new[] { "-h", "-V", "-c", "-t", "-r", "-d", "-s", "-v", "-u", "-f" })
        {
            Assert.Contains("\t" + flag, text, StringComparison.Ordinal);
        }

        Assert.Contains("1.2.3", text);
    }
}
