using System;
using System.Diagnostics;
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
    private static readonly Lazy<string> s_host = new(HostProbe);

    [Theory]
    [InlineData("x86_64-musl")]
    [InlineData("aarch64-gnu")]
    [InlineData("aarch64-musl")]
    public void LayoutsAndConstantsMatchTheHost(string target)
    {
        string script = Path.Combine(Path.GetDirectoryName(Probe())!, "cross.sh");
        string output = Run("bash", script, target);
        string[] host = s_host.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] other = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(host.Length > 100, "the host probe printed too little");
        Assert.Equal(host, other);
    }

    private static string HostProbe()
    {
        string dir = Directory.CreateTempSubdirectory("mcproxy-abi-").FullName;
        try
        {
            string exe = Path.Combine(dir, "probe");
            Run("cc", "-Wall", "-Wextra", "-Werror", "-o", exe, Probe());
            return Run(exe);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Probe()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "abi", "probe.c");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/abi/probe.c not found above " + AppContext.BaseDirectory);
    }

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr} (tools/toolchain.sh install installs the cross toolchain)");
        }

        return stdout;
    }
}
