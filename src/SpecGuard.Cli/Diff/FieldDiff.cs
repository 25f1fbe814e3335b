using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using SpecGuard.Core.Model;

namespace SpecGuard.Cli.Diff;

/// <summary>
/// The field-level text diff of two versions of a criterion (<see cref="FieldChange"/>), compared on the model the
/// loader built, so YAML formatting never shows.
/// </summary>
internal static class FieldDiff
{
    /// <summary>
    /// The most items the middle of a list (what is left once the common first and last items are set aside) may have
    /// on either side for a line-by-line (LCS) diff; above it the middle is all <c>'-'</c> lines then all <c>'+'</c>
    /// lines, so a huge list costs linear time instead of O(n·m).
    /// </summary>
    public const int MaxLcsItems = 2000;

    /// <summary>The line that stands for a criterion's examples when they are not valid (the loader then keeps no row).</summary>
    public const string InvalidExamplesLine = "(examples not valid: see SPEC002)";

    /// <summary>
    /// The fields that differ between <paramref name="before"/> and <paramref name="after"/>, in the order
    /// title, given, when, then, examples, priority, status, replacedBy, tags. The ID and the location are not fields.
    /// </summary>
    public static ImmutableArray<FieldChange> Between(Criterion before, Criterion after)
    {
        if (before is null)
        {
            throw new ArgumentNullException(nameof(before));
        }

        if (after is null)
        {
            throw new ArgumentNullException(nameof(after));
        }

        var fields = ImmutableArray.CreateBuilder<FieldChange>();
        Scalar(fields, "title", before.Title, after.Title);
        List(fields, "given", before.Given, after.Given);
        List(fields, "when", before.When, after.When);
        List(fields, "then", before.Then, after.Then);
        Examples(fields, before, after);
        Scalar(fields, "priority", Name(before.Priority), Name(after.Priority));
        Scalar(fields, "status", Name(before.Status), Name(after.Status));
        Scalar(fields, "replacedBy", before.ReplacedBy, after.ReplacedBy);
        Tags(fields, before.Tags, after.Tags);
        return fields.ToImmutable();
    }

    /// <summary>
    /// A line diff of two lists: items common to both ends are kept, the rest by a longest common subsequence
    /// (kept <c>' '</c>, removed <c>'-'</c>, added <c>'+'</c>; within a changed run the removals come first), or, when
    /// that rest has more than <see cref="MaxLcsItems"/> items on either side, all removed then all added.
    /// </summary>
    public static ImmutableArray<DiffLine> Lines(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        Lines(before, after, static s => s, static s => s);

    /// <summary>
    /// One example row as one line: <c>| name=value | … |</c> in the row's column order; text quoted with C-style
    /// escapes (<c>"a \"b\"\n"</c>), numbers and booleans as the loader normalised them, <c>null</c> for a null; an
    /// empty row is <c>| |</c>.
    /// </summary>
    public static string Render(ExampleRow row)
    {
        if (row is null)
        {
            throw new ArgumentNullException(nameof(row));
        }

        return Render(row.Cells);
    }

    /// <summary>Compares items by <paramref name="key"/>; a kept line shows the head's text.</summary>
    private static ImmutableArray<DiffLine> Lines<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string> text)
    {
        var lines = ImmutableArray.CreateBuilder<DiffLine>();
        int n = before.Count;
        int m = after.Count;
        int prefix = 0;
        while (prefix < n && prefix < m && string.Equals(key(before[prefix]), key(after[prefix]), StringComparison.Ordinal))
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix
            && string.Equals(key(before[n - 1 - suffix]), key(after[m - 1 - suffix]), StringComparison.Ordinal))
        {
            suffix++;
        }

        for (int i = 0; i < prefix; i++)
        {
            lines.Add(new DiffLine(' ', text(after[i])));
        }

        int bn = n - prefix - suffix;
        int am = m - prefix - suffix;
        if (bn > MaxLcsItems || am > MaxLcsItems)
        {
            for (int i = 0; i < bn; i++)
            {
                lines.Add(new DiffLine('-', text(before[prefix + i])));
            }

            for (int j = 0; j < am; j++)
            {
                lines.Add(new DiffLine('+', text(after[prefix + j])));
            }
        }
        else
        {
            Middle(lines, before, after, prefix, bn, am, key, text);
        }

        for (int i = 0; i < suffix; i++)
        {
            lines.Add(new DiffLine(' ', text(after[m - suffix + i])));
        }

        return lines.ToImmutable();
    }

    private static void Middle<T>(ImmutableArray<DiffLine>.Builder lines, IReadOnlyList<T> before, IReadOnlyList<T> after, int offset, int n, int m, Func<T, string> key, Func<T, string> text)
    {
        string[] a = new string[n];
        string[] b = new string[m];
        for (int i = 0; i < n; i++)
        {
            a[i] = key(before[offset + i]);
        }

        for (int j = 0; j < m; j++)
        {
            b[j] = key(after[offset + j]);
        }

        // suffix[i, j] = length of the LCS of a[i..] and b[j..]; row-major in one array of (n + 1) · (m + 1).
        int width = m + 1;
        int[] suffix = new int[(n + 1) * width];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                suffix[(i * width) + j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? suffix[((i + 1) * width) + j + 1] + 1
                    : Math.Max(suffix[((i + 1) * width) + j], suffix[(i * width) + j + 1]);
            }
        }

        int x = 0;
        int y = 0;
        while (x < n && y < m)
        {
            if (string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                lines.Add(new DiffLine(' ', text(after[offset + y])));
                x++;
                y++;
            }
            else if (suffix[((x + 1) * width) + y] >= suffix[(x * width) + y + 1])
            {
                lines.Add(new DiffLine('-', text(before[offset + x])));
                x++;
            }
            else
            {
                lines.Add(new DiffLine('+', text(after[offset + y])));
                y++;
            }
        }

        for (; x < n; x++)
        {
            lines.Add(new DiffLine('-', text(before[offset + x])));
        }

        for (; y < m; y++)
        {
            lines.Add(new DiffLine('+', text(after[offset + y])));
        }
    }

    private static void Scalar(ImmutableArray<FieldChange>.Builder fields, string name, string? before, string? after)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return;
        }

        var lines = ImmutableArray.CreateBuilder<DiffLine>(2);
        if (before is not null)
        {
            lines.Add(new DiffLine('-', before));
        }

        if (after is not null)
        {
            lines.Add(new DiffLine('+', after));
        }

        fields.Add(new FieldChange(name, lines.ToImmutable()));
    }

    private static void List(ImmutableArray<FieldChange>.Builder fields, string name, EquatableArray<string> before, EquatableArray<string> after)
    {
        if (before.Equals(after))
        {
            return;
        }

        fields.Add(new FieldChange(name, Lines(before, after)));
    }

    private static void Examples(ImmutableArray<FieldChange>.Builder fields, Criterion before, Criterion after)
    {
        (string Key, string Text)[] a = Rows(before);
        (string Key, string Text)[] b = Rows(after);
        if (a.Select(static r => r.Key).SequenceEqual(b.Select(static r => r.Key), StringComparer.Ordinal))
        {
            return;
        }

        fields.Add(new FieldChange("examples", Lines(a, b, static r => r.Key, static r => r.Text)));
    }

    /// <summary>
    /// A criterion's example rows: what makes two rows the same (their cells by column name, as the fingerprint counts
    /// them: key order in a row is formatting) and how the row is shown; invalid examples are one pseudo-row shown as
    /// <see cref="InvalidExamplesLine"/>.
    /// </summary>
    private static (string Key, string Text)[] Rows(Criterion criterion) =>
        criterion.HasInvalidExamples
            ? new[] { ("\0invalid", InvalidExamplesLine) }
            : criterion.Examples
                .Select(static r => (Render(r.Cells.OrderBy(static c => c.Name, StringComparer.Ordinal).ToArray()), Render(r.Cells)))
                .ToArray();

    private static string Render(IReadOnlyList<ExampleCell> cells)
    {
        if (cells.Count == 0)
        {
            return "| |";
        }

        var text = new StringBuilder("|");
        foreach (ExampleCell cell in cells)
        {
            text.Append(' ').Append(cell.Name).Append('=').Append(Value(cell)).Append(" |");
        }

        return text.ToString();
    }

    private static string Value(ExampleCell cell)
    {
        if (cell.Value is null || cell.Kind == ExampleValueKind.Null)
        {
            return "null";
        }

        if (cell.Kind != ExampleValueKind.String)
        {
            return cell.Value;
        }

        var text = new StringBuilder(cell.Value.Length + 2).Append('"');
        foreach (char c in cell.Value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private static void Tags(ImmutableArray<FieldChange>.Builder fields, EquatableArray<string> before, EquatableArray<string> after)
    {
        var a = new SortedSet<string>(before, StringComparer.Ordinal);
        var b = new SortedSet<string>(after, StringComparer.Ordinal);
        if (a.SetEquals(b))
        {
            return;
        }

        var lines = ImmutableArray.CreateBuilder<DiffLine>();
        lines.AddRange(a.Where(t => !b.Contains(t)).Select(static t => new DiffLine('-', t)));
        lines.AddRange(b.Where(t => !a.Contains(t)).Select(static t => new DiffLine('+', t)));
        fields.Add(new FieldChange("tags", lines.ToImmutable()));
    }

    /// <summary>An enum value as the spec format writes it: <c>must</c>, <c>approved</c>.</summary>
    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
#pragma warning disable CA1308 // The spec format's enum values are lower-case; this is not a comparison key.
        value.ToString().ToLowerInvariant();
#pragma warning restore CA1308
}
