using System;
using System.Text;

namespace SpecGuard.Generators.Emit
{
    /// <summary>A small indenting text writer for generated source; always writes '\n' line ends (deterministic output).</summary>
    internal sealed class IndentedWriter
    {
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public IndentedWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', _indent * 4);
            }

            _builder.Append(text).Append('\n');
            return this;
        }

        public IndentedWriter Open(string text)
        {
            Line(text);
            Line("{");
            _indent++;
            return this;
        }

        public IndentedWriter Close(string suffix = "")
        {
            _indent = Math.Max(0, _indent - 1);
            return Line("}" + suffix);
        }

        public override string ToString() => _builder.ToString();
    }
}
