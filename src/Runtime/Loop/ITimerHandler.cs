namespace McProxy.Runtime.Loop;

/// <summary>Owner of a <see cref="Timer"/>; called when its deadline has passed.</summary>
internal interface ITimerHandler
{
    void OnTimer(long now);
}
