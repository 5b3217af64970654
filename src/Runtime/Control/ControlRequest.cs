using System;
using McProxy.Runtime.Loop;
using McProxy.Runtime.Status;

namespace McProxy.Runtime.Control;

/// <summary>
/// One request on the control socket, a single line: "show SECTION text|json DETAIL" or "reload".
/// Plain text so an administrator can also talk to the socket with socat.
/// </summary>
internal sealed record ControlRequest(ControlVerb Verb, StatusSection Section, bool Json, int Detail)
{
    /// <summary>The longest line a client may send (anything longer is refused).</summary>
    public const int MaxLength = 256;

    public static ControlRequest Reload { get; } = new(ControlVerb.Reload, StatusSection.Status, false, 0);

    public static ControlRequest Show(StatusSection section, bool json, int detail) =>
        new(ControlVerb.Show, section, json, Math.Clamp(detail, 0, 2));

    public string Format() => Verb == ControlVerb.Reload
        ? "reload\n"
        : $"show {Section.Name()} {(Json ? "json" : "text")} {Detail}\n";

    /// <summary>Parses one line (without its newline); "show" alone means "show status text 0".</summary>
    public static bool TryParse(string line, out ControlRequest request)
    {
        request = Reload;
        string[] words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && words[0] == "reload")
        {
            return true;
        }

        if (words.Length is < 1 or > 4 || words[0] != "show")
        {
            return false;
        }

        StatusSection section = StatusSection.Status;
        if (words.Length > 1 && !StatusSectionExtensions.TryParse(words[1], out section))
        {
            return false;
        }

        bool json = false;
        if (words.Length > 2)
        {
            if (words[2] is not ("text" or "json"))
            {
                return false;
            }

            json = words[2] == "json";
        }

        int detail = 0;
        if (words.Length > 3 && !(int.TryParse(words[3], out detail) && detail >= 0))
        {
            return false;
        }

        request = Show(section, json, detail);
        return true;
    }
}
