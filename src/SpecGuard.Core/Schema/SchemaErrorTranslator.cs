using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Text;
using SpecGuard.Core.Yaml;

namespace SpecGuard.Core.Schema
{
    /// <summary>
    /// Turns NJsonSchema's validation errors into SPEC002 diagnostics on the offending YAML node, with a message
    /// that names the place in spec terms (feature, criterion ID, example row), what is wrong, what is expected
    /// and an example. Hints come from the schema itself (<c>patternErrorMessage</c>, <c>errorMessage</c>,
    /// <c>examples</c>, <c>enum</c>, the allowed property names), so the schema stays the one source of truth.
    /// </summary>
    internal sealed class SchemaErrorTranslator
    {
        private static readonly Regex SentenceEnd = new Regex(@"(?<!\be\.g|\bi\.e)\.\s", RegexOptions.CultureInvariant);

        private readonly string _path;
        private readonly YamlToJson _json;
        private readonly YamlNode _root;
        private readonly DiagnosticBag _diagnostics;

        public SchemaErrorTranslator(string path, YamlToJson json, YamlNode root, DiagnosticBag diagnostics)
        {
            _path = path;
            _json = json;
            _root = root;
            _diagnostics = diagnostics;
        }

        public void Report(IEnumerable<ValidationError> errors)
        {
            foreach (ValidationError error in errors)
            {
                Report(error);
            }
        }

        private void Report(ValidationError error)
        {
            if (error is ChildSchemaValidationError child &&
                error.Kind != ValidationErrorKind.NotOneOf &&
                error.Kind != ValidationErrorKind.NotAnyOf &&
                child.Errors.Count > 0)
            {
                foreach (ICollection<ValidationError> nested in child.Errors.Values)
                {
                    Report(nested);
                }

                return;
            }

            JToken? token = error.Token;
            string? hint = FindHint(error.Schema, "errorMessage");
            switch (error.Kind)
            {
                case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                    ReportUnknownKey(error, token);
                    return;

                case ValidationErrorKind.PropertyRequired:
                    ReportMissingKey(error, token);
                    return;

                case ValidationErrorKind.NotInEnumeration:
                    {
                        string[] allowed = error.Schema?.ActualSchema.Enumeration.Select(static value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null").ToArray() ?? Array.Empty<string>();
                        string actual = Describe(token);
                        string? suggestion = token?.Type == JTokenType.String ? Suggest.Closest(token.ToString(), allowed) : null;
                        string message = hint is not null
                            ? string.Format(CultureInfo.InvariantCulture, "{0} is {1}, but {2}.", Capitalize(Subject(token)), actual, hint)
                            : string.Format(
                                CultureInfo.InvariantCulture,
                                "{0} is {1}; expected one of: {2}.{3}",
                                Capitalize(Subject(token)),
                                actual,
                                string.Join(", ", allowed),
                                suggestion is null ? string.Empty : " Did you mean '" + suggestion + "'?");
                        Add(token, message);
                        return;
                    }

                case ValidationErrorKind.PatternMismatch:
                    {
                        string rule = FindHint(error.Schema, "patternErrorMessage") ?? "it must match the pattern " + error.Schema?.ActualSchema.Pattern;
                        Add(token, string.Format(CultureInfo.InvariantCulture, "{0} is {1}, which is not valid: {2}.", Capitalize(Subject(token)), Describe(token), rule));
                        return;
                    }

                case ValidationErrorKind.StringTooShort:
                    Add(token, string.Format(CultureInfo.InvariantCulture, "{0} is empty. Write the text, or remove the key if it is optional.", Capitalize(Subject(token))));
                    return;

                case ValidationErrorKind.TooFewItems:
                    Add(token, string.Format(CultureInfo.InvariantCulture, "{0} is an empty list; it needs at least {1} item(s).", Capitalize(Subject(token)), error.Schema?.ActualSchema.MinItems ?? 1));
                    return;

                case ValidationErrorKind.TooFewProperties:
                    Add(token, string.Format(CultureInfo.InvariantCulture, "{0} is an empty mapping; write at least one 'name: value' pair, e.g. {{ quantity: 1 }}.", Capitalize(Subject(token))));
                    return;

                case ValidationErrorKind.ItemsNotUnique:
                    Add(token, string.Format(CultureInfo.InvariantCulture, "{0} lists the same value more than once. Remove the repeats.", Capitalize(Subject(token))));
                    return;

                case ValidationErrorKind.NotOneOf:
                case ValidationErrorKind.NotAnyOf:
                case ValidationErrorKind.NoTypeValidates:
                    Add(token, string.Format(
                        CultureInfo.InvariantCulture,
                        "{0} is {1}; {2}.",
                        Capitalize(Subject(token)),
                        Describe(token),
                        hint ?? "expected " + ExpectedTypes(error.Schema)));
                    return;

                case ValidationErrorKind.StringExpected:
                case ValidationErrorKind.IntegerExpected:
                case ValidationErrorKind.NumberExpected:
                case ValidationErrorKind.BooleanExpected:
                case ValidationErrorKind.ArrayExpected:
                case ValidationErrorKind.ObjectExpected:
                case ValidationErrorKind.NullExpected:
                    {
                        string expected = hint ?? "expected " + ExpectedTypes(error.Schema);
                        string quote = error.Kind == ValidationErrorKind.StringExpected && token is JValue { Type: not JTokenType.Null }
                            ? " Quote it to make it text: \"" + token + "\"."
                            : error.Kind == ValidationErrorKind.StringExpected && token?.Type == JTokenType.Null ? " Write the text after the colon." : string.Empty;
                        Add(token, string.Format(CultureInfo.InvariantCulture, "{0} is {1}; {2}.{3}", Capitalize(Subject(token)), Describe(token), expected, quote));
                        return;
                    }

                default:
                    Add(token, string.Format(CultureInfo.InvariantCulture, "{0} does not match the SpecGuard schema ({1}{2}).", Capitalize(Subject(token)), error.Kind, hint is null ? string.Empty : ": " + hint));
                    return;
            }
        }

        private void ReportUnknownKey(ValidationError error, JToken? token)
        {
            string name = error.Property ?? "?";
            JProperty? property = token as JProperty ?? token?.Parent as JProperty ?? (token as JObject)?.Property(name, StringComparison.Ordinal);
            JsonSchema? objectSchema = error.Schema?.ActualSchema;
            JObject? owner = property?.Parent as JObject ?? token as JObject;

            string message;
            if (objectSchema is not null && objectSchema.PatternProperties.Count > 0 && objectSchema.Properties.Count == 0)
            {
                message = string.Format(
                    CultureInfo.InvariantCulture,
                    "The column name '{0}' in {1} is not an identifier; column names become test parameters, so they start with a letter or underscore followed by letters, digits or underscores (e.g. quantity).",
                    name,
                    Describe(owner));
            }
            else
            {
                string[] allowed = objectSchema?.Properties.Keys.ToArray() ?? Array.Empty<string>();
                string? suggestion = Suggest.Closest(name, allowed);
                message = string.Format(
                    CultureInfo.InvariantCulture,
                    "Unknown key '{0}' in {1}.{2} Allowed keys: {3}.",
                    name,
                    Describe(owner),
                    suggestion is null ? string.Empty : " Did you mean '" + suggestion + "'?",
                    string.Join(", ", allowed));
            }

            YamlNode? node = property is not null ? _json.OriginOf(property) : null;
            Add(node, token, message);
        }

        private void ReportMissingKey(ValidationError error, JToken? token)
        {
            string name = error.Property ?? "?";
            if (token is not JObject present)
            {
                return; // the document or item is not a mapping at all; the type error says so
            }

            if (HasTypoOf(present, name, error.Schema?.ActualSchema))
            {
                return; // the unknown-key diagnostic on the typo ("thne" → did you mean "then"?) says it all
            }

            JsonSchemaProperty? propertySchema = null;
            if (error.Schema?.ActualSchema.Properties.TryGetValue(name, out JsonSchemaProperty? found) == true)
            {
                propertySchema = found;
            }

            string? example = FindExample(propertySchema);
            string? description = propertySchema?.Description ?? propertySchema?.ActualSchema.Description;
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "{0} has no '{1}' key, which is required{2}.{3}",
                Capitalize(Describe(token as JObject)),
                name,
                description is null ? string.Empty : " (" + FirstSentence(description) + ")",
                example is null ? string.Empty : " Add it, e.g. '" + name + ": " + example + "'.");

            // Point at the mapping's first key rather than the whole (possibly long) mapping.
            YamlNode? node = token is null ? null : _json.OriginOf(token);
            if (node is { Kind: YamlNodeKind.Mapping, Pairs.Count: > 0 })
            {
                node = node.Pairs[0].Key;
            }

            Add(node, token, message);
        }

        private static bool HasTypoOf(JObject mapping, string missing, JsonSchema? schema) =>
            mapping.Properties().Any(p =>
                schema?.Properties.ContainsKey(p.Name) != true &&
                Suggest.Closest(p.Name, schema?.Properties.Keys ?? Enumerable.Empty<string>()) == missing);

        private void Add(JToken? token, string message) => Add(token is null ? null : _json.OriginOf(token), token, message);

        private void Add(YamlNode? node, JToken? token, string message)
        {
            node ??= token?.Parent is { } parent ? _json.OriginOf(parent) : null;
            node ??= _root;
            _diagnostics.Add(SpecRules.SchemaViolation, _path, node.Span, MessageText.OneLine(message));
        }

        /// <summary>"the key 'priority' of criterion ORDERS-001", "an item of 'tags' of the feature", "the document".</summary>
        private static string Subject(JToken? token)
        {
            if (token is null || token.Parent is null)
            {
                return "the document";
            }

            if (token.Parent is JProperty property)
            {
                return property.Parent?.Parent is null ? "'" + property.Name + "'" : "'" + property.Name + "' of " + Describe(property.Parent as JObject);
            }

            if (token.Parent is JArray array && array.Parent is JProperty arrayProperty)
            {
                return string.Format(CultureInfo.InvariantCulture, "item {0} of '{1}' of {2}", array.IndexOf(token) + 1, arrayProperty.Name, Describe(arrayProperty.Parent as JObject));
            }

            return "a value";
        }

        /// <summary>Names a mapping in spec terms: the feature, criterion ORDERS-001, example row 2 of criterion ORDERS-001.</summary>
        private static string Describe(JObject? mapping)
        {
            if (mapping is null)
            {
                return "this mapping";
            }

            if (mapping.Parent is null)
            {
                return "the feature";
            }

            if (mapping.Parent is JArray array && array.Parent is JProperty property)
            {
                int index = array.IndexOf(mapping);
                if (property.Name == "criteria" && property.Parent?.Parent is null)
                {
                    return mapping["id"] is JValue { Type: JTokenType.String } id
                        ? "criterion " + id
                        : string.Format(CultureInfo.InvariantCulture, "criterion #{0}", index + 1);
                }

                if (property.Name == "examples" && property.Parent is JObject criterion)
                {
                    return string.Format(CultureInfo.InvariantCulture, "example row {0} of {1}", index + 1, Describe(criterion));
                }

                return string.Format(CultureInfo.InvariantCulture, "item {0} of '{1}'", index + 1, property.Name);
            }

            return mapping.Parent is JProperty owner ? "'" + owner.Name + "'" : "this mapping";
        }

        private static string Describe(JToken? token) => token?.Type switch
        {
            null => "missing",
            JTokenType.Null => "empty",
            JTokenType.String => "'" + token + "' (text)",
            JTokenType.Integer or JTokenType.Float => token.ToString(Newtonsoft.Json.Formatting.None) + " (a number)",
            JTokenType.Boolean => token.ToString(Newtonsoft.Json.Formatting.None).ToLowerInvariant() + " (a boolean)",
            JTokenType.Array => "a list",
            JTokenType.Object => "a mapping",
            _ => "a value",
        };

        private static string ExpectedTypes(JsonSchema? schema)
        {
            JsonSchema? actual = schema?.ActualSchema;
            if (actual is null)
            {
                return "another kind of value";
            }

            var names = new List<string>();
            foreach (JsonObjectType type in new[] { JsonObjectType.String, JsonObjectType.Integer, JsonObjectType.Number, JsonObjectType.Boolean, JsonObjectType.Array, JsonObjectType.Object, JsonObjectType.Null })
            {
                if (actual.Type.HasFlag(type))
                {
                    names.Add(type switch
                    {
                        JsonObjectType.String => "text",
                        JsonObjectType.Integer => "a whole number",
                        JsonObjectType.Number => "a number",
                        JsonObjectType.Boolean => "true or false",
                        JsonObjectType.Array => "a list",
                        JsonObjectType.Object => "a mapping",
                        _ => "null",
                    });
                }
            }

            return names.Count == 0 ? "another kind of value" : string.Join(" or ", names);
        }

        private static string? FindHint(JsonSchema? schema, string keyword)
        {
            for (JsonSchema? current = schema; current is not null; current = current.HasReference ? current.Reference : null)
            {
                if (current.ExtensionData is { } data && data.TryGetValue(keyword, out object? value) && value is not null)
                {
                    return value.ToString();
                }

                if (!current.HasReference)
                {
                    break;
                }
            }

            return null;
        }

        private static string? FindExample(JsonSchema? schema)
        {
            for (JsonSchema? current = schema; current is not null; current = current.HasReference ? current.Reference : null)
            {
                if (current.ExtensionData is { } data && data.TryGetValue("examples", out object? value) && value is not null)
                {
                    object? first = value switch
                    {
                        JArray array when array.Count > 0 => array[0],
                        object[] items when items.Length > 0 => items[0],
                        IList<object?> list when list.Count > 0 => list[0],
                        _ => null,
                    };
                    // Only scalar examples fit in a one-line hint; structured ones are for editors.
                    return first switch
                    {
                        JValue token => token.ToString(Newtonsoft.Json.Formatting.None).Trim('"'),
                        string or long or int or double or bool => Convert.ToString(first, CultureInfo.InvariantCulture),
                        _ => null,
                    };
                }

                if (!current.HasReference)
                {
                    break;
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
