using McProxy.Runtime.Loop;
namespace McProxy.Runtime.Status;

/// <summary>What to render: everything (-s, SIGUSR1, 'show status') or one part ('show groups' ...).</summary>
internal enum StatusSection : byte
{
    Status,
    Groups,
    Routes,
    Interfaces,
}
