using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Report;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Review;
using SpecGuard.Core.Text;

namespace SpecGuard.Cli;

/// <summary>
/// <c>specguard review</c> (issue 13): records in the review record (<see cref="SpecContract.ReviewRecordFileName"/> in
/// the specs root) the fingerprint each named criterion has now, i.e. that its linked code and tests were checked
/// against its current text; <c>--list</c> shows what is suspect and what changed since the review, from git history
/// where it has it. The fingerprint and the record format are Core's (<see cref="CriterionFingerprint"/>,
/// <see cref="ReviewRecord"/>); the spec files are found and loaded as <c>specguard report</c> loads them.
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_009)]
internal static class ReviewCommand
{
    /// <summary>How many commits that touched an ID's record line are searched for the reviewed version.</summary>
    private const int CommitsSearched = 20;

    public static Command Create(TextWriter output, TextWriter error, string currentDirectory)
    {
        var ids = new Argument<string[]>("ID")
        {
            Description = "The criteria whose links (code and tests) you checked against their current text.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Record every criterion (the first time: adopting suspect links)." };
        var list = new Option<bool>("--list") { Description = "Show the suspect criteria and what changed since their review (a diff from git history where it has the reviewed version); write nothing." };
        var failOnSuspect = new Option<bool>("--fail-on-suspect") { Description = "With --list: exit 1 when a criterion is suspect." };
        var specs = new Option<string>("--specs")
        {
            Description = "The specs root (default: 'specs/' here or in the nearest parent folder). The review record is " + SpecContract.ReviewRecordFileName + " in it.",
            HelpName = "PATH",
        };
        var command = new Command("review", "Record that the code and tests linked to criteria were checked against their current text (SPEC105 clears), or list what is suspect. Exit code 0: done; 1: --fail-on-suspect found suspects, or the specs have errors; 2: usage error (unknown ID, no specs).")
        {
            ids,
            all,
            list,
            failOnSuspect,
            specs,
        };
        command.SetAction(parse => Run(parse.GetValue(ids) ?? [], parse.GetValue(all), parse.GetValue(list), parse.GetValue(failOnSuspect), parse.GetValue(specs), output, error, currentDirectory));
        return command;
    }

    public static int Run(IReadOnlyList<string> ids, bool all, bool list, bool failOnSuspect, string? specsPath, TextWriter output, TextWriter error, string currentDirectory)
    {
        int modes = (ids.Count > 0 ? 1 : 0) + (all ? 1 : 0) + (list ? 1 : 0);
        if (modes != 1)
        {
            return CommandLine.Fail(error, "specguard review: give the IDs of the criteria you reviewed, or --all, or --list (exactly one of them). Run 'specguard review --help' for its options.");
        }

        if (failOnSuspect && !list)
        {
            return CommandLine.Fail(error, "specguard review: --fail-on-suspect goes with --list.");
        }

        string? root = specsPath is { Length: > 0 } ? Path.GetFullPath(specsPath, currentDirectory) : CommandLine.FindSpecsRoot(currentDirectory);
        if (root is null)
        {
            return CommandLine.Fail(error, $"specguard review: no 'specs' folder in '{currentDirectory}' or its parents; pass --specs PATH, or run 'specguard init'.");
        }

        if (!Directory.Exists(root))
        {
            return CommandLine.Fail(error, $"specguard review: --specs '{specsPath}' is not a folder (the specs root, where {SpecContract.ReviewRecordFileName} lives).");
        }

        // The spec files, found and loaded as the report does (one place).
        var warnings = new List<ReportWarning>();
        List<SpecFeature> features = ReportCommand.LoadSpecs([root], currentDirectory, warnings, [], new ReportCommand.ReadInputs());
        foreach (ReportWarning warning in warnings)
        {
            error.WriteLine(warning.Text);
        }

        var criteria = new SortedDictionary<string, Criterion>(StringComparer.Ordinal);
        foreach (Criterion criterion in features.SelectMany(static f => f.Criteria))
        {
            criteria.TryAdd(criterion.Id, criterion);
        }

        if (criteria.Count == 0)
        {
            return CommandLine.Fail(error, $"specguard review: no criteria in {CommandLine.Display(root, currentDirectory)} (no usable spec file; see above); nothing to review.");
        }

        string recordPath = Path.Combine(root, SpecContract.ReviewRecordFileName);
        string recordDisplay = CommandLine.Display(recordPath, currentDirectory);
        ReviewRecord? record;
        try
        {
            record = ReadRecord(recordPath, recordDisplay);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"specguard review: cannot read {recordDisplay} ({exception.Message}).");
            return CommandLine.Problems;
        }

        if (list)
        {
            return List(criteria, record, root, recordDisplay, failOnSuspect, output, error);
        }

        if (warnings.Exists(static w => w.Text.Contains(": error SPEC", StringComparison.Ordinal)))
        {
            error.WriteLine("specguard review: the spec files have errors (above); fix them first, so that what is recorded is the text the build reads. Nothing was written.");
            return CommandLine.Problems;
        }

        string[] unknown = [.. ids.Where(id => !criteria.ContainsKey(id)).Distinct(StringComparer.Ordinal)];
        if (unknown.Length > 0)
        {
            return CommandLine.Fail(error, $"specguard review: no spec file under {CommandLine.Display(root, currentDirectory)} declares {string.Join(", ", unknown)} (IDs are case-sensitive, e.g. ORDERS-001); nothing was written.");
        }

        return Record(all ? criteria.Keys : ids.Distinct(StringComparer.Ordinal).OrderBy(static i => i, StringComparer.Ordinal), all, criteria, record, recordPath, recordDisplay, output, error);
    }

    /// <summary>The review record in <paramref name="recordPath"/>, or null when there is none (the feature is off).</summary>
    internal static ReviewRecord? ReadRecord(string recordPath, string display) =>
        File.Exists(recordPath) ? ReviewRecord.Parse(display, SpecTextEncoding.Read(recordPath, display).Text) : null;

    private static int Record(IEnumerable<string> ids, bool all, SortedDictionary<string, Criterion> criteria, ReviewRecord? record, string recordPath, string recordDisplay, TextWriter output, TextWriter error)
    {
        var entries = new List<(string Id, string Fingerprint)>();
        int changed = 0, upToDate = 0;
        foreach (string id in ids)
        {
            string current = CriterionFingerprint.Of(criteria[id]);
            ReviewEntry? previous = record?.Find(id);
            if (previous is not null && previous.Fingerprint == current)
            {
                upToDate++;
                if (!all)
                {
                    output.WriteLine($"{id} already up to date ({current}).");
                }

                continue;
            }

            entries.Add((id, current));
            changed++;
            output.WriteLine(previous is null ? $"{id} recorded at {current} (not reviewed before)." : $"{id} recorded at {current} (was {previous.Fingerprint}: its text changed).");
        }

        if (record is not null)
        {
            foreach (SpecDiagnostic problem in record.Problems)
            {
                error.WriteLine(problem.ToString());
            }
        }

        // The same edit as the code fix (ReviewRecord.WithEntries): each recorded ID's line rewritten in place or inserted
        // at its sorted place, every other line kept, so the record's diff is one line per reviewed criterion.
        string? existing = File.Exists(recordPath) ? File.ReadAllText(recordPath) : null;
        string text = existing is null ? ReviewRecord.Write(entries) : ReviewRecord.WithEntries(existing, entries);
        if (string.Equals(existing, text, StringComparison.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{recordDisplay} is up to date ({upToDate} criteria already recorded at their current text); nothing written."));
            return CommandLine.Ok;
        }

        try
        {
            File.WriteAllText(recordPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"specguard review: cannot write {recordDisplay} ({exception.Message}).");
            return CommandLine.Problems;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {recordDisplay}{(existing is null ? " (new: suspect links are on)" : string.Empty)}: {changed} criteria recorded{(upToDate > 0 ? $", {upToDate} already up to date" : string.Empty)}. Commit it with the change."));
        return CommandLine.Ok;
    }

    private static int List(SortedDictionary<string, Criterion> criteria, ReviewRecord? record, string root, string recordDisplay, bool failOnSuspect, TextWriter output, TextWriter error)
    {
        if (record is null)
        {
            output.WriteLine($"No review record ({recordDisplay}): suspect links are off. To start, run 'specguard review --all' (it records every criterion's current text as reviewed) and commit the file.");
            return CommandLine.Ok;
        }

        foreach (SpecDiagnostic problem in record.Problems)
        {
            error.WriteLine(problem.ToString());
        }

        var history = new ReviewHistory(root, recordDisplay);
        int suspect = 0, reviewed = 0;
        foreach ((string id, Criterion criterion) in criteria)
        {
            if (record.Find(id) is not { } entry)
            {
                continue;
            }

            reviewed++;
            string current = CriterionFingerprint.Of(criterion);
            if (entry.Fingerprint == current)
            {
                continue;
            }

            suspect++;
            output.WriteLine($"{id} {criterion.Title}");
            output.WriteLine($"  suspect: changed since its links were reviewed at {entry.Fingerprint} (now {current}); check its code and tests, then run 'specguard review {id}'.");
            (Criterion? old, string where) = history.Reviewed(id, entry.Fingerprint);
            if (old is not null)
            {
                output.WriteLine($"  changes since the review ({where}):");
                foreach (string line in FieldDiff(old, criterion))
                {
                    output.WriteLine("  " + line);
                }
            }
            else
            {
                output.WriteLine($"  the reviewed text is not available ({where}); its text now:");
                foreach (string line in Fields(criterion))
                {
                    output.WriteLine("  " + line);
                }
            }

            output.WriteLine();
        }

        string[] orphans = [.. record.Entries.Select(static e => e.Id).Where(id => !criteria.ContainsKey(id)).OrderBy(static i => i, StringComparer.Ordinal)];
        foreach (string id in orphans)
        {
            output.WriteLine($"{id}: recorded in {recordDisplay}, but no spec file declares it; remove its line (or restore the criterion).");
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(suspect == 0 ? "Nothing is suspect" : $"{suspect} suspect criteria")}: {reviewed} of {criteria.Count} criteria are in {recordDisplay} ({criteria.Count - reviewed} never reviewed, not suspect){(orphans.Length > 0 ? $"; {orphans.Length} line(s) name no criterion" : string.Empty)}."));
        return failOnSuspect && suspect > 0 ? CommandLine.Problems : CommandLine.Ok;
    }

    /// <summary>The normative fields of a criterion, one line each (<c>then: ...</c>).</summary>
    internal static IEnumerable<string> Fields(Criterion criterion)
    {
        foreach ((string name, string[] lines) in Normative(criterion))
        {
            if (lines.Length == 0)
            {
                continue;
            }

            yield return name + ":";
            foreach (string line in lines)
            {
                yield return "    " + line;
            }
        }
    }

    /// <summary>A field-level diff, old to new: each changed field, its lines prefixed '-' (reviewed), '+' (now) or ' ' (both).</summary>
    internal static IEnumerable<string> FieldDiff(Criterion old, Criterion now)
    {
        var before = Normative(old).ToDictionary(static f => f.Name, static f => f.Lines, StringComparer.Ordinal);
        foreach ((string name, string[] lines) in Normative(now))
        {
            string[] was = before[name];
            if (was.SequenceEqual(lines, StringComparer.Ordinal))
            {
                continue;
            }

            yield return name + ":";
            foreach (string line in LineDiff(was, lines))
            {
                yield return "  " + line;
            }
        }
    }

    private static IEnumerable<(string Name, string[] Lines)> Normative(Criterion criterion)
    {
        yield return ("title", [criterion.Title]);
        yield return ("given", [.. criterion.Given]);
        yield return ("when", [.. criterion.When]);
        yield return ("then", [.. criterion.Then]);
        yield return ("examples", [.. criterion.Examples.Select(static row => string.Join(", ", row.Cells.Select(static c => c.Name + ": " + (c.Value ?? "null"))))]);
    }

    /// <summary>A longest-common-subsequence line diff; deterministic.</summary>
    private static List<string> LineDiff(string[] a, string[] b)
    {
        int[,] common = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add("  " + a[x++]);
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                lines.Add("- " + a[x++]);
            }
            else
            {
                lines.Add("+ " + b[y++]);
            }
        }

        return lines;
    }

    /// <summary>
    /// The reviewed version of a criterion from git history, read with the <c>git</c> executable run in the specs root:
    /// the newest commit (of the last <see cref="CommitsSearched"/> whose diff of the record touches the line) whose
    /// record holds the ID at the recorded fingerprint; the spec files of that commit under the specs root are loaded
    /// and the criterion's fingerprint there must be the recorded one. Nothing is checked out or changed.
    /// </summary>
    private sealed class ReviewHistory
    {
        private readonly string _root;
        private readonly string _recordDisplay;
        private readonly Dictionary<string, SpecSet> _specsAt = new(StringComparer.Ordinal);
        private string? _noGit;

        public ReviewHistory(string root, string recordDisplay)
        {
            _root = root;
            _recordDisplay = recordDisplay;
        }

        /// <summary>The reviewed criterion and where it was found, or null and why not.</summary>
        public (Criterion? Criterion, string Where) Reviewed(string id, string fingerprint)
        {
            if (NoGit() is { } why)
            {
                return (null, why);
            }

            string line = id + " " + fingerprint;
            (int exit, string log, _) = Git("log", "--format=%H %h %cs", "-n", CommitsSearched.ToString(CultureInfo.InvariantCulture), "-G", "^" + line + "$", "--", SpecContract.ReviewRecordFileName);
            if (exit != 0)
            {
                return (null, "git log failed");
            }

            foreach (string commit in log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] parts = commit.Split(' ');
                (int shown, string recordText, _) = Git("show", parts[0] + ":./" + SpecContract.ReviewRecordFileName);
                if (shown != 0 || ReviewRecord.Parse(_recordDisplay, recordText).Find(id)?.Fingerprint != fingerprint)
                {
                    continue; // the commit removed the line
                }

                string at = parts.Length >= 3 ? $"reviewed in commit {parts[1]} of {parts[2]}" : $"reviewed in commit {parts[0]}";
                if (SpecsAt(parts[0]) is not { } set || !set.Criteria.TryGetValue(id, out Criterion? old))
                {
                    return (null, $"{at}, whose spec files do not declare {id}");
                }

                return CriterionFingerprint.Of(old) == fingerprint
                    ? (old, at)
                    : (null, $"{at}, but its text there has another fingerprint: the review was recorded before the spec change was committed");
            }

            return (null, $"no commit of the git history has {_recordDisplay} record {id} at {fingerprint} (not committed yet, or a shallow clone)");
        }

        private string? NoGit()
        {
            if (_noGit is null)
            {
                (int exit, _, string message) = Git("rev-parse", "--is-inside-work-tree");
                _noGit = exit == 0 ? string.Empty : exit == -1 ? message : "not in a git repository";
            }

            return _noGit.Length == 0 ? null : _noGit;
        }

        private SpecSet? SpecsAt(string commit)
        {
            if (_specsAt.TryGetValue(commit, out SpecSet? known))
            {
                return known;
            }

            List<SpecSource> sources;
            try
            {
                // The spec files of the commit under the specs root, read as the diff reads them (one place).
                GitRepository repository = GitRepository.Open(_root);
                string prefix = Path.GetRelativePath(repository.Root, _root).Replace('\\', '/');
                sources = repository.SpecSourcesAt(commit, [prefix]);
            }
            catch (GitException)
            {
                return null;
            }

            SpecSet set = SpecSet.Load(sources);
            _specsAt[commit] = set;
            return set;
        }

        private (int Exit, string Output, string Error) Git(params string[] arguments)
        {
            try
            {
                return GitBaselineBase.Git(_root, ["-c", "core.quotePath=false", .. arguments]);
            }
            catch (GitBaseException)
            {
                return (-1, string.Empty, "the git executable cannot be run");
            }
        }
    }
}
