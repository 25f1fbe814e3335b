using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using SpecGuard.Cli.Report;

namespace SpecGuard.Cli.Diff;

/// <summary>A revision as the diff names it.</summary>
/// <param name="Name">As given (<c>origin/main</c>, <c>HEAD</c>).</param>
/// <param name="Commit">The full commit ID.</param>
/// <param name="Date">The committer date.</param>
/// <param name="Subject">The commit's subject line.</param>
internal sealed record DiffRevision(string Name, string Commit, DateTimeOffset Date, string Subject)
{
    public string Short => Commit.Length > 10 ? Commit[..10] : Commit;
}

/// <summary>A place in the head's code: a method (from the assemblies' PDBs) or a link attribute (from the source text).</summary>
/// <param name="Symbol">The method as the report names it (<c>Shop.OrdersController.Place</c>); for a link read from text without a method, empty.</param>
/// <param name="Kind">method, constructor, lambda, property getter, …; <c>link</c> for a text-only site.</param>
/// <param name="Path">Repository-relative, '/' separators.</param>
/// <param name="StartLine">1-based.</param>
/// <param name="EndLine">1-based, ≥ <paramref name="StartLine"/>.</param>
internal sealed record CodeSite(string Symbol, string Kind, string Path, int StartLine, int EndLine)
{
    public string Location => StartLine == EndLine
        ? string.Create(CultureInfo.InvariantCulture, $"{Path}:{StartLine}")
        : string.Create(CultureInfo.InvariantCulture, $"{Path}:{StartLine}–{EndLine}");
}

/// <summary>What the change means for one criterion: its spec change (if any) and the code and tests around it.</summary>
/// <param name="Id">The criterion ID (the head's).</param>
/// <param name="FeatureKey">Its feature.</param>
/// <param name="Title">Its title (the head's, else the base's), or null when no side declares it (a link to an unknown ID).</param>
/// <param name="Spec">Its spec change, or null when only code or tests around it changed.</param>
/// <param name="At">Where the head declares it (else the base), for results located on the spec.</param>
/// <param name="CodeChanged">Changed code that implements it (head's methods).</param>
/// <param name="TestsChanged">Changed tests that verify it.</param>
/// <param name="HeadLinks">Every link to it in the head's source text (to review, for a changed text; to remove, for a removed or deprecated criterion).</param>
/// <param name="LostLastTest">The base had a test verifying it; the head has none.</param>
/// <param name="Suspect">Its normative text changed here and code or tests link to it, and no review of the new text is recorded.</param>
internal sealed record CriterionDiff(
    string Id,
    string FeatureKey,
    string? Title,
    CriterionChange? Spec,
    SpecLocation? At,
    ImmutableArray<CodeSite> CodeChanged,
    ImmutableArray<CodeSite> TestsChanged,
    ImmutableArray<CodeSite> HeadLinks,
    bool LostLastTest,
    bool Suspect)
{
    /// <summary>Its status in the head, as <c>specguard report</c> computes it (with <c>--assembly</c>), else null.</summary>
    public CriterionStatus? Now { get; init; }

    /// <summary>A criterion removed (or renamed: the links name the old ID) that the head still links to.</summary>
    public bool RemovedWithLinks => Spec is { Kind: CriterionChangeKind.Removed or CriterionChangeKind.Renamed } && !HeadLinks.IsEmpty;

    /// <summary>A criterion deprecated here that the head still links to.</summary>
    public bool DeprecatedWithLinks => Spec is { Kind: CriterionChangeKind.Deprecated } && !HeadLinks.IsEmpty;

    /// <summary>A collision with the base branch's tip.</summary>
    public bool Collides => Spec is { Kind: CriterionChangeKind.Collision };

    /// <summary>Needs a reviewer's attention before anything else.</summary>
    public bool NeedsAttention => Collides || RemovedWithLinks || LostLastTest || Suspect || DeprecatedWithLinks;

    /// <summary>Lower is more important: the order criteria are shown in.</summary>
    public int Rank => Collides ? 0
        : RemovedWithLinks ? 1
        : LostLastTest ? 2
        : Suspect ? 3
        : DeprecatedWithLinks ? 4
        : Spec?.Kind switch
        {
            CriterionChangeKind.Changed when Spec.Normative => 5,
            CriterionChangeKind.Removed => 6,
            CriterionChangeKind.Deprecated => 7,
            CriterionChangeKind.Renamed => 8,
            CriterionChangeKind.Added => 9,
            CriterionChangeKind.Changed => 10,
            CriterionChangeKind.Moved => 11,
            _ => 12,
        };
}

/// <summary>One feature's part of the diff.</summary>
internal sealed record FeatureDiff(string Key, string? Title, ImmutableArray<CriterionDiff> Criteria)
{
    public int Attention => Criteria.Count(static c => c.NeedsAttention);

    public int Count(CriterionChangeKind kind) => Criteria.Count(c => c.Spec?.Kind == kind);
}

/// <summary>New code the analyzers report as untraced (SPEC100/SPEC101, from the compiler's SARIF logs) on lines this change touched.</summary>
internal sealed record UntracedSite(string Rule, string Message, string Path, int Line, int Column);

/// <summary>Changed code that serves no criterion and is not reported as untraced (private code, or code without a link).</summary>
internal sealed record UnlinkedChange(CodeSite Site);

/// <summary>The diff of a pull request, everything the writers print.</summary>
internal sealed record DiffReport(
    DiffRevision Base,
    DiffRevision MergeBase,
    DiffRevision Head,
    ImmutableArray<FeatureDiff> Features,
    ImmutableArray<UntracedSite> Untraced,
    ImmutableArray<string> LeftOut,
    ImmutableArray<ReportWarning> Warnings,
    int FilesChanged,
    int SpecFilesChanged)
{
    public const int SchemaVersion = 1;

    /// <summary>Whether <c>--findings</c> was given (else untraced code was not checked).</summary>
    public bool UntracedChecked { get; init; }

    /// <summary>Whether criteria carry their status now (<see cref="CriterionDiff.Now"/>).</summary>
    public bool StatusShown { get; init; }

    /// <summary>Whether <c>--assembly</c> was given (else no code was mapped to criteria).</summary>
    public bool CodeMapped { get; init; }

    public int Count(CriterionChangeKind kind) => Features.Sum(f => f.Count(kind));

    public int CountWhere(Func<CriterionDiff, bool> predicate) => Features.Sum(f => f.Criteria.Count(predicate));
}
