using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using SpecGuard.Core.Model;
using SpecGuard.Core.Yaml;

namespace SpecGuard.Core.Schema
{
    /// <summary>What a schema check found wrong (draft-07 keyword semantics, named as NJsonSchema names them).</summary>
    internal enum SchemaErrorKind
    {
        PropertyRequired,
        NoAdditionalPropertiesAllowed,
        NotInEnumeration,
        PatternMismatch,
        StringTooShort,
        TooFewItems,
        TooFewProperties,
        ItemsNotUnique,
        NotOneOf,
        NoTypeValidates,
        StringExpected,
        IntegerExpected,
        NumberExpected,
        BooleanExpected,
        ArrayExpected,
        ObjectExpected,
        NullExpected,
    }

    /// <summary>The JSON type a YAML node has for the schema: its core-schema type (<see cref="YamlScalars"/>).</summary>
    internal enum JsonKind
    {
        Null,
        String,
        Integer,
        Float,
        Boolean,
        Array,
        Object,
    }

    /// <summary>Where a value sits in the document: its node, and how its parent holds it (key or index).</summary>
    internal sealed class SchemaLocation
    {
        public SchemaLocation(SchemaLocation? parent, YamlNode node, YamlNode? keyNode, int index)
        {
            Parent = parent;
            Node = node;
            KeyNode = keyNode;
            Index = index;
        }

        public SchemaLocation? Parent { get; }

        /// <summary>The value's node.</summary>
        public YamlNode Node { get; }

        /// <summary>The key's node when the parent is a mapping; null otherwise.</summary>
        public YamlNode? KeyNode { get; }

        /// <summary>The key when the parent is a mapping.</summary>
        public string? Key => KeyNode?.Value;

        /// <summary>The index when the parent is a list; -1 otherwise.</summary>
        public int Index { get; }
    }

    /// <summary>One schema error: its kind, where, the property it is about (required / unknown keys), and the (actual) schema that failed.</summary>
    internal sealed class SchemaError
    {
        public SchemaError(SchemaErrorKind kind, SchemaLocation location, string? property, SchemaNode schema)
        {
            Kind = kind;
            Location = location;
            Property = property;
            Schema = schema;
        }

        public SchemaErrorKind Kind { get; }

        public SchemaLocation Location { get; }

        public string? Property { get; }

        public SchemaNode Schema { get; }

        /// <summary>The node the error is about: the key for an unknown key, the value otherwise.</summary>
        public YamlNode Node => Kind == SchemaErrorKind.NoAdditionalPropertiesAllowed && Location.KeyNode is { } key ? key : Location.Node;
    }

    /// <summary>
    /// Validates a <see cref="YamlNode"/> tree against the embedded schema, interpreting the draft-07 keywords the schema
    /// uses (<see cref="SchemaDocument"/> lists them) the way NJsonSchema 11 does, which stays the oracle in the tests
    /// (DifferentialTests): same errors, same order, same offending node. Scalars have the type <see cref="YamlScalars"/>
    /// gives them; a scalar that cannot be its tagged type is text here (SPEC002 is reported on it separately).
    /// Mapping keys that are not scalars are left out (SPEC002 too). Recursion follows the tree, whose depth and alias
    /// expansion are already bounded by <see cref="SpecLoaderLimits"/>.
    /// </summary>
    internal static class SchemaValidator
    {
        /// <summary>The schema errors of the tree, in NJsonSchema's order; <paramref name="cancellationToken"/> is checked at every list item.</summary>
        public static List<SchemaError> Validate(YamlNode root, CancellationToken cancellationToken = default)
        {
            var errors = new List<SchemaError>();
            Validate(new SchemaLocation(null, root, null, -1), SpecSchema.Root.Actual, errors, cancellationToken);
            return errors;
        }

        /// <summary>The JSON type of a node.</summary>
        public static JsonKind KindOf(YamlNode node, out ScalarValue scalar)
        {
            scalar = default;
            switch (node.Kind)
            {
                case YamlNodeKind.Mapping:
                    return JsonKind.Object;
                case YamlNodeKind.Sequence:
                    return JsonKind.Array;
            }

            scalar = YamlScalars.Resolve(node);
            if (scalar.Error is not null)
            {
                return JsonKind.String;
            }

            return scalar.Kind switch
            {
                ExampleValueKind.Null => JsonKind.Null,
                ExampleValueKind.Boolean => JsonKind.Boolean,
                ExampleValueKind.Integer => JsonKind.Integer,
                ExampleValueKind.Float => JsonKind.Float,
                _ => JsonKind.String,
            };
        }

        /// <summary>The value of a node that is text for the schema (its raw value); null for any other node.</summary>
        public static string? TextOf(YamlNode? node) =>
            node is { Kind: YamlNodeKind.Scalar } && KindOf(node, out _) == JsonKind.String ? node.Value : null;

        /// <summary>The value of a scalar key in a mapping (keys are unique: the reader drops repeats).</summary>
        public static YamlNode? Get(YamlNode? mapping, string key)
        {
            if (mapping is not { Kind: YamlNodeKind.Mapping })
            {
                return null;
            }

            foreach (KeyValuePair<YamlNode, YamlNode> pair in mapping.Pairs)
            {
                if (pair.Key.Kind == YamlNodeKind.Scalar && pair.Key.Value == key)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        /// <summary>Mapping pairs that are properties for the schema: those with a scalar key.</summary>
        public static int PropertyCount(YamlNode mapping)
        {
            int count = 0;
            foreach (KeyValuePair<YamlNode, YamlNode> pair in mapping.Pairs)
            {
                if (pair.Key.Kind == YamlNodeKind.Scalar)
                {
                    count++;
                }
            }

            return count;
        }

        private static void Validate(SchemaLocation at, SchemaNode schema, List<SchemaError> errors, CancellationToken cancellationToken)
        {
            JsonKind kind = KindOf(at.Node, out ScalarValue scalar);
            if (schema.OneOf.Count > 0)
            {
                int valid = 0;
                var scratch = new List<SchemaError>();
                foreach (SchemaNode option in schema.OneOf)
                {
                    scratch.Clear();
                    Validate(at, option.Actual, scratch, cancellationToken);
                    if (scratch.Count == 0)
                    {
                        valid++;
                    }
                }

                if (valid != 1)
                {
                    errors.Add(new SchemaError(SchemaErrorKind.NotOneOf, at, null, schema));
                }
            }

            ValidateType(at, kind, schema, errors, cancellationToken);
            ValidateEnum(at, kind, scalar, schema, errors);
            ValidateProperties(at, schema, errors, cancellationToken);
        }

        private static readonly SchemaTypes[] EachType =
        {
            SchemaTypes.Array, SchemaTypes.Boolean, SchemaTypes.Integer, SchemaTypes.Null, SchemaTypes.Number, SchemaTypes.Object, SchemaTypes.String,
        };

        private static void ValidateType(SchemaLocation at, JsonKind kind, SchemaNode schema, List<SchemaError> errors, CancellationToken cancellationToken)
        {
            if (kind == JsonKind.Null && schema.Nullable)
            {
                return;
            }

            int count = 0;
            foreach (SchemaTypes type in EachType)
            {
                if ((schema.Type & type) != 0)
                {
                    count++;
                }
            }

            if (count <= 1)
            {
                CheckType(at, kind, schema, schema.Type, errors, cancellationToken);
                return;
            }

            foreach (SchemaTypes type in EachType)
            {
                if ((schema.Type & type) != 0)
                {
                    var scratch = new List<SchemaError>();
                    CheckType(at, kind, schema, type, scratch, cancellationToken);
                    if (scratch.Count == 0)
                    {
                        return;
                    }
                }
            }

            errors.Add(new SchemaError(SchemaErrorKind.NoTypeValidates, at, null, schema));
        }

        private static void CheckType(SchemaLocation at, JsonKind kind, SchemaNode schema, SchemaTypes type, List<SchemaError> errors, CancellationToken cancellationToken)
        {
            if (kind == JsonKind.Array)
            {
                List<YamlNode> items = at.Node.Items;
                if (schema.MinItems > 0 && items.Count < schema.MinItems)
                {
                    errors.Add(new SchemaError(SchemaErrorKind.TooFewItems, at, null, schema));
                }

                if (schema.UniqueItems && !AllDistinct(items))
                {
                    errors.Add(new SchemaError(SchemaErrorKind.ItemsNotUnique, at, null, schema));
                }

                if (schema.Items is { } itemSchema)
                {
                    SchemaNode actual = itemSchema.Actual;
                    for (int i = 0; i < items.Count; i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Validate(new SchemaLocation(at, items[i], null, i), actual, errors, cancellationToken);
                    }
                }
            }
            else if ((type & SchemaTypes.Array) != 0)
            {
                errors.Add(new SchemaError(SchemaErrorKind.ArrayExpected, at, null, schema));
            }

            if (kind == JsonKind.String)
            {
                string value = at.Node.Value;
                if (schema.Pattern is not null && !schema.Pattern.IsMatch(value))
                {
                    errors.Add(new SchemaError(SchemaErrorKind.PatternMismatch, at, null, schema));
                }

                if (schema.MinLength is int minLength && value.Length < minLength)
                {
                    errors.Add(new SchemaError(SchemaErrorKind.StringTooShort, at, null, schema));
                }
            }
            else if ((type & SchemaTypes.String) != 0)
            {
                errors.Add(new SchemaError(SchemaErrorKind.StringExpected, at, null, schema));
            }

            if ((type & SchemaTypes.Number) != 0 && kind != JsonKind.Float && kind != JsonKind.Integer)
            {
                errors.Add(new SchemaError(SchemaErrorKind.NumberExpected, at, null, schema));
            }

            if ((type & SchemaTypes.Integer) != 0 && kind != JsonKind.Integer)
            {
                errors.Add(new SchemaError(SchemaErrorKind.IntegerExpected, at, null, schema));
            }

            if ((type & SchemaTypes.Boolean) != 0 && kind != JsonKind.Boolean)
            {
                errors.Add(new SchemaError(SchemaErrorKind.BooleanExpected, at, null, schema));
            }

            if ((type & SchemaTypes.Null) != 0 && kind != JsonKind.Null)
            {
                errors.Add(new SchemaError(SchemaErrorKind.NullExpected, at, null, schema));
            }

            if ((type & SchemaTypes.Object) != 0 && kind != JsonKind.Object)
            {
                errors.Add(new SchemaError(SchemaErrorKind.ObjectExpected, at, null, schema));
            }
        }

        private static void ValidateEnum(SchemaLocation at, JsonKind kind, ScalarValue scalar, SchemaNode schema, List<SchemaError> errors)
        {
            if (schema.Enumeration is not { Count: > 0 } values || (kind == JsonKind.Null && schema.Nullable))
            {
                return;
            }

            string text = ValueText(at.Node, kind, scalar);
            foreach (object? value in values)
            {
                if (value is not null && EnumText(value) == text)
                {
                    return;
                }
            }

            errors.Add(new SchemaError(SchemaErrorKind.NotInEnumeration, at, null, schema));
        }

        private static void ValidateProperties(SchemaLocation at, SchemaNode schema, List<SchemaError> errors, CancellationToken cancellationToken)
        {
            YamlNode node = at.Node;
            bool isObject = node.Kind == YamlNodeKind.Mapping;
            if (!isObject && (schema.Type & SchemaTypes.Null) != 0)
            {
                return;
            }

            foreach (KeyValuePair<string, SchemaNode> property in schema.Properties)
            {
                if (isObject && FindPair(node, property.Key) is { } pair)
                {
                    if (KindOf(pair.Value, out _) == JsonKind.Null && property.Value.Nullable)
                    {
                        continue;
                    }

                    Validate(new SchemaLocation(at, pair.Value, pair.Key, -1), property.Value.Actual, errors, cancellationToken);
                }
                else if (schema.Required.Contains(property.Key))
                {
                    errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, at, property.Key, schema));
                }
            }

            foreach (string required in schema.RequiredOrder)
            {
                if (!schema.HasProperty(required) && (!isObject || FindPair(node, required) is null))
                {
                    errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, at, required, schema));
                }
            }

            if (!isObject)
            {
                return;
            }

            if (schema.MinProperties > 0 && PropertyCount(node) < schema.MinProperties)
            {
                errors.Add(new SchemaError(SchemaErrorKind.TooFewProperties, at, null, schema));
            }

            List<KeyValuePair<YamlNode, YamlNode>>? unknown = null;
            foreach (KeyValuePair<YamlNode, YamlNode> pair in node.Pairs)
            {
                if (pair.Key.Kind != YamlNodeKind.Scalar || schema.HasProperty(pair.Key.Value))
                {
                    continue;
                }

                SchemaNode? patternSchema = null;
                foreach (KeyValuePair<System.Text.RegularExpressions.Regex, SchemaNode> pattern in schema.PatternProperties)
                {
                    if (pattern.Key.IsMatch(pair.Key.Value))
                    {
                        patternSchema = pattern.Value;
                        break;
                    }
                }

                if (patternSchema is not null)
                {
                    Validate(new SchemaLocation(at, pair.Value, pair.Key, -1), patternSchema.Actual, errors, cancellationToken);
                }
                else
                {
                    (unknown ??= new List<KeyValuePair<YamlNode, YamlNode>>()).Add(pair);
                }
            }

            if (unknown is not null && !schema.AllowAdditionalProperties)
            {
                foreach (KeyValuePair<YamlNode, YamlNode> pair in unknown)
                {
                    errors.Add(new SchemaError(SchemaErrorKind.NoAdditionalPropertiesAllowed, new SchemaLocation(at, pair.Value, pair.Key, -1), pair.Key.Value, schema));
                }
            }
        }

        private static KeyValuePair<YamlNode, YamlNode>? FindPair(YamlNode mapping, string key)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> pair in mapping.Pairs)
            {
                if (pair.Key.Kind == YamlNodeKind.Scalar && pair.Key.Value == key)
                {
                    return pair;
                }
            }

            return null;
        }

        private static bool AllDistinct(List<YamlNode> items)
        {
            if (items.Count < 2)
            {
                return true;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (YamlNode item in items)
            {
                JsonKind kind = KindOf(item, out ScalarValue scalar);
                if (!seen.Add(ValueText(item, kind, scalar)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A value as NJsonSchema compares it for <c>enum</c> and <c>uniqueItems</c> (the JSON token's ToString): a scalar's
        /// plain value, a container's JSON text (here one canonical form behind a NUL, which no spec text holds).
        /// </summary>
        private static string ValueText(YamlNode node, JsonKind kind, ScalarValue scalar)
        {
            switch (kind)
            {
                case JsonKind.Null:
                    return string.Empty;
                case JsonKind.String:
                    return node.Value;
                case JsonKind.Integer:
                    return scalar.Long.ToString(CultureInfo.InvariantCulture);
                case JsonKind.Float:
                    return scalar.Double.ToString(CultureInfo.InvariantCulture);
                case JsonKind.Boolean:
                    return scalar.Canonical == "true" ? "True" : "False";
                default:
                    var builder = new StringBuilder("\0");
                    WriteJson(builder, node);
                    return builder.ToString();
            }
        }

        private static string EnumText(object value) => value switch
        {
            bool flag => flag ? "True" : "False",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        private static void WriteJson(StringBuilder builder, YamlNode node)
        {
            JsonKind kind = KindOf(node, out ScalarValue scalar);
            switch (kind)
            {
                case JsonKind.Object:
                    builder.Append('{');
                    foreach (KeyValuePair<YamlNode, YamlNode> pair in node.Pairs)
                    {
                        if (pair.Key.Kind == YamlNodeKind.Scalar)
                        {
                            WriteString(builder, pair.Key.Value);
                            builder.Append(':');
                            WriteJson(builder, pair.Value);
                            builder.Append(',');
                        }
                    }

                    builder.Append('}');
                    return;
                case JsonKind.Array:
                    builder.Append('[');
                    foreach (YamlNode item in node.Items)
                    {
                        WriteJson(builder, item);
                        builder.Append(',');
                    }

                    builder.Append(']');
                    return;
                case JsonKind.Float:
                    builder.Append(JsonNumber(scalar.Double));
                    return;
                case JsonKind.String:
                    WriteString(builder, node.Value);
                    return;
                default:
                    builder.Append(JsonLiteral(kind, scalar));
                    return;
            }
        }

        private static void WriteString(StringBuilder builder, string text)
        {
            builder.Append('"');
            foreach (char c in text)
            {
                if (c == '"' || c == '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append('"');
        }

        /// <summary>A scalar in JSON form, as Newtonsoft.Json writes it (the old path's messages quoted that): 42, 2.5, 1000.0, "NaN", true, null.</summary>
        public static string JsonLiteral(JsonKind kind, ScalarValue scalar) => kind switch
        {
            JsonKind.Null => "null",
            JsonKind.Integer => scalar.Long.ToString(CultureInfo.InvariantCulture),
            JsonKind.Float => JsonNumber(scalar.Double),
            JsonKind.Boolean => scalar.Canonical == "true" ? "true" : "false",
            _ => string.Empty,
        };

        private static string JsonNumber(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                return "\"" + text + "\"";
            }

            return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 || text.IndexOf('e') >= 0 ? text : text + ".0";
        }
    }
}
