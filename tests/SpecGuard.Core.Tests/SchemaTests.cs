using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Core.Schema;
using Xunit;

namespace SpecGuard.Core.Tests;

public sealed class SchemaTests
{
    private static readonly string Published = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specguard.schema.json"));

    [Fact]
    public void The_embedded_schema_is_the_published_file()
    {
        Assert.Equal(Published, SpecSchema.Text);
    }

    [Fact]
    public void The_schema_is_draft_07()
    {
        using JsonDocument schema = JsonDocument.Parse(Published);

        Assert.Equal("http://json-schema.org/draft-07/schema#", schema.RootElement.GetProperty("$schema").GetString());
    }

    [Verifies(SpecGuard.Specs.SchemaCriteria.SCHEMA_002)]
    [Fact]
    public void Every_object_is_closed_and_every_property_is_described()
    {
        using JsonDocument schema = JsonDocument.Parse(Published);
        var problems = new List<string>();

        Walk(schema.RootElement, "#", problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_enum_is_closed_and_patterns_carry_a_readable_message()
    {
        using JsonDocument schema = JsonDocument.Parse(Published);
        var problems = new List<string>();

        Visit(schema.RootElement, "#", (element, path) =>
        {
            if (element.TryGetProperty("pattern", out _) && !element.TryGetProperty("patternErrorMessage", out _))
            {
                problems.Add(path + ": pattern without patternErrorMessage");
            }

            if (element.TryGetProperty("enum", out JsonElement values) && values.GetArrayLength() == 0)
            {
                problems.Add(path + ": empty enum");
            }
        });

        Assert.Empty(problems);
    }

    private static void Walk(JsonElement element, string path, List<string> problems)
    {
        Visit(element, path, (node, at) =>
        {
            if (node.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object" &&
                !(node.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind == JsonValueKind.False))
            {
                problems.Add(at + ": object schema without additionalProperties: false");
            }

            if (node.TryGetProperty("properties", out JsonElement properties))
            {
                foreach (JsonProperty property in properties.EnumerateObject())
                {
                    if (!HasDescription(property.Value))
                    {
                        problems.Add(at + "/properties/" + property.Name + ": no description");
                    }
                }
            }
        });

        bool HasDescription(JsonElement property)
        {
            if (property.TryGetProperty("description", out _))
            {
                return true;
            }

            // A property that only references a definition shows that definition's description.
            return property.TryGetProperty("$ref", out JsonElement reference) &&
                element.GetProperty("definitions").GetProperty(reference.GetString()!.Split('/').Last()).TryGetProperty("description", out _);
        }
    }

    private static void Visit(JsonElement element, string path, Action<JsonElement, string> visit)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            visit(element, path);
            foreach (JsonProperty child in element.EnumerateObject())
            {
                Visit(child.Value, path + "/" + child.Name, visit);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement child in element.EnumerateArray())
            {
                Visit(child, path + "/" + i++, visit);
            }
        }
    }
}
