using System.Collections.Generic;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Yaml
{
    /// <summary>
    /// How a scalar was written. SpecGuard's own enum, not YamlDotNet's <c>ScalarStyle</c>: the tree (and the fast path
    /// that builds it) then never needs YamlDotNet's assembly, which is loaded only when a file needs its parser.
    /// </summary>
    internal enum YamlScalarStyle
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
        Folded,
    }

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

        public YamlScalarStyle Style { get; private set; }

        public string? Tag { get; private set; }

        private static readonly List<KeyValuePair<YamlNode, YamlNode>> NoPairs = new List<KeyValuePair<YamlNode, YamlNode>>();
        private static readonly List<YamlNode> NoItems = new List<YamlNode>();

        // Scalars (most nodes) share the empty lists; only containers allocate their own.
        public List<KeyValuePair<YamlNode, YamlNode>> Pairs { get; private set; } = NoPairs;

        public List<YamlNode> Items { get; private set; } = NoItems;

        /// <summary>Nodes in this subtree once every alias is expanded (this node included).</summary>
        public long ExpandedSize { get; set; } = 1;

        public static YamlNode Scalar(SourceSpan span, string value, YamlScalarStyle style, string? tag) =>
            new YamlNode(YamlNodeKind.Scalar, span) { Value = value, Style = style, Tag = tag };

        public static YamlNode Container(YamlNodeKind kind, SourceSpan span)
        {
            var node = new YamlNode(kind, span);
            if (kind == YamlNodeKind.Mapping)
            {
                node.Pairs = new List<KeyValuePair<YamlNode, YamlNode>>();
            }
            else
            {
                node.Items = new List<YamlNode>();
            }

            return node;
        }

        public bool IsPlainScalar => Kind == YamlNodeKind.Scalar && Style == YamlScalarStyle.Plain && Tag is null;

        public string Describe() => Kind switch
        {
            YamlNodeKind.Mapping => "a mapping",
            YamlNodeKind.Sequence => "a list",
            _ => "'" + Value + "'",
        };
    }
}
