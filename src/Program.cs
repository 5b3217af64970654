using System;
using System.IO;
using System.Reflection;
using McProxy.Cli;
using McProxy.Config;
using McProxy.Config.Model;
using McProxy.Interop;
using McProxy.Platform.Host;
using McProxy.Platform.Interfaces;
using McProxy.Platform.Io;
using McProxy.Platform.Multicast;
using McProxy.Runtime;
using McProxy.Runtime.Control;
using McProxy.Runtime.Logging;
using McProxy.Runtime.Loop;

namespace McProxy;

/// <summary>
/// Entry: arguments → options → command. Every failure ends here as one clear line on stderr
/// and a sysexits code (the original printed errors on stdout and exited 0).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        finally
        {
            FdTextWriter.Out.Flush();
            FdTextWriter.Error.Flush();
        }
    }

    private static int Run(string[] args)
    {
        Options options;
        try
        {
            options = OptionParser.Parse(args, File.Exists);
        }
        catch (UsageException e)
        {
            FdTextWriter.Error.WriteLine($"mcproxy: {e.Message} (see -h)");
            return ExitCodes.Usage;
        }

        foreach (string warning in options.Warnings)
        {
            FdTextWriter.Error.WriteLine($"mcproxy: warning: {warning}");
        }

        try
        {
            return options.Command switch
            {
                Command.Help => Print(HelpText.Get(VersionInfo.Text)),
                Command.Version => Print($"mcproxy {VersionInfo.Text}\n"),
                Command.ConfigCheck => CheckConfig(options),
                Command.KernelCheck => KernelFeatureCheck.Run(FdTextWriter.Out) ? ExitCodes.Ok : ExitCodes.Unavailable,
                Command.Show => ControlClient.Run(options, FdTextWriter.Out, FdTextWriter.Error),
                Command.Reload => ControlClient.Run(options, FdTextWriter.Out, FdTextWriter.Error),
                _ => RunDaemon(options),
            };
        }
        catch (ConfigException e)
        {
            PrintDiagnostics(e);
            return ExitCodes.Config;
        }
        catch (ErrnoException e)
        {
            FdTextWriter.Error.WriteLine($"mcproxy: {e.Message}");
            return e.Errno is Errno.EADDRINUSE ? ExitCodes.Unavailable
                : e.Errno is Errno.EPERM or Errno.EACCES ? ExitCodes.NoPermission
                : ExitCodes.OsError;
        }
        catch (DaemonException e)
        {
            FdTextWriter.Error.WriteLine($"mcproxy: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug. The daemon's `using` has already torn down its kernel state on the way out;
            // say what happened and exit non-zero so procd respawns us.
            FdTextWriter.Error.WriteLine($"mcproxy: internal error: {e.GetType().Name}: {e.Message}");
            FdTextWriter.Error.WriteLine(e.StackTrace);
            return ExitCodes.Software;
        }
    }

    private static int Print(string text)
    {
        FdTextWriter.Out.Write(text);
        return ExitCodes.Ok;
    }

    private static void PrintDiagnostics(ConfigException e)
    {
        foreach (ConfigDiagnostic d in e.Diagnostics)
        {
            FdTextWriter.Error.WriteLine(d.ToString());
        }

        FdTextWriter.Error.WriteLine($"mcproxy: configuration has {e.Diagnostics.Count} error{(e.Diagnostics.Count == 1 ? "" : "s")}");
    }

    /// <summary>-t: no root, no kernel. Prints the canonical 1.x form of what was read.</summary>
    private static int CheckConfig(Options options)
    {
        ProxyConfig config = ConfigLoader.Load(options.ConfigPath);
        FdTextWriter.Out.Write(CanonicalWriter.Write(config));
        FdTextWriter.Error.WriteLine($"mcproxy: {options.ConfigPath}: configuration ok");
        return ExitCodes.Ok;
    }

    private static int RunDaemon(Options options)
    {
        if (Interop.Interop.Libc.EffectiveUserId != 0)
        {
            FdTextWriter.Error.WriteLine("mcproxy: the proxy must be started as root (it programs the kernel's multicast routing); " +
                "-h, -V, -c and -t work without root");
            return ExitCodes.NoPermission;
        }

        ProxyConfig config = ConfigLoader.Load(options.ConfigPath);
        if (config.Disabled)
        {
            FdTextWriter.Error.WriteLine("mcproxy: mcproxy is disabled (the configuration says 'disable')");
            return ExitCodes.Ok;
        }

        var log = new Log(new StderrLogSink(FdTextWriter.Error.IsTerminal), Log.LevelFor(options.Debug, options.Verbosity));
        using var daemon = new Daemon(options, config, log);
        return daemon.Run();
    }
}
