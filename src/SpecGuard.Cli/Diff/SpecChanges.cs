using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SpecGuard.Core.Model;
using SpecGuard.Core.Review;

namespace SpecGuard.Cli.Diff;

/// <summary>What a change did to one criterion.</summary>
internal enum CriterionChangeKind
{
    /// <summary>An ID the base does not have (and not a rename).</summary>
    Added,

    /// <summary>Same ID; its text or other fields differ (see <see cref="CriterionChange.Normative"/>).</summary>
    Changed,

    /// <summary>Same ID; its status became deprecated in the head.</summary>
    Deprecated,

    /// <summary>An ID the head no longer declares (and not a rename).</summary>
    Removed,

    /// <summary>A base ID gone and a head ID new with the same fingerprint: the criterion kept its text under a new ID.</summary>
    Renamed,

    /// <summary>Same ID and content (every field), declared in another spec file (or, in the same file, under another feature key).</summary>
    Moved,

    /// <summary>
    /// An ID this change adds (or renames to) that the base branch's tip (not the merge base) declares too, with other content or in
    /// another file: merging would give two criteria one ID (SPEC003).
    /// </summary>
    Collision,
}

/// <summary>Where a criterion is declared: a spec file (repository-relative, '/' separators) and the 1-based line of its ID.</summary>
internal sealed record SpecLocation(string Path, int Line);

/// <summary>One line of a field's text diff: <c>' '</c> kept, <c>'-'</c> only in the base, <c>'+'</c> only in the head.</summary>
internal sealed record DiffLine(char Op, string Text);

/// <summary>One field of a criterion that differs between base and head.</summary>
/// <param name="Field">As the spec format names it: <c>title</c>, <c>given</c>, <c>when</c>, <c>then</c>, <c>examples</c>, <c>priority</c>, <c>status</c>, <c>replacedBy</c>, <c>tags</c>.</param>
/// <param name="Lines">
/// The text diff (see <see cref="FieldDiff"/>): for given/when/then one line per item and for examples one line per row
/// (<see cref="FieldDiff.Render"/>), by a longest common subsequence, in order; for tags the set difference, removed
/// then added, each sorted (ordinal); a scalar field (title, priority, status, replacedBy) is one '-' line with the base's
/// value and one '+' line with the head's, either left out when that side has no value (replacedBy).
/// </param>
internal sealed record FieldChange(string Field, ImmutableArray<DiffLine> Lines);

/// <summary>One criterion's change.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Id">The head's ID (the base's for <see cref="CriterionChangeKind.Removed"/>).</param>
/// <param name="FeatureKey">The feature it belongs to (head's, else base's).</param>
/// <param name="PreviousId">For <see cref="CriterionChangeKind.Renamed"/>, the base's ID; else null.</param>
/// <param name="Before">The criterion in the base (merge base), or null when added; for a <see cref="CriterionChangeKind.Collision"/>, the base branch's tip's criterion it collides with.</param>
/// <param name="After">The criterion in the head, or null when removed.</param>
/// <param name="BeforeAt">Where the base declares it (for a collision: where the tip does, as <see cref="CollidesWith"/>); null when added.</param>
/// <param name="AfterAt">Where the head declares it (for a collision: the head's declaration); null when removed.</param>
/// <param name="Fields">
/// The fields that differ between <paramref name="Before"/> and <paramref name="After"/>, in the order title, given,
/// when, then, examples, priority, status, replacedBy, tags: empty for added, removed and moved; for renamed only fields
/// outside the fingerprint (priority, status, replacedBy, tags) can differ; for a collision, the tip's version against the head's.
/// </param>
/// <param name="Normative">
/// The fingerprint (<c>CriterionFingerprint</c>: title, given, when, then, examples) of <paramref name="Before"/> and
/// <paramref name="After"/> differs: its links must be reviewed against the new text. Always false for added, removed,
/// renamed and moved.
/// </param>
internal sealed record CriterionChange(
    CriterionChangeKind Kind,
    string Id,
    string FeatureKey,
    string? PreviousId,
    Criterion? Before,
    Criterion? After,
    SpecLocation? BeforeAt,
    SpecLocation? AfterAt,
    ImmutableArray<FieldChange> Fields,
    bool Normative)
{
    /// <summary>For a <see cref="CriterionChangeKind.Collision"/>: where the base branch's tip declares the ID.</summary>
    public SpecLocation? CollidesWith { get; init; }

    /// <summary>
    /// For a <see cref="CriterionChangeKind.Changed"/>, <see cref="CriterionChangeKind.Deprecated"/> or
    /// <see cref="CriterionChangeKind.Renamed"/> criterion that also moved to another spec file (or another feature key).
    /// </summary>
    public bool AlsoMoved { get; init; }
}

/// <summary>
/// The spec side of a change: base (merge base) and head criteria compared by ID and fingerprint. A criterion is
/// identified by its ID across the whole set of spec files, whatever file (or which of the files sharing a feature key)
/// declares it; an ID declared more than once on one side (SPEC003) counts at its first declaration by path (ordinal),
/// then position in the file. Criteria are compared on the loader's model, so YAML formatting (quoting, indentation,
/// comments, key order, flow or block style, a string or a list of one, blank lines, the line an ID is on, the order
/// of keys in an example row, of tags) never makes a change.
/// </summary>
internal static class SpecChanges
{
    /// <summary>
    /// Compares the features of the merge base with the head's, and the head's additions with the base branch's tip.
    /// Features' <see cref="SpecFeature.Path"/> are repository-relative. Output ordered by feature key, then ID
    /// (both ordinal), then kind (in <see cref="CriterionChangeKind"/> order). Deterministic whatever the order of the inputs.
    /// </summary>
    /// <remarks>
    /// <para>Same ID on both sides: <see cref="CriterionChangeKind.Deprecated"/> when the head's status is deprecated and the
    /// base's was not; else <see cref="CriterionChangeKind.Changed"/> when any field differs; else
    /// <see cref="CriterionChangeKind.Moved"/> when only the file (or feature key) differs; else nothing.</para>
    /// <para>Renames: among base IDs the head lacks and head IDs the base lacks, those with one fingerprint are paired, first
    /// within each feature key (the base's and the head's criterion have the same feature key) in ID order, the first base ID
    /// with the first head ID and so on; then, if exactly one base ID and one head ID of that fingerprint are left (across
    /// feature keys), they are paired too. Everything left is <see cref="CriterionChangeKind.Removed"/> or
    /// <see cref="CriterionChangeKind.Added"/>; so is a criterion whose ID and text both changed.</para>
    /// <para>Collisions: each head ID that is added or renamed to, which <paramref name="baseTip"/> declares with another
    /// fingerprint or in another file, gets one more change of kind <see cref="CriterionChangeKind.Collision"/>; an ID added
    /// identically (same fingerprint, same file) on both branches is not one.</para>
    /// </remarks>
    /// <param name="mergeBase">The features at the merge base of base and head.</param>
    /// <param name="head">The features at the head.</param>
    /// <param name="baseTip">The features at the base ref's tip, when it differs from the merge base; null otherwise.</param>
    public static ImmutableArray<CriterionChange> Compare(IReadOnlyList<SpecFeature> mergeBase, IReadOnlyList<SpecFeature> head, IReadOnlyList<SpecFeature>? baseTip)
    {
        ArgumentNullException.ThrowIfNull(mergeBase);
        ArgumentNullException.ThrowIfNull(head);

        Dictionary<string, Declaration> before = Index(mergeBase);
        Dictionary<string, Declaration> after = Index(head);
        Dictionary<string, Declaration>? tip = baseTip is null ? null : Index(baseTip);
        var changes = new List<CriterionChange>();

        foreach (Declaration now in after.Values)
        {
            if (before.TryGetValue(now.Criterion.Id, out Declaration? then) && Same(then, now) is { } change)
            {
                changes.Add(change);
            }
        }

        List<Declaration> gone = before.Values.Where(d => !after.ContainsKey(d.Criterion.Id)).ToList();
        List<Declaration> added = after.Values.Where(d => !before.ContainsKey(d.Criterion.Id)).ToList();
        var headSide = new List<CriterionChange>();
        List<(Declaration From, Declaration To)> renames = PairRenames(gone, added, out List<Declaration> removed, out List<Declaration> left);
        foreach ((Declaration from, Declaration to) in renames)
        {
            headSide.Add(new CriterionChange(
                CriterionChangeKind.Renamed, to.Criterion.Id, to.Feature.Key, from.Criterion.Id, from.Criterion, to.Criterion,
                from.Location, to.Location, FieldDiff.Between(from.Criterion, to.Criterion), Normative: false)
            {
                AlsoMoved = !SamePlace(from, to),
            });
        }

        foreach (Declaration d in removed)
        {
            changes.Add(new CriterionChange(
                CriterionChangeKind.Removed, d.Criterion.Id, d.Feature.Key, null, d.Criterion, null, d.Location, null, ImmutableArray<FieldChange>.Empty, Normative: false));
        }

        foreach (Declaration d in left)
        {
            headSide.Add(new CriterionChange(
                CriterionChangeKind.Added, d.Criterion.Id, d.Feature.Key, null, null, d.Criterion, null, d.Location, ImmutableArray<FieldChange>.Empty, Normative: false));
        }

        changes.AddRange(headSide);
        if (tip is not null)
        {
            foreach (CriterionChange change in headSide)
            {
                Declaration now = after[change.Id];
                if (tip.TryGetValue(change.Id, out Declaration? theirs)
                    && (!string.Equals(theirs.Fingerprint, now.Fingerprint, StringComparison.Ordinal) || !string.Equals(theirs.Feature.Path, now.Feature.Path, StringComparison.Ordinal)))
                {
                    changes.Add(new CriterionChange(
                        CriterionChangeKind.Collision, now.Criterion.Id, now.Feature.Key, null, theirs.Criterion, now.Criterion, theirs.Location, now.Location,
                        FieldDiff.Between(theirs.Criterion, now.Criterion),
                        Normative: !string.Equals(theirs.Fingerprint, now.Fingerprint, StringComparison.Ordinal))
                    {
                        CollidesWith = theirs.Location,
                    });
                }
            }
        }

        return changes
            .OrderBy(static c => c.FeatureKey, StringComparer.Ordinal)
            .ThenBy(static c => c.Id, StringComparer.Ordinal)
            .ThenBy(static c => c.Kind)
            .ThenBy(static c => c.PreviousId, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>A criterion with the same ID on both sides: deprecated, changed, moved, or null when unchanged.</summary>
    private static CriterionChange? Same(Declaration then, Declaration now)
    {
        ImmutableArray<FieldChange> fields = FieldDiff.Between(then.Criterion, now.Criterion);
        bool moved = !SamePlace(then, now);
        bool normative = !string.Equals(then.Fingerprint, now.Fingerprint, StringComparison.Ordinal);
        CriterionChangeKind kind;
        if (now.Criterion.Status == SpecStatus.Deprecated && then.Criterion.Status != SpecStatus.Deprecated)
        {
            kind = CriterionChangeKind.Deprecated;
        }
        else if (!fields.IsEmpty)
        {
            kind = CriterionChangeKind.Changed;
        }
        else if (moved)
        {
            return new CriterionChange(
                CriterionChangeKind.Moved, now.Criterion.Id, now.Feature.Key, null, then.Criterion, now.Criterion, then.Location, now.Location, fields, Normative: false);
        }
        else
        {
            return null;
        }

        return new CriterionChange(kind, now.Criterion.Id, now.Feature.Key, null, then.Criterion, now.Criterion, then.Location, now.Location, fields, normative)
        {
            AlsoMoved = moved,
        };
    }

    private static bool SamePlace(Declaration a, Declaration b) =>
        string.Equals(a.Feature.Path, b.Feature.Path, StringComparison.Ordinal) && string.Equals(a.Feature.Key, b.Feature.Key, StringComparison.Ordinal);

    /// <summary>Pairs removed and added IDs of one fingerprint (see <see cref="Compare"/>); the unpaired ones come back in ID order.</summary>
    private static List<(Declaration From, Declaration To)> PairRenames(List<Declaration> gone, List<Declaration> added, out List<Declaration> removed, out List<Declaration> left)
    {
        var pairs = new List<(Declaration, Declaration)>();
        var paired = new HashSet<Declaration>();
        ILookup<string, Declaration> addedByPrint = added.ToLookup(static d => d.Fingerprint, StringComparer.Ordinal);
        foreach (IGrouping<string, Declaration> print in gone.GroupBy(static d => d.Fingerprint, StringComparer.Ordinal))
        {
            if (!addedByPrint.Contains(print.Key))
            {
                continue;
            }

            List<Declaration> from = print.OrderBy(static d => d.Criterion.Id, StringComparer.Ordinal).ToList();
            List<Declaration> to = addedByPrint[print.Key].OrderBy(static d => d.Criterion.Id, StringComparer.Ordinal).ToList();
            foreach (IGrouping<string, Declaration> feature in from.GroupBy(static d => d.Feature.Key, StringComparer.Ordinal))
            {
                List<Declaration> sameKey = to.Where(d => string.Equals(d.Feature.Key, feature.Key, StringComparison.Ordinal)).ToList();
                foreach ((Declaration a, Declaration b) in feature.Zip(sameKey))
                {
                    pairs.Add((a, b));
                    paired.Add(a);
                    paired.Add(b);
                }
            }

            List<Declaration> restFrom = from.Where(d => !paired.Contains(d)).ToList();
            List<Declaration> restTo = to.Where(d => !paired.Contains(d)).ToList();
            if (restFrom.Count == 1 && restTo.Count == 1)
            {
                pairs.Add((restFrom[0], restTo[0]));
                paired.Add(restFrom[0]);
                paired.Add(restTo[0]);
            }
        }

        removed = gone.Where(d => !paired.Contains(d)).ToList();
        left = added.Where(d => !paired.Contains(d)).ToList();
        return pairs;
    }

    /// <summary>
    /// Every criterion of one side by ID: the first declaration by path (ordinal), then position, then feature key and
    /// fingerprint, so the result does not depend on the order the features come in.
    /// </summary>
    private static Dictionary<string, Declaration> Index(IReadOnlyList<SpecFeature> features)
    {
        var index = new Dictionary<string, Declaration>(StringComparer.Ordinal);
        foreach (SpecFeature feature in features)
        {
            if (feature is null)
            {
                continue;
            }

            foreach (Criterion criterion in feature.Criteria)
            {
                var declaration = new Declaration(feature, criterion, CriterionFingerprint.Of(criterion));
                if (!index.TryGetValue(criterion.Id, out Declaration? first) || Declaration.Precedes(declaration, first))
                {
                    index[criterion.Id] = declaration;
                }
            }
        }

        return index;
    }

    /// <summary>One criterion as one side declares it.</summary>
    private sealed class Declaration(SpecFeature feature, Criterion criterion, string fingerprint)
    {
        public SpecFeature Feature { get; } = feature;

        public Criterion Criterion { get; } = criterion;

        public string Fingerprint { get; } = fingerprint;

        /// <summary>The spec file and 1-based line of the ID (<see cref="SourceSpan"/> lines are 0-based).</summary>
        public SpecLocation Location => new(Feature.Path, Criterion.IdSpan.StartLine + 1);

        public static bool Precedes(Declaration a, Declaration b)
        {
            int order = string.CompareOrdinal(a.Feature.Path, b.Feature.Path);
            if (order == 0)
            {
                order = a.Criterion.IdSpan.Start.CompareTo(b.Criterion.IdSpan.Start);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(a.Feature.Key, b.Feature.Key);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(a.Fingerprint, b.Fingerprint);
            }

            return order < 0;
        }
    }
}
