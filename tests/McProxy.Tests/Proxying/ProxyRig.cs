using McProxy.Config.Model;
using McProxy.Protocol.Proxying;

namespace McProxy.Tests.Proxying;

/// <summary>A ProxyInstance wired to recording fakes, with a fake view attached to every downstream and every interface up.</summary>
internal sealed class ProxyRig
{
    public ProxyRig(InstanceConfig config, bool proxySsdp = false, ProxyOptions? options = null)
    {
        Proxy = new ProxyInstance(config, proxySsdp, Up, Routes, options);
        Views = new FakeView[Proxy.InterfaceCount];
        for (int id = 0; id < Proxy.InterfaceCount; id++)
        {
            Views[id] = new FakeView();
            if (Proxy.IsDownstream(id))
            {
                Proxy.AttachDownstream(id, Views[id]);
            }

            Proxy.OnInterfaceUp(id);
        }
    }

    public RecordingUpstream Up { get; } = new();

    public RecordingRoutes Routes { get; } = new();

    public ProxyInstance Proxy { get; }

    public FakeView[] Views { get; }

    public int Id(string name) => Proxy.IdOf(name);

    public uint Bit(string name) => 1u << Id(name);

    public void Join(string iface, string group, string mode, string sources = "")
    {
        Views[Id(iface)].Set(Addr.Parse(group), ProxyTestHelpers.Mode(mode), ProxyTestHelpers.As(sources));
        Proxy.OnMembershipChanged(Id(iface), Addr.Parse(group));
    }

    public void Leave(string iface, string group)
    {
        Views[Id(iface)].Remove(Addr.Parse(group));
        Proxy.OnMembershipChanged(Id(iface), Addr.Parse(group));
    }

    /// <summary>The subscription last sent for (upstream, group).</summary>
    public string Sub(string upstream, string group) => Up.Last(Id(upstream), Addr.Parse(group));

    public void Data(long now, string source, string group, string input) =>
        Proxy.OnDataArrived(now, Addr.Parse(source), Addr.Parse(group), Id(input));

    public uint Mask(string source, string group, string input) =>
        Routes.MaskOf(Addr.Parse(source), Addr.Parse(group), Id(input));
}
