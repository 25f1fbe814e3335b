using System;
using System.Collections.Generic;
using System.Text.Json;
using SpecGuard.Core.Schema;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>The schema is read by SpecGuard's own reader and interpreted by SchemaValidator: no keyword may be ignored.</summary>
public sealed class SchemaReaderTests
{
    [Fact]
    public void The_validator_implements_every_keyword_the_schema_uses()
    {
        Assert.Empty(SpecSchema.Document.UnsupportedKeywords);
    }

    [Theory]
    [InlineData("""{"type": "object", "properties": {"a": {"const": 1}}}""", "#/properties/a: const")]
    [InlineData("""{"type": "string", "maxLength": 3}""", "#: maxLength")]
    [InlineData("""{"additionalProperties": {"type": "string"}}""", "#/additionalProperties: a schema (only true/false is implemented)")]
    [InlineData("""{"definitions": {"a": {"anyOf": []}}}""", "#/definitions/a: anyOf")]
    [InlineData("""{"items": [{"type": "string"}]}""", "#/items: tuple items (only one schema is implemented)")]
    [InlineData("""{"$ref": "#/definitions/missing"}""", "$ref #/definitions/missing")]
    [InlineData("""{"type": "date"}""", "#/type: unknown type date")]
    public void A_keyword_the_validator_does_not_implement_is_reported(string schema, string expected)
    {
        Assert.Contains(expected, SchemaDocument.Parse(schema).UnsupportedKeywords);
    }

    [Fact]
    public void The_reader_reads_the_published_schema_as_System_Text_Json_does()
    {
        // Every string, number and nesting the schema holds, compared with a reference parser.
        object? ours = SchemaJson.Parse(SpecSchema.Text);
        using JsonDocument reference = JsonDocument.Parse(SpecSchema.Text);

        AssertSame(reference.RootElement, ours, "#");
    }

    [Theory]
    [InlineData("""{"a": "\u00e9\n\"\\\/"}""")]
    [InlineData("""[1, -2, 2.5, 1e3, true, false, null, [], {}]""")]
    public void The_reader_handles_escapes_numbers_and_literals(string json)
    {
        using JsonDocument reference = JsonDocument.Parse(json);

        AssertSame(reference.RootElement, SchemaJson.Parse(json), "#");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"a" 1}""")]
    [InlineData("[1,]")]
    [InlineData("""{"a": tru}""")]
    [InlineData("1 2")]
    public void Malformed_json_is_refused(string json)
    {
        Assert.Throws<FormatException>(() => SchemaJson.Parse(json));
    }

    private static void AssertSame(JsonElement expected, object? actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var members = Assert.IsType<List<KeyValuePair<string, object?>>>(actual);
                int index = 0;
                foreach (JsonProperty property in expected.EnumerateObject())
                {
                    Assert.True(index < members.Count, path + ": missing " + property.Name);
                    Assert.Equal(property.Name, members[index].Key);
                    AssertSame(property.Value, members[index].Value, path + "/" + property.Name);
                    index++;
                }

                Assert.Equal(index, members.Count);
                break;
            case JsonValueKind.Array:
                var items = Assert.IsType<List<object?>>(actual);
                Assert.Equal(expected.GetArrayLength(), items.Count);
                int i = 0;
                foreach (JsonElement item in expected.EnumerateArray())
                {
                    AssertSame(item, items[i], path + "/" + i);
                    i++;
                }

                break;
            case JsonValueKind.String:
                Assert.Equal(expected.GetString(), actual);
                break;
            case JsonValueKind.Number:
                if (expected.TryGetInt64(out long integer))
                {
                    Assert.Equal(integer, actual);
                }
                else
                {
                    Assert.Equal(expected.GetDouble(), Assert.IsType<double>(actual));
                }

                break;
            case JsonValueKind.True:
                Assert.Equal(true, actual);
                break;
            case JsonValueKind.False:
                Assert.Equal(false, actual);
                break;
            default:
                Assert.Null(actual);
                break;
        }
    }
}
