using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Yaml;

namespace SpecGuard.Core.Tests.Oracle
{
    /// <summary>
    /// Turns a guarded <see cref="YamlNode"/> tree into a JSON token tree for schema validation, remembering which
    /// YAML node each token came from so that schema errors land on the YAML node's span. Scalars follow the
    /// YAML 1.2 core schema as <see cref="YamlScalars"/> decides it; a scalar that cannot be the type its tag says
    /// (<c>!!int abc</c>, <c>1e400</c>, an unknown tag) is SPEC002 on the scalar and stays text. Recursion is bounded by
    /// <see cref="SpecLoaderLimits.MaxDepth"/>, size by <see cref="SpecLoaderLimits.MaxAliasExpansion"/>.
    /// </summary>
    internal sealed class YamlToJson
    {
        private readonly Dictionary<JToken, YamlNode> _origins = new Dictionary<JToken, YamlNode>(ReferenceComparer.Instance);
        private readonly string _path;
        private readonly DiagnosticBag _diagnostics;

        public YamlToJson(string path, DiagnosticBag diagnostics)
        {
            _path = path;
            _diagnostics = diagnostics;
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

        private JValue ConvertScalar(YamlNode scalar)
        {
            ScalarValue value = YamlScalars.Resolve(scalar);
            if (value.Error is not null)
            {
                // Reported once per node (an aliased node is converted once per use; the bag drops exact repeats).
                _diagnostics.Add(SpecRules.SchemaViolation, _path, scalar.Span, value.Error);
                return new JValue(scalar.Value);
            }

            switch (value.Kind)
            {
                case ExampleValueKind.Null:
                    return JValue.CreateNull();
                case ExampleValueKind.Boolean:
                    return new JValue(value.Canonical == "true");
                case ExampleValueKind.Integer:
                    return new JValue(value.Long);
                case ExampleValueKind.Float:
                    return new JValue(value.Double);
                default:
                    return new JValue(scalar.Value);
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
