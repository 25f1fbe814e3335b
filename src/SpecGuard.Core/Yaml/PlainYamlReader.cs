using System;
using System.Collections.Generic;
using System.Threading;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Yaml
{
    /// <summary>
    /// A fast path in front of YamlDotNet for the YAML that spec files are made of: block mappings and lists, one-line
    /// plain, quoted and flow values, simple literal and folded block scalars, comments, LF or CRLF line ends. It builds exactly the tree (values, styles, spans,
    /// alias-free sizes) that <see cref="YamlTreeReader"/> builds from YamlDotNet's events, in one pass over the text and
    /// without YamlDotNet's per-token objects; on anything else (multi-line plain or quoted values, anchors, aliases, tags,
    /// document markers, directives, tabs, duplicate keys, any syntax error, deeper nesting than it handles) it gives up
    /// and returns null, and the caller reads the text with YamlDotNet, which reports whatever is wrong. It never reports
    /// anything itself, so every diagnostic and error position still comes from the one YamlDotNet path.
    /// The equivalence is checked by FastPathTests (both readers on generated and mutated specs).
    /// </summary>
    internal sealed class PlainYamlReader
    {
        /// <summary>Deepest nesting the fast path handles (the format needs 5); deeper text goes to YamlDotNet.</summary>
        private const int MaxFastDepth = 16;

        /// <summary>YamlDotNet refuses a simple key longer than 1,024 characters; keys near that go to YamlDotNet.</summary>
        private const int MaxKeyLength = 1000;

        private readonly string _text;
        private readonly int _shift;
        private readonly int _maxDepth;
        private readonly CancellationToken _cancellationToken;
        private readonly string?[] _interned = new string?[512];

        // The cursor: after every node it stands on the first character of the next line that has content (not blank,
        // not only a comment), or at the end of the text (_eof).
        private int _pos;
        private int _line;
        private int _lineStart;
        private bool _eof;
        private int _lines;

        private PlainYamlReader(string text, int shift, int maxDepth, CancellationToken cancellationToken)
        {
            _text = text;
            _shift = shift;
            _maxDepth = Math.Min(maxDepth, MaxFastDepth);
            _cancellationToken = cancellationToken;
        }

        /// <summary>The tree of <paramref name="text"/> (BOM already removed, <paramref name="shift"/> characters before it), or null to let YamlDotNet read it.</summary>
        public static YamlNode? TryRead(string text, int shift, SpecLoaderLimits limits, CancellationToken cancellationToken)
        {
            if (!OnlySimpleCharacters(text))
            {
                return null;
            }

            if (EndsInBlankLineWithoutBreak(text))
            {
                return null;
            }

            var reader = new PlainYamlReader(text, shift, limits.MaxDepth, cancellationToken);
            return reader.ReadDocument();
        }

        /// <summary>No tab, lone CR, C1 control, BOM or Unicode line break anywhere (YamlDotNet treats them specially).</summary>
        private static bool OnlySimpleCharacters(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= ' ' && c < '\u007F')
                {
                    continue;
                }

                if (c == '\n')
                {
                    continue;
                }

                if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        continue;
                    }

                    return false;
                }

                if (c < '\u00A0' || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c >= '\uFFFE')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A last line that has no line break and no content (blanks, a comment): YamlDotNet then ends the blocks indented
        /// deeper than that line's end there, and the others on the next line.
        /// </summary>
        private static bool EndsInBlankLineWithoutBreak(string text)
        {
            int lastLine = text.LastIndexOf('\n') + 1;
            if (lastLine >= text.Length)
            {
                return false;
            }

            int i = lastLine;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            return i == text.Length || text[i] == '#';
        }

        private YamlNode? ReadDocument()
        {
            _pos = 0;
            _line = 0;
            _lineStart = 0;
            if (!SkipToContent() || _eof || Column != 0 || IsSequenceEntry())
            {
                return null;
            }

            YamlNode? root = ParseBlockMapping(0, 1);
            return root is not null && _eof ? root : null;
        }

        private int Column => _pos - _lineStart;

        private bool AtLineEnd(int i) => i >= _text.Length || _text[i] == '\n' || _text[i] == '\r';

        private bool IsBlankOrLineEnd(int i) => AtLineEnd(i) || _text[i] == ' ';

        private bool IsSequenceEntry() => _text[_pos] == '-' && IsBlankOrLineEnd(_pos + 1);

        /// <summary>
        /// From the current position (the start of a line, or anywhere within one after a node), goes to the first
        /// character of the next line with content, or to the end. False when a line must be left to YamlDotNet.
        /// </summary>
        private bool SkipToContent()
        {
            int i = _pos;
            bool lineStart = i == _lineStart;
            while (true)
            {
                if (!lineStart)
                {
                    // Rest of the current line: only blanks and a comment.
                    bool blank = true;
                    while (!AtLineEnd(i))
                    {
                        char c = _text[i];
                        if (c == '#' && blank && (i == _lineStart || _text[i - 1] == ' '))
                        {
                            while (!AtLineEnd(i))
                            {
                                i++;
                            }

                            break;
                        }

                        if (c != ' ')
                        {
                            return false;
                        }

                        i++;
                    }

                    if (i >= _text.Length)
                    {
                        _pos = i;
                        _eof = true;
                        return true;
                    }

                    i += _text[i] == '\r' ? 2 : 1;
                    _line++;
                    _lineStart = i;
                    if ((++_lines & 1023) == 0)
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                    }
                }

                lineStart = false;
                int start = i;
                while (i < _text.Length && _text[i] == ' ')
                {
                    i++;
                }

                if (AtLineEnd(i) || _text[i] == '#')
                {
                    continue;
                }

                if (i == start && (_text[i] == '%' || StartsWith(i, "---") || StartsWith(i, "...")))
                {
                    return false; // directives and document markers
                }

                _pos = i;
                return true;
            }
        }

        private bool StartsWith(int i, string marker) => string.CompareOrdinal(_text, i, marker, 0, marker.Length) == 0;

        /// <summary>The mark of the current position (the next content, or the end of the text) as a zero-length span.</summary>
        private SourceSpan HereMark()
        {
            if (_eof)
            {
                // YamlDotNet ends the stream on a new line: after the last line break, or one past the last line when
                // the text does not end with one.
                int line = _line + (_text.Length > 0 && _text[_text.Length - 1] != '\n' ? 1 : 0);
                return Span(_text.Length, _text.Length, line, 0);
            }

            return Span(_pos, _pos, _line, Column);
        }

        private SourceSpan Span(int start, int end, int line, int startColumn)
        {
            int lineShift = line == 0 ? _shift : 0;
            return new SourceSpan(start + _shift, end - start, line, startColumn + lineShift, line, startColumn + (end - start) + lineShift);
        }

        private SourceSpan SpanOnLine(int start, int end) => Span(start, end, _line, start - _lineStart);

        private YamlNode? ParseBlockMapping(int column, int depth)
        {
            if (depth > _maxDepth)
            {
                return null;
            }

            SourceSpan startMark = SpanOnLine(_pos, _pos);
            YamlNode mapping = YamlNode.Container(YamlNodeKind.Mapping, startMark);
            HashSet<string>? keys = null;
            while (true)
            {
                YamlNode? key = ScanBlockKey();
                if (key is null || !AddKey(mapping, key, ref keys))
                {
                    return null;
                }

                YamlNode? value = ParseValue(column, inMapping: true, depth);
                if (value is null)
                {
                    return null;
                }

                mapping.ExpandedSize += key.ExpandedSize + value.ExpandedSize;
                mapping.Pairs.Add(new KeyValuePair<YamlNode, YamlNode>(key, value));
                if (_eof || Column < column)
                {
                    mapping.Span = SourceSpan.Between(startMark, HereMark());
                    return mapping;
                }

                if (Column > column || IsSequenceEntry())
                {
                    return null;
                }
            }
        }

        /// <summary>False on a repeated key (YamlDotNet's path reports it).</summary>
        private static bool AddKey(YamlNode mapping, YamlNode key, ref HashSet<string>? keys)
        {
            List<KeyValuePair<YamlNode, YamlNode>> pairs = mapping.Pairs;
            if (keys is null)
            {
                foreach (KeyValuePair<YamlNode, YamlNode> pair in pairs)
                {
                    if (string.Equals(pair.Key.Value, key.Value, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                if (pairs.Count < 8)
                {
                    return true;
                }

                keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (KeyValuePair<YamlNode, YamlNode> pair in pairs)
                {
                    keys.Add(pair.Key.Value);
                }
            }

            return keys.Add(key.Value);
        }

        /// <summary>A plain key at the cursor, followed by ': ' or ':' at the line end; the cursor ends after the colon.</summary>
        private YamlNode? ScanBlockKey()
        {
            if (!CanStartPlain(_pos))
            {
                return null;
            }

            int end = ScanPlainBlock(_pos, out int colon);
            if (colon < 0 || colon - _pos > MaxKeyLength)
            {
                return null;
            }

            YamlNode key = YamlNode.Scalar(SpanOnLine(_pos, end), Intern(_pos, end), YamlScalarStyle.Plain, null);
            _pos = colon + 1;
            return key;
        }

        /// <summary>
        /// The value after a mapping's ':' or a list's '-' (the cursor is just after it). Leaves the cursor at the next
        /// content. <paramref name="column"/> is the column of the mapping or list the value belongs to.
        /// </summary>
        private YamlNode? ParseValue(int column, bool inMapping, int depth)
        {
            int indicatorEnd = _pos;
            int i = _pos;
            while (i < _text.Length && _text[i] == ' ')
            {
                i++;
            }

            if (AtLineEnd(i) || (_text[i] == '#' && i > indicatorEnd))
            {
                // Nothing on this line: a nested block on the next lines, or an empty (null) value.
                SourceSpan empty = SpanOnLine(indicatorEnd, indicatorEnd);
                if (!SkipToContent())
                {
                    return null;
                }

                if (!_eof && Column > column)
                {
                    return IsSequenceEntry() ? ParseBlockSequence(Column, indentless: false, depth + 1) : ParseBlockMapping(Column, depth + 1);
                }

                if (inMapping && !_eof && Column == column && IsSequenceEntry())
                {
                    return ParseBlockSequence(column, indentless: true, depth + 1);
                }

                return YamlNode.Scalar(empty, string.Empty, YamlScalarStyle.Plain, null);
            }

            if (i == indicatorEnd)
            {
                return null; // "a:b" or "-x" were plain scalars, not indicators: the caller never gets here with them
            }

            _pos = i;
            YamlNode? node;
            char c = _text[i];
            switch (c)
            {
                case '[':
                case '{':
                    node = ParseFlow(depth + 1);
                    break;
                case '|':
                case '>':
                    return ScanBlockScalar(column);
                case '\'':
                case '"':
                    node = ScanQuoted();
                    if (node is not null && FollowedByColon())
                    {
                        return null; // a quoted key
                    }

                    break;
                default:
                    if (!CanStartPlain(i))
                    {
                        return null;
                    }

                    int end = ScanPlainBlock(i, out int colon);
                    if (colon >= 0)
                    {
                        // "- key: value": a mapping inside the list item, at the key's column.
                        return inMapping ? null : ParseBlockMapping(Column, depth + 1);
                    }

                    node = YamlNode.Scalar(SpanOnLine(i, end), Value(i, end), YamlScalarStyle.Plain, null);
                    _pos = end;
                    break;
            }

            return node is not null && SkipToContent() ? node : null;
        }

        /// <summary>
        /// A literal or folded block scalar at the cursor (<c>|</c>, <c>|-</c>, <c>&gt;</c>, <c>&gt;-</c>) whose lines are
        /// all at one indentation, deeper than <paramref name="column"/>, without trailing blanks and with empty lines only
        /// at its end. Leaves the cursor at the next content. Anything else (keep or indentation indicators, a comment on
        /// the header, more-indented or blank-only lines, empty lines inside, the end of the text without a line break)
        /// is left to YamlDotNet.
        /// </summary>
        private YamlNode? ScanBlockScalar(int column)
        {
            int start = _pos;
            bool literal = _text[start] == '|';
            int i = start + 1;
            bool strip = false;
            if (i < _text.Length && _text[i] == '-')
            {
                strip = true;
                i++;
            }

            i = SkipBlanks(i);
            if (!AtLineEnd(i) || i >= _text.Length)
            {
                return null;
            }

            int startLine = _line;
            int startColumn = start - _lineStart;
            int line = _line + 1;
            int lineStart = i + (_text[i] == '\r' ? 2 : 1);
            int indent = SkipBlanks(lineStart) - lineStart;
            if (indent <= column)
            {
                return null;
            }

            var value = new System.Text.StringBuilder();
            bool emptyLines = false;
            while (lineStart < _text.Length)
            {
                int first = SkipBlanks(lineStart);
                int spaces = first - lineStart;
                if (AtLineEnd(first))
                {
                    if (spaces > 0)
                    {
                        return null; // a blank-only line: its blanks may be content
                    }

                    emptyLines = true;
                }
                else if (spaces < indent)
                {
                    break; // the first line of what follows
                }
                else if (spaces > indent || emptyLines)
                {
                    return null;
                }
                else
                {
                    int end = first;
                    while (!AtLineEnd(end))
                    {
                        end++;
                    }

                    if (_text[end - 1] == ' ' || end >= _text.Length)
                    {
                        return null;
                    }

                    if (value.Length > 0)
                    {
                        value.Append(literal ? '\n' : ' ');
                    }

                    value.Append(_text, first, end - first);
                }

                int lineEnd = first;
                while (!AtLineEnd(lineEnd))
                {
                    lineEnd++;
                }

                if (lineEnd >= _text.Length)
                {
                    return null;
                }

                lineStart = lineEnd + (_text[lineEnd] == '\r' ? 2 : 1);
                line++;
            }

            if (!strip)
            {
                value.Append('\n');
            }

            // YamlDotNet ends a block scalar at the start of the line after it (column 0), past trailing empty lines.
            int lineShift = startLine == 0 ? _shift : 0;
            var span = new SourceSpan(start + _shift, lineStart - start, startLine, startColumn + lineShift, line, 0);
            _pos = lineStart;
            _lineStart = lineStart;
            _line = line;
            YamlNode node = YamlNode.Scalar(span, value.ToString(), literal ? YamlScalarStyle.Literal : YamlScalarStyle.Folded, null);
            return SkipToContent() ? node : null;
        }

        private YamlNode? ParseBlockSequence(int column, bool indentless, int depth)
        {
            if (depth > _maxDepth)
            {
                return null;
            }

            // YamlDotNet starts a block list at its first '-' (zero length), an indentless one on the '-' token itself.
            SourceSpan startMark = SpanOnLine(_pos, indentless ? _pos + 1 : _pos);
            YamlNode sequence = YamlNode.Container(YamlNodeKind.Sequence, startMark);
            while (true)
            {
                _pos++; // the '-'
                YamlNode? item = ParseValue(column, inMapping: false, depth);
                if (item is null)
                {
                    return null;
                }

                sequence.ExpandedSize += item.ExpandedSize;
                sequence.Items.Add(item);
                if (_eof || Column < column || (indentless && Column == column && !IsSequenceEntry()))
                {
                    sequence.Span = SourceSpan.Between(startMark, HereMark());
                    return sequence;
                }

                if (Column > column || !IsSequenceEntry())
                {
                    return null;
                }
            }
        }

        /// <summary>Whether a ':' follows the cursor (after blanks): the quoted scalar just read is a key, left to YamlDotNet.</summary>
        private bool FollowedByColon()
        {
            int after = SkipBlanks(_pos);
            return after < _text.Length && _text[after] == ':';
        }

        private int SkipBlanks(int i)
        {
            while (i < _text.Length && _text[i] == ' ')
            {
                i++;
            }

            return i;
        }

        /// <summary>Whether a plain scalar may start at <paramref name="i"/> (no indicator; '-' only before a word or number).</summary>
        private bool CanStartPlain(int i)
        {
            if (AtLineEnd(i))
            {
                return false;
            }

            char c = _text[i];
            switch (c)
            {
                case ' ':
                case '?':
                case ':':
                case ',':
                case '[':
                case ']':
                case '{':
                case '}':
                case '#':
                case '&':
                case '*':
                case '!':
                case '|':
                case '>':
                case '\'':
                case '"':
                case '%':
                case '@':
                case '`':
                    return false;
                case '-':
                    if (i + 1 >= _text.Length)
                    {
                        return false;
                    }

                    char next = _text[i + 1];
                    return (next >= '0' && next <= '9') || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '.';
                default:
                    return true;
            }
        }

        /// <summary>
        /// A plain scalar in block context from <paramref name="start"/>: returns its end (trailing blanks left out);
        /// <paramref name="colon"/> is the position of a ': ' (or ':' at the line end) that makes it a key, else -1.
        /// </summary>
        private int ScanPlainBlock(int start, out int colon)
        {
            colon = -1;
            int end = start;
            int i = start;
            while (!AtLineEnd(i))
            {
                char c = _text[i];
                if (c == ':' && IsBlankOrLineEnd(i + 1))
                {
                    colon = i;
                    return end;
                }

                if (c == '#' && _text[i - 1] == ' ')
                {
                    return end;
                }

                i++;
                if (c != ' ')
                {
                    end = i;
                }
            }

            return end;
        }

        /// <summary>A one-line quoted scalar at the cursor (no escapes in double quotes); the cursor ends after it.</summary>
        private YamlNode? ScanQuoted()
        {
            int start = _pos;
            char quote = _text[start];
            int i = start + 1;
            bool doubled = false;
            while (true)
            {
                if (AtLineEnd(i))
                {
                    return null;
                }

                char c = _text[i];
                if (c == quote)
                {
                    if (quote == '\'' && i + 1 < _text.Length && _text[i + 1] == '\'')
                    {
                        doubled = true;
                        i += 2;
                        continue;
                    }

                    break;
                }

                if (c == '\\' && quote == '"')
                {
                    return null;
                }

                i++;
            }

            string value = doubled ? _text.Substring(start + 1, i - start - 1).Replace("''", "'") : Value(start + 1, i);
            _pos = i + 1;
            return YamlNode.Scalar(SpanOnLine(start, _pos), value, quote == '\'' ? YamlScalarStyle.SingleQuoted : YamlScalarStyle.DoubleQuoted, null);
        }

        /// <summary>A one-line flow list or mapping at the cursor; the cursor ends after its closing bracket.</summary>
        private YamlNode? ParseFlow(int depth)
        {
            if (depth > _maxDepth)
            {
                return null;
            }

            bool isMapping = _text[_pos] == '{';
            char close = isMapping ? '}' : ']';
            SourceSpan startMark = SpanOnLine(_pos, _pos);
            YamlNode node = YamlNode.Container(isMapping ? YamlNodeKind.Mapping : YamlNodeKind.Sequence, startMark);
            HashSet<string>? keys = null;
            _pos++;
            bool afterComma = false;
            while (true)
            {
                _pos = SkipBlanks(_pos);
                if (AtLineEnd(_pos))
                {
                    return null;
                }

                if (_text[_pos] == close)
                {
                    if (afterComma && IsEmpty(node))
                    {
                        return null;
                    }

                    SourceSpan endMark = SpanOnLine(_pos, _pos);
                    _pos++;
                    node.Span = SourceSpan.Between(startMark, endMark);
                    return node;
                }

                if (afterComma is false && !IsEmpty(node))
                {
                    return null;
                }

                if (isMapping)
                {
                    if (!CanStartPlain(_pos))
                    {
                        return null;
                    }

                    int keyStart = _pos;
                    int keyEnd = ScanPlainFlow(keyStart, out bool isKey);
                    if (keyEnd < 0 || !isKey || keyEnd - keyStart > MaxKeyLength)
                    {
                        return null;
                    }

                    YamlNode key = YamlNode.Scalar(SpanOnLine(keyStart, keyEnd), Intern(keyStart, keyEnd), YamlScalarStyle.Plain, null);
                    if (!AddKey(node, key, ref keys))
                    {
                        return null;
                    }

                    _pos = SkipBlanks(_pos + 1); // past the ':'
                    YamlNode? value = ParseFlowNode(depth);
                    if (value is null)
                    {
                        return null;
                    }

                    node.ExpandedSize += key.ExpandedSize + value.ExpandedSize;
                    node.Pairs.Add(new KeyValuePair<YamlNode, YamlNode>(key, value));
                }
                else
                {
                    YamlNode? item = ParseFlowNode(depth);
                    if (item is null)
                    {
                        return null;
                    }

                    node.ExpandedSize += item.ExpandedSize;
                    node.Items.Add(item);
                }

                _pos = SkipBlanks(_pos);
                afterComma = false;
                if (!AtLineEnd(_pos) && _text[_pos] == ',')
                {
                    _pos++;
                    afterComma = true;
                }
            }
        }

        private static bool IsEmpty(YamlNode node) => node.Kind == YamlNodeKind.Mapping ? node.Pairs.Count == 0 : node.Items.Count == 0;

        /// <summary>A value inside a flow collection: a plain or quoted scalar or a nested flow collection.</summary>
        private YamlNode? ParseFlowNode(int depth)
        {
            if (AtLineEnd(_pos))
            {
                return null;
            }

            char c = _text[_pos];
            if (c == '[' || c == '{')
            {
                return ParseFlow(depth + 1);
            }

            if (c == '\'' || c == '"')
            {
                YamlNode? quoted = ScanQuoted();
                return quoted is not null && !FollowedByColon() ? quoted : null;
            }

            if (!CanStartPlain(_pos))
            {
                return null;
            }

            int start = _pos;
            int end = ScanPlainFlow(start, out bool isKey);
            if (end < 0 || isKey)
            {
                return null; // "[a: b]", a pair inside a list, or "{a: b: c}"
            }

            return YamlNode.Scalar(SpanOnLine(start, end), Value(start, end), YamlScalarStyle.Plain, null);
        }

        /// <summary>
        /// A plain scalar in flow context: ends at a flow indicator, at a ': ' (then <paramref name="isKey"/>, and the
        /// cursor is on the ':') or at the line end. Returns its end (trailing blanks left out) and leaves the cursor on
        /// the character that ended it; -1 on what it leaves to YamlDotNet (a ':' before a non-blank, a comment).
        /// </summary>
        private int ScanPlainFlow(int start, out bool isKey)
        {
            isKey = false;
            int end = start;
            int i = start;
            while (!AtLineEnd(i))
            {
                char c = _text[i];
                if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')
                {
                    break;
                }

                if (c == ':')
                {
                    if (i + 1 < _text.Length && _text[i + 1] == ' ')
                    {
                        isKey = true;
                        break;
                    }

                    return -1;
                }

                if (c == '#' && _text[i - 1] == ' ')
                {
                    return -1;
                }

                i++;
                if (c != ' ')
                {
                    end = i;
                }
            }

            _pos = i;
            return end;
        }

        /// <summary>The text of a scalar; short ones (keys, enum values, tags, numbers) are shared.</summary>
        private string Value(int start, int end) => end - start <= 24 ? Intern(start, end) : _text.Substring(start, end - start);

        private string Intern(int start, int end)
        {
            int length = end - start;
            uint hash = 2166136261;
            for (int i = start; i < end; i++)
            {
                hash = (hash ^ _text[i]) * 16777619;
            }

            int slot = (int)(hash & (uint)(_interned.Length - 1));
            string? candidate = _interned[slot];
            if (candidate is not null && candidate.Length == length && string.CompareOrdinal(candidate, 0, _text, start, length) == 0)
            {
                return candidate;
            }

            string value = _text.Substring(start, length);
            _interned[slot] = value;
            return value;
        }
    }
}
