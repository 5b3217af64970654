using System.Collections.Generic;
using McProxy.Config.Draft;

namespace McProxy.Config;

/// <summary>Collects diagnostics of one file so that several errors are reported at once.</summary>
internal sealed class DiagnosticBag
{
    /// <summary>Stop collecting after this many; a broken file should not flood the terminal.</summary>
    public const int Limit = 100;

    private readonly List<ConfigDiagnostic> _items = new();

    public DiagnosticBag(string file)
    {
        File = file;
    }

    public string File { get; }

    public int Count => _items.Count;

    public bool IsFull => _items.Count >= Limit;

    public IReadOnlyList<ConfigDiagnostic> Items => _items;

    public void Add(SourcePos pos, string message)
    {
        if (!IsFull)
        {
            _items.Add(new ConfigDiagnostic(File, pos.Line, pos.Column, message));
        }
    }

    /// <summary>Throws a <see cref="ConfigException"/> carrying everything collected, if anything was.</summary>
    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            // Stable order by place: errors found by different passes read top to bottom. (An
            // insertion sort, stable, instead of LINQ OrderBy/ThenBy: those go through a generic
            // virtual method that makes the AOT binary carry the runtime type loader.)
            ConfigDiagnostic[] sorted = _items.ToArray();
            for (int i = 1; i < sorted.Length; i++)
            {
                ConfigDiagnostic d = sorted[i];
                int j = i - 1;
                while (j >= 0 && (sorted[j].Line > d.Line || (sorted[j].Line == d.Line && sorted[j].Column > d.Column)))
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }

                sorted[j + 1] = d;
            }

            throw new ConfigException(sorted);
        }
    }
}
