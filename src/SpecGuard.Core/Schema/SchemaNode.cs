using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpecGuard.Core.Schema
{
    /// <summary>JSON types a schema can name (draft-07 <c>type</c>), as flags.</summary>
    [Flags]
    internal enum SchemaTypes
    {
        None = 0,
        String = 1,
        Integer = 2,
        Number = 4,
        Boolean = 8,
        Array = 16,
        Object = 32,
        Null = 64,
    }

    /// <summary>
    /// One (sub)schema of the embedded <c>specguard.schema.json</c>, with exactly the keywords <see cref="SchemaValidator"/>
    /// interprets. A keyword the reader does not know is recorded in <see cref="SchemaDocument.UnsupportedKeywords"/>
    /// (a test asserts there are none), so a schema edit can never be silently ignored.
    /// </summary>
    internal sealed class SchemaNode
    {
        public SchemaTypes Type { get; set; }

        public List<KeyValuePair<string, SchemaNode>> Properties { get; } = new List<KeyValuePair<string, SchemaNode>>();

        public HashSet<string> Required { get; } = new HashSet<string>(StringComparer.Ordinal);

        public List<string> RequiredOrder { get; } = new List<string>();

        /// <summary>False when <c>additionalProperties: false</c>.</summary>
        public bool AllowAdditionalProperties { get; set; } = true;

        public List<KeyValuePair<Regex, SchemaNode>> PatternProperties { get; } = new List<KeyValuePair<Regex, SchemaNode>>();

        public Regex? Pattern { get; set; }

        public string? PatternText { get; set; }

        /// <summary>The <c>enum</c> values (long, double, string, bool or null); null when there is no <c>enum</c>.</summary>
        public List<object?>? Enumeration { get; set; }

        public int? MinLength { get; set; }

        public int MinItems { get; set; }

        public int MinProperties { get; set; }

        public bool UniqueItems { get; set; }

        public SchemaNode? Items { get; set; }

        public List<SchemaNode> OneOf { get; } = new List<SchemaNode>();

        public string? ReferencePath { get; set; }

        public SchemaNode? Reference { get; set; }

        public string? Description { get; set; }

        public string? ErrorMessage { get; set; }

        public string? PatternErrorMessage { get; set; }

        public List<object?>? Examples { get; set; }

        /// <summary>The schema that validates: the one <c>$ref</c> points to (siblings of a <c>$ref</c> only annotate).</summary>
        public SchemaNode Actual
        {
            get
            {
                SchemaNode current = this;
                for (int hops = 0; current.Reference is not null && hops < 32; hops++)
                {
                    current = current.Reference;
                }

                return current;
            }
        }

        public SchemaNode? Property(string name)
        {
            foreach (KeyValuePair<string, SchemaNode> property in Properties)
            {
                if (property.Key == name)
                {
                    return property.Value;
                }
            }

            return null;
        }

        public bool HasProperty(string name) => Property(name) is not null;

        /// <summary>Whether null is accepted without further checks (computed once, after references are resolved).</summary>
        public bool Nullable { get; set; }

        /// <summary>Whether null is accepted without further checks (draft-07 with a <c>null</c> type, as NJsonSchema decides it).</summary>
        public bool IsNullable(int depth = 0)
        {
            if (depth > 32)
            {
                return false;
            }

            if (Enumeration is not null && Enumeration.Contains(null))
            {
                return true;
            }

            if ((Type & SchemaTypes.Null) != 0)
            {
                return true;
            }

            if (Type == SchemaTypes.None && OneOf.Any(o => o.IsNullable(depth + 1)))
            {
                return true;
            }

            return Reference is not null && Reference.IsNullable(depth + 1);
        }
    }

    /// <summary>The parsed schema: the root and what the reader met but the validator does not implement.</summary>
    internal sealed class SchemaDocument
    {
        // Keywords the validator interprets, and the annotations it reads for messages or ignores on purpose.
        private static readonly HashSet<string> Known = new HashSet<string>(StringComparer.Ordinal)
        {
            "$schema", "$id", "$ref", "definitions", "title", "description", "examples", "errorMessage", "patternErrorMessage",
            "type", "properties", "required", "additionalProperties", "patternProperties", "pattern", "enum",
            "minLength", "minItems", "minProperties", "uniqueItems", "items", "oneOf",
        };

        private readonly Dictionary<string, SchemaNode> _definitions = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        private readonly List<SchemaNode> _all = new List<SchemaNode>();

        private SchemaDocument()
        {
            Root = new SchemaNode();
        }

        public SchemaNode Root { get; private set; }

        /// <summary>"#/path: keyword" for every keyword or form the validator would not honour. Must be empty.</summary>
        public List<string> UnsupportedKeywords { get; } = new List<string>();

        public static SchemaDocument Parse(string json)
        {
            var document = new SchemaDocument();
            if (SchemaJson.Parse(json) is not List<KeyValuePair<string, object?>> root)
            {
                throw new FormatException("The embedded SpecGuard schema is not a JSON object.");
            }

            document.Root = document.Read(root, "#");
            foreach (SchemaNode node in document._all)
            {
                if (node.ReferencePath is { } path)
                {
                    const string Prefix = "#/definitions/";
                    if (!path.StartsWith(Prefix, StringComparison.Ordinal) || !document._definitions.TryGetValue(path.Substring(Prefix.Length), out SchemaNode? target))
                    {
                        document.UnsupportedKeywords.Add("$ref " + path);
                        continue;
                    }

                    node.Reference = target;
                }
            }

            foreach (SchemaNode node in document._all)
            {
                node.Nullable = node.IsNullable();
            }

            return document;
        }

        private SchemaNode Read(object? value, string path)
        {
            var node = new SchemaNode();
            _all.Add(node);
            if (value is not List<KeyValuePair<string, object?>> members)
            {
                UnsupportedKeywords.Add(path + ": a schema that is not an object");
                return node;
            }

            foreach (KeyValuePair<string, object?> member in members)
            {
                string at = path + "/" + member.Key;
                if (!Known.Contains(member.Key))
                {
                    UnsupportedKeywords.Add(path + ": " + member.Key);
                    continue;
                }

                switch (member.Key)
                {
                    case "$ref":
                        node.ReferencePath = member.Value as string;
                        break;
                    case "definitions":
                        foreach (KeyValuePair<string, object?> definition in Members(member.Value, at))
                        {
                            _definitions[definition.Key] = Read(definition.Value, at + "/" + definition.Key);
                        }

                        break;
                    case "description":
                        node.Description = member.Value as string;
                        break;
                    case "errorMessage":
                        node.ErrorMessage = member.Value as string;
                        break;
                    case "patternErrorMessage":
                        node.PatternErrorMessage = member.Value as string;
                        break;
                    case "examples":
                        node.Examples = member.Value as List<object?>;
                        break;
                    case "type":
                        node.Type = member.Value is List<object?> types
                            ? types.Aggregate(SchemaTypes.None, (all, type) => all | TypeOf(type, at))
                            : TypeOf(member.Value, at);
                        break;
                    case "properties":
                        foreach (KeyValuePair<string, object?> property in Members(member.Value, at))
                        {
                            node.Properties.Add(new KeyValuePair<string, SchemaNode>(property.Key, Read(property.Value, at + "/" + property.Key)));
                        }

                        break;
                    case "required":
                        foreach (object? name in member.Value as List<object?> ?? new List<object?>())
                        {
                            if (name is string text && node.Required.Add(text))
                            {
                                node.RequiredOrder.Add(text);
                            }
                        }

                        break;
                    case "additionalProperties":
                        if (member.Value is bool allow)
                        {
                            node.AllowAdditionalProperties = allow;
                        }
                        else
                        {
                            UnsupportedKeywords.Add(at + ": a schema (only true/false is implemented)");
                        }

                        break;
                    case "patternProperties":
                        foreach (KeyValuePair<string, object?> property in Members(member.Value, at))
                        {
                            node.PatternProperties.Add(new KeyValuePair<Regex, SchemaNode>(new Regex(property.Key, RegexOptions.CultureInvariant), Read(property.Value, at + "/" + property.Key)));
                        }

                        break;
                    case "pattern":
                        node.PatternText = member.Value as string;
                        node.Pattern = node.PatternText is null ? null : new Regex(node.PatternText, RegexOptions.CultureInvariant);
                        break;
                    case "enum":
                        node.Enumeration = member.Value as List<object?>;
                        if (node.Enumeration is null || node.Enumeration.Any(static v => v is List<object?> || v is List<KeyValuePair<string, object?>>))
                        {
                            UnsupportedKeywords.Add(at + ": only scalar enum values are implemented");
                        }

                        break;
                    case "minLength":
                        node.MinLength = Count(member.Value, at);
                        break;
                    case "minItems":
                        node.MinItems = Count(member.Value, at);
                        break;
                    case "minProperties":
                        node.MinProperties = Count(member.Value, at);
                        break;
                    case "uniqueItems":
                        node.UniqueItems = member.Value is true;
                        break;
                    case "items":
                        if (member.Value is List<object?>)
                        {
                            UnsupportedKeywords.Add(at + ": tuple items (only one schema is implemented)");
                        }
                        else
                        {
                            node.Items = Read(member.Value, at);
                        }

                        break;
                    case "oneOf":
                        {
                            int index = 0;
                            foreach (object? option in member.Value as List<object?> ?? new List<object?>())
                            {
                                node.OneOf.Add(Read(option, at + "/" + index.ToString(CultureInfo.InvariantCulture)));
                                index++;
                            }

                            break;
                        }
                }
            }

            return node;
        }

        private IEnumerable<KeyValuePair<string, object?>> Members(object? value, string path)
        {
            if (value is List<KeyValuePair<string, object?>> members)
            {
                return members;
            }

            UnsupportedKeywords.Add(path + ": expected an object");
            return Enumerable.Empty<KeyValuePair<string, object?>>();
        }

        private int Count(object? value, string path)
        {
            if (value is long count && count >= 0 && count <= int.MaxValue)
            {
                return (int)count;
            }

            UnsupportedKeywords.Add(path + ": expected a non-negative integer");
            return 0;
        }

        private SchemaTypes TypeOf(object? value, string path)
        {
            switch (value as string)
            {
                case "string":
                    return SchemaTypes.String;
                case "integer":
                    return SchemaTypes.Integer;
                case "number":
                    return SchemaTypes.Number;
                case "boolean":
                    return SchemaTypes.Boolean;
                case "array":
                    return SchemaTypes.Array;
                case "object":
                    return SchemaTypes.Object;
                case "null":
                    return SchemaTypes.Null;
                default:
                    UnsupportedKeywords.Add(path + ": unknown type " + value);
                    return SchemaTypes.None;
            }
        }
    }
}
