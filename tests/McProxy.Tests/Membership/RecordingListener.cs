using System.Collections.Generic;
using McProxy.Protocol;

namespace McProxy.Tests.Membership;

internal sealed class RecordingListener : IMembershipListener
{
    public List<(int InterfaceId, Addr Group)> Changes { get; } = new();

    public void OnMembershipChanged(int interfaceId, Addr group) => Changes.Add((interfaceId, group));
}
