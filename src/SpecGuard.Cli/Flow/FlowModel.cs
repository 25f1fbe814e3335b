using System;
using System.Collections.Immutable;
using System.Globalization;

namespace SpecGuard.Cli.Flow;

/// <summary>A commit that did something to a criterion: its ID and its committer date.</summary>
internal sealed record FlowEvent(string Commit, DateTimeOffset Date)
{
    public string Short => Commit.Length > 10 ? Commit[..10] : Commit;

    /// <summary>ISO 8601 with offset: <c>2026-03-04T12:00:00+00:00</c>.</summary>
    public string Iso => Date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>The first release tag (matching <c>--release-tags</c>) whose history holds every step of a criterion.</summary>
internal sealed record ReleaseEvent(string Tag, string Commit, DateTimeOffset Date);

/// <summary>One version of a criterion's normative text: its fingerprint and the commit that wrote it.</summary>
internal sealed record CriterionVersion(string Fingerprint, FlowEvent At);

/// <summary>The steps between two of a criterion's dates.</summary>
internal enum FlowStep
{
    /// <summary>Specified → implemented (first <c>[Implements]</c>).</summary>
    SpecifiedToImplemented,

    /// <summary>Implemented → test linked (first <c>[Verifies]</c>); a test linked before the implementation counts 0.</summary>
    ImplementedToTestLinked,

    /// <summary>Specified → test linked.</summary>
    SpecifiedToTestLinked,

    /// <summary>Specified → released: the lead time of the question "spec to production".</summary>
    SpecifiedToReleased,
}

/// <summary>A criterion's way from specification to release, dated by commit.</summary>
/// <param name="Id">The criterion ID.</param>
/// <param name="FeatureKey">Its feature.</param>
/// <param name="Title">Its title (the newest version's).</param>
/// <param name="Path">The spec file that declares it at the head (repository-relative), or the last one that did.</param>
/// <param name="Specified">The first commit whose spec files declare it.</param>
/// <param name="Implemented">The first commit whose C# source has an <c>[Implements]</c> naming it, or null.</param>
/// <param name="TestLinked">The first commit whose C# source has a <c>[Verifies]</c> naming it, or null.</param>
/// <param name="Released">The first release tag holding all three (or those of them that happened), or null.</param>
/// <param name="Versions">Each version of its normative text, oldest first (the first is <paramref name="Specified"/>'s).</param>
/// <param name="InHead">The head's spec files still declare it (false: removed since).</param>
/// <param name="Deprecated">Deprecated at the head.</param>
internal sealed record CriterionFlow(
    string Id,
    string FeatureKey,
    string Title,
    string Path,
    FlowEvent Specified,
    FlowEvent? Implemented,
    FlowEvent? TestLinked,
    ReleaseEvent? Released,
    ImmutableArray<CriterionVersion> Versions,
    bool InHead,
    bool Deprecated)
{
    /// <summary>Its status now (<c>verified</c>, … as <c>specguard report</c> writes it) when <c>--assembly</c>/<c>--trx</c> were given, else null.</summary>
    public string? Status { get; init; }

    /// <summary>Days (fractional) of a step, or null when its end has not happened.</summary>
    public double? Days(FlowStep step) => step switch
    {
        FlowStep.SpecifiedToImplemented => Between(Specified.Date, Implemented?.Date),
        FlowStep.ImplementedToTestLinked => Implemented is null ? null : Between(Implemented.Date, TestLinked?.Date),
        FlowStep.SpecifiedToTestLinked => Between(Specified.Date, TestLinked?.Date),
        _ => Between(Specified.Date, Released?.Date),
    };

    private static double? Between(DateTimeOffset start, DateTimeOffset? end) =>
        end is { } e ? Math.Max(0, (e - start).TotalDays) : null;
}

/// <summary>Lead times of one step over a set of criteria: how many have it, median and 85th percentile in days.</summary>
/// <param name="Count">Criteria whose step has ended.</param>
/// <param name="Open">Criteria whose step has not ended yet (not counted in the figures).</param>
/// <param name="MedianDays">Median, or null without any.</param>
/// <param name="P85Days">85th percentile (linear interpolation between closest ranks), or null.</param>
internal sealed record LeadStats(int Count, int Open, double? MedianDays, double? P85Days);

/// <summary>The lead times of every step for a group of criteria.</summary>
/// <param name="Key">A feature key, or a month <c>2026-03</c> (of specification).</param>
/// <param name="Criteria">Criteria in the group.</param>
/// <param name="Steps">Per step, in <see cref="FlowStep"/> order.</param>
internal sealed record GroupFlow(string Key, int Criteria, ImmutableArray<(FlowStep Step, LeadStats Stats)> Steps);

/// <summary>The flow report: everything the writers print.</summary>
/// <param name="AsOf">"Now": the head commit's date (so the report of a commit is the same whenever it is made).</param>
/// <param name="Head">The head commit.</param>
/// <param name="Since">Only criteria specified on or after this date are counted (<c>--since</c>), or null.</param>
/// <param name="ReleaseTags">The tag pattern (<c>--release-tags</c>), or null.</param>
/// <param name="Criteria">Every criterion counted, ordered by feature key then ID.</param>
/// <param name="Overall">Lead times over all counted criteria.</param>
/// <param name="ByFeature">Per feature, ordered by key.</param>
/// <param name="ByMonth">Per month of specification, oldest first.</param>
/// <param name="Trend">The last twelve months (ending with <paramref name="AsOf"/>'s month), one entry per month even when empty.</param>
/// <param name="Stale">Criteria specified more than <paramref name="StaleAfterDays"/> days before <paramref name="AsOf"/> and still pending (no test linked, or a status other than verified when known), oldest first.</param>
/// <param name="StaleAfterDays">The <c>--stale-after</c> days, or null (no stale list).</param>
/// <param name="Partial">Some history is missing (a shallow clone) or no tag matched: the notes say what.</param>
/// <param name="Notes">What limits the figures, one sentence each.</param>
/// <param name="Commits">Commits walked.</param>
internal sealed record FlowReport(
    DateTimeOffset AsOf,
    FlowEvent Head,
    DateTimeOffset? Since,
    string? ReleaseTags,
    ImmutableArray<CriterionFlow> Criteria,
    GroupFlow Overall,
    ImmutableArray<GroupFlow> ByFeature,
    ImmutableArray<GroupFlow> ByMonth,
    ImmutableArray<GroupFlow> Trend,
    ImmutableArray<CriterionFlow> Stale,
    int? StaleAfterDays,
    bool Partial,
    ImmutableArray<string> Notes,
    int Commits)
{
    public const int SchemaVersion = 1;

    public static readonly ImmutableArray<FlowStep> Steps = [FlowStep.SpecifiedToImplemented, FlowStep.ImplementedToTestLinked, FlowStep.SpecifiedToTestLinked, FlowStep.SpecifiedToReleased];

    /// <summary>The step as JSON and CSV name it: <c>specified-to-implemented</c>.</summary>
    public static string Slug(FlowStep step) => step switch
    {
        FlowStep.SpecifiedToImplemented => "specified-to-implemented",
        FlowStep.ImplementedToTestLinked => "implemented-to-test-linked",
        FlowStep.SpecifiedToTestLinked => "specified-to-test-linked",
        _ => "specified-to-released",
    };

    /// <summary>The step for people: <c>Specified → implemented</c>.</summary>
    public static string Label(FlowStep step) => step switch
    {
        FlowStep.SpecifiedToImplemented => "Specified → implemented",
        FlowStep.ImplementedToTestLinked => "Implemented → test linked",
        FlowStep.SpecifiedToTestLinked => "Specified → test linked",
        _ => "Specified → released",
    };

    /// <summary>Days with one decimal (<c>12.5</c>), or an empty string.</summary>
    public static string FormatDays(double? days) =>
        days is { } d ? Math.Round(d, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) : string.Empty;
}
