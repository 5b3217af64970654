namespace McProxy.Cli;

/// <summary>sysexits.h codes, so init scripts and users can tell failures apart
/// (the original exited 0 on every error).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Software = 70;
    public const int Usage = 64;
    public const int Unavailable = 69;
    public const int OsError = 71;
    public const int NoPermission = 77;
    public const int Config = 78;
}
