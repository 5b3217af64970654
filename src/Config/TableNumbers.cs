using System;
using System.Collections.Generic;
using McProxy.Config.Model;

namespace McProxy.Config;

/// <summary>
/// The kernel multicast routing table (MRT_TABLE) of each instance (docs/behaviour.md §3):
/// walk the instances in name order with one counter; "(N)" gives table N and sets the
/// counter to N, any other instance takes counter + 1. A lone instance without "(N)" uses
/// table 0, meaning the kernel's default table (no MRT_TABLE call).
/// </summary>
internal static class TableNumbers
{
    /// <summary>The kernel's id of the default multicast table (RT_TABLE_DEFAULT), which table 0 means.</summary>
    public const int KernelDefaultTable = 253;

    /// <summary>Table per instance, index-aligned with <see cref="ProxyConfig.Instances"/>.</summary>
    public static int[] Assign(ProxyConfig config)
    {
        var names = new string[config.Instances.Count];
        var numbers = new int?[config.Instances.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = config.Instances[i].Name;
            numbers[i] = config.Instances[i].TableNumber;
        }

        return Assign(names, numbers);
    }

    /// <summary>The same rule over parallel arrays (used by validation before the model exists).</summary>
    public static int[] Assign(IReadOnlyList<string> names, IReadOnlyList<int?> numbers)
    {
        var result = new int[names.Count];
        if (names.Count == 1 && numbers[0] is null)
        {
            return result;
        }

        int[] order = new int[names.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
        long counter = 0;
        foreach (int i in order)
        {
            counter = numbers[i] ?? (counter + 1);
            result[i] = (int)Math.Min(counter, int.MaxValue);
        }

        return result;
    }

    /// <summary>Table 0 and 253 are the same kernel table.</summary>
    public static int Effective(int table) => table == 0 ? KernelDefaultTable : table;
}
