namespace McProxy.Runtime.Loop;

/// <summary>Owner of a registered descriptor; drains it when readable (non-blocking, until EAGAIN).</summary>
internal interface IReadHandler
{
    void OnReadable(long now);
}
