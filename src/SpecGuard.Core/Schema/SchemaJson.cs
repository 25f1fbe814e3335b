using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SpecGuard.Core.Schema
{
    /// <summary>
    /// A minimal JSON reader for SpecGuard's own embedded schema (trusted text, read once per process). Objects are
    /// ordered lists of name/value pairs, arrays are lists, numbers are <see cref="long"/> when integral and
    /// <see cref="double"/> otherwise, and strings, booleans and null are themselves. Malformed JSON throws: the schema
    /// is part of the build, so a broken one is a SpecGuard bug caught by its tests.
    /// </summary>
    internal sealed class SchemaJson
    {
        private readonly string _text;
        private int _at;

        private SchemaJson(string text)
        {
            _text = text;
        }

        public static object? Parse(string text)
        {
            var reader = new SchemaJson(text);
            object? value = reader.ReadValue();
            reader.SkipWhitespace();
            if (reader._at != text.Length)
            {
                throw reader.Fail("text after the value");
            }

            return value;
        }

        private object? ReadValue()
        {
            SkipWhitespace();
            if (_at >= _text.Length)
            {
                throw Fail("a value");
            }

            char c = _text[_at];
            switch (c)
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    return ReadString();
                case 't':
                    Expect("true");
                    return true;
                case 'f':
                    Expect("false");
                    return false;
                case 'n':
                    Expect("null");
                    return null;
                default:
                    return ReadNumber();
            }
        }

        private List<KeyValuePair<string, object?>> ReadObject()
        {
            var result = new List<KeyValuePair<string, object?>>();
            _at++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _at++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Fail("a property name");
                }

                string name = ReadString();
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Fail("':'");
                }

                _at++;
                result.Add(new KeyValuePair<string, object?>(name, ReadValue()));
                SkipWhitespace();
                char next = Peek();
                _at++;
                if (next == '}')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw Fail("',' or '}'");
                }
            }
        }

        private List<object?> ReadArray()
        {
            var result = new List<object?>();
            _at++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _at++;
                return result;
            }

            while (true)
            {
                result.Add(ReadValue());
                SkipWhitespace();
                char next = Peek();
                _at++;
                if (next == ']')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw Fail("',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            _at++; // the opening quote
            var builder = new StringBuilder();
            while (true)
            {
                if (_at >= _text.Length)
                {
                    throw Fail("the end of a string");
                }

                char c = _text[_at++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                char escape = _at < _text.Length ? _text[_at++] : '\0';
                switch (escape)
                {
                    case '"':
                    case '\\':
                    case '/':
                        builder.Append(escape);
                        break;
                    case 'b':
                        builder.Append('\b');
                        break;
                    case 'f':
                        builder.Append('\f');
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 'r':
                        builder.Append('\r');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'u':
                        if (_at + 4 > _text.Length || !int.TryParse(_text.Substring(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Fail("four hex digits");
                        }

                        builder.Append((char)code);
                        _at += 4;
                        break;
                    default:
                        throw Fail("an escape");
                }
            }
        }

        private object ReadNumber()
        {
            int start = _at;
            while (_at < _text.Length && "+-0123456789.eE".IndexOf(_text[_at]) >= 0)
            {
                _at++;
            }

            string number = _text.Substring(start, _at - start);
            if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            {
                return integer;
            }

            if (number.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
            {
                return real;
            }

            _at = start;
            throw Fail("a value");
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
            {
                throw Fail("'" + word + "'");
            }

            _at += word.Length;
        }

        private char Peek() => _at < _text.Length ? _text[_at] : '\0';

        private void SkipWhitespace()
        {
            while (_at < _text.Length && (_text[_at] == ' ' || _text[_at] == '\t' || _text[_at] == '\n' || _text[_at] == '\r'))
            {
                _at++;
            }
        }

        private FormatException Fail(string expected) =>
            new FormatException(string.Format(CultureInfo.InvariantCulture, "The embedded SpecGuard schema is not valid JSON: expected {0} at offset {1}.", expected, _at));
    }
}
