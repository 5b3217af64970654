namespace McProxy.Net;

/// <summary>Router-side filter mode of a group on an interface (RFC 3376 §6.2.1).</summary>
internal enum FilterMode : byte
{
    Include,
    Exclude,
}
