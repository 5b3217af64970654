using System.Text;
using System.Text.Json;
using McProxy.Runtime.Status;
using Xunit;

namespace McProxy.Tests.Status;

public class JsonTextWriterTests
{
    [Fact]
    public void WritesValidJsonWithEscapes()
    {
        var w = new JsonTextWriter();
        w.WriteStartObject();
        w.WriteString("quote", "a \"b\" \\ c\n\t\u0001 é");
        w.WriteNumber("big", ulong.MaxValue);
        w.WriteNumber("neg", -5);
        w.WriteBoolean("yes", true);
        w.WriteNull("nothing");
        w.WriteString("null string", null);
        w.WriteStartArray("empty");
        w.WriteEndArray();
        w.WriteStartArray("list");
        w.WriteStringValue("x");
        w.WriteStartObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("nested");
        w.WriteNumber("n", 1);
        w.WriteEndObject();
        w.WriteEndObject();

        using JsonDocument doc = JsonDocument.Parse(Encoding.UTF8.GetString(w.ToUtf8()));
        JsonElement root = doc.RootElement;
        Assert.Equal("a \"b\" \\ c\n\t\u0001 é", root.GetProperty("quote").GetString());
        Assert.Equal(ulong.MaxValue, root.GetProperty("big").GetUInt64());
        Assert.Equal(-5, root.GetProperty("neg").GetInt32());
        Assert.True(root.GetProperty("yes").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("nothing").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("null string").ValueKind);
        Assert.Equal(0, root.GetProperty("empty").GetArrayLength());
        Assert.Equal(2, root.GetProperty("list").GetArrayLength());
        Assert.Equal(1, root.GetProperty("nested").GetProperty("n").GetInt32());
    }
}
