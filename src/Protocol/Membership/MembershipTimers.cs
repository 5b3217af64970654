using McProxy.Config.Model;

namespace McProxy.Protocol.Membership;

/// <summary>
/// The timer values in effect on one interface (RFC 3376 §8, RFC 3810 §9). Starts from the
/// configuration; as non-querier the robustness and query interval of the elected querier are
/// adopted (RFC 3376 §8.1, §8.2) and the configured ones restored when we are querier again.
/// Adopted values are clamped (docs/protocol-decisions.md): never below the configured ones,
/// so no querier can make groups expire or our silence end sooner than configured, and at
/// most twice the configured ones (robustness at most 7), so a forged QRV 7 / QQIC 255
/// cannot silence us or keep groups for 62 hours.
/// </summary>
internal sealed class MembershipTimers
{
    private readonly InterfaceSettings _settings;

    public MembershipTimers(InterfaceSettings settings)
    {
        _settings = settings;
        Restore();
    }

    public int Robustness { get; private set; }

    public long QueryIntervalMs { get; private set; }

    public long QueryResponseIntervalMs => _settings.QueryResponseIntervalMs;

    /// <summary>LMQI, at least 1 ms so retransmissions always move forward.</summary>
    public long LastMemberQueryIntervalMs => System.Math.Max(1, _settings.LastMemberQueryIntervalMs);

    public int LastMemberQueryCount => _settings.LastMemberQueryCount;

    /// <summary>GMI / MALI = QRV × QI + QRI (RFC 3376 §8.4, RFC 3810 §9.4).</summary>
    public long GroupMembershipIntervalMs => (Robustness * QueryIntervalMs) + QueryResponseIntervalMs;

    /// <summary>RFC 3376 §8.5: QRV × QI + QRI / 2.</summary>
    public long OtherQuerierPresentIntervalMs => (Robustness * QueryIntervalMs) + (QueryResponseIntervalMs / 2);

    /// <summary>RFC 3376 §8.13, RFC 3810 §9.12: QRV × QI + QRI.</summary>
    public long OlderHostPresentIntervalMs => GroupMembershipIntervalMs;

    /// <summary>LMQT = LMQI × LMQC (RFC 3376 §8.9).</summary>
    public long LastMemberQueryTimeMs => LastMemberQueryIntervalMs * LastMemberQueryCount;

    /// <summary>Largest adopted robustness: twice the configured one, within the 3-bit QRV field.</summary>
    public int MaxAdoptedRobustness => System.Math.Min(7, 2 * _settings.Robustness);

    /// <summary>Largest adopted query interval: twice the configured one.</summary>
    public long MaxAdoptedQueryIntervalMs => 2L * _settings.QueryIntervalMs;

    /// <summary>Adopts QRV and QQI of the querier's query, clamped; zero fields mean "use ours".</summary>
    public void Adopt(int robustness, int queryIntervalSeconds)
    {
        Robustness = robustness > 0
            ? System.Math.Clamp(robustness, _settings.Robustness, MaxAdoptedRobustness)
            : _settings.Robustness;
        QueryIntervalMs = queryIntervalSeconds > 0
            ? System.Math.Clamp(queryIntervalSeconds * 1000L, _settings.QueryIntervalMs, MaxAdoptedQueryIntervalMs)
            : _settings.QueryIntervalMs;
    }

    /// <summary>Back to the configured values (we are the querier).</summary>
    public void Restore()
    {
        Robustness = _settings.Robustness;
        QueryIntervalMs = _settings.QueryIntervalMs;
    }
}
