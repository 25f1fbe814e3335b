using System;
using System.Globalization;

namespace SpecGuard.Core.Model
{
    /// <summary>
    /// Where something is in a spec file: a character range plus its start and end as zero-based line/column
    /// pairs (the convention of Roslyn's <c>LinePositionSpan</c>). Displayed one-based, as compilers print it.
    /// Offsets and columns count UTF-16 characters of the text as it was passed to the loader.
    /// </summary>
    public readonly record struct SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        /// <summary>The span of the first character of a file (used only when a problem concerns the whole file).</summary>
        public static SourceSpan FileStart => new SourceSpan(0, 0, 0, 0, 0, 0);

        /// <summary>The character offset just past the span.</summary>
        public int End => Start + Length;

        /// <summary>One-based line and column of the start, as a compiler prints it: <c>(12,7)</c>.</summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "({0},{1})", StartLine + 1, StartColumn + 1);

        /// <summary>One-based line and column of the start and end, as MSBuild's extended format: <c>(12,7,12,19)</c>.</summary>
        public string ToRangeString() =>
            string.Format(CultureInfo.InvariantCulture, "({0},{1},{2},{3})", StartLine + 1, StartColumn + 1, EndLine + 1, EndColumn + 1);

        internal static SourceSpan Between(SourceSpan first, SourceSpan last)
        {
            int start = Math.Min(first.Start, last.Start);
            return new SourceSpan(start, Math.Max(first.End, last.End) - start, first.StartLine, first.StartColumn, last.EndLine, last.EndColumn);
        }
    }
}
