namespace McProxy.Net;

/// <summary>The group management protocol an instance speaks on its downstreams.</summary>
internal enum ProtocolVersion : byte
{
    IGMPv1 = 1,
    IGMPv2 = 2,
    IGMPv3 = 3,
    MLDv1 = 11,
    MLDv2 = 12,
}

internal static class ProtocolVersionExtensions
{
    public static IpFamily Family(this ProtocolVersion v) =>
        v is ProtocolVersion.MLDv1 or ProtocolVersion.MLDv2 ? IpFamily.V6 : IpFamily.V4;

    /// <summary>1, 2 or 3 for IGMP; 1 or 2 for MLD.</summary>
    public static int Number(this ProtocolVersion v) => v switch
    {
        ProtocolVersion.IGMPv1 => 1,
        ProtocolVersion.IGMPv2 => 2,
        ProtocolVersion.IGMPv3 => 3,
        ProtocolVersion.MLDv1 => 1,
        _ => 2,
    };

    /// <summary>True for the versions with source filtering (IGMPv3, MLDv2).</summary>
    public static bool IsSourceFiltering(this ProtocolVersion v) =>
        v is ProtocolVersion.IGMPv3 or ProtocolVersion.MLDv2;

    public static string Name(this ProtocolVersion v) => v switch
    {
        ProtocolVersion.IGMPv1 => "IGMPv1",
        ProtocolVersion.IGMPv2 => "IGMPv2",
        ProtocolVersion.IGMPv3 => "IGMPv3",
        ProtocolVersion.MLDv1 => "MLDv1",
        _ => "MLDv2",
    };
}
