using System;
using System.Collections.Generic;
using System.Text;

namespace SpecGuard.Core.Links
{
    /// <summary>Which link attribute.</summary>
    public enum SourceLinkKind
    {
        /// <summary><c>[Implements(...)]</c>.</summary>
        Implements,

        /// <summary><c>[Verifies(...)]</c>.</summary>
        Verifies,
    }

    /// <summary>One criterion ID named by a link attribute in C# source text.</summary>
    /// <param name="Kind">The attribute.</param>
    /// <param name="Id">The criterion ID, as written in a string literal, or from a catalog constant's name (ORDERS_001 → ORDERS-001).</param>
    /// <param name="Line">1-based line of the ID's literal or constant.</param>
    /// <param name="AttributeLine">1-based line where the attribute's name is.</param>
    public sealed record SourceLink(SourceLinkKind Kind, string Id, int Line, int AttributeLine);

    /// <summary>
    /// Link attributes read from C# source text without compiling it: for revisions that cannot be built (the base side of
    /// <c>specguard diff</c>, every commit of <c>specguard flow</c>). What a build decides (<c>LinkArguments</c> in the
    /// analyzers) is the truth; this reads what the text says, and is documented as such.
    /// </summary>
    /// <remarks>
    /// What "the text says": a hand-written C# lexer skips comments, strings of every kind (regular, verbatim, raw,
    /// interpolated, with nested holes), char literals and preprocessor lines (code inside <c>#if</c> blocks still
    /// counts). An attribute list is a <c>[</c> … <c>]</c> whose <c>[</c> does not follow an expression (an identifier,
    /// a literal, <c>)</c>, or a <c>]</c> that does not close an attribute list), so <c>array[Implements("X")]</c> is an
    /// indexer. Its attributes named <c>Implements</c>, <c>ImplementsAttribute</c>, <c>SpecGuard.Implements…</c> or
    /// <c>global::SpecGuard.Implements…</c> (likewise <c>Verifies</c>) count; any other qualifier does not. Their
    /// positional arguments that are string literals, catalog constants (<c>ORDERS_001</c> after any qualifier), or
    /// arrays and collection expressions of those name IDs; named arguments and any other expression are skipped.
    /// </remarks>
    public static class SourceLinks
    {
        /// <summary>Every ID the link attributes of <paramref name="text"/> name, in text order. Never throws; linear in the text's length.</summary>
        public static IReadOnlyList<SourceLink> Find(string text)
        {
            if (text is null || text.Length == 0)
            {
                return Array.Empty<SourceLink>();
            }

            return new Reader(text).Run();
        }

        private enum TokenKind : byte
        {
            Identifier,
            VerbatimIdentifier,
            RegularString,
            VerbatimString,
            RawString,
            OtherLiteral,
            Punctuation,
            DoubleColon,
        }

        private struct Token
        {
            public TokenKind Kind;
            public char Char;
            public bool Unterminated;
            public int Start;
            public int End;
        }

        /// <summary>A string being skipped by <see cref="Reader.SkipInterpolated"/>: one per nesting level.</summary>
        private sealed class Frame
        {
            public int Kind; // 0 regular, 1 verbatim, 2 raw
            public int Dollars;
            public int Quotes;
            public bool InHole;
            public bool InFormat;
            public int Depth;
        }

        private readonly struct Pending
        {
            public Pending(SourceLinkKind kind, int nameToken, int argumentsOpen)
            {
                Kind = kind;
                NameToken = nameToken;
                ArgumentsOpen = argumentsOpen;
            }

            public SourceLinkKind Kind { get; }

            public int NameToken { get; }

            public int ArgumentsOpen { get; }
        }

        private readonly struct Found
        {
            public Found(int position, SourceLink link)
            {
                Position = position;
                Link = link;
            }

            public int Position { get; }

            public SourceLink Link { get; }
        }

        private sealed class Reader
        {
            private static readonly HashSet<string> ReservedKeywords = new HashSet<string>(StringComparer.Ordinal)
            {
                "abstract", "as", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
                "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "finally",
                "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
                "long", "namespace", "new", "object", "operator", "out", "override", "params", "private", "protected", "public",
                "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
                "switch", "throw", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
                "volatile", "while",
            };

            private static readonly HashSet<string> Targets = new HashSet<string>(StringComparer.Ordinal)
            {
                "assembly", "module", "field", "event", "method", "param", "property", "return", "type", "typevar",
            };

            private readonly string _text;
            private readonly List<Token> _tokens = new List<Token>();
            private readonly List<int> _lineStarts = new List<int>();
            private readonly List<Found> _found = new List<Found>();
            private int[] _match = Array.Empty<int>();
            private bool[] _listEnd = Array.Empty<bool>();

            public Reader(string text)
            {
                _text = text;
            }

            public IReadOnlyList<SourceLink> Run()
            {
                IndexLines();
                Lex();
                MatchBrackets();
                _listEnd = new bool[_tokens.Count];
                var pending = new List<Pending>();
                for (int k = 0; k < _tokens.Count; k++)
                {
                    if (IsPunctuation(k, '[') && InAttributePosition(k))
                    {
                        pending.Clear();
                        int close = ParseList(k, pending);
                        if (close >= 0)
                        {
                            _listEnd[close] = true;
                            foreach (Pending attribute in pending)
                            {
                                ReadArguments(attribute);
                            }
                        }
                    }
                }

                if (_found.Count == 0)
                {
                    return Array.Empty<SourceLink>();
                }

                // Text order even when an attribute sits inside another's arguments (stable: equal positions keep their order).
                var ordered = new List<KeyValuePair<int, int>>(_found.Count);
                for (int i = 0; i < _found.Count; i++)
                {
                    ordered.Add(new KeyValuePair<int, int>(_found[i].Position, i));
                }

                ordered.Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Value.CompareTo(b.Value));
                var links = new SourceLink[ordered.Count];
                for (int i = 0; i < ordered.Count; i++)
                {
                    links[i] = _found[ordered[i].Value].Link;
                }

                return links;
            }

            // ---- Lines ----------------------------------------------------------------------------------------------

            private void IndexLines()
            {
                _lineStarts.Add(0);
                for (int i = 0; i < _text.Length; i++)
                {
                    char c = _text[i];
                    if (c == '\n' || (c == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
                    {
                        _lineStarts.Add(i + 1);
                    }
                }
            }

            private int LineOf(int position)
            {
                int index = _lineStarts.BinarySearch(position);
                return (index >= 0 ? index : ~index - 1) + 1;
            }

            // ---- Lexer ----------------------------------------------------------------------------------------------

            private static bool IsNewLine(char c) => c == '\n' || c == '\r';

            private static bool IsIdentifierStart(char c) =>
                char.IsLetter(c) || c == '_' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.LetterNumber;

            private static bool IsIdentifierPart(char c)
            {
                if (char.IsLetterOrDigit(c) || c == '_')
                {
                    return true;
                }

                switch (char.GetUnicodeCategory(c))
                {
                    case System.Globalization.UnicodeCategory.LetterNumber:
                    case System.Globalization.UnicodeCategory.NonSpacingMark:
                    case System.Globalization.UnicodeCategory.SpacingCombiningMark:
                    case System.Globalization.UnicodeCategory.ConnectorPunctuation:
                    case System.Globalization.UnicodeCategory.Format:
                        return true;
                    default:
                        return false;
                }
            }

            private char At(int i) => i < _text.Length ? _text[i] : '\0';

            private int EndOfLine(int i)
            {
                while (i < _text.Length && !IsNewLine(_text[i]))
                {
                    i++;
                }

                return i;
            }

            private int QuoteRun(int i)
            {
                int j = i;
                while (j < _text.Length && _text[j] == '"')
                {
                    j++;
                }

                return j - i;
            }

            private void Add(TokenKind kind, int start, int end, char c = '\0', bool unterminated = false)
            {
                _tokens.Add(new Token { Kind = kind, Start = start, End = end, Char = c, Unterminated = unterminated });
            }

            private void Lex()
            {
                string text = _text;
                int n = text.Length;
                int i = 0;
                bool lineStart = true;
                while (i < n)
                {
                    char c = text[i];
                    if (IsNewLine(c))
                    {
                        i++;
                        lineStart = true;
                        continue;
                    }

                    if (char.IsWhiteSpace(c) || c == '\uFEFF')
                    {
                        i++;
                        continue;
                    }

                    if (c == '#' && lineStart)
                    {
                        // A preprocessor line (#if, #region text, #pragma …): skipped whole; the code between #if and #endif still counts.
                        i = EndOfLine(i);
                        continue;
                    }

                    lineStart = false;
                    char next = At(i + 1);
                    if (c == '/' && next == '/')
                    {
                        i = EndOfLine(i);
                        continue;
                    }

                    if (c == '/' && next == '*')
                    {
                        int close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                        i = close < 0 ? n : close + 2;
                        continue;
                    }

                    int start = i;
                    bool unterminated;
                    if (c == '"')
                    {
                        int quotes = QuoteRun(i);
                        if (quotes >= 3)
                        {
                            i = SkipRaw(i, quotes, out unterminated);
                            Add(TokenKind.RawString, start, i, unterminated: unterminated);
                        }
                        else
                        {
                            i = SkipRegular(i, out unterminated);
                            Add(TokenKind.RegularString, start, i, unterminated: unterminated);
                        }

                        continue;
                    }

                    if (c == '@')
                    {
                        if (next == '"')
                        {
                            i = SkipVerbatim(i + 1, out unterminated);
                            Add(TokenKind.VerbatimString, start, i, unterminated: unterminated);
                            continue;
                        }

                        if (next == '$' && At(i + 2) == '"')
                        {
                            i = SkipInterpolated(i + 3, 1, 1, 0);
                            Add(TokenKind.OtherLiteral, start, i);
                            continue;
                        }

                        if (IsIdentifierStart(next))
                        {
                            i = SkipIdentifier(i + 1);
                            Add(TokenKind.VerbatimIdentifier, start, i);
                            continue;
                        }
                    }

                    if (c == '$')
                    {
                        int end = TrySkipInterpolatedAt(i);
                        if (end > i)
                        {
                            i = end;
                            Add(TokenKind.OtherLiteral, start, i);
                        }
                        else
                        {
                            // Not a string: the whole run of '$' at once, so a long run costs its length, not its square.
                            while (i < n && text[i] == '$')
                            {
                                i++;
                            }

                            Add(TokenKind.Punctuation, start, i, '$');
                        }

                        continue;
                    }

                    if (c == '\'')
                    {
                        int end = SkipChar(i);
                        if (end > i + 1)
                        {
                            i = end;
                            Add(TokenKind.OtherLiteral, start, i);
                            continue;
                        }
                    }

                    if (IsIdentifierStart(c))
                    {
                        i = SkipIdentifier(i);
                        Add(TokenKind.Identifier, start, i);
                        continue;
                    }

                    if (char.IsDigit(c) || (c == '.' && char.IsDigit(next)))
                    {
                        i++;
                        while (i < n && (IsIdentifierPart(text[i]) || (text[i] == '.' && char.IsDigit(At(i + 1)))))
                        {
                            i++;
                        }

                        Add(TokenKind.OtherLiteral, start, i);
                        continue;
                    }

                    if (c == ':' && next == ':')
                    {
                        i += 2;
                        Add(TokenKind.DoubleColon, start, i);
                        continue;
                    }

                    i++;
                    Add(TokenKind.Punctuation, start, i, c);
                }
            }

            private int SkipIdentifier(int i)
            {
                while (i < _text.Length && IsIdentifierPart(_text[i]))
                {
                    i++;
                }

                return i;
            }

            /// <summary>A regular string from its opening quote: ends after the closing quote, or (unterminated) at the line's end.</summary>
            private int SkipRegular(int i, out bool unterminated)
            {
                int n = _text.Length;
                int j = i + 1;
                while (j < n)
                {
                    char c = _text[j];
                    if (c == '\\')
                    {
                        j += j + 1 < n && !IsNewLine(_text[j + 1]) ? 2 : 1;
                    }
                    else if (c == '"')
                    {
                        unterminated = false;
                        return j + 1;
                    }
                    else if (IsNewLine(c))
                    {
                        break;
                    }
                    else
                    {
                        j++;
                    }
                }

                unterminated = true;
                return Math.Min(j, n);
            }

            /// <summary>A verbatim string from its quote (after the '@'): <c>""</c> is a quote; ends after the closing quote or at the end of the text.</summary>
            private int SkipVerbatim(int i, out bool unterminated)
            {
                int n = _text.Length;
                int j = i + 1;
                while (j < n)
                {
                    if (_text[j] == '"')
                    {
                        if (j + 1 < n && _text[j + 1] == '"')
                        {
                            j += 2;
                            continue;
                        }

                        unterminated = false;
                        return j + 1;
                    }

                    j++;
                }

                unterminated = true;
                return n;
            }

            /// <summary>
            /// A raw string from its first quote (<paramref name="quotes"/> ≥ 3 of them): ends after a run of at least as many
            /// quotes. A single-line one (text after the opening quotes) that is not closed ends at its line's end.
            /// </summary>
            private int SkipRaw(int i, int quotes, out bool unterminated)
            {
                int n = _text.Length;
                int j = i + quotes;
                bool singleLine = false;
                for (int k = j; k < n && !IsNewLine(_text[k]); k++)
                {
                    if (!char.IsWhiteSpace(_text[k]))
                    {
                        singleLine = true;
                        break;
                    }
                }

                while (j < n)
                {
                    char c = _text[j];
                    if (c == '"')
                    {
                        int run = QuoteRun(j);
                        j += run;
                        if (run >= quotes)
                        {
                            unterminated = false;
                            return j;
                        }

                        continue;
                    }

                    if (singleLine && IsNewLine(c))
                    {
                        break;
                    }

                    j++;
                }

                unterminated = true;
                return Math.Min(j, n);
            }

            private int SkipChar(int i)
            {
                int n = _text.Length;
                int j = i + 1;
                if (j >= n || IsNewLine(_text[j]))
                {
                    return i + 1;
                }

                j += _text[j] == '\\' && j + 1 < n && !IsNewLine(_text[j + 1]) ? 2 : 1;
                int limit = Math.Min(n, j + 10);
                while (j < limit && _text[j] != '\'' && !IsNewLine(_text[j]))
                {
                    j++;
                }

                return j < n && _text[j] == '\'' ? j + 1 : i + 1;
            }

            /// <summary>At a '$': the end of the interpolated string it starts, or <paramref name="i"/> when it starts none.</summary>
            private int TrySkipInterpolatedAt(int i)
            {
                int n = _text.Length;
                int j = i;
                while (j < n && _text[j] == '$')
                {
                    j++;
                }

                int dollars = j - i;
                if (dollars == 1 && At(j) == '@' && At(j + 1) == '"')
                {
                    return SkipInterpolated(j + 2, 1, 1, 0);
                }

                if (At(j) != '"')
                {
                    return i;
                }

                int quotes = QuoteRun(j);
                if (quotes >= 3)
                {
                    return SkipInterpolated(j + quotes, 2, dollars, quotes);
                }

                return quotes == 2 ? j + 2 : SkipInterpolated(j + 1, 0, dollars, 1);
            }

            /// <summary>
            /// An interpolated string from just after its opening delimiter, holes and nested strings included, with an explicit
            /// stack (never recursion): the end of the outermost string, or of the text when it is not closed.
            /// </summary>
            private int SkipInterpolated(int i, int kind, int dollars, int quotes)
            {
                string text = _text;
                int n = text.Length;
                var stack = new List<Frame> { new Frame { Kind = kind, Dollars = dollars, Quotes = quotes } };
                while (stack.Count > 0 && i < n)
                {
                    Frame f = stack[stack.Count - 1];
                    char c = text[i];
                    char next = At(i + 1);
                    if (!f.InHole)
                    {
                        if (f.Kind == 2)
                        {
                            if (c == '"')
                            {
                                int run = QuoteRun(i);
                                i += run;
                                if (run >= f.Quotes)
                                {
                                    stack.RemoveAt(stack.Count - 1);
                                }
                            }
                            else if (c == '{')
                            {
                                int run = BraceRun(i, '{', int.MaxValue);
                                i += run;
                                f.InHole = run >= f.Dollars;
                                f.Depth = 0;
                            }
                            else
                            {
                                i++;
                            }

                            continue;
                        }

                        if (f.Kind == 0 && c == '\\')
                        {
                            i += next != '\0' && !IsNewLine(next) ? 2 : 1;
                        }
                        else if (c == '"')
                        {
                            if (f.Kind == 1 && next == '"')
                            {
                                i += 2;
                            }
                            else
                            {
                                i++;
                                stack.RemoveAt(stack.Count - 1);
                            }
                        }
                        else if (f.Kind == 0 && IsNewLine(c))
                        {
                            stack.RemoveAt(stack.Count - 1); // unterminated: a regular string's text ends at the line's end
                        }
                        else if (c == '{')
                        {
                            if (next == '{')
                            {
                                i += 2;
                            }
                            else
                            {
                                i++;
                                f.InHole = true;
                                f.Depth = 0;
                            }
                        }
                        else
                        {
                            i++;
                        }

                        continue;
                    }

                    if (f.InFormat)
                    {
                        if (c == '}')
                        {
                            i += f.Kind == 2 ? Math.Max(1, BraceRun(i, '}', f.Dollars)) : 1;
                            f.InHole = false;
                            f.InFormat = false;
                        }
                        else if (c == '"' && f.Kind != 2)
                        {
                            if (f.Kind == 1 && next == '"')
                            {
                                i += 2;
                            }
                            else
                            {
                                i++;
                                stack.RemoveAt(stack.Count - 1);
                            }
                        }
                        else if (f.Kind == 0 && IsNewLine(c))
                        {
                            stack.RemoveAt(stack.Count - 1);
                        }
                        else
                        {
                            i++;
                        }

                        continue;
                    }

                    // Code inside a hole.
                    bool ignored;
                    if (c == '/' && next == '/')
                    {
                        i = EndOfLine(i);
                    }
                    else if (c == '/' && next == '*')
                    {
                        int close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                        i = close < 0 ? n : close + 2;
                    }
                    else if (c == '"')
                    {
                        int run = QuoteRun(i);
                        i = run >= 3 ? SkipRaw(i, run, out ignored) : SkipRegular(i, out ignored);
                    }
                    else if (c == '@' && next == '"')
                    {
                        i = SkipVerbatim(i + 1, out ignored);
                    }
                    else if (c == '@' && next == '$' && At(i + 2) == '"')
                    {
                        stack.Add(new Frame { Kind = 1, Dollars = 1, Quotes = 1 });
                        i += 3;
                    }
                    else if (c == '$')
                    {
                        PushInterpolated(stack, ref i);
                    }
                    else if (c == '\'')
                    {
                        i = SkipChar(i);
                    }
                    else if (c == '{' || c == '(' || c == '[')
                    {
                        f.Depth++;
                        i++;
                    }
                    else if (c == '}' && f.Depth == 0)
                    {
                        i += f.Kind == 2 ? Math.Max(1, BraceRun(i, '}', f.Dollars)) : 1;
                        f.InHole = false;
                    }
                    else if (c == '}' || c == ')' || c == ']')
                    {
                        if (f.Depth > 0)
                        {
                            f.Depth--;
                        }

                        i++;
                    }
                    else if (c == ':' && f.Depth == 0)
                    {
                        if (next == ':')
                        {
                            i += 2; // global::
                        }
                        else
                        {
                            f.InFormat = true;
                            i++;
                        }
                    }
                    else if (IsIdentifierPart(c))
                    {
                        i = SkipIdentifier(i);
                    }
                    else
                    {
                        i++;
                    }
                }

                return Math.Min(i, n);
            }

            /// <summary>At a '$' inside a hole: pushes the interpolated string it starts and moves past its delimiter, or past the run of '$'.</summary>
            private void PushInterpolated(List<Frame> stack, ref int i)
            {
                int j = i;
                while (j < _text.Length && _text[j] == '$')
                {
                    j++;
                }

                int dollars = j - i;
                if (dollars == 1 && At(j) == '@' && At(j + 1) == '"')
                {
                    stack.Add(new Frame { Kind = 1, Dollars = 1, Quotes = 1 });
                    i = j + 2;
                    return;
                }

                if (At(j) != '"')
                {
                    i = j;
                    return;
                }

                int quotes = QuoteRun(j);
                if (quotes == 2)
                {
                    i = j + 2; // $"" : empty
                    return;
                }

                stack.Add(quotes >= 3
                    ? new Frame { Kind = 2, Dollars = dollars, Quotes = quotes }
                    : new Frame { Kind = 0, Dollars = dollars, Quotes = 1 });
                i = j + quotes;
            }

            private int BraceRun(int i, char brace, int limit)
            {
                int j = i;
                while (j < _text.Length && _text[j] == brace && j - i < limit)
                {
                    j++;
                }

                return j - i;
            }

            private void MatchBrackets()
            {
                _match = new int[_tokens.Count];
                var open = new List<int>();
                for (int k = 0; k < _tokens.Count; k++)
                {
                    _match[k] = -1;
                    Token token = _tokens[k];
                    if (token.Kind != TokenKind.Punctuation)
                    {
                        continue;
                    }

                    switch (token.Char)
                    {
                        case '(':
                        case '[':
                        case '{':
                            open.Add(k);
                            break;
                        case ')':
                        case ']':
                        case '}':
                            // A closer that does not close the innermost opener is ignored: broken code stays local.
                            if (open.Count > 0)
                            {
                                int top = open[open.Count - 1];
                                char opener = _tokens[top].Char;
                                if ((opener == '(' && token.Char == ')') || (opener == '[' && token.Char == ']') || (opener == '{' && token.Char == '}'))
                                {
                                    open.RemoveAt(open.Count - 1);
                                    _match[top] = k;
                                    _match[k] = top;
                                }
                            }

                            break;
                    }
                }
            }

            // ---- Parser ---------------------------------------------------------------------------------------------

            private bool IsPunctuation(int k, char c) => k < _tokens.Count && _tokens[k].Kind == TokenKind.Punctuation && _tokens[k].Char == c;

            private bool IsIdentifier(int k) => k < _tokens.Count && (_tokens[k].Kind == TokenKind.Identifier || _tokens[k].Kind == TokenKind.VerbatimIdentifier);

            private bool TextIs(int k, string value)
            {
                Token token = _tokens[k];
                int start = token.Kind == TokenKind.VerbatimIdentifier ? token.Start + 1 : token.Start;
                return token.End - start == value.Length && string.CompareOrdinal(_text, start, value, 0, value.Length) == 0;
            }

            private string IdentifierText(int k)
            {
                Token token = _tokens[k];
                int start = token.Kind == TokenKind.VerbatimIdentifier ? token.Start + 1 : token.Start;
                return _text.Substring(start, token.End - start);
            }

            /// <summary>Whether token <paramref name="k"/> ends an expression, so that a '[' after it indexes rather than opens an attribute list.</summary>
            private bool EndsExpression(int k)
            {
                Token token = _tokens[k];
                if (token.Unterminated)
                {
                    return false; // a string cut off at its line's end: what follows starts afresh
                }

                switch (token.Kind)
                {
                    case TokenKind.Identifier:
                        return !ReservedKeywords.Contains(_text.Substring(token.Start, token.End - token.Start));
                    case TokenKind.Punctuation:
                        return token.Char == ')' || (token.Char == ']' && !_listEnd[k]);
                    case TokenKind.DoubleColon:
                        return false;
                    default:
                        return true; // verbatim identifiers and literals
                }
            }

            private bool InAttributePosition(int k)
            {
                if (k == 0)
                {
                    return true;
                }

                if (EndsExpression(k - 1))
                {
                    return false;
                }

                // a?[i] and a![i]: null-conditional and null-forgiving indexers.
                Token previous = _tokens[k - 1];
                return !(previous.Kind == TokenKind.Punctuation && (previous.Char == '?' || previous.Char == '!')
                    && previous.End == _tokens[k].Start && k >= 2 && EndsExpression(k - 2));
            }

            /// <summary>Parses the attribute list opened at <paramref name="k"/>: the index of its ']', or -1 when it is not one.</summary>
            private int ParseList(int k, List<Pending> pending)
            {
                int close = _match[k];
                if (close < 0)
                {
                    return -1;
                }

                int j = k + 1;
                if (j + 1 < close && IsIdentifier(j) && IsPunctuation(j + 1, ':') && Targets.Contains(IdentifierText(j)))
                {
                    j += 2;
                }

                if (j >= close)
                {
                    return -1;
                }

                while (true)
                {
                    int nameStart = j;
                    bool global = false;
                    bool aliased = false;
                    if (IsIdentifier(j) && j + 1 < close && _tokens[j + 1].Kind == TokenKind.DoubleColon)
                    {
                        global = _tokens[j].Kind == TokenKind.Identifier && TextIs(j, "global");
                        aliased = !global;
                        j += 2;
                    }

                    if (j >= close || !IsIdentifier(j))
                    {
                        return -1;
                    }

                    int first = j;
                    int last = j;
                    int parts = 1;
                    j = SkipTypeArguments(j + 1, close);
                    while (j + 1 < close && IsPunctuation(j, '.') && IsIdentifier(j + 1))
                    {
                        last = j + 1;
                        parts++;
                        j = SkipTypeArguments(j + 2, close);
                    }

                    int argumentsOpen = -1;
                    if (j < close && IsPunctuation(j, '('))
                    {
                        int argumentsClose = _match[j];
                        if (argumentsClose < 0 || argumentsClose >= close)
                        {
                            return -1;
                        }

                        argumentsOpen = j;
                        j = argumentsClose + 1;
                    }

                    bool done;
                    if (j == close)
                    {
                        done = true;
                    }
                    else if (IsPunctuation(j, ','))
                    {
                        j++;
                        done = j == close; // a trailing comma
                    }
                    else
                    {
                        return -1;
                    }

                    SourceLinkKind? kind = aliased ? null : Classify(first, last, parts, global);
                    if (kind.HasValue && argumentsOpen >= 0)
                    {
                        pending.Add(new Pending(kind.Value, nameStart, argumentsOpen));
                    }

                    if (done)
                    {
                        return close;
                    }
                }
            }

            /// <summary>Skips a generic attribute's type arguments (<c>&lt;int, List&lt;string&gt;&gt;</c>) when <paramref name="j"/> is at '&lt;'.</summary>
            private int SkipTypeArguments(int j, int close)
            {
                if (j >= close || !IsPunctuation(j, '<'))
                {
                    return j;
                }

                int depth = 0;
                int k = j;
                while (k < close)
                {
                    Token token = _tokens[k];
                    if (token.Kind == TokenKind.Punctuation)
                    {
                        switch (token.Char)
                        {
                            case '<':
                                depth++;
                                break;
                            case '>':
                                if (--depth == 0)
                                {
                                    return k + 1;
                                }

                                break;
                            case ',':
                            case '.':
                            case '?':
                            case '*':
                                break;
                            default:
                                return j;
                        }
                    }
                    else if (token.Kind != TokenKind.Identifier && token.Kind != TokenKind.VerbatimIdentifier && token.Kind != TokenKind.DoubleColon)
                    {
                        return j;
                    }

                    k++;
                }

                return j;
            }

            private SourceLinkKind? Classify(int first, int last, int parts, bool global)
            {
                if (parts == 2)
                {
                    if (!TextIs(first, SpecContract.AttributeNamespace))
                    {
                        return null;
                    }
                }
                else if (parts != 1 || global)
                {
                    return null; // another qualifier, or global::Implements (not SpecGuard's)
                }

                // [@Implements] names the type Implements exactly, never ImplementsAttribute.
                bool verbatim = _tokens[last].Kind == TokenKind.VerbatimIdentifier;
                if (TextIs(last, SpecContract.ImplementsAttribute) || (!verbatim && TextIs(last, "Implements")))
                {
                    return SourceLinkKind.Implements;
                }

                if (TextIs(last, SpecContract.VerifiesAttribute) || (!verbatim && TextIs(last, "Verifies")))
                {
                    return SourceLinkKind.Verifies;
                }

                return null;
            }

            private void ReadArguments(Pending attribute)
            {
                int close = _match[attribute.ArgumentsOpen];
                int attributeLine = LineOf(_tokens[attribute.NameToken].Start);
                int a = attribute.ArgumentsOpen + 1;
                while (a < close)
                {
                    int b = NextComma(a, close);
                    ReadArgument(attribute.Kind, attributeLine, a, b);
                    a = b + 1;
                }
            }

            /// <summary>The next ',' at this nesting level from <paramref name="a"/>, or <paramref name="close"/>.</summary>
            private int NextComma(int a, int close)
            {
                int b = a;
                while (b < close && !IsPunctuation(b, ','))
                {
                    Token token = _tokens[b];
                    b = token.Kind == TokenKind.Punctuation && (token.Char == '(' || token.Char == '[' || token.Char == '{') && _match[b] > b && _match[b] < close
                        ? _match[b] + 1
                        : b + 1;
                }

                return b;
            }

            private void ReadArgument(SourceLinkKind kind, int attributeLine, int a, int b)
            {
                if (b - a >= 2 && IsIdentifier(a))
                {
                    if (IsPunctuation(a + 1, '=') && !(a + 2 < b && IsPunctuation(a + 2, '=')))
                    {
                        return; // a named argument: Reason = "…"
                    }

                    if (IsPunctuation(a + 1, ':'))
                    {
                        a += 2; // a parameter name: ids: "…"
                    }
                }

                ReadValue(kind, attributeLine, a, b, true);
            }

            private void ReadValue(SourceLinkKind kind, int attributeLine, int a, int b, bool allowArray)
            {
                if (a >= b)
                {
                    return;
                }

                Token token = _tokens[a];
                if (b - a == 1 && !token.Unterminated && (token.Kind == TokenKind.RegularString || token.Kind == TokenKind.VerbatimString || token.Kind == TokenKind.RawString))
                {
                    AddId(kind, Decode(token), token.Start, attributeLine);
                    return;
                }

                int constant = ConstantName(a, b);
                if (constant >= 0)
                {
                    string? id = SpecContract.IdFromConstant(IdentifierText(constant));
                    if (id is not null)
                    {
                        AddId(kind, id, _tokens[constant].Start, attributeLine);
                    }

                    return;
                }

                if (!allowArray)
                {
                    return;
                }

                if (IsPunctuation(a, '[') && _match[a] == b - 1)
                {
                    ReadElements(kind, attributeLine, a + 1, b - 1); // a collection expression
                    return;
                }

                if (token.Kind == TokenKind.Identifier && TextIs(a, "new") && IsPunctuation(b - 1, '}'))
                {
                    int open = _match[b - 1];
                    if (open > a + 1 && IsPunctuation(open - 1, ']') && !HasParenthesis(a + 1, open))
                    {
                        ReadElements(kind, attributeLine, open + 1, b - 1); // new[] { … }, new string[] { … }
                    }
                }
            }

            /// <summary>Whether a '(' or '{' is between <paramref name="a"/> and <paramref name="b"/> outside brackets (an object creation, not an array's type).</summary>
            private bool HasParenthesis(int a, int b)
            {
                for (int k = a; k < b; k++)
                {
                    if (IsPunctuation(k, '(') || IsPunctuation(k, '{'))
                    {
                        return true;
                    }

                    if (IsPunctuation(k, '[') && _match[k] > k && _match[k] < b)
                    {
                        k = _match[k]; // what the brackets hold is looked at once, by whoever reads them
                    }
                }

                return false;
            }

            private void ReadElements(SourceLinkKind kind, int attributeLine, int a, int close)
            {
                while (a < close)
                {
                    int b = NextComma(a, close);
                    ReadValue(kind, attributeLine, a, b, false);
                    a = b + 1;
                }
            }

            /// <summary>For <c>[global::]Name(.Name)*</c> spanning exactly [a, b): the index of the last name, else -1.</summary>
            private int ConstantName(int a, int b)
            {
                int k = a;
                if (k + 1 < b && IsIdentifier(k) && _tokens[k + 1].Kind == TokenKind.DoubleColon)
                {
                    k += 2;
                }

                if (k >= b || !IsIdentifier(k))
                {
                    return -1;
                }

                while (k + 2 < b && IsPunctuation(k + 1, '.') && IsIdentifier(k + 2))
                {
                    k += 2;
                }

                return k == b - 1 ? k : -1;
            }

            private void AddId(SourceLinkKind kind, string value, int position, int attributeLine)
            {
                string id = value.Trim();
                if (id.Length > 0)
                {
                    _found.Add(new Found(position, new SourceLink(kind, id, LineOf(position), attributeLine)));
                }
            }

            // ---- Literal values -------------------------------------------------------------------------------------

            private string Decode(Token token)
            {
                switch (token.Kind)
                {
                    case TokenKind.VerbatimString:
                        return _text.Substring(token.Start + 2, token.End - token.Start - 3).Replace("\"\"", "\"");
                    case TokenKind.RawString:
                        return DecodeRaw(token);
                    default:
                        return DecodeRegular(token.Start + 1, token.End - 1);
                }
            }

            private string DecodeRegular(int start, int end)
            {
                var builder = new StringBuilder(end - start);
                int i = start;
                while (i < end)
                {
                    char c = _text[i];
                    if (c != '\\' || i + 1 >= end)
                    {
                        builder.Append(c);
                        i++;
                        continue;
                    }

                    char e = _text[i + 1];
                    i += 2;
                    switch (e)
                    {
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case '0': builder.Append('\0'); break;
                        case 'a': builder.Append('\a'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'v': builder.Append('\v'); break;
                        case 'e': builder.Append('\u001b'); break;
                        case 'x':
                            AppendCodePoint(builder, ref i, end, 1, 4);
                            break;
                        case 'u':
                            AppendCodePoint(builder, ref i, end, 4, 4);
                            break;
                        case 'U':
                            AppendCodePoint(builder, ref i, end, 8, 8);
                            break;
                        default:
                            builder.Append(e); // \" \' \\ and (invalid) others: the character itself
                            break;
                    }
                }

                return builder.ToString();
            }

            private void AppendCodePoint(StringBuilder builder, ref int i, int end, int minDigits, int maxDigits)
            {
                int value = 0;
                int digits = 0;
                while (digits < maxDigits && i < end && HexValue(_text[i]) >= 0)
                {
                    value = (value * 16) + HexValue(_text[i]);
                    digits++;
                    i++;
                }

                if (digits < minDigits)
                {
                    return;
                }

                if (value < 0x10000)
                {
                    builder.Append((char)value);
                }
                else if (value <= 0x10FFFF)
                {
                    value -= 0x10000;
                    builder.Append((char)(0xD800 + (value >> 10))).Append((char)(0xDC00 + (value & 0x3FF)));
                }
            }

            private static int HexValue(char c) =>
                c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : -1;

            /// <summary>A raw string's value: the text between the quotes; for a multi-line one, the lines between the delimiter lines, less the closing line's indentation.</summary>
            private string DecodeRaw(Token token)
            {
                int quotes = QuoteRun(token.Start);
                int start = token.Start + quotes;
                int end = token.End - quotes;
                if (end <= start)
                {
                    return string.Empty;
                }

                string content = _text.Substring(start, end - start);
                int firstBreak = content.IndexOfAny(new[] { '\r', '\n' });
                if (firstBreak < 0 || content.Substring(0, firstBreak).Trim().Length != 0)
                {
                    return content;
                }

                var lines = new List<string>();
                int lineStart = 0;
                for (int i = 0; i <= content.Length; i++)
                {
                    if (i == content.Length || content[i] == '\n' || content[i] == '\r')
                    {
                        lines.Add(content.Substring(lineStart, i - lineStart));
                        if (i < content.Length && content[i] == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                        {
                            i++;
                        }

                        lineStart = i + 1;
                    }
                }

                string indentation = lines[lines.Count - 1];
                if (indentation.Trim().Length != 0 || lines.Count < 2)
                {
                    return content; // not a well-formed multi-line raw string: its text as is
                }

                var builder = new StringBuilder();
                for (int i = 1; i < lines.Count - 1; i++)
                {
                    if (i > 1)
                    {
                        builder.Append('\n');
                    }

                    string line = lines[i];
                    builder.Append(line.StartsWith(indentation, StringComparison.Ordinal) ? line.Substring(indentation.Length) : line.TrimStart());
                }

                return builder.ToString();
            }
        }
    }
}
