namespace McProxy.Cli;

/// <summary>The -h text: mcproxy's usage lines, plus what McProxy adds.</summary>
internal static class HelpText
{
    public static string Get(string version) =>
$@"McProxy {version} - IGMP/MLD multicast proxy (RFC 4605)

Usage:
  mcproxy [-h] [-V]
  mcproxy [-c]
  mcproxy -t [-f <config file>]
  mcproxy [-r] [-d] [-s] [-v [-v]] [-u <user>] [-f <config file>]
  mcproxy show status|groups|routes|interfaces [--json]
  mcproxy reload

	-h, --help
		Display this help screen.
	-V, --version
		Print the version and exit.
	-c
		Check the currently available kernel features.
	-t
		Check the configuration file, print it in canonical form and exit
		(0 = valid, 78 = errors, each shown as file:line:column).
	-r
		Reset the reverse path filter flag on the upstreams, to accept
		data from foreign subnets (restored on exit, or by the next
		start after a crash).
	-d
		Debug logging.
	-s
		Print proxy status information repeatedly.
	-v
		Be verbose. Give twice to see even more messages.
	-u <user>
		Drop to this user after setup, keeping only CAP_NET_ADMIN and CAP_NET_RAW.
	-f <config file>
		The configuration file (mcproxy.conf syntax of 0.x or 1.x, or TOML).
		Default: {Options.DefaultConfigPath}

'show' and 'reload' talk to the running daemon's control socket (root only):
/var/run/mcproxy.sock (IGMP configurations) and /var/run/mcproxy6.sock (MLD);
the environment variable MCPROXY_SOCKET names another path.

Exit codes: 0 ok, 64 usage, 69 unavailable (multicast routing table in use, or no
daemon answering on the control socket), 70 internal error, 71 OS error,
77 not root, 78 configuration error.
";
}
