using McProxy.Runtime.Loop;
namespace McProxy.Runtime.Control;

/// <summary>What a control client asks for.</summary>
internal enum ControlVerb : byte
{
    Show,
    Reload,
}
