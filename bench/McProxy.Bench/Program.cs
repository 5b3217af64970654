using System;
using System.Collections.Generic;
using System.Linq;

namespace McProxy.Bench;

/// <summary>Runs the benchmark named on the command line, or all of them.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        List<IBench> all = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IBench).IsAssignableFrom(t) && t.IsClass && !t.IsAbstract)
            .Select(t => (IBench)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        string? wanted = args.Length > 0 ? args[0] : null;
        List<IBench> selected = wanted is null ? all : all.Where(b => string.Equals(b.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (selected.Count == 0)
        {
            Console.Error.WriteLine($"unknown benchmark '{wanted}'; available: {string.Join(", ", all.Select(b => b.Name))}");
            return 64;
        }

        string[] rest = args.Length > 0 ? args[1..] : args;
        foreach (IBench bench in selected)
        {
            Console.WriteLine($"== {bench.Name}");
            bench.Run(rest);
        }

        return 0;
    }
}
