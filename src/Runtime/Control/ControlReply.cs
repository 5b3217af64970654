using System;
using System.Text;
using McProxy.Runtime.Loop;

namespace McProxy.Runtime.Control;

/// <summary>
/// The daemon's answer: a header line "OK LENGTH" or "ERROR EXITCODE LENGTH", then LENGTH bytes
/// of body (the text, the JSON, or the diagnostics), then the daemon closes the connection. The
/// length lets the client tell a complete answer from a cut one.
/// </summary>
internal sealed record ControlReply(int ExitCode, byte[] Body)
{
    public bool IsOk => ExitCode == 0;

    public static ControlReply Ok(string text) => new(0, Encoding.UTF8.GetBytes(text));

    public static ControlReply Ok(byte[] body) => new(0, body);

    public static ControlReply Error(int exitCode, string text) => new(exitCode, Encoding.UTF8.GetBytes(text));

    public byte[] Encode()
    {
        string header = IsOk ? $"OK {Body.Length}\n" : $"ERROR {ExitCode} {Body.Length}\n";
        byte[] bytes = new byte[Encoding.ASCII.GetByteCount(header) + Body.Length];
        int n = Encoding.ASCII.GetBytes(header, bytes);
        Body.CopyTo(bytes, n);
        return bytes;
    }

    /// <summary>Decodes a whole answer; false (with a reason) when it is malformed or cut short.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out ControlReply reply, out string problem)
    {
        reply = new ControlReply(0, Array.Empty<byte>());
        int eol = data.IndexOf((byte)'\n');
        if (eol < 0)
        {
            problem = data.Length == 0 ? "the daemon closed the connection without an answer" : "malformed answer";
            return false;
        }

        string[] words = Encoding.ASCII.GetString(data[..eol]).Split(' ');
        ReadOnlySpan<byte> body = data[(eol + 1)..];
        bool ok = words.Length == 2 && words[0] == "OK";
        bool error = words.Length == 3 && words[0] == "ERROR";
        int code = 0;
        if (!(ok || error) || !int.TryParse(words[^1], out int length) || (error && !int.TryParse(words[1], out code)))
        {
            problem = "malformed answer";
            return false;
        }

        if (body.Length != length)
        {
            problem = $"the answer was cut short ({body.Length} of {length} bytes; too large for the socket buffer?)";
            return false;
        }

        reply = new ControlReply(ok ? 0 : Math.Max(1, code), body.ToArray());
        problem = string.Empty;
        return true;
    }
}
