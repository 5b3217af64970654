using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McProxy.Cli;

/// <summary>The version line: the package version first (OpenWrt's CI looks for it), then the
/// runtime the binary was built for, e.g. "0.1.0 (.NET 9.0.20 Native AOT, linux-x64)".</summary>
internal static class VersionInfo
{
    public static string Text
    {
        get
        {
            Version? v = typeof(VersionInfo).Assembly.GetName().Version;
            string version = v is null ? "0.0.0" : $"{v.Major}.{v.Minor}.{v.Build}";
            string aot = RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT";
            return $"{version} ({RuntimeInformation.FrameworkDescription} {aot}, {RuntimeInformation.RuntimeIdentifier})";
        }
    }
}
