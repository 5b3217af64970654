using System;
using System.Collections.Generic;

namespace McProxy.Cli;

/// <summary>
/// getopt(3)-style parsing of mcproxy's options ("hrdsvcf:" plus our additions), as users type
/// them: bundles (-dsvv), attached or separate arguments (-fFILE, -f FILE), "--" ends options.
/// Long options: --help, --version, --json (with show). Subcommands: show, reload.
/// </summary>
internal static class OptionParser
{
    // Flags that take an argument.
    private const string WithArgument = "fu";

    // Flags that take none.
    private const string Flags = "hVrdsvct";

    /// <param name="fileExists">Tells whether a path names an existing file (for the old "-c FILE").</param>
    public static Options Parse(IReadOnlyList<string> args, Func<string, bool> fileExists)
    {
        var warnings = new List<string>();
        Command command = Command.Run;
        string? config = null;
        string? user = null;
        bool help = false, version = false, kernelCheck = false, configCheck = false;
        bool reset = false, debug = false, status = false, json = false;
        int verbosity = 0;
        var operands = new List<string>();

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                for (i++; i < args.Count; i++)
                {
                    operands.Add(args[i]);
                }

                break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                switch (arg)
                {
                    case "--help": help = true; break;
                    case "--version": version = true; break;
                    case "--json": json = true; break;
                    default: throw new UsageException($"unknown option '{arg}'");
                }

                continue;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                operands.Add(arg);
                continue;
            }

            for (int j = 1; j < arg.Length; j++)
            {
                char flag = arg[j];
                if (WithArgument.IndexOf(flag) >= 0)
                {
                    string value;
                    if (j + 1 < arg.Length)
                    {
                        value = arg[(j + 1)..];
                    }
                    else if (i + 1 < args.Count)
                    {
                        value = args[++i];
                    }
                    else
                    {
                        throw new UsageException($"option -{flag} needs an argument");
                    }

                    if (flag == 'f')
                    {
                        config = value;
                    }
                    else
                    {
                        user = value;
                    }

                    break;
                }

                if (Flags.IndexOf(flag) < 0)
                {
                    throw new UsageException($"unknown option '-{flag}'");
                }

                switch (flag)
                {
                    case 'h': help = true; break;
                    case 'V': version = true; break;
                    case 'r': reset = true; break;
                    case 'd': debug = true; break;
                    case 's': status = true; break;
                    case 'v': verbosity++; break;
                    case 't': configCheck = true; break;
                    case 'c':
                        // 0.x releases read the configuration file after -c (the old Startup Guide says
                        // "mcproxy -svv -c <configfile>"); since 1.0, -c is the kernel check. An existing
                        // file right after a trailing -c keeps those users working.
                        if (j == arg.Length - 1 && i + 1 < args.Count && !args[i + 1].StartsWith('-') && fileExists(args[i + 1]))
                        {
                            config = args[++i];
                            warnings.Add($"'-c {config}' is deprecated (0.x syntax); use '-f {config}'");
                        }
                        else
                        {
                            kernelCheck = true;
                        }

                        break;
                }
            }
        }

        string? showWhat = null;
        if (operands.Count > 0)
        {
            switch (operands[0])
            {
                case "show":
                    command = Command.Show;
                    showWhat = operands.Count > 1 ? operands[1] : "status";
                    if (showWhat is not ("status" or "groups" or "routes" or "interfaces"))
                    {
                        throw new UsageException($"show what? '{showWhat}' (status, groups, routes or interfaces)");
                    }

                    if (operands.Count > 2)
                    {
                        throw new UsageException($"unexpected argument '{operands[2]}'");
                    }

                    break;
                case "reload":
                    command = Command.Reload;
                    if (operands.Count > 1)
                    {
                        throw new UsageException($"unexpected argument '{operands[1]}'");
                    }

                    break;
                default:
                    throw new UsageException($"unexpected argument '{operands[0]}'");
            }
        }
        else if (json)
        {
            throw new UsageException("--json goes with 'show'");
        }

        // Precedence as in mcproxy: help first, then version, then the checks.
        if (help)
        {
            command = Command.Help;
        }
        else if (version)
        {
            command = Command.Version;
        }
        else if (command == Command.Run && kernelCheck)
        {
            command = Command.KernelCheck;
        }
        else if (command == Command.Run && configCheck)
        {
            command = Command.ConfigCheck;
        }

        return new Options(command, config ?? Options.DefaultConfigPath, config is not null, reset, debug, status,
            verbosity, user, showWhat, json, warnings);
    }
}
