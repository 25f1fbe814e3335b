using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using YamlDotNet.Core;

namespace SpecGuard.Core.Yaml
{
    /// <summary>
    /// Turns a guarded <see cref="YamlNode"/> tree into a JSON token tree for schema validation, remembering which
    /// YAML node each token came from so that schema errors land on the YAML node's span. Scalars follow the
    /// YAML 1.2 core schema: plain <c>1</c> is an integer, <c>true</c> a boolean, <c>~</c>/<c>null</c>/empty a
    /// null; quoted, block and <c>!!str</c>-tagged scalars are strings. Recursion is bounded by
    /// <see cref="SpecLoaderLimits.MaxDepth"/>, size by <see cref="SpecLoaderLimits.MaxAliasExpansion"/>.
    /// </summary>
    internal sealed class YamlToJson
    {
        private static readonly Regex IntegerPattern = new Regex("^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant);
        private static readonly Regex FloatPattern = new Regex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$", RegexOptions.CultureInvariant);

        private readonly Dictionary<JToken, YamlNode> _origins = new Dictionary<JToken, YamlNode>(ReferenceComparer.Instance);
        private readonly string _path;
        private readonly DiagnosticBag _diagnostics;

        public YamlToJson(string path, DiagnosticBag diagnostics)
        {
            _path = path;
            _diagnostics = diagnostics;
        }

        public static ExampleValueKind ResolveKind(YamlNode scalar)
        {
            if (scalar.Tag is not null)
            {
                return scalar.Tag switch
                {
                    "tag:yaml.org,2002:int" => ExampleValueKind.Integer,
                    "tag:yaml.org,2002:float" => ExampleValueKind.Float,
                    "tag:yaml.org,2002:bool" => ExampleValueKind.Boolean,
                    "tag:yaml.org,2002:null" => ExampleValueKind.Null,
                    _ => ExampleValueKind.String,
                };
            }

            if (scalar.Style != ScalarStyle.Plain)
            {
                return ExampleValueKind.String;
            }

            string value = scalar.Value;
            switch (value)
            {
                case "":
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    return ExampleValueKind.Null;
                case "true":
                case "True":
                case "TRUE":
                case "false":
                case "False":
                case "FALSE":
                    return ExampleValueKind.Boolean;
            }

            // Fast path: numbers start with a digit, a sign or a dot; most scalars in a spec are prose.
            char first = value[0];
            if (!(first is (>= '0' and <= '9') or '-' or '+' or '.'))
            {
                return ExampleValueKind.String;
            }

            if (IntegerPattern.IsMatch(value))
            {
                return ExampleValueKind.Integer;
            }

            return FloatPattern.IsMatch(value) ? ExampleValueKind.Float : ExampleValueKind.String;
        }

        /// <summary>The YAML node a token was made from (for a property: its key).</summary>
        public YamlNode? OriginOf(JToken token) => _origins.TryGetValue(token, out YamlNode? node) ? node : null;

        public JToken Convert(YamlNode node)
        {
            JToken token;
            switch (node.Kind)
            {
                case YamlNodeKind.Mapping:
                    {
                        var obj = new JObject();
                        foreach (KeyValuePair<YamlNode, YamlNode> pair in node.Pairs)
                        {
                            if (pair.Key.Kind != YamlNodeKind.Scalar)
                            {
                                _diagnostics.Add(SpecRules.SchemaViolation, _path, pair.Key.Span, "A key here is " + pair.Key.Describe() + "; keys in a spec file are plain words such as 'title'. Write the key as text.");
                                continue;
                            }

                            var property = new JProperty(pair.Key.Value, Convert(pair.Value));
                            _origins[property] = pair.Key;
                            obj.Add(property);
                        }

                        token = obj;
                        break;
                    }

                case YamlNodeKind.Sequence:
                    {
                        var array = new JArray();
                        foreach (YamlNode item in node.Items)
                        {
                            array.Add(Convert(item));
                        }

                        token = array;
                        break;
                    }

                default:
                    token = ConvertScalar(node);
                    break;
            }

            _origins[token] = node;
            return token;
        }

        private static JValue ConvertScalar(YamlNode scalar)
        {
            string value = scalar.Value;
            switch (ResolveKind(scalar))
            {
                case ExampleValueKind.Null:
                    return JValue.CreateNull();
                case ExampleValueKind.Boolean:
                    return new JValue(value.Length == 4);
                case ExampleValueKind.Integer:
                    if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                    {
                        return new JValue(integer);
                    }

                    if (value.StartsWith("0x", System.StringComparison.Ordinal) &&
                        long.TryParse(value.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
                    {
                        return new JValue(hex);
                    }

                    // Octal or too large for 64 bits: still a number for the schema's purposes.
                    return new JValue(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double big) ? big : 0d);
                case ExampleValueKind.Float:
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                    {
                        return new JValue(number);
                    }

                    return new JValue(value.IndexOf("nan", System.StringComparison.OrdinalIgnoreCase) >= 0 ? double.NaN : value.StartsWith("-", System.StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity);
                default:
                    return new JValue(value);
            }
        }

        private sealed class ReferenceComparer : IEqualityComparer<JToken>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(JToken? x, JToken? y) => ReferenceEquals(x, y);

            public int GetHashCode(JToken obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
