using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using SpecGuard.Core;
using SpecGuard.Core.Model;

namespace SpecGuard.Cli.Flow;

/// <summary>What <see cref="FlowBuilder.Build"/> reads.</summary>
/// <param name="Repository">The repository.</param>
/// <param name="Head">The head commit (its date is "now").</param>
/// <param name="SpecRoots">Repository-relative spec folders; empty: the whole tree.</param>
/// <param name="Since">Count only criteria specified on or after this, or null.</param>
/// <param name="ReleaseTags">A tag pattern (<c>v*</c>), or null: no release dates.</param>
/// <param name="StaleAfterDays">List criteria pending longer than this, or null.</param>
/// <param name="Statuses">Each criterion's status now (from the report), or null.</param>
internal sealed record FlowInputs(
    GitRepository Repository,
    FlowEvent Head,
    IReadOnlyList<string> SpecRoots,
    DateTimeOffset? Since,
    string? ReleaseTags,
    int? StaleAfterDays,
    IReadOnlyDictionary<string, string>? Statuses);

/// <summary>
/// The flow report from the history walk (<see cref="FlowHistory"/>): per criterion its dates and versions, its first
/// release tag, and the lead-time statistics. Counted: criteria the head declares and has not deprecated (and, with
/// <c>--since</c>, specified since then); criteria removed since are listed in JSON and CSV, not counted.
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_012)]
internal static class FlowBuilder
{
    /// <summary>Months in the trend.</summary>
    public const int TrendMonths = 12;

    public static FlowReport Build(FlowInputs inputs)
    {
        GitRepository git = inputs.Repository;
        var notes = new List<string>();
        bool partial = false;

        SpecSet head = SpecSet.Load(git.SpecSourcesAt(inputs.Head.Commit, inputs.SpecRoots));
        FlowHistoryResult history = FlowHistory.Walk(git, inputs.Head.Commit, inputs.SpecRoots);
        if (git.IsShallow)
        {
            partial = true;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"This is a shallow clone: the history starts at {history.Oldest?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?"}, so a criterion specified, implemented or tested before then is dated by the oldest commit there is (fetch the whole history: git fetch --unshallow; actions/checkout: fetch-depth: 0)."));
        }

        List<(string Tag, FlowEvent At)> tags = inputs.ReleaseTags is { Length: > 0 } pattern ? Tags(git, pattern) : [];
        Releases? releases = null;
        if (inputs.ReleaseTags is { Length: > 0 } glob)
        {
            if (tags.Count == 0)
            {
                partial = true;
                notes.Add($"No tag matches --release-tags '{glob}': no criterion has a release date, and the specified → released figures are empty.");
            }
            else
            {
                releases = new Releases(git, tags);
            }
        }
        else
        {
            notes.Add("No --release-tags given: release dates are not computed (e.g. --release-tags 'v*').");
        }

        var rows = new List<CriterionFlow>();
        var declared = head.FeatureGroups.SelectMany(static g => g.Criteria.Select(c => (Criterion: c, Group: g))).ToDictionary(static p => p.Criterion.Id, StringComparer.Ordinal);
        foreach (CriterionHistory h in history.Criteria.Values.Where(static h => h.Specified is not null).OrderBy(static h => h.Id, StringComparer.Ordinal))
        {
            bool inHead = declared.TryGetValue(h.Id, out var now);
            string feature = inHead ? now.Group.Key : h.Last?.Feature ?? SpecContract.FeatureKeyOf(h.Id);
            string title = inHead ? now.Criterion.Title : h.Last?.Title ?? string.Empty;
            string path = inHead ? now.Group.Files.FirstOrDefault(f => f.Criteria.Any(c => c.Id == h.Id))?.Path ?? now.Group.First.Path : h.Last?.Path ?? string.Empty;
            FlowEvent specified = h.Specified!;
            ReleaseEvent? released = releases?.FirstContaining([specified, h.Implemented, h.TestLinked]);
            ImmutableArray<CriterionVersion> versions = [.. h.Versions.Select(static v => new CriterionVersion(v.Key, v.Value)).OrderBy(static v => v.At.Date).ThenBy(static v => v.Fingerprint, StringComparer.Ordinal)];
            rows.Add(new CriterionFlow(h.Id, feature, title, path, specified, h.Implemented, h.TestLinked, released, versions, inHead, inHead && now.Criterion.Status == SpecStatus.Deprecated)
            {
                Status = inputs.Statuses is { } statuses && statuses.TryGetValue(h.Id, out string? status) ? status : null,
            });
        }

        var counted = rows.Where(r => r.InHead && !r.Deprecated && (inputs.Since is not { } since || r.Specified.Date >= since)).ToList();
        DateTimeOffset asOf = inputs.Head.Date;
        ImmutableArray<GroupFlow> byFeature = [.. counted.GroupBy(static r => r.FeatureKey, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal).Select(static g => Group(g.Key, [.. g]))];
        ImmutableArray<GroupFlow> byMonth = [.. counted.GroupBy(static r => Month(r.Specified.Date)).OrderBy(static g => g.Key, StringComparer.Ordinal).Select(static g => Group(g.Key, [.. g]))];
        var trend = new List<GroupFlow>();
        var first = new DateTimeOffset(asOf.Year, asOf.Month, 1, 0, 0, 0, asOf.Offset).AddMonths(-(TrendMonths - 1));
        for (int i = 0; i < TrendMonths; i++)
        {
            string month = Month(first.AddMonths(i));
            trend.Add(Group(month, [.. counted.Where(r => Month(r.Specified.Date) == month)]));
        }

        ImmutableArray<CriterionFlow> stale = inputs.StaleAfterDays is { } days
            ? [.. counted
                .Where(r => (asOf - r.Specified.Date).TotalDays > days && (r.Status is { } s ? s != "verified" : r.TestLinked is null))
                .OrderBy(static r => r.Specified.Date).ThenBy(static r => r.Id, StringComparer.Ordinal)]
            : [];

        if (rows.Count > counted.Count)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{rows.Count - counted.Count} criteria are listed but not counted: removed since, deprecated{(inputs.Since is null ? string.Empty : ", or specified before --since")}."));
        }

        notes.Add("Links are read from the source text of each commit (attribute strings and catalog constants), since old commits cannot be compiled; an ID in a comment is not a link.");
        return new FlowReport(
            asOf,
            inputs.Head,
            inputs.Since,
            inputs.ReleaseTags,
            [.. rows.OrderBy(static r => r.FeatureKey, StringComparer.Ordinal).ThenBy(static r => r.Id, StringComparer.Ordinal)],
            Group("all", counted),
            byFeature,
            byMonth,
            [.. trend],
            stale,
            inputs.StaleAfterDays,
            partial,
            [.. notes],
            history.Commits);
    }

    internal static string Month(DateTimeOffset date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    internal static GroupFlow Group(string key, IReadOnlyList<CriterionFlow> criteria) =>
        new(key, criteria.Count, [.. FlowReport.Steps.Select(step => (step, Stats(criteria, step)))]);

    internal static LeadStats Stats(IReadOnlyList<CriterionFlow> criteria, FlowStep step)
    {
        var days = new List<double>();
        int open = 0;
        foreach (CriterionFlow criterion in criteria)
        {
            if (criterion.Days(step) is { } d)
            {
                days.Add(d);
            }
            else if (step != FlowStep.ImplementedToTestLinked || criterion.Implemented is not null)
            {
                open++;
            }
        }

        days.Sort();
        return new LeadStats(days.Count, open, Percentile(days, 0.5), Percentile(days, 0.85));
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values by linear interpolation between closest ranks (Excel's PERCENTILE.INC); null when empty.</summary>
    internal static double? Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        double rank = p * (sorted.Count - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>The tags matching <paramref name="pattern"/> with their commits and dates (a tag's own date when annotated), oldest first.</summary>
    private static List<(string Tag, FlowEvent At)> Tags(GitRepository git, string pattern)
    {
        (int exit, string output, string error) = git.Git("for-each-ref", "--format=%(refname:short)%09%(objectname)%09%(*objectname)%09%(creatordate:iso-strict)", "refs/tags/" + pattern);
        if (exit != 0)
        {
            throw new GitException($"git for-each-ref failed ({GitRepository.OneLine(error)}).");
        }

        var tags = new List<(string, FlowEvent)>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split('\t');
            if (parts.Length == 4 && DateTimeOffset.TryParse(parts[3], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset date))
            {
                tags.Add((parts[0], new FlowEvent(parts[2].Length > 0 ? parts[2] : parts[1], date)));
            }
        }

        return [.. tags.OrderBy(static t => t.Item2.Date).ThenBy(static t => t.Item1, StringComparer.Ordinal)];
    }

    /// <summary>Which release tags hold which commits: the commit graph of all tags read once (<c>git rev-list --parents</c>).</summary>
    private sealed class Releases
    {
        private readonly List<(string Tag, FlowEvent At)> _tags;
        private readonly Dictionary<string, string[]> _parents = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _firstTag = new(StringComparer.Ordinal);
        private readonly Dictionary<int, HashSet<string>> _ancestry = [];

        public Releases(GitRepository git, List<(string Tag, FlowEvent At)> tags)
        {
            _tags = tags;
            (int exit, string output, string error) = git.Git(["rev-list", "--parents", .. tags.Select(static t => t.At.Commit).Distinct(StringComparer.Ordinal)]);
            if (exit != 0)
            {
                throw new GitException($"git rev-list failed ({GitRepository.OneLine(error)}).");
            }

            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(' ');
                _parents[parts[0]] = parts[1..];
            }

            // Tags oldest first: each commit's first tag; a commit already taken has all its ancestors taken too.
            for (int t = 0; t < tags.Count; t++)
            {
                var stack = new Stack<string>();
                stack.Push(tags[t].At.Commit);
                while (stack.Count > 0)
                {
                    string commit = stack.Pop();
                    if (!_firstTag.TryAdd(commit, t))
                    {
                        continue;
                    }

                    foreach (string parent in _parents.TryGetValue(commit, out string[]? ps) ? ps : [])
                    {
                        stack.Push(parent);
                    }
                }
            }
        }

        /// <summary>The oldest tag whose history holds every given commit, or null.</summary>
        public ReleaseEvent? FirstContaining(IEnumerable<FlowEvent?> events)
        {
            var commits = events.OfType<FlowEvent>().Select(static e => e.Commit).ToList();
            int candidate = -1;
            foreach (string commit in commits)
            {
                if (!_firstTag.TryGetValue(commit, out int first))
                {
                    return null; // in no tag yet
                }

                candidate = Math.Max(candidate, first);
            }

            for (int t = candidate; t >= 0 && t < _tags.Count; t++)
            {
                HashSet<string> ancestry = Ancestry(t);
                if (commits.All(ancestry.Contains))
                {
                    return new ReleaseEvent(_tags[t].Tag, _tags[t].At.Commit, _tags[t].At.Date);
                }
            }

            return null;
        }

        private HashSet<string> Ancestry(int tag)
        {
            if (_ancestry.TryGetValue(tag, out HashSet<string>? known))
            {
                return known;
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            stack.Push(_tags[tag].At.Commit);
            while (stack.Count > 0)
            {
                string commit = stack.Pop();
                if (set.Add(commit))
                {
                    foreach (string parent in _parents.TryGetValue(commit, out string[]? ps) ? ps : [])
                    {
                        stack.Push(parent);
                    }
                }
            }

            _ancestry[tag] = set;
            return set;
        }
    }
}
