using System.Collections.Generic;
using McProxy.Config.Draft;

namespace McProxy.Config.Legacy;

/// <summary>
/// Reader of the 0.1.5/1.0.0 line syntax (docs/behaviour.md §2.4):
/// <code>
/// line := "protocol" PROTO | UPSTREAM "==>" DOWNSTREAM {DOWNSTREAM} | ""     ; "#..." ends a line
/// </code>
/// One line is one instance with exactly one upstream, named after that upstream (upstream
/// names are unique because an interface may be used only once). A file without a protocol
/// line is IGMPv2, the 0.1.5 default (1.0.0 changed it to MLDv2, but every legacy file in
/// the wild that omits the line was written for 0.x, which only ran IGMPv2 and MLDv1).
/// </summary>
internal static class LineSyntaxReader
{
    public static DraftConfig Parse(string text, DiagnosticBag diagnostics)
    {
        var draft = new DraftConfig(diagnostics.File) { DefaultProtocol = ProtocolVersion.IGMPv2 };
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            List<DraftName> words = Words(line, lineNumber);
            if (words.Count > 0)
            {
                ParseLine(words, draft, diagnostics);
            }
        }

        return draft;
    }

    /// <summary>True if every non-comment line is "protocol X" or "A ==> ..." and nothing holds ';'.</summary>
    public static bool LooksLikeLineSyntax(string text)
    {
        bool any = false;
        foreach (string line in text.Split('\n'))
        {
            List<DraftName> words = Words(line, 0);
            if (words.Count == 0)
            {
                continue;
            }

            bool isProtocol = words.Count >= 2 && words[0].Name == "protocol";
            bool isInstance = words.Count >= 2 && words[1].Name == "==>" && words[0].Name != "==>";
            if (!(isProtocol || isInstance) || line.IndexOf(';') >= 0 && line.IndexOf(';') < CommentStart(line))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static void ParseLine(List<DraftName> words, DraftConfig draft, DiagnosticBag diagnostics)
    {
        DraftName first = words[0];
        if (first.Name == "protocol")
        {
            ParseProtocol(words, draft, diagnostics);
            return;
        }

        if (words.Count < 2 || words[1].Name != "==>")
        {
            SourcePos at = words.Count < 2 ? first.Pos : words[1].Pos;
            diagnostics.Add(at, $"syntax error: expected \"UPSTREAM ==> DOWNSTREAM...\" or \"protocol PROTO\", got '{(words.Count < 2 ? first.Name : words[1].Name)}'");
            return;
        }

        var instance = new DraftInstance(first.Name, first.Pos) { DownstreamsPos = words[1].Pos };
        instance.Upstreams.Add(first);
        for (int i = 2; i < words.Count; i++)
        {
            if (words[i].Name == "==>")
            {
                diagnostics.Add(words[i].Pos, "syntax error: a line has one '==>'; expected a downstream interface");
                return;
            }

            instance.Downstreams.Add(words[i]);
        }

        draft.Instances.Add(instance);
    }

    private static void ParseProtocol(List<DraftName> words, DraftConfig draft, DiagnosticBag diagnostics)
    {
        if (words.Count < 2 || !ProtocolNames.TryParse(words[1].Name, out ProtocolVersion version))
        {
            SourcePos at = words.Count < 2 ? words[0].Pos : words[1].Pos;
            diagnostics.Add(at, $"expected {ProtocolNames.Expected} after 'protocol'");
            return;
        }

        if (words.Count > 2)
        {
            diagnostics.Add(words[2].Pos, $"too many arguments: '{words[2].Name}'; expected the end of the line");
        }

        if (draft.Protocol is not null)
        {
            diagnostics.Add(words[0].Pos, $"protocol given twice (first at line {draft.ProtocolPos.Line}); a file has one protocol");
            return;
        }

        draft.Protocol = version;
        draft.ProtocolPos = words[1].Pos;
    }

    /// <summary>Whitespace-separated words up to a word starting with '#', with their columns.</summary>
    private static List<DraftName> Words(string line, int lineNumber)
    {
        var words = new List<DraftName>();
        int i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }

            if (line[i] == '#')
            {
                break;
            }

            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            words.Add(new DraftName(line[start..i], new SourcePos(lineNumber, start + 1)));
        }

        return words;
    }

    private static int CommentStart(string line)
    {
        int hash = line.IndexOf('#');
        return hash < 0 ? line.Length : hash;
    }
}
