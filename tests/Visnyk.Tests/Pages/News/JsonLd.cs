using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Visnyk.Tests.Pages.News;

// JSON-LD read by a JSON-LD processor (jsonld.js from tests/tools, with schema.org's context served
// from a local file), so a property named "type" instead of "@type" shows as an untyped node.
public static class JsonLd
{
    public const string Schema = "http://schema.org/";

    public static async Task<JsonElement> ExpandAsync(string json)
    {
        var start = new ProcessStartInfo("node", [TestTools.Require(TestTools.InRepo("tests", "tools", "jsonld-expand.cjs"))])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        TestTools.NodeModule("jsonld", "package.json");
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(json);
        node.StandardInput.Close();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"jsonld.expand failed (exit {node.ExitCode}): {await errors}\n{json}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    // Every node object in an expanded document: anything with a property of its own, so a bare
    // {"@id": …} reference and {"@value": …} literals are not nodes.
    public static IEnumerable<JsonElement> Nodes(JsonElement expanded)
    {
        switch (expanded.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in expanded.EnumerateArray())
                {
                    foreach (var node in Nodes(item)) yield return node;
                }
                break;
            case JsonValueKind.Object when !expanded.TryGetProperty("@value", out _):
                if (expanded.EnumerateObject().Any(p => !p.Name.StartsWith('@')))
                {
                    yield return expanded;
                }
                foreach (var property in expanded.EnumerateObject().Where(p => p.Name is not "@type" and not "@id"))
                {
                    foreach (var node in Nodes(property.Value)) yield return node;
                }
                break;
        }
    }

    public static IReadOnlyList<string> Types(JsonElement node) =>
        node.TryGetProperty("@type", out var types) ? types.EnumerateArray().Select(t => t.GetString()!.Replace(Schema, "")).ToList() : [];

    public static IReadOnlyList<JsonElement> Values(JsonElement node, string property) =>
        node.TryGetProperty(Schema + property, out var values) ? values.EnumerateArray().ToList() : [];

    public static string? Value(JsonElement node, string property) =>
        Values(node, property).Select(v => v.TryGetProperty("@value", out var value) ? value.ToString() : v.GetProperty("@id").GetString()).FirstOrDefault();
}
