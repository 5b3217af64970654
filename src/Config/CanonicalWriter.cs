using System.Text;
using McProxy.Config.Legacy;
using McProxy.Config.Model;

namespace McProxy.Config;

/// <summary>
/// Writes a model in canonical mcproxy 1.x syntax (what "mcproxy -t" prints). Reading the
/// output back gives an equal model, except for what 1.x cannot say, which is written as
/// "# " comment lines so nothing is silently lost: <see cref="ProxyConfig.Defaults"/>,
/// <see cref="ProxyConfig.InterfaceOverrides"/> and <see cref="ProxyConfig.ProxySsdp"/>.
/// Names that are not plain words (or are keywords) are quoted, so the original mcproxy
/// 1.1 can read the output as well (apart from IPv6 ranges starting with "::").
/// </summary>
internal static class CanonicalWriter
{
    public static string Write(ProxyConfig config)
    {
        var sb = new StringBuilder();
        sb.Append("protocol ").Append(config.Protocol.Name()).Append(";\n");
        IpFamily family = config.Protocol.Family();
        foreach (RuleTable table in config.Tables)
        {
            sb.Append('\n').Append("table ").Append(Name(table.Name)).Append(" {\n");
            foreach (Rule rule in table.Rules)
            {
                sb.Append("    ");
                AppendRule(sb, rule, family);
                sb.Append('\n');
            }

            sb.Append("};\n");
        }

        foreach (InstanceConfig instance in config.Instances)
        {
            sb.Append('\n');
            AppendInstance(sb, instance, config, family);
        }

        SettingsComments.Append(sb, config);
        if (config.Disabled)
        {
            sb.Append("\ndisable;\n");
        }

        return sb.ToString();
    }

    private static void AppendInstance(StringBuilder sb, InstanceConfig instance, ProxyConfig config, IpFamily family)
    {
        string name = Name(instance.Name);
        sb.Append("pinstance ").Append(name);
        if (instance.TableNumber is int n)
        {
            sb.Append('(').Append(n).Append(')');
        }

        sb.Append(':');
        foreach (string up in instance.Upstreams)
        {
            sb.Append(' ').Append(Name(up));
        }

        sb.Append(" ==>");
        foreach (string down in instance.Downstreams)
        {
            sb.Append(' ').Append(Name(down));
        }

        sb.Append(";\n");
        foreach (FilterBinding f in instance.Filters)
        {
            sb.Append("pinstance ").Append(name)
                .Append(f.Role == InterfaceRole.Upstream ? " upstream " : " downstream ")
                .Append(f.Interface is null ? "*" : Name(f.Interface))
                .Append(f.Direction == FilterDirection.In ? " in " : " out ")
                .Append(f.Kind == FilterKind.Whitelist ? "whitelist " : "blacklist ");
            AppendTableExpression(sb, f.Table, config, family);
            sb.Append(";\n");
        }

        foreach (RuleMatchingBinding m in instance.RuleMatchings)
        {
            sb.Append("pinstance ").Append(name).Append(" upstream *")
                .Append(m.Direction == FilterDirection.In ? " in" : " out")
                .Append(" rulematching ")
                .Append(m.Matching switch { RuleMatching.All => "all", RuleMatching.First => "first", _ => "mutex " + m.MutexMs })
                .Append(";\n");
        }
    }

    /// <summary>"table NAME" when it is the global table of that name, else an inline table.</summary>
    private static void AppendTableExpression(StringBuilder sb, RuleTable table, ProxyConfig config, IpFamily family)
    {
        foreach (RuleTable global in config.Tables)
        {
            if (global.Name.Length > 0 && global.Equals(table))
            {
                sb.Append("table ").Append(Name(table.Name));
                return;
            }
        }

        sb.Append("table ");
        if (table.Name.Length > 0)
        {
            sb.Append(Name(table.Name)).Append(' ');
        }

        sb.Append('{');
        foreach (Rule rule in table.Rules)
        {
            sb.Append(' ');
            AppendRule(sb, rule, family);
        }

        sb.Append(" }");
    }

    private static void AppendRule(StringBuilder sb, Rule rule, IpFamily family)
    {
        if (rule.Interface is not null)
        {
            sb.Append(Name(rule.Interface));
        }

        sb.Append('(');
        AppendRange(sb, rule.Group, family);
        sb.Append(" | ");
        AppendRange(sb, rule.Source, family);
        sb.Append(')');
    }

    /// <summary>"*", an address, "A/n" or "A - B"; what the parser reads back as the same range.</summary>
    public static void AppendRange(StringBuilder sb, AddrRange range, IpFamily family)
    {
        if (range.IsAll(family))
        {
            sb.Append('*');
            return;
        }

        int width = family == IpFamily.V4 ? 32 : 128;
        int n = AddrMath.PrefixLength(range);
        if (n == width && !range.Low.IsUnspecified)
        {
            sb.Append(range.Low.ToString());
        }
        else if (n >= 0)
        {
            sb.Append(range.Low.ToString()).Append('/').Append(n);
        }
        else
        {
            sb.Append(range.Low.ToString()).Append(" - ").Append(range.High.ToString());
        }
    }

    /// <summary>A bare word if the 1.x lexer reads it as a name, else quoted.</summary>
    public static string Name(string name)
    {
        bool plain = name.Length > 0 && !Keywords.IsKeyword(name);
        foreach (char c in name)
        {
            plain &= Lexer.IsWordChar(c);
        }

        return plain ? name : "\"" + name + "\"";
    }
}
