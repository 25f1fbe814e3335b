using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SpecGuard.Core.Yaml
{
    /// <summary>
    /// Reads spec text into a <see cref="YamlNode"/> tree from YamlDotNet's event stream, without recursion and
    /// under <see cref="SpecLoaderLimits"/>: nesting depth is checked at every container start, alias expansion at
    /// every alias (from the anchored node's known size, before anything is expanded), control characters and
    /// file size before parsing starts. Syntax errors, duplicate keys and extra documents become SPEC001.
    /// </summary>
    internal sealed class YamlTreeReader
    {
        private readonly string _path;
        private readonly SpecLoaderLimits _limits;
        private readonly DiagnosticBag _diagnostics;
        private readonly int _offsetShift;
        private readonly CancellationToken _cancellationToken;

        private YamlTreeReader(string path, SpecLoaderLimits limits, DiagnosticBag diagnostics, int offsetShift, CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
            _path = path;
            _limits = limits;
            _diagnostics = diagnostics;
            _offsetShift = offsetShift;
        }

        /// <summary>Reads <paramref name="text"/>; returns the document's root node, or null when there is none or it is unusable.</summary>
        /// <remarks>
        /// Text in the plain subset of YAML that spec files are written in goes through <see cref="PlainYamlReader"/>
        /// (same tree, a fraction of the cost); everything else, and every file with a problem, through YamlDotNet.
        /// </remarks>
        public static YamlNode? Read(string path, string text, SpecLoaderLimits limits, DiagnosticBag diagnostics, CancellationToken cancellationToken = default) =>
            Read(path, text, limits, diagnostics, fastPath: true, cancellationToken);

        /// <summary>Reads <paramref name="text"/> with YamlDotNet only (the reference the fast path is tested against).</summary>
        internal static YamlNode? ReadWithYamlDotNet(string path, string text, SpecLoaderLimits limits, DiagnosticBag diagnostics) =>
            Read(path, text, limits, diagnostics, fastPath: false, CancellationToken.None);

        /// <summary>Reads <paramref name="text"/> with the fast path only: null when it gives up (the tests' view of its coverage).</summary>
        internal static YamlNode? ReadWithFastPathOnly(string text) =>
            text.Length > 0 && text[0] == '\uFEFF'
                ? PlainYamlReader.TryRead(text.Substring(1), 1, SpecLoaderLimits.Default, CancellationToken.None)
                : PlainYamlReader.TryRead(text, 0, SpecLoaderLimits.Default, CancellationToken.None);

        private static YamlNode? Read(string path, string text, SpecLoaderLimits limits, DiagnosticBag diagnostics, bool fastPath, CancellationToken cancellationToken)
        {
            if (text.Length > limits.MaxFileLength)
            {
                diagnostics.Add(SpecRules.MalformedYaml, path, SourceSpan.FileStart, string.Format(
                    CultureInfo.InvariantCulture,
                    "The spec file is {0:N0} characters long; SpecGuard reads spec files of at most {1:N0} characters. Split the feature into several spec files.",
                    text.Length,
                    limits.MaxFileLength));
                return null;
            }

            // A BOM is an encoding mark, not content. Roslyn strips it; a caller passing raw text may not.
            int shift = 0;
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
                shift = 1;
            }

            var reader = new YamlTreeReader(path, limits, diagnostics, shift, cancellationToken);
            if (reader.FindControlCharacter(text))
            {
                return null;
            }

            if (fastPath && PlainYamlReader.TryRead(text, shift, limits, cancellationToken) is { } tree)
            {
                return tree;
            }

            return reader.Parse(text);
        }

        private bool FindControlCharacter(string text)
        {
            int line = 0;
            int lineStart = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n')
                {
                    line++;
                    lineStart = i + 1;
                    continue;
                }

                if ((c < 0x20 && c != '\t' && c != '\r') || c == '\u007F' || c == '\uFFFE' || c == '\uFFFF')
                {
                    var span = Span(i, line, i - lineStart, i + 1, line, i - lineStart + 1);
                    _diagnostics.Add(SpecRules.MalformedYaml, _path, span, string.Format(
                        CultureInfo.InvariantCulture,
                        "The spec file contains the control character U+{0:X4} at line {1}, column {2}; spec files are UTF-8 text. Is this a binary file, or saved in another encoding?",
                        (int)c,
                        line + 1,
                        i - lineStart + 1));
                    return true;
                }
            }

            return false;
        }

        private YamlNode? Parse(string text)
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            var stack = new Stack<Frame>();
            var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            YamlNode? root = null;
            int documents = 0;
            long aliasExpansion = 0;
            Mark lastEnd = Mark.Empty;
            int events = 0;

            try
            {
                while (parser.MoveNext())
                {
                    ParsingEvent current = parser.Current!;
                    if ((++events & 1023) == 0)
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                    }

                    lastEnd = current.End;
                    switch (current)
                    {
                        case DocumentStart documentStart:
                            documents++;
                            if (documents > 1)
                            {
                                _diagnostics.Add(SpecRules.MalformedYaml, _path, ToSpan(documentStart.Start, documentStart.End.Index > documentStart.Start.Index ? documentStart.End : documentStart.Start), string.Format(
                                    CultureInfo.InvariantCulture,
                                    "A second YAML document starts at line {0}; a spec file holds exactly one feature. Move it into a spec file of its own.",
                                    documentStart.Start.Line));
                                return root;
                            }

                            break;

                        case Scalar scalar:
                            {
                                YamlNode node = YamlNode.Scalar(ToSpan(scalar.Start, scalar.End), scalar.Value, StyleOf(scalar.Style), NormalizeTag(scalar.Tag));
                                Register(anchors, scalar.Anchor, node);
                                if (!Attach(stack, node, ref root))
                                {
                                    return root;
                                }

                                break;
                            }

                        case MappingStart mappingStart:
                            if (!Open(stack, YamlNode.Container(YamlNodeKind.Mapping, ToSpan(mappingStart.Start, mappingStart.End)), mappingStart.Anchor))
                            {
                                return null;
                            }

                            break;

                        case SequenceStart sequenceStart:
                            if (!Open(stack, YamlNode.Container(YamlNodeKind.Sequence, ToSpan(sequenceStart.Start, sequenceStart.End)), sequenceStart.Anchor))
                            {
                                return null;
                            }

                            break;

                        case MappingEnd:
                        case SequenceEnd:
                            {
                                Frame frame = stack.Pop();
                                YamlNode node = frame.Node;
                                node.Span = SourceSpan.Between(node.Span, ToSpan(current.Start, current.End));
                                Register(anchors, frame.Anchor, node);
                                if (!Attach(stack, node, ref root))
                                {
                                    return root;
                                }

                                break;
                            }

                        case AnchorAlias alias:
                            {
                                SourceSpan span = ToSpan(alias.Start, alias.End);
                                if (!anchors.TryGetValue(alias.Value.Value, out YamlNode? target))
                                {
                                    _diagnostics.Add(SpecRules.MalformedYaml, _path, span, string.Format(
                                        CultureInfo.InvariantCulture,
                                        "The alias '*{0}' refers to no anchor defined before it (an anchor must be complete before it is used; '&{0}' cannot contain '*{0}'). Define '&{0}' earlier or write the value out.",
                                        alias.Value.Value));
                                    return null;
                                }

                                aliasExpansion += target.ExpandedSize;
                                if (aliasExpansion > _limits.MaxAliasExpansion)
                                {
                                    _diagnostics.Add(SpecRules.MalformedYaml, _path, span, string.Format(
                                        CultureInfo.InvariantCulture,
                                        "The alias '*{0}' brings the nodes that aliases add to this file past {1:N0} (alias bombs are refused). Write the repeated values out, or reuse fewer of them.",
                                        alias.Value.Value,
                                        _limits.MaxAliasExpansion));
                                    return null;
                                }

                                if (!Attach(stack, target, ref root, span))
                                {
                                    return root;
                                }

                                break;
                            }
                    }
                }
            }
            catch (YamlException exception)
            {
                ReportYamlException(text, exception);
                return null;
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
            {
                // YamlDotNet's scanner throws these (not a YamlException) on some malformed plain scalars
                // (InvalidOperationException) and on a tag that is not a valid URI (ArgumentException from its TagName);
                // the problem lies after the last event it produced.
                SourceSpan span = ToSpan(lastEnd, lastEnd);
                string reason = exception is ArgumentException
                    ? "a tag (!…) here is not a valid URI; spec files need no tags other than !!str, !!int, !!float, !!bool and !!null"
                    : exception.Message.TrimEnd('.');
                _diagnostics.Add(SpecRules.MalformedYaml, _path, span, string.Format(
                    CultureInfo.InvariantCulture,
                    "The spec file is not valid YAML after line {0}, column {1} (the YAML reader stopped: {2}). Check the quoting, brackets, tags and indentation after this point.",
                    span.StartLine + 1,
                    span.StartColumn + 1,
                    reason));
                return null;
            }

            return root;
        }

        private bool Open(Stack<Frame> stack, YamlNode node, AnchorName anchor)
        {
            if (stack.Count >= _limits.MaxDepth)
            {
                _diagnostics.Add(SpecRules.MalformedYaml, _path, node.Span, string.Format(
                    CultureInfo.InvariantCulture,
                    "Mappings and lists are nested more than {0} levels deep here; a spec file needs at most 5. Flatten the structure.",
                    _limits.MaxDepth));
                return false;
            }

            stack.Push(new Frame(node, anchor.IsEmpty ? null : anchor.Value));
            return true;
        }

        /// <summary>Adds a finished node to its parent (or makes it the root). Returns false when reading must stop.</summary>
        private bool Attach(Stack<Frame> stack, YamlNode node, ref YamlNode? root, SourceSpan? aliasSpan = null)
        {
            if (stack.Count == 0)
            {
                root = node;
                return true;
            }

            Frame parent = stack.Peek();
            parent.Node.ExpandedSize += node.ExpandedSize;
            if (parent.Node.Kind == YamlNodeKind.Sequence)
            {
                parent.Node.Items.Add(node);
                return true;
            }

            if (parent.PendingKey is null)
            {
                parent.PendingKey = aliasSpan is null ? node : YamlNode.Scalar(aliasSpan.Value, node.Value, node.Style, node.Tag);
                return true;
            }

            YamlNode key = parent.PendingKey;
            parent.PendingKey = null;
            if (key.Kind == YamlNodeKind.Scalar)
            {
                if (parent.FindKey(key.Value) is { } first)
                {
                    _diagnostics.Add(SpecRules.MalformedYaml, _path, key.Span, string.Format(
                        CultureInfo.InvariantCulture,
                        "The key '{0}' appears twice in this mapping (first at line {1}); YAML keys must be unique. Remove or rename one of them.",
                        key.Value,
                        first.Span.StartLine + 1));
                    return true;
                }

                parent.AddKey(key);
            }

            parent.Node.Pairs.Add(new KeyValuePair<YamlNode, YamlNode>(key, node));
            return true;
        }

        private static void Register(Dictionary<string, YamlNode> anchors, AnchorName anchor, YamlNode node) =>
            Register(anchors, anchor.IsEmpty ? null : anchor.Value, node);

        private static void Register(Dictionary<string, YamlNode> anchors, string? anchor, YamlNode node)
        {
            if (anchor is not null)
            {
                anchors[anchor] = node;
            }
        }

        private static string? NormalizeTag(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

        private void ReportYamlException(string text, YamlException exception)
        {
            SourceSpan span = ToSpan(exception.Start, exception.End);
            string message = exception.Message;
            bool tabs = message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0;
            if (tabs && FindTabIndent(text, (int)Math.Min(Math.Max(exception.Start.Index, 0), text.Length)) is { } tab)
            {
                // YamlDotNet reports tab indentation at the enclosing node; point at the tab itself.
                span = Span(tab.Offset, tab.Line, tab.Column, tab.Offset + 1, tab.Line, tab.Column + 1);
            }

            // YamlDotNet prefixes messages with the position ("(Line: 3, Col: 1, Idx: 20) - (...): "); the
            // diagnostic carries the position itself.
            int cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0)
            {
                message = message.Substring(cut + 3);
            }

            message = message.Trim().TrimEnd('.');
            string hint = string.Empty;
            if (tabs)
            {
                hint = " YAML does not allow tabs for indentation: indent with spaces.";
            }

            _diagnostics.Add(SpecRules.MalformedYaml, _path, span, string.Format(
                CultureInfo.InvariantCulture,
                "The spec file is not valid YAML at line {0}, column {1}: {2}.{3} Check the indentation and quoting around this point.",
                span.StartLine + 1,
                span.StartColumn + 1,
                message,
                hint));
        }

        /// <summary>The first tab in the leading whitespace of a line at or after <paramref name="from"/>.</summary>
        private static (int Offset, int Line, int Column)? FindTabIndent(string text, int from)
        {
            int firstLine = LineStartOf(text, from);
            int line = 0;
            bool atLineStart = true;
            int lineStart = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n')
                {
                    line++;
                    lineStart = i + 1;
                    atLineStart = true;
                    continue;
                }

                if (atLineStart && c == '\t' && lineStart >= firstLine)
                {
                    return (i, line, i - lineStart);
                }

                if (c != ' ' && c != '\t')
                {
                    atLineStart = false;
                }
            }

            return null;
        }

        private static int LineStartOf(string text, int index)
        {
            int start = Math.Min(index, text.Length);
            while (start > 0 && text[start - 1] != '\n')
            {
                start--;
            }

            return start;
        }

        private SourceSpan ToSpan(Mark start, Mark end)
        {
            if (end.Index < start.Index)
            {
                end = start;
            }

            return Span(
                (int)start.Index,
                (int)start.Line - 1,
                (int)start.Column - 1,
                (int)end.Index,
                (int)end.Line - 1,
                (int)end.Column - 1);
        }

        private SourceSpan Span(int start, int startLine, int startColumn, int end, int endLine, int endColumn)
        {
            startLine = Math.Max(startLine, 0);
            endLine = Math.Max(endLine, 0);
            startColumn = Math.Max(startColumn, 0) + (startLine == 0 ? _offsetShift : 0);
            endColumn = Math.Max(endColumn, 0) + (endLine == 0 ? _offsetShift : 0);
            return new SourceSpan(Math.Max(start, 0) + _offsetShift, Math.Max(end - start, 0), startLine, startColumn, endLine, endColumn);
        }

        private sealed class Frame
        {
            public Frame(YamlNode node, string? anchor)
            {
                Node = node;
                Anchor = anchor;
            }

            public YamlNode Node { get; }

            public string? Anchor { get; }

            public YamlNode? PendingKey { get; set; }

            // The scalar keys so far: a list for the small mappings spec files are made of, a dictionary past 8 keys.
            private List<YamlNode>? _keyList;
            private Dictionary<string, YamlNode>? _keys;

            public YamlNode? FindKey(string key)
            {
                if (_keys is not null)
                {
                    return _keys.TryGetValue(key, out YamlNode? found) ? found : null;
                }

                if (_keyList is not null)
                {
                    foreach (YamlNode candidate in _keyList)
                    {
                        if (string.Equals(candidate.Value, key, StringComparison.Ordinal))
                        {
                            return candidate;
                        }
                    }
                }

                return null;
            }

            public void AddKey(YamlNode key)
            {
                if (_keys is not null)
                {
                    _keys.Add(key.Value, key);
                    return;
                }

                _keyList ??= new List<YamlNode>();
                _keyList.Add(key);
                if (_keyList.Count > 8)
                {
                    _keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                    foreach (YamlNode known in _keyList)
                    {
                        _keys.Add(known.Value, known);
                    }

                    _keyList = null;
                }
            }
        }

        /// <summary>YamlDotNet's scalar style as the tree records it (Any, which a parser never reports, reads as plain).</summary>
        private static YamlScalarStyle StyleOf(ScalarStyle style) => style switch
        {
            ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
            ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            _ => YamlScalarStyle.Plain,
        };
    }
}
