using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SpecGuard.Core;
using SpecGuard.Core.Links;
using SpecGuard.Core.Model;
using SpecGuard.Core.Review;

namespace SpecGuard.Cli.Flow;

/// <summary>What the history says about one criterion: the first dates of each step and the first date of each text version.</summary>
internal sealed class CriterionHistory
{
    public CriterionHistory(string id) => Id = id;

    public string Id { get; }

    public FlowEvent? Specified { get; set; }

    public FlowEvent? Implemented { get; set; }

    public FlowEvent? TestLinked { get; set; }

    /// <summary>Fingerprint → the first commit that wrote it.</summary>
    public Dictionary<string, FlowEvent> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>The newest declaration seen (feature, title, path), for criteria the head no longer declares.</summary>
    public (string Feature, string Title, string Path, DateTimeOffset Date)? Last { get; set; }
}

/// <summary>The history walk's result.</summary>
internal sealed record FlowHistoryResult(Dictionary<string, CriterionHistory> Criteria, int Commits, DateTimeOffset? Oldest);

/// <summary>
/// Walks a repository's history once: <c>git log --raw</c> over the spec roots and the C# files lists every blob each
/// commit wrote; one <c>git cat-file --batch</c> streams those blobs; each spec blob is loaded (criterion IDs and
/// fingerprints), each C# blob is read for link attributes (<see cref="SourceLinks"/>: old commits cannot be compiled, so
/// links are what the source text says: attribute strings and catalog constants, never comments). A step's date is the
/// earliest committer date of a commit that wrote a blob showing it. Never one git process per criterion or commit.
/// </summary>
internal static class FlowHistory
{
    private static readonly byte[] ImplementsBytes = Encoding.ASCII.GetBytes("Implements");
    private static readonly byte[] VerifiesBytes = Encoding.ASCII.GetBytes("Verifies");

    public static FlowHistoryResult Walk(GitRepository git, string head, IReadOnlyList<string> specRoots)
    {
        string[] pathspecs = specRoots.Count == 0 ? ["*.spec.yaml", "*.spec.yml", "*.cs"] : [.. specRoots.Select(static r => r.TrimEnd('/').Length == 0 ? "." : r.TrimEnd('/')), "*.cs"];
        (int exit, string log, string error) = git.Git(["log", "--format=@@@%H %cI", "--raw", "-c", "--no-abbrev", "--no-renames", "--no-color", head, "--", .. pathspecs]);
        if (exit != 0)
        {
            throw new GitException($"git log {head} failed ({GitRepository.OneLine(error)}).");
        }

        // Per blob, the commits that wrote it (a blob written again later, e.g. a revert, keeps its earliest date).
        var blobs = new List<string>();
        var blobIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var blobKind = new List<bool>(); // true: spec file
        var blobPath = new List<string>();
        var blobFirst = new List<FlowEvent>();
        int commits = 0;
        DateTimeOffset? oldest = null;
        FlowEvent? current = null;
        foreach (string line in log.Split('\n'))
        {
            if (line.StartsWith("@@@", StringComparison.Ordinal))
            {
                int space = line.IndexOf(' ', StringComparison.Ordinal);
                current = space > 3 && DateTimeOffset.TryParse(line[(space + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset date)
                    ? new FlowEvent(line[3..space], date)
                    : null;
                if (current is not null)
                {
                    commits++;
                    oldest = oldest is null || current.Date < oldest ? current.Date : oldest;
                }

                continue;
            }

            // ":100644 100644 <old> <new> M\tpath"; a merge (combined, "::" per parent) "::m1 m2 m <p1> <p2> <result> MM\tpath"
            if (current is null || line.Length == 0 || line[0] != ':')
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                continue;
            }

            string[] fields = line[..tab].TrimStart(':').Split(' ');
            if (fields.Length < 5 || fields[^1].Contains('D', StringComparison.Ordinal) || fields[^2].All(static c => c == '0'))
            {
                continue; // deleted: nothing written
            }

            string path = Diff.ChangedFiles.Unquote(line[(tab + 1)..]);
            bool spec = SpecContract.IsSpecFile(path) && GitRepository.Under(path, specRoots);
            if (!spec && !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string blob = fields[^2];
            if (blobIndex.TryGetValue(blob, out int known))
            {
                if (current.Date < blobFirst[known].Date)
                {
                    blobFirst[known] = current;
                }

                continue;
            }

            blobIndex[blob] = blobs.Count;
            blobs.Add(blob);
            blobKind.Add(spec);
            blobPath.Add(path);
            blobFirst.Add(current);
        }

        var criteria = new Dictionary<string, CriterionHistory>(StringComparer.Ordinal);
        CriterionHistory Of(string id)
        {
            if (!criteria.TryGetValue(id, out CriterionHistory? history))
            {
                criteria[id] = history = new CriterionHistory(id);
            }

            return history;
        }

        static FlowEvent? Earlier(FlowEvent? known, FlowEvent candidate) =>
            known is null || candidate.Date < known.Date || (candidate.Date == known.Date && string.CompareOrdinal(candidate.Commit, known.Commit) < 0) ? candidate : known;

        // Parsing is the cost (a spec blob loaded, a C# blob lexed): the blobs stream from git into a bounded queue that
        // one worker per core parses; the results are merged afterwards in the log's order, so the outcome is the same
        // whatever the number of workers.
        var parsed = new object?[blobs.Count];
        using (var queue = new System.Collections.Concurrent.BlockingCollection<(int Index, byte[] Bytes)>(boundedCapacity: 256))
        {
            var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => System.Threading.Tasks.Task.Run(() =>
            {
                foreach ((int i, byte[] bytes) in queue.GetConsumingEnumerable())
                {
                    parsed[i] = blobKind[i]
                        ? SpecLoader.Load(blobPath[i], Core.Text.SpecTextEncoding.Decode(bytes, blobPath[i]).Text).Feature
                        : Contains(bytes, ImplementsBytes) || Contains(bytes, VerifiesBytes) ? SourceLinks.Find(Text(bytes)) : null;
                }
            })).ToArray();
            try
            {
                git.StreamBlobs(blobs, (i, bytes) =>
                {
                    if (bytes is not null)
                    {
                        queue.Add((i, bytes));
                    }
                });
            }
            finally
            {
                queue.CompleteAdding();
                System.Threading.Tasks.Task.WaitAll(workers);
            }
        }

        for (int i = 0; i < parsed.Length; i++)
        {
            FlowEvent at = blobFirst[i];
            if (parsed[i] is SpecFeature feature)
            {
                // A version that did not load adds nothing: its criteria are dated by the versions that did.
                foreach (Criterion criterion in feature.Criteria)
                {
                    CriterionHistory history = Of(criterion.Id);
                    history.Specified = Earlier(history.Specified, at);
                    string fingerprint = CriterionFingerprint.Of(criterion);
                    history.Versions[fingerprint] = history.Versions.TryGetValue(fingerprint, out FlowEvent? first) ? Earlier(first, at)! : at;
                    if (history.Last is not { } last || at.Date >= last.Date)
                    {
                        history.Last = (feature.Key, criterion.Title, blobPath[i], at.Date);
                    }
                }
            }
            else if (parsed[i] is IReadOnlyList<SourceLink> links)
            {
                foreach (SourceLink link in links)
                {
                    CriterionHistory history = Of(link.Id);
                    if (link.Kind == SourceLinkKind.Implements)
                    {
                        history.Implemented = Earlier(history.Implemented, at);
                    }
                    else
                    {
                        history.TestLinked = Earlier(history.TestLinked, at);
                    }
                }
            }
        }

        return new FlowHistoryResult(criteria, commits, oldest);
    }

    private static string Text(byte[] bytes)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
