using System.Collections.Generic;
using SpecGuard.Core.Model;
using YamlDotNet.Core;

namespace SpecGuard.Core.Yaml
{
    internal enum YamlNodeKind
    {
        Scalar,
        Mapping,
        Sequence,
    }

    /// <summary>
    /// A YAML node with its location. Aliases are not copied: an alias refers to the anchored node itself, so the
    /// tree is a DAG whose expanded size is known (<see cref="ExpandedSize"/>) before anything is expanded.
    /// </summary>
    internal sealed class YamlNode
    {
        private YamlNode(YamlNodeKind kind, SourceSpan span)
        {
            Kind = kind;
            Span = span;
        }

        public YamlNodeKind Kind { get; }

        public SourceSpan Span { get; set; }

        public string Value { get; private set; } = string.Empty;

        public ScalarStyle Style { get; private set; }

        public string? Tag { get; private set; }

        public List<KeyValuePair<YamlNode, YamlNode>> Pairs { get; } = new List<KeyValuePair<YamlNode, YamlNode>>();

        public List<YamlNode> Items { get; } = new List<YamlNode>();

        /// <summary>Nodes in this subtree once every alias is expanded (this node included).</summary>
        public long ExpandedSize { get; set; } = 1;

        public static YamlNode Scalar(SourceSpan span, string value, ScalarStyle style, string? tag) =>
            new YamlNode(YamlNodeKind.Scalar, span) { Value = value, Style = style, Tag = tag };

        public static YamlNode Container(YamlNodeKind kind, SourceSpan span) => new YamlNode(kind, span);

        public bool IsPlainScalar => Kind == YamlNodeKind.Scalar && Style == ScalarStyle.Plain && Tag is null;

        public string Describe() => Kind switch
        {
            YamlNodeKind.Mapping => "a mapping",
            YamlNodeKind.Sequence => "a list",
            _ => "'" + Value + "'",
        };
    }
}
