using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace SpecGuard.Cli.Diff;

/// <summary>How git says a file changed.</summary>
internal enum FileChangeKind
{
    Modified,
    Added,
    Deleted,
    Renamed,
}

/// <summary>A run of lines: <c>Start</c> 1-based, <c>Count</c> lines (0 for a pure deletion or insertion point).</summary>
internal readonly record struct LineRange(int Start, int Count)
{
    public int End => Start + Math.Max(Count, 1) - 1;
}

/// <summary>One file of a diff with its hunks: the lines the base had and the lines the head has in their place.</summary>
/// <param name="OldPath">The base's path (repository-relative), or null for an added file.</param>
/// <param name="NewPath">The head's path, or null for a deleted file.</param>
/// <param name="Kind">How it changed.</param>
/// <param name="OldRanges">Per hunk, the base's lines it replaces.</param>
/// <param name="NewRanges">Per hunk, the head's lines in their place (a deletion has count 0, positioned after the line before it).</param>
/// <param name="Binary">git reported a binary change (no hunks).</param>
internal sealed record ChangedFile(string? OldPath, string? NewPath, FileChangeKind Kind, ImmutableArray<LineRange> OldRanges, ImmutableArray<LineRange> NewRanges, bool Binary)
{
    /// <summary>The path to show: the head's, else the base's.</summary>
    public string Path => NewPath ?? OldPath ?? string.Empty;

    /// <summary>Whether head line <paramref name="line"/> was added or changed by a hunk.</summary>
    public bool TouchesNew(int line)
    {
        foreach (LineRange range in NewRanges)
        {
            if (range.Count > 0 && line >= range.Start && line <= range.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any hunk touches head lines <paramref name="start"/>..<paramref name="end"/> (a deletion touches the lines around it).</summary>
    public bool TouchesNew(int start, int end)
    {
        foreach (LineRange range in NewRanges)
        {
            int first = range.Count == 0 ? range.Start : range.Start;
            int last = range.Count == 0 ? range.Start + 1 : range.End;
            if (first <= end && last >= start)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Reads the output of <c>git diff --unified=0 --src-prefix=a/ --dst-prefix=b/</c> (<see cref="GitRepository.Diff"/>):
/// per file its old and new path, kind and hunk ranges. Paths git quotes (C-style, for control characters, quotes and
/// backslashes) are unquoted. Never throws on odd input: a line it does not understand is skipped.
/// </summary>
internal static class ChangedFiles
{
    public static List<ChangedFile> Parse(string diff)
    {
        var files = new List<ChangedFile>();
        Builder? current = null;
        foreach (string line in diff.Split('\n'))
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    files.Add(current.Build());
                }

                current = new Builder();
                (current.OldPath, current.NewPath) = HeaderPaths(line["diff --git ".Length..]);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                if (Hunk(line) is { } hunk)
                {
                    current.OldRanges.Add(hunk.Old);
                    current.NewRanges.Add(hunk.New);
                }

                current.InHunks = true;
            }
            else if (current.InHunks)
            {
                continue; // a +/- line of a hunk, or "\ No newline at end of file"
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                current.OldPath = line == "--- /dev/null" ? null : Strip(Unquote(line[4..]), "a/") ?? current.OldPath;
                current.SawOld = true;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                current.NewPath = line == "+++ /dev/null" ? null : Strip(Unquote(line[4..]), "b/") ?? current.NewPath;
                current.SawNew = true;
            }
            else if (line.StartsWith("new file mode", StringComparison.Ordinal))
            {
                current.Kind = FileChangeKind.Added;
            }
            else if (line.StartsWith("deleted file mode", StringComparison.Ordinal))
            {
                current.Kind = FileChangeKind.Deleted;
            }
            else if (line.StartsWith("rename from ", StringComparison.Ordinal))
            {
                current.OldPath = Unquote(line["rename from ".Length..]);
                current.Kind = FileChangeKind.Renamed;
            }
            else if (line.StartsWith("rename to ", StringComparison.Ordinal))
            {
                current.NewPath = Unquote(line["rename to ".Length..]);
                current.Kind = FileChangeKind.Renamed;
            }
            else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line.StartsWith("GIT binary patch", StringComparison.Ordinal))
            {
                current.Binary = true;
            }
        }

        if (current is not null)
        {
            files.Add(current.Build());
        }

        return files;
    }

    /// <summary><c>@@ -a[,b] +c[,d] @@</c> → the two ranges (a count left out is 1).</summary>
    private static (LineRange Old, LineRange New)? Hunk(string line)
    {
        string[] parts = line.Split(' ');
        if (parts.Length < 3 || parts[1].Length < 2 || parts[2].Length < 2 || parts[1][0] != '-' || parts[2][0] != '+')
        {
            return null;
        }

        return Range(parts[1][1..]) is { } old && Range(parts[2][1..]) is { } @new ? (old, @new) : null;
    }

    private static LineRange? Range(string text)
    {
        int comma = text.IndexOf(',', StringComparison.Ordinal);
        string start = comma < 0 ? text : text[..comma];
        string count = comma < 0 ? "1" : text[(comma + 1)..];
        return int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out int s) && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int c)
            ? new LineRange(s, c)
            : null;
    }

    /// <summary>The paths of <c>a/OLD b/NEW</c> (each maybe quoted); a best effort the <c>---</c>/<c>+++</c> lines correct.</summary>
    private static (string? Old, string? New) HeaderPaths(string text)
    {
        if (text.StartsWith('"'))
        {
            int end = QuotedEnd(text);
            string old = Unquote(text[..(end + 1)]);
            string rest = text[(end + 1)..].TrimStart();
            return (Strip(old, "a/"), Strip(Unquote(rest), "b/"));
        }

        // Unquoted: "a/X b/X" — the two halves are equal for everything but a rename, which names both paths again.
        int middle = text.IndexOf(" b/", StringComparison.Ordinal);
        return middle < 0 ? (null, null) : (Strip(text[..middle], "a/"), Strip(text[(middle + 1)..], "b/"));
    }

    private static int QuotedEnd(string text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    private static string? Strip(string? path, string prefix) =>
        path is null ? null : path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    /// <summary>git's C-style quoting undone: <c>"a\tb\303\251"</c> → the UTF-8 bytes decoded. Unquoted text as is (a trailing tab git adds is trimmed).</summary>
    internal static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"')
        {
            return text.TrimEnd('\t');
        }

        var bytes = new List<byte>();
        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                break;
            }

            if (c != '\\' || i + 1 >= text.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            char next = text[++i];
            switch (next)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'v': bytes.Add(11); break;
                case >= '0' and <= '7' when i + 2 < text.Length:
                    bytes.Add((byte)Convert.ToInt32(text.Substring(i, 3), 8));
                    i += 2;
                    break;
                default: bytes.Add((byte)next); break;
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private sealed class Builder
    {
        public string? OldPath { get; set; }

        public string? NewPath { get; set; }

        public FileChangeKind Kind { get; set; } = FileChangeKind.Modified;

        public bool SawOld { get; set; }

        public bool SawNew { get; set; }

        public bool InHunks { get; set; }

        public bool Binary { get; set; }

        public List<LineRange> OldRanges { get; } = [];

        public List<LineRange> NewRanges { get; } = [];

        public ChangedFile Build()
        {
            string? oldPath = Kind == FileChangeKind.Added ? null : OldPath;
            string? newPath = Kind == FileChangeKind.Deleted ? null : NewPath;
            return new ChangedFile(oldPath, newPath, Kind, [.. OldRanges], [.. NewRanges], Binary);
        }
    }
}
