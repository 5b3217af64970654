using System.Collections.Generic;
using McProxy.Config.Draft;
using McProxy.Config.Model;

namespace McProxy.Config.Legacy;

/// <summary>
/// Parser of the mcproxy 1.x statement syntax (docs/behaviour.md §2.2) into a
/// <see cref="DraftConfig"/>:
/// <code>
/// command      = protocol | instance_def | table_def | binding | "disable"     ; separated by ';'
/// protocol     = "protocol" ("IGMPv1"|"IGMPv2"|"IGMPv3"|"MLDv1"|"MLDv2")
/// instance_def = "pinstance" NAME ["(" NUMBER ")"] ":" {IF} "==>" IF {IF}
/// table_def    = "table" NAME "{" {rule} "}"
/// binding      = "pinstance" NAME ("upstream"|"downstream") (IF|"*") ("in"|"out")
///                ( ("whitelist"|"blacklist") table_expr | "rulematching" ("all"|"first"|"mutex" NUMBER) )
/// table_expr   = "table" NAME | "table" [NAME] "{" {rule} "}"
/// rule         = [IF] "(" part "|" part ")" | "(" table_expr ")"
/// part         = "*" | ADDR | ADDR "/" N | ADDR "-" ADDR | ADDR "-" "*" | "*" "-" ADDR
/// </code>
/// Beyond the original: bare names may contain '-' and '.' (br-lan, eth0.2) and addresses may
/// start with "::". Each statement that fails is reported and skipped up to the next ';'.
/// </summary>
internal sealed partial class StatementParser
{
    private readonly List<Token> _tokens;
    private readonly DraftConfig _draft;
    private readonly DiagnosticBag _diagnostics;
    private int _index;

    private StatementParser(List<Token> tokens, DraftConfig draft, DiagnosticBag diagnostics)
    {
        _tokens = tokens;
        _draft = draft;
        _diagnostics = diagnostics;
    }

    public static DraftConfig Parse(string text, DiagnosticBag diagnostics)
    {
        var draft = new DraftConfig(diagnostics.File) { DefaultProtocol = ProtocolVersion.IGMPv3 };
        List<Token> tokens = Lexer.Tokenize(text, diagnostics);
        new StatementParser(tokens, draft, diagnostics).ParseAll();
        return draft;
    }

    /// <summary>The current token; past the end it stays the End token.</summary>
    private Token Current => _tokens[System.Math.Min(_index, _tokens.Count - 1)];

    private Token Peek(int ahead = 1) => _tokens[System.Math.Min(_index + ahead, _tokens.Count - 1)];

    private void ParseAll()
    {
        while (Current.Kind != TokenKind.End && !_diagnostics.IsFull)
        {
            if (Current.Kind == TokenKind.Semicolon)
            {
                _index++;
                continue;
            }

            try
            {
                ParseCommand();
                if (Current.Kind != TokenKind.End)
                {
                    Expect(TokenKind.Semicolon, "';' to end the statement");
                }
            }
            catch (SyntaxError e)
            {
                _diagnostics.Add(e.Pos, e.Message);
                SkipStatement();
            }
        }
    }

    private void SkipStatement()
    {
        while (Current.Kind is not (TokenKind.Semicolon or TokenKind.End))
        {
            _index++;
        }
    }

    private void ParseCommand()
    {
        Token t = Current;
        if (t.IsWord("protocol"))
        {
            ParseProtocol();
        }
        else if (t.IsWord("pinstance"))
        {
            ParsePinstance();
        }
        else if (t.IsWord("table"))
        {
            _index++;
            DraftName name = ExpectName("a table name");
            _draft.Tables.Add(ParseTableBody(name.Name, name.Pos));
        }
        else if (t.IsWord("disable"))
        {
            _index++;
            _draft.Disabled = true;
        }
        else if (t.Kind == TokenKind.RBrace)
        {
            throw new SyntaxError(t.Pos, "unexpected '}' without a matching '{'");
        }
        else
        {
            throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected 'protocol', 'pinstance', 'table' or 'disable'");
        }
    }

    private void ParseProtocol()
    {
        Token keyword = Current;
        _index++;
        Token value = Current;
        if (value.Kind != TokenKind.Word || !ProtocolNames.TryParse(value.Text, out ProtocolVersion version))
        {
            throw new SyntaxError(value.Pos, $"unexpected {value.Describe()}; expected {ProtocolNames.Expected}");
        }

        _index++;
        if (_draft.Protocol is not null)
        {
            throw new SyntaxError(keyword.Pos, $"protocol given twice (first at line {_draft.ProtocolPos.Line}); a file has one protocol");
        }

        _draft.Protocol = version;
        _draft.ProtocolPos = value.Pos;
    }

    private void ParsePinstance()
    {
        _index++;
        DraftName name = ExpectName("an instance name");
        Token t = Current;
        if (t.Kind is TokenKind.Colon or TokenKind.LParen)
        {
            ParseInstanceDefinition(name);
        }
        else if (t.IsWord("upstream") || t.IsWord("downstream"))
        {
            ParseBinding(name);
        }
        else
        {
            throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected ':', '(' or 'upstream'/'downstream' after the instance name");
        }
    }

    private void ParseInstanceDefinition(DraftName name)
    {
        var instance = new DraftInstance(name.Name, name.Pos);
        if (Current.Kind == TokenKind.LParen)
        {
            _index++;
            instance.TableNumberPos = Current.Pos;
            instance.TableNumber = ExpectNumber("a table number");
            Expect(TokenKind.RParen, "')' after the table number");
        }

        Expect(TokenKind.Colon, "':' after the instance name");
        while (Current.Kind != TokenKind.Arrow)
        {
            instance.Upstreams.Add(ExpectName("an upstream interface or '==>'"));
        }

        instance.DownstreamsPos = Current.Pos;
        _index++;
        while (Current.Kind is not (TokenKind.Semicolon or TokenKind.End))
        {
            CheckMissingSemicolon();
            instance.Downstreams.Add(ExpectName("a downstream interface"));
        }

        _draft.Instances.Add(instance);
    }

    /// <summary>
    /// Any word is a name in a downstream list, so a forgotten ';' would swallow the next
    /// statement: a statement keyword that starts a new line there is taken as that mistake.
    /// </summary>
    private void CheckMissingSemicolon()
    {
        Token t = Current;
        Token previous = _tokens[_index - 1];
        if (t.Pos.Line != previous.Pos.Line &&
            (t.IsWord("pinstance") || t.IsWord("table") || t.IsWord("protocol") || t.IsWord("disable")))
        {
            throw new SyntaxError(t.Pos, $"unexpected '{t.Text}' in the downstream list; expected ';' at the end of the previous line");
        }
    }

    private void ParseBinding(DraftName instance)
    {
        InterfaceRole role = Current.IsWord("upstream") ? InterfaceRole.Upstream : InterfaceRole.Downstream;
        _index++;
        SourcePos ifPos = Current.Pos;
        DraftName? iface = null;
        if (Current.Kind == TokenKind.Star)
        {
            _index++;
        }
        else
        {
            iface = ExpectName("an interface name or '*'");
        }

        FilterDirection direction = ExpectDirection();
        Token t = Current;
        if (t.IsWord("rulematching"))
        {
            _index++;
            ParseRuleMatching(instance, role, direction, t.Pos);
            return;
        }

        FilterKind kind = t.IsWord("whitelist") ? FilterKind.Whitelist
            : t.IsWord("blacklist") ? FilterKind.Blacklist
            : throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected 'whitelist', 'blacklist' or 'rulematching'");
        _index++;
        ParseFilterTable(out DraftName? reference, out DraftTable? inline);
        _draft.Bindings.Add(new DraftBinding
        {
            Instance = instance,
            Role = role,
            Interface = iface,
            InterfacePos = ifPos,
            Direction = direction,
            Kind = kind,
            TableRef = reference,
            Inline = inline,
        });
    }

    private FilterDirection ExpectDirection()
    {
        Token t = Current;
        _index++;
        return t.IsWord("in") ? FilterDirection.In
            : t.IsWord("out") ? FilterDirection.Out
            : throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected 'in' or 'out'");
    }

    private void ParseRuleMatching(DraftName instance, InterfaceRole role, FilterDirection direction, SourcePos pos)
    {
        Token t = Current;
        _index++;
        RuleMatching matching = t.IsWord("all") ? RuleMatching.All
            : t.IsWord("first") ? RuleMatching.First
            : t.IsWord("mutex") ? RuleMatching.Mutex
            : throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected 'all', 'first' or 'mutex'");
        int ms = matching == RuleMatching.Mutex ? ExpectNumber("the mutex time in milliseconds") : 0;
        _draft.RuleMatchings.Add(new DraftRuleMatching
        {
            Instance = instance,
            Role = role,
            Direction = direction,
            Matching = matching,
            MutexMs = ms,
            Pos = pos,
        });
    }

    /// <summary>"table NAME" (a reference) or "table [NAME] { rules }" (inline).</summary>
    private void ParseFilterTable(out DraftName? reference, out DraftTable? inline)
    {
        Token t = Current;
        if (!t.IsWord("table"))
        {
            throw new SyntaxError(t.Pos, $"unexpected {t.Describe()}; expected 'table'");
        }

        _index++;
        reference = null;
        inline = null;
        if (Current.Kind == TokenKind.LBrace)
        {
            inline = ParseTableBody(string.Empty, t.Pos);
            return;
        }

        DraftName name = ExpectName("a table name or '{'");
        if (Current.Kind == TokenKind.LBrace)
        {
            inline = ParseTableBody(name.Name, name.Pos);
        }
        else
        {
            reference = name;
        }
    }
}
