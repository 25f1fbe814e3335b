using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecGuard.Cli.Report;
using SpecGuard.Core;
using SpecGuard.Core.Links;
using SpecGuard.Core.Model;
using SpecGuard.Core.Review;

namespace SpecGuard.Cli.Diff;

/// <summary>Why the diff cannot be made: a message for the user (exit 2).</summary>
internal sealed class DiffInputException : Exception
{
    public DiffInputException(string message)
        : base(message)
    {
    }

    public DiffInputException()
    {
    }

    public DiffInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What <see cref="DiffBuilder.Build"/> reads.</summary>
/// <param name="Repository">The repository.</param>
/// <param name="Base">The base revision (as given, resolved).</param>
/// <param name="Head">The head revision.</param>
/// <param name="SpecRoots">Repository-relative folders (or files) holding the spec files; empty: the whole tree.</param>
/// <param name="Assemblies">The head's built assemblies, scanned with method spans; null without <c>--assembly</c>.</param>
/// <param name="Findings">The compiler's SpecGuard findings of the head (paths full); null without <c>--findings</c>.</param>
internal sealed record DiffInputs(
    GitRepository Repository,
    DiffRevision Base,
    DiffRevision Head,
    IReadOnlyList<string> SpecRoots,
    IReadOnlyList<ScannedAssembly>? Assemblies,
    IReadOnlyList<SpecFinding>? Findings);

/// <summary>
/// Builds the diff of a pull request: the spec side (<see cref="SpecChanges"/>) between the merge base and the head,
/// the code side from git's hunks mapped to the head's methods through the assemblies' PDBs, and the links read from
/// the source text of both sides (<see cref="SourceLinks"/>) for what the assemblies cannot say about the base.
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_010, SpecGuard.Specs.CliCriteria.CLI_011)]
internal static class DiffBuilder
{
    /// <summary>A changed line outside every method is given to the next method starting this many lines below (an attribute or signature line).</summary>
    private const int SignatureLines = 12;

    public static DiffReport Build(DiffInputs inputs, List<ReportWarning> warnings)
    {
        GitRepository git = inputs.Repository;
        string? mergeBaseCommit = git.MergeBase(inputs.Base.Commit, inputs.Head.Commit)
            ?? throw new DiffInputException($"{inputs.Base.Name} and {inputs.Head.Name} share no history (no merge base){(git.IsShallow ? "; this is a shallow clone: fetch the history of both (actions/checkout: fetch-depth: 0)" : string.Empty)}.");
        (DateTimeOffset mbDate, string mbSubject) = git.CommitInfo(mergeBaseCommit);
        var mergeBase = new DiffRevision("merge base", mergeBaseCommit, mbDate, mbSubject);

        List<SpecFeature> baseFeatures = LoadSpecs(git, mergeBaseCommit, inputs.SpecRoots, "the merge base " + mergeBase.Short);
        List<SpecFeature> headFeatures = LoadSpecs(git, inputs.Head.Commit, inputs.SpecRoots, inputs.Head.Name + " (" + inputs.Head.Short + ")");
        List<SpecFeature>? tipFeatures = mergeBaseCommit == inputs.Base.Commit ? null : LoadSpecs(git, inputs.Base.Commit, inputs.SpecRoots, inputs.Base.Name + " (" + inputs.Base.Short + ")");
        ImmutableArray<CriterionChange> specChanges = SpecChanges.Compare(baseFeatures, headFeatures, tipFeatures);

        List<ChangedFile> changed = ChangedFiles.Parse(git.Diff(mergeBaseCommit, inputs.Head.Commit));
        List<ChangedFile> sourceFiles = [.. changed.Where(static f => !f.Binary && IsCSharp(f.Path) || (f.OldPath is { } o && IsCSharp(o)))];

        // Links in the source text: the head's everywhere (one git grep, one cat-file), the base's in the changed files.
        Dictionary<string, List<SourceLink>> headLinks = HeadLinks(git, inputs.Head.Commit);
        Dictionary<string, List<SourceLink>> baseChangedLinks = [];
        var oldPaths = sourceFiles.Where(static f => f.OldPath is not null).Select(static f => f.OldPath!).Distinct(StringComparer.Ordinal).ToList();
        foreach ((string path, byte[]? bytes) in git.Blobs(mergeBaseCommit, oldPaths))
        {
            if (bytes is not null)
            {
                baseChangedLinks[path] = [.. SourceLinks.Find(Text(bytes))];
            }
        }

        var headChangedPaths = new HashSet<string>(sourceFiles.Where(static f => f.NewPath is not null).Select(static f => f.NewPath!), StringComparer.Ordinal);
        Dictionary<string, int> headTests = CountVerifies(headLinks.Values);
        Dictionary<string, int> baseTests = CountVerifies(
            headLinks.Where(p => !headChangedPaths.Contains(p.Key)).Select(static p => p.Value).Concat(baseChangedLinks.Values));

        var headSpec = new Dictionary<string, (Criterion Criterion, SpecFeature Feature)>(StringComparer.Ordinal);
        foreach (SpecFeature feature in headFeatures)
        {
            foreach (Criterion criterion in feature.Criteria)
            {
                headSpec.TryAdd(criterion.Id, (criterion, feature));
            }
        }

        var baseSpec = new Dictionary<string, (Criterion Criterion, SpecFeature Feature)>(StringComparer.Ordinal);
        foreach (SpecFeature feature in baseFeatures)
        {
            foreach (Criterion criterion in feature.Criteria)
            {
                baseSpec.TryAdd(criterion.Id, (criterion, feature));
            }
        }

        // The code side: changed lines → the head's methods, through the PDBs.
        var codeChanged = new Dictionary<string, SortedSet<CodeSite>>(StringComparer.Ordinal);
        var testsChanged = new Dictionary<string, SortedSet<CodeSite>>(StringComparer.Ordinal);
        var leftOut = new List<string>();
        if (inputs.Assemblies is { } assemblies)
        {
            MapCode(git, inputs, assemblies, changed, codeChanged, testsChanged, leftOut, warnings);
        }
        else
        {
            leftOut.Add("Code side: no --assembly given, so changed code and tests were not mapped to the criteria they serve. Pass the head's built assemblies with their PDBs (e.g. --assembly src/App/bin/Release/net10.0 --assembly tests/App.Tests/bin/Release/net10.0).");
        }

        // New untraced code: the analyzers' own findings, on the lines this change touched.
        var untraced = new List<UntracedSite>();
        if (inputs.Findings is { } findings)
        {
            var byPath = changed.Where(static f => f.NewPath is not null).ToDictionary(static f => f.NewPath!, StringComparer.Ordinal);
            foreach (SpecFinding finding in findings)
            {
                if (finding.Id is not (Core.Diagnostics.SpecRuleIds.UntracedPublicApi or Core.Diagnostics.SpecRuleIds.UntracedHandler) || finding.Path is null || finding.Line is not { } line)
                {
                    continue;
                }

                string? relative = Relative(git.Root, finding.Path);
                if (relative is not null && byPath.TryGetValue(relative, out ChangedFile? file) && (file.Kind == FileChangeKind.Added || file.TouchesNew(line)))
                {
                    untraced.Add(new UntracedSite(finding.Id, finding.Message, relative, line, finding.Column ?? 1));
                }
            }
        }
        else
        {
            leftOut.Add("New untraced code: not checked, no --findings given. Build the head with -p:SpecGuardEnforce=report and pass the compiler's SARIF logs (--findings src --findings tests: each project writes obj/<configuration>/<framework>/<project>.specguard.sarif).");
        }

        // The review record at the head: a changed text whose new fingerprint is recorded has been reviewed here.
        Dictionary<string, string> reviewed = ReviewedAtHead(git, inputs.Head.Commit, inputs.SpecRoots);

        var ids = new SortedSet<string>(StringComparer.Ordinal);
        var changeById = new Dictionary<string, List<CriterionChange>>(StringComparer.Ordinal);
        foreach (CriterionChange change in specChanges)
        {
            ids.Add(change.Id);
            if (!changeById.TryGetValue(change.Id, out List<CriterionChange>? list))
            {
                changeById[change.Id] = list = [];
            }

            list.Add(change);
        }

        ids.UnionWith(codeChanged.Keys);
        ids.UnionWith(testsChanged.Keys);
        var lost = baseTests.Keys.Where(id => !headTests.ContainsKey(id) && (headSpec.ContainsKey(id) || baseSpec.ContainsKey(id)) && !IsGone(changeById, id)).ToList();
        ids.UnionWith(lost);

        var criteria = new List<CriterionDiff>();
        foreach (string id in ids)
        {
            List<CriterionChange?> changes = changeById.TryGetValue(id, out List<CriterionChange>? found) ? [.. found] : [null];
            foreach (CriterionChange? change in changes)
            {
                string? linkedId = change?.Kind == CriterionChangeKind.Renamed ? change.PreviousId : id;
                bool linksMatter = change?.Kind is CriterionChangeKind.Changed or CriterionChangeKind.Deprecated or CriterionChangeKind.Removed or CriterionChangeKind.Renamed;
                ImmutableArray<CodeSite> links = linksMatter && linkedId is not null ? LinkSites(headLinks, linkedId) : [];
                (Criterion Criterion, SpecFeature Feature)? head = headSpec.TryGetValue(id, out var h) ? h : null;
                (Criterion Criterion, SpecFeature Feature)? old = baseSpec.TryGetValue(id, out var b) ? b : null;
                bool suspect = change is { Kind: CriterionChangeKind.Changed, Normative: true } && !links.IsEmpty
                    && !(head is { } current && reviewed.TryGetValue(id, out string? fingerprint) && fingerprint == CriterionFingerprint.Of(current.Criterion));
                SpecLocation? at = change?.AfterAt ?? change?.BeforeAt
                    ?? (head is { } hh ? new SpecLocation(hh.Feature.Path, hh.Criterion.IdSpan.StartLine + 1) : old is { } oo ? new SpecLocation(oo.Feature.Path, oo.Criterion.IdSpan.StartLine + 1) : null);
                criteria.Add(new CriterionDiff(
                    id,
                    change?.FeatureKey ?? head?.Feature.Key ?? old?.Feature.Key ?? SpecContract.FeatureKeyOf(id),
                    head?.Criterion.Title ?? old?.Criterion.Title,
                    change,
                    at,
                    change?.Kind == CriterionChangeKind.Collision ? [] : Sites(codeChanged, id),
                    change?.Kind == CriterionChangeKind.Collision ? [] : Sites(testsChanged, id),
                    links,
                    change?.Kind != CriterionChangeKind.Collision && lost.Contains(id, StringComparer.Ordinal),
                    suspect));
            }
        }

        var titles = headFeatures.Concat(baseFeatures).GroupBy(static f => f.Key, StringComparer.Ordinal).ToDictionary(static g => g.Key, static g => g.First().Title, StringComparer.Ordinal);
        ImmutableArray<FeatureDiff> features = [.. criteria
            .GroupBy(static c => c.FeatureKey, StringComparer.Ordinal)
            .Select(g => new FeatureDiff(g.Key, titles.TryGetValue(g.Key, out string? title) ? title : null, [.. g.OrderBy(static c => c.Rank).ThenBy(static c => c.Id, StringComparer.Ordinal).ThenBy(static c => c.Spec?.Kind)]))
            .OrderByDescending(static f => f.Attention)
            .ThenBy(static f => f.Criteria.Min(static c => c.Rank))
            .ThenByDescending(static f => f.Criteria.Length)
            .ThenBy(static f => f.Key, StringComparer.Ordinal)];

        return new DiffReport(
            inputs.Base,
            mergeBase,
            inputs.Head,
            features,
            [.. untraced.Distinct().OrderBy(static u => u.Path, StringComparer.Ordinal).ThenBy(static u => u.Line).ThenBy(static u => u.Column).ThenBy(static u => u.Rule, StringComparer.Ordinal)],
            [.. leftOut],
            [.. warnings.Distinct().OrderBy(static w => w.Input, StringComparer.Ordinal).ThenBy(static w => w.Text, StringComparer.Ordinal)],
            changed.Count,
            changed.Count(f => (f.NewPath is { } n && SpecContract.IsSpecFile(n) && GitRepository.Under(n, inputs.SpecRoots)) || (f.OldPath is { } o && SpecContract.IsSpecFile(o) && GitRepository.Under(o, inputs.SpecRoots))))
        {
            UntracedChecked = inputs.Findings is not null,
            CodeMapped = inputs.Assemblies is not null,
        };
    }

    private static bool IsGone(Dictionary<string, List<CriterionChange>> changes, string id) =>
        changes.TryGetValue(id, out List<CriterionChange>? list) && list.Any(static c => c.Kind is CriterionChangeKind.Removed);

    private static bool IsCSharp(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static string Text(byte[] bytes)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    private static List<SpecFeature> LoadSpecs(GitRepository git, string commit, IReadOnlyList<string> roots, string side)
    {
        SpecSet set = SpecSet.Load(git.SpecSourcesAt(commit, roots));
        var broken = set.Files.Where(static f => f.Feature is null).ToList();
        if (broken.Count > 0)
        {
            var lines = new StringBuilder();
            lines.Append(CultureInfo.InvariantCulture, $"the spec files of {side} do not load, so the spec side cannot be compared ({broken.Count} file(s)); fix them on that side (specguard validate):");
            foreach (SpecLoadResult file in broken.Take(10))
            {
                Core.Diagnostics.SpecDiagnostic? first = file.Diagnostics.FirstOrDefault(static d => d.Severity == Core.Diagnostics.SpecSeverity.Error);
                lines.Append('\n').Append("  ").Append(file.Path);
                if (first is not null)
                {
                    lines.Append(first.Span.ToString()).Append(": ").Append(first.Id).Append(": ").Append(first.Message);
                }
            }

            throw new DiffInputException(lines.ToString());
        }

        return [.. set.Features];
    }

    /// <summary>The head's link attributes by file: the C# files that name a link attribute (one <c>git grep</c>), read from the commit.</summary>
    private static Dictionary<string, List<SourceLink>> HeadLinks(GitRepository git, string commit)
    {
        (int exit, string output, string error) = git.Git("grep", "-l", "-I", "-z", "--full-name", "-E", "Implements|Verifies", commit, "--", "*.cs");
        if (exit > 1)
        {
            throw new GitException($"git grep failed ({GitRepository.OneLine(error)}).");
        }

        string prefix = commit + ":";
        var paths = output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith(prefix, StringComparison.Ordinal) ? p[prefix.Length..] : p)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var links = new Dictionary<string, List<SourceLink>>(StringComparer.Ordinal);
        foreach ((string path, byte[]? bytes) in git.Blobs(commit, paths))
        {
            if (bytes is not null)
            {
                links[path] = [.. SourceLinks.Find(Text(bytes))];
            }
        }

        return links;
    }

    private static Dictionary<string, int> CountVerifies(IEnumerable<List<SourceLink>> files)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (SourceLink link in files.SelectMany(static f => f).Where(static l => l.Kind == SourceLinkKind.Verifies))
        {
            counts[link.Id] = counts.TryGetValue(link.Id, out int n) ? n + 1 : 1;
        }

        return counts;
    }

    private static ImmutableArray<CodeSite> LinkSites(Dictionary<string, List<SourceLink>> links, string id) =>
        [.. links
            .SelectMany(static p => p.Value.Select(l => (Path: p.Key, Link: l)))
            .Where(p => p.Link.Id == id)
            .Select(static p => new CodeSite(p.Link.Kind == SourceLinkKind.Implements ? "[Implements]" : "[Verifies]", "link", p.Path, p.Link.Line, p.Link.Line))
            .Distinct()
            .OrderBy(static s => s.Path, StringComparer.Ordinal)
            .ThenBy(static s => s.StartLine)
            .ThenBy(static s => s.Symbol, StringComparer.Ordinal)];

    private static ImmutableArray<CodeSite> Sites(Dictionary<string, SortedSet<CodeSite>> sites, string id) =>
        sites.TryGetValue(id, out SortedSet<CodeSite>? found) ? [.. found] : [];

    private static Dictionary<string, string> ReviewedAtHead(GitRepository git, string commit, IReadOnlyList<string> roots)
    {
        var records = git.FilesAt(commit).Where(f => SpecContract.IsReviewRecordFile(f) && GitRepository.Under(f, roots)).ToList();
        var reviewed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string path, byte[]? bytes) in git.Blobs(commit, records))
        {
            if (bytes is not null)
            {
                foreach (ReviewEntry entry in ReviewRecord.Parse(path, Text(bytes)).Entries)
                {
                    reviewed.TryAdd(entry.Id, entry.Fingerprint);
                }
            }
        }

        return reviewed;
    }

    /// <summary>A path the PDB or a SARIF log records, as the repository names it; null when outside the repository.</summary>
    internal static string? Relative(string root, string path)
    {
        string normal = path.Replace('\\', '/');
        // Deterministic builds map the source root to /_/ (or /_1/, … for several roots): relative to the repository root.
        if (normal.StartsWith("/_/", StringComparison.Ordinal))
        {
            return normal[3..];
        }

        if (normal.Length > 3 && normal.StartsWith("/_", StringComparison.Ordinal) && normal.IndexOf('/', 2) is int slash and > 2 && normal[2..slash].All(char.IsAsciiDigit))
        {
            return normal[(slash + 1)..];
        }

        if (!Path.IsPathRooted(path))
        {
            return normal.StartsWith("./", StringComparison.Ordinal) ? normal[2..] : normal;
        }

        string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }

    private static void MapCode(
        GitRepository git,
        DiffInputs inputs,
        IReadOnlyList<ScannedAssembly> assemblies,
        List<ChangedFile> changed,
        Dictionary<string, SortedSet<CodeSite>> codeChanged,
        Dictionary<string, SortedSet<CodeSite>> testsChanged,
        List<string> leftOut,
        List<ReportWarning> warnings)
    {
        // Spans by repository path; a document outside the repository is not part of the change.
        var spans = new Dictionary<string, List<(MethodSpan Span, ScannedAssembly Assembly)>>(StringComparer.Ordinal);
        var headTree = new HashSet<string>(git.FilesAt(inputs.Head.Commit), StringComparer.Ordinal);
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (ScannedAssembly assembly in assemblies)
        {
            if (!assembly.HasPdb && (assembly.Implementations.Count > 0 || assembly.Types.Exists(static t => !t.Verifies.IsEmpty || t.Methods.Count > 0)))
            {
                warnings.Add(ReportWarning.Create(assembly.Path, "no portable PDB next to it, so its changed code cannot be mapped to criteria (build with <DebugType>portable</DebugType> or embedded)"));
            }

            foreach (MethodSpan span in assembly.Spans)
            {
                if (!resolved.TryGetValue(span.Document, out string? path))
                {
                    resolved[span.Document] = path = InTree(Relative(git.Root, span.Document), headTree);
                }

                if (path is not null)
                {
                    if (!spans.TryGetValue(path, out var list))
                    {
                        spans[path] = list = [];
                    }

                    list.Add((span, assembly));
                }
            }
        }

        // Assemblies older than the head: the PDB's checksum of a changed file must be the head's content.
        var headFiles = changed.Where(f => f.NewPath is not null && spans.ContainsKey(f.NewPath)).Select(static f => f.NewPath!).ToList();
        foreach ((string path, byte[]? bytes) in git.Blobs(inputs.Head.Commit, headFiles))
        {
            if (bytes is null)
            {
                continue;
            }

            foreach (ScannedAssembly assembly in spans[path].Select(static s => s.Assembly).Distinct())
            {
                string document = spans[path].First(s => s.Assembly == assembly).Span.Document;
                if (assembly.MatchesContent(document, bytes) == false && assembly.MatchesContent(document, WithCrLf(bytes)) == false)
                {
                    throw new DiffInputException($"{CommandLine.Display(assembly.Path, Environment.CurrentDirectory)} was not built from {inputs.Head.Name} ({inputs.Head.Short}): its {path} differs from the head's. Build the head (after checking it out), then run specguard diff again.");
                }
            }
        }

        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ChangedFile file in changed)
        {
            if (file.NewPath is not { } path || file.Binary || !IsCSharp(path))
            {
                continue;
            }

            if (!spans.TryGetValue(path, out var list))
            {
                unmapped.Add(path);
                continue;
            }

            var touched = new HashSet<MethodSpan>();
            foreach (LineRange range in file.NewRanges)
            {
                int first = range.Start;
                int last = range.Count == 0 ? range.Start + 1 : range.End;
                for (int line = Math.Max(first, 1); line <= last; line++)
                {
                    if (Innermost(list, line) is { } span)
                    {
                        touched.Add(span);
                    }
                    else if (range.Count > 0 && NextStarting(list, line) is { } next)
                    {
                        touched.Add(next);
                    }
                }
            }

            foreach (MethodSpan span in touched)
            {
                var site = new CodeSite(span.Symbol, span.Kind, path, span.StartLine, span.EndLine);
                if (span.IsPendingStub)
                {
                    continue;
                }

                foreach (string id in span.Verifies)
                {
                    Add(testsChanged, id, site);
                }

                if (span.Verifies.IsEmpty)
                {
                    foreach (string id in span.Implements)
                    {
                        Add(codeChanged, id, site);
                    }
                }
            }
        }

        if (unmapped.Count > 0)
        {
            leftOut.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{unmapped.Count} changed C# file(s) are in none of the given assemblies' PDBs, so their code was not mapped: {string.Join(", ", unmapped.Take(5))}{(unmapped.Count > 5 ? ", …" : string.Empty)}."));
        }
    }

    /// <summary>
    /// The head's file a document path names: itself when the head has it; else (a path mapped relative to a project
    /// folder rather than the repository root, <c>/_/Orders.cs</c>) the one head file that ends with it; else null.
    /// </summary>
    private static string? InTree(string? relative, HashSet<string> tree)
    {
        if (relative is null || tree.Contains(relative))
        {
            return relative;
        }

        string suffix = "/" + relative;
        string? match = null;
        foreach (string file in tree)
        {
            if (file.EndsWith(suffix, StringComparison.Ordinal))
            {
                if (match is not null)
                {
                    return null; // ambiguous: not guessed
                }

                match = file;
            }
        }

        return match;
    }

    private static MethodSpan? Innermost(List<(MethodSpan Span, ScannedAssembly Assembly)> spans, int line)
    {
        MethodSpan? best = null;
        foreach ((MethodSpan span, _) in spans)
        {
            if (line >= span.StartLine && line <= span.EndLine && (best is null || span.EndLine - span.StartLine < best.EndLine - best.StartLine))
            {
                best = span;
            }
        }

        return best;
    }

    /// <summary>The method starting soonest below <paramref name="line"/> (within <see cref="SignatureLines"/>) when no method ends between them.</summary>
    private static MethodSpan? NextStarting(List<(MethodSpan Span, ScannedAssembly Assembly)> spans, int line)
    {
        MethodSpan? next = null;
        foreach ((MethodSpan span, _) in spans)
        {
            if (span.StartLine > line && span.StartLine - line <= SignatureLines && (next is null || span.StartLine < next.StartLine))
            {
                next = span;
            }
        }

        if (next is null)
        {
            return null;
        }

        foreach ((MethodSpan span, _) in spans)
        {
            if (span.EndLine >= line && span.EndLine < next.StartLine)
            {
                return null; // another method lies between: the line is not this one's signature
            }
        }

        return next;
    }

    private static byte[] WithCrLf(byte[] bytes)
    {
        var result = new List<byte>(bytes.Length + (bytes.Length / 20));
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))
            {
                result.Add((byte)'\r');
            }

            result.Add(bytes[i]);
        }

        return [.. result];
    }

    private static void Add(Dictionary<string, SortedSet<CodeSite>> sites, string id, CodeSite site)
    {
        if (!sites.TryGetValue(id, out SortedSet<CodeSite>? set))
        {
            sites[id] = set = new SortedSet<CodeSite>(Comparer<CodeSite>.Create(static (a, b) =>
            {
                int c = string.CompareOrdinal(a.Path, b.Path);
                c = c != 0 ? c : a.StartLine.CompareTo(b.StartLine);
                c = c != 0 ? c : string.CompareOrdinal(a.Symbol, b.Symbol);
                c = c != 0 ? c : a.EndLine.CompareTo(b.EndLine);
                return c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
            }));
        }

        set.Add(site);
    }
}
