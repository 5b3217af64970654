using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using McProxy.Interop;
using Xunit;
using Libc = McProxy.Interop.Interop.Libc;

namespace McProxy.Tests.Platform;

/// <summary>
/// A throw-away network namespace (`ip netns add mcpk-XXXX`) for real-kernel tests. Code runs
/// inside it on a dedicated thread that setns()es into it, so the rest of the test process stays
/// in its own namespace. Sockets keep their namespace, so objects made inside may be used later
/// from any thread, except calls that open sockets or read /proc, which belong in <see cref="Run"/>.
/// </summary>
internal sealed class NetNs : IDisposable
{
    private NetNs(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>
    /// True when root tests should run. Not being root FAILS the test unless MCPROXY_NO_ROOT_TESTS=1
    /// (then the test returns early and passes vacuously).
    /// </summary>
    public static bool RootTestsEnabled()
    {
        if (Environment.GetEnvironmentVariable("MCPROXY_NO_ROOT_TESTS") == "1")
        {
            return false;
        }

        Assert.True(Libc.EffectiveUserId == 0, "kernel tests need root (set MCPROXY_NO_ROOT_TESTS=1 to skip them)");
        return true;
    }

    public static NetNs Create()
    {
        string name = "mcpk-" + Guid.NewGuid().ToString("N")[..10];
        Sh("ip", $"netns add {name}");
        var ns = new NetNs(name);
        // No IPv6 duplicate address detection: link-local addresses are usable at once (MLD needs them).
        Sh("ip", $"netns exec {name} sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0");
        ns.Ip("link set lo up");
        return ns;
    }

    /// <summary>Runs `ip -n NAME args`.</summary>
    public void Ip(string args) => Sh("ip", $"-n {Name} {args}");

    /// <summary>Runs <paramref name="body"/> on a thread inside the namespace and returns its result (exceptions propagate).</summary>
    public T Run<T>(Func<T> body)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                Errno e = Libc.Open($"/var/run/netns/{Name}", out SafeFd fd);
                using (fd)
                {
                    Assert.Equal(Errno.OK, e);
                    Assert.Equal(Errno.OK, Libc.SetNs(fd, Libc.CLONE_NEWNET));
                }

                result = body();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        t.Start();
        t.Join();
        if (error != null)
        {
            throw new AggregateException($"inside netns {Name}", error);
        }

        return result;
    }

    public void Run(Action body) => Run(() =>
    {
        body();
        return 0;
    });

    /// <summary>Reads a /proc/net file (runs of spaces collapsed to one) as the calling thread's namespace sees it (call inside <see cref="Run"/>).</summary>
    public static string ProcNet(string file) =>
        System.Text.RegularExpressions.Regex.Replace(File.ReadAllText("/proc/thread-self/net/" + file), " +", " ");

    /// <summary>The link-local IPv6 address of <paramref name="ifname"/> (call inside <see cref="Run"/>).</summary>
    public static Addr LinkLocal(string ifname)
    {
        foreach (string line in File.ReadAllLines("/proc/thread-self/net/if_inet6"))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 6 && f[5] == ifname && f[0].StartsWith("fe80", StringComparison.Ordinal))
            {
                return Addr.FromV6Bytes(Convert.FromHexString(f[0]));
            }
        }

        throw new InvalidOperationException("no link-local address on " + ifname);
    }

    public void Dispose()
    {
        try
        {
            Sh("ip", $"netns del {Name}");
        }
        catch (InvalidOperationException)
        {
            // best effort: a failed delete must not hide the test's own failure
        }
    }

    public static string Sh(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args}: exit {p.ExitCode}: {stderr}");
        }

        return stdout;
    }
}
