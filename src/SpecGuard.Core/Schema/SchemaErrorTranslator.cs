using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Text;
using SpecGuard.Core.Yaml;

namespace SpecGuard.Core.Schema
{
    /// <summary>
    /// Turns <see cref="SchemaValidator"/>'s errors into SPEC002 diagnostics on the offending YAML node, with a message
    /// that names the place in spec terms (feature, criterion ID, example row), what is wrong, what is expected
    /// and an example. Hints come from the schema itself (<c>patternErrorMessage</c>, <c>errorMessage</c>,
    /// <c>examples</c>, <c>enum</c>, the allowed property names), so the schema stays the one source of truth.
    /// </summary>
    internal sealed class SchemaErrorTranslator
    {
        private static readonly Regex SentenceEnd = new Regex(@"(?<!\be\.g|\bi\.e)\.\s", RegexOptions.CultureInvariant);

        private readonly string _path;
        private readonly YamlNode _root;
        private readonly DiagnosticBag _diagnostics;

        public SchemaErrorTranslator(string path, YamlNode root, DiagnosticBag diagnostics)
        {
            _path = path;
            _root = root;
            _diagnostics = diagnostics;
        }

        public void Report(IEnumerable<SchemaError> errors)
        {
            foreach (SchemaError error in errors)
            {
                Report(error);
            }
        }

        private void Report(SchemaError error)
        {
            SchemaLocation at = error.Location;
            string? hint = FindHint(error.Schema, static s => s.ErrorMessage);
            switch (error.Kind)
            {
                case SchemaErrorKind.NoAdditionalPropertiesAllowed:
                    ReportUnknownKey(error);
                    return;

                case SchemaErrorKind.PropertyRequired:
                    ReportMissingKey(error);
                    return;

                case SchemaErrorKind.NotInEnumeration:
                    {
                        string[] allowed = error.Schema.Enumeration?.Select(static value => value is bool flag ? (flag ? "True" : "False") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null").ToArray() ?? Array.Empty<string>();
                        string actual = Describe(at);
                        string? text = SchemaValidator.TextOf(at.Node);
                        string? suggestion = text is not null ? Suggest.Closest(text, allowed) : null;
                        string message = hint is not null
                            ? string.Format(CultureInfo.InvariantCulture, "{0} is {1}, but {2}.", Capitalize(Subject(at)), actual, hint)
                            : string.Format(
                                CultureInfo.InvariantCulture,
                                "{0} is {1}; expected one of: {2}.{3}",
                                Capitalize(Subject(at)),
                                actual,
                                string.Join(", ", allowed),
                                suggestion is null ? string.Empty : " Did you mean '" + suggestion + "'?");
                        Add(at.Node, message);
                        return;
                    }

                case SchemaErrorKind.PatternMismatch:
                    {
                        string rule = FindHint(error.Schema, static s => s.PatternErrorMessage) ?? "it must match the pattern " + error.Schema.PatternText;
                        Add(at.Node, string.Format(CultureInfo.InvariantCulture, "{0} is {1}, which is not valid: {2}.", Capitalize(Subject(at)), Describe(at), rule));
                        return;
                    }

                case SchemaErrorKind.StringTooShort:
                    Add(at.Node, string.Format(CultureInfo.InvariantCulture, "{0} is empty. Write the text, or remove the key if it is optional.", Capitalize(Subject(at))));
                    return;

                case SchemaErrorKind.TooFewItems:
                    Add(at.Node, string.Format(CultureInfo.InvariantCulture, "{0} is an empty list; it needs at least {1} item(s).", Capitalize(Subject(at)), error.Schema.MinItems));
                    return;

                case SchemaErrorKind.TooFewProperties:
                    Add(at.Node, string.Format(CultureInfo.InvariantCulture, "{0} is an empty mapping; write at least one 'name: value' pair, e.g. {{ quantity: 1 }}.", Capitalize(Subject(at))));
                    return;

                case SchemaErrorKind.ItemsNotUnique:
                    Add(at.Node, string.Format(CultureInfo.InvariantCulture, "{0} lists the same value more than once. Remove the repeats.", Capitalize(Subject(at))));
                    return;

                case SchemaErrorKind.NotOneOf:
                case SchemaErrorKind.NoTypeValidates:
                    Add(at.Node, string.Format(
                        CultureInfo.InvariantCulture,
                        "{0} is {1}; {2}.",
                        Capitalize(Subject(at)),
                        Describe(at),
                        hint ?? "expected " + ExpectedTypes(error.Schema)));
                    return;

                case SchemaErrorKind.StringExpected:
                case SchemaErrorKind.IntegerExpected:
                case SchemaErrorKind.NumberExpected:
                case SchemaErrorKind.BooleanExpected:
                case SchemaErrorKind.ArrayExpected:
                case SchemaErrorKind.ObjectExpected:
                case SchemaErrorKind.NullExpected:
                    {
                        string expected = hint ?? "expected " + ExpectedTypes(error.Schema);
                        JsonKind kind = SchemaValidator.KindOf(at.Node, out ScalarValue scalar);
                        bool isScalar = at.Node.Kind == YamlNodeKind.Scalar;
                        string quote = error.Kind == SchemaErrorKind.StringExpected && isScalar && kind != JsonKind.Null
                            ? " Quote it to make it text: \"" + PlainText(at.Node, kind, scalar) + "\"."
                            : error.Kind == SchemaErrorKind.StringExpected && kind == JsonKind.Null ? " Write the text after the colon." : string.Empty;
                        Add(at.Node, string.Format(CultureInfo.InvariantCulture, "{0} is {1}; {2}.{3}", Capitalize(Subject(at)), Describe(at), expected, quote));
                        return;
                    }

                default:
                    Add(at.Node, string.Format(CultureInfo.InvariantCulture, "{0} does not match the SpecGuard schema ({1}{2}).", Capitalize(Subject(at)), error.Kind, hint is null ? string.Empty : ": " + hint));
                    return;
            }
        }

        private void ReportUnknownKey(SchemaError error)
        {
            SchemaLocation at = error.Location;
            string name = error.Property ?? "?";
            SchemaNode objectSchema = error.Schema;
            SchemaLocation? owner = at.Parent;

            string message;
            if (objectSchema.PatternProperties.Count > 0 && objectSchema.Properties.Count == 0)
            {
                message = string.Format(
                    CultureInfo.InvariantCulture,
                    "The column name '{0}' in {1} is not an identifier; column names become test parameters, so they start with a letter or underscore followed by letters, digits or underscores (e.g. quantity).",
                    name,
                    DescribeMapping(owner));
            }
            else
            {
                string[] allowed = objectSchema.Properties.Select(static p => p.Key).ToArray();
                string? suggestion = Suggest.Closest(name, allowed);
                message = string.Format(
                    CultureInfo.InvariantCulture,
                    "Unknown key '{0}' in {1}.{2} Allowed keys: {3}.",
                    name,
                    DescribeMapping(owner),
                    suggestion is null ? string.Empty : " Did you mean '" + suggestion + "'?",
                    string.Join(", ", allowed));
            }

            Add(error.Node, message);
        }

        private void ReportMissingKey(SchemaError error)
        {
            SchemaLocation at = error.Location;
            string name = error.Property ?? "?";
            if (at.Node.Kind != YamlNodeKind.Mapping)
            {
                return; // the document or item is not a mapping at all; the type error says so
            }

            if (HasTypoOf(at.Node, name, error.Schema))
            {
                return; // the unknown-key diagnostic on the typo ("thne" → did you mean "then"?) says it all
            }

            SchemaNode? propertySchema = error.Schema.Property(name);
            string? example = FindExample(propertySchema);
            string? description = propertySchema?.Description ?? propertySchema?.Actual.Description;
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "{0} has no '{1}' key, which is required{2}.{3}",
                Capitalize(DescribeMapping(at)),
                name,
                description is null ? string.Empty : " (" + FirstSentence(description) + ")",
                example is null ? string.Empty : " Add it, e.g. '" + name + ": " + example + "'.");

            // Point at the mapping's first key rather than the whole (possibly long) mapping.
            YamlNode node = at.Node.Pairs.Count > 0 ? at.Node.Pairs[0].Key : at.Node;
            Add(node, message);
        }

        private static bool HasTypoOf(YamlNode mapping, string missing, SchemaNode schema)
        {
            string[] known = schema.Properties.Select(static p => p.Key).ToArray();
            return mapping.Pairs.Any(p =>
                p.Key.Kind == YamlNodeKind.Scalar &&
                !schema.HasProperty(p.Key.Value) &&
                Suggest.Closest(p.Key.Value, known) == missing);
        }

        private void Add(YamlNode? node, string message)
        {
            node ??= _root;
            _diagnostics.Add(SpecRules.SchemaViolation, _path, node.Span, MessageText.OneLine(message));
        }

        /// <summary>"the key 'priority' of criterion ORDERS-001", "an item of 'tags' of the feature", "the document".</summary>
        private static string Subject(SchemaLocation at)
        {
            if (at.Parent is null)
            {
                return "the document";
            }

            if (at.Key is { } key)
            {
                return at.Parent.Parent is null ? "'" + key + "'" : "'" + key + "' of " + DescribeMapping(at.Parent);
            }

            if (at.Index >= 0 && at.Parent.Key is { } listKey && at.Parent.Parent is { } listOwner)
            {
                return string.Format(CultureInfo.InvariantCulture, "item {0} of '{1}' of {2}", at.Index + 1, listKey, DescribeMapping(listOwner));
            }

            return "a value";
        }

        /// <summary>Names a mapping in spec terms: the feature, criterion ORDERS-001, example row 2 of criterion ORDERS-001.</summary>
        private static string DescribeMapping(SchemaLocation? mapping)
        {
            if (mapping is null)
            {
                return "this mapping";
            }

            if (mapping.Parent is null)
            {
                return "the feature";
            }

            if (mapping.Index >= 0 && mapping.Parent.Key is { } listKey && mapping.Parent.Parent is { } listOwner)
            {
                if (listKey == "criteria" && listOwner.Parent is null)
                {
                    return SchemaValidator.TextOf(SchemaValidator.Get(mapping.Node, "id")) is { } id
                        ? "criterion " + id
                        : string.Format(CultureInfo.InvariantCulture, "criterion #{0}", mapping.Index + 1);
                }

                if (listKey == "examples")
                {
                    return string.Format(CultureInfo.InvariantCulture, "example row {0} of {1}", mapping.Index + 1, DescribeMapping(listOwner));
                }

                return string.Format(CultureInfo.InvariantCulture, "item {0} of '{1}'", mapping.Index + 1, listKey);
            }

            return mapping.Key is { } key ? "'" + key + "'" : "this mapping";
        }

        /// <summary>What a value is: "'abc' (text)", "42 (a number)", "true (a boolean)", "empty", "a list", "a mapping".</summary>
        private static string Describe(SchemaLocation at)
        {
            JsonKind kind = SchemaValidator.KindOf(at.Node, out ScalarValue scalar);
            return kind switch
            {
                JsonKind.Null => "empty",
                JsonKind.String => "'" + at.Node.Value + "' (text)",
                JsonKind.Integer or JsonKind.Float => SchemaValidator.JsonLiteral(kind, scalar) + " (a number)",
                JsonKind.Boolean => SchemaValidator.JsonLiteral(kind, scalar) + " (a boolean)",
                JsonKind.Array => "a list",
                _ => "a mapping",
            };
        }

        /// <summary>A scalar as .NET prints its value (what the message has always quoted): 42, 2.5, True.</summary>
        private static string PlainText(YamlNode node, JsonKind kind, ScalarValue scalar) => kind switch
        {
            JsonKind.Integer => scalar.Long.ToString(CultureInfo.InvariantCulture),
            JsonKind.Float => scalar.Double.ToString(CultureInfo.InvariantCulture),
            JsonKind.Boolean => scalar.Canonical == "true" ? "True" : "False",
            _ => node.Value,
        };

        private static string ExpectedTypes(SchemaNode schema)
        {
            var names = new List<string>();
            foreach (SchemaTypes type in new[] { SchemaTypes.String, SchemaTypes.Integer, SchemaTypes.Number, SchemaTypes.Boolean, SchemaTypes.Array, SchemaTypes.Object, SchemaTypes.Null })
            {
                if ((schema.Type & type) != 0)
                {
                    names.Add(type switch
                    {
                        SchemaTypes.String => "text",
                        SchemaTypes.Integer => "a whole number",
                        SchemaTypes.Number => "a number",
                        SchemaTypes.Boolean => "true or false",
                        SchemaTypes.Array => "a list",
                        SchemaTypes.Object => "a mapping",
                        _ => "null",
                    });
                }
            }

            return names.Count == 0 ? "another kind of value" : string.Join(" or ", names);
        }

        /// <summary>An annotation of the schema or of the schema its <c>$ref</c> chain leads to, nearest first.</summary>
        private static string? FindHint(SchemaNode? schema, Func<SchemaNode, string?> keyword)
        {
            for (int hops = 0; schema is not null && hops < 32; schema = schema.Reference, hops++)
            {
                if (keyword(schema) is { } value)
                {
                    return value;
                }
            }

            return null;
        }

        private static string? FindExample(SchemaNode? schema)
        {
            for (int hops = 0; schema is not null && hops < 32; schema = schema.Reference, hops++)
            {
                if (schema.Examples is { } examples)
                {
                    // Only scalar examples fit in a one-line hint; structured ones are for editors.
                    return examples.Count == 0 ? null : examples[0] switch
                    {
                        string text => text,
                        bool flag => flag ? "true" : "false",
                        long or double => Convert.ToString(examples[0], CultureInfo.InvariantCulture),
                        _ => null,
                    };
                }
            }

            return null;
        }

        private static string FirstSentence(string text)
        {
            Match end = SentenceEnd.Match(text);
            return (end.Success ? text.Substring(0, end.Index) : text).TrimEnd('.');
        }

        private static string Capitalize(string text) =>
            text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
