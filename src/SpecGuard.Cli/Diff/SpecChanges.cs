using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using SpecGuard.Core.Model;

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

    /// <summary>Same ID and content, declared in another spec file.</summary>
    Moved,

    /// <summary>
    /// An ID this change adds that the base branch's tip (not the merge base) declares too, with other content or in
    /// another file: merging would give two criteria one ID (SPEC003).
    /// </summary>
    Collision,
}

/// <summary>Where a criterion is declared: a spec file (repository-relative, '/' separators) and the 1-based line of its ID.</summary>
internal sealed record SpecLocation(string Path, int Line);

/// <summary>One line of a field's text diff: <c>' '</c> kept, <c>'-'</c> only in the base, <c>'+'</c> only in the head.</summary>
internal sealed record DiffLine(char Op, string Text);

/// <summary>One field of a criterion that differs between base and head.</summary>
/// <param name="Field">As the spec format names it: <c>title</c>, <c>given</c>, <c>when</c>, <c>then</c>, <c>examples</c>, <c>priority</c>, <c>status</c>, <c>replaced_by</c>, <c>tags</c>.</param>
/// <param name="Lines">The text diff: one line per list item (given/when/then/tags) or example row, in order; a scalar field is one '-' and one '+' line.</param>
internal sealed record FieldChange(string Field, ImmutableArray<DiffLine> Lines);

/// <summary>One criterion's change.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Id">The head's ID (the base's for <see cref="CriterionChangeKind.Removed"/>).</param>
/// <param name="FeatureKey">The feature it belongs to (head's, else base's).</param>
/// <param name="PreviousId">For <see cref="CriterionChangeKind.Renamed"/>, the base's ID; else null.</param>
/// <param name="Before">The criterion in the base (merge base), or null when added.</param>
/// <param name="After">The criterion in the head, or null when removed.</param>
/// <param name="BeforeAt">Where the base declares it.</param>
/// <param name="AfterAt">Where the head declares it (for a collision: the head's declaration).</param>
/// <param name="Fields">The fields that differ (empty for added, removed, renamed-with-same-text, moved).</param>
/// <param name="Normative">The fingerprint (<c>CriterionFingerprint</c>: title, given, when, then, examples) changed: its links must be reviewed against the new text.</param>
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

    /// <summary>For a <see cref="CriterionChangeKind.Changed"/> or <see cref="CriterionChangeKind.Deprecated"/> criterion that also moved to another spec file.</summary>
    public bool AlsoMoved { get; init; }
}

/// <summary>The spec side of a change: base (merge base) and head criteria compared by ID and fingerprint.</summary>
internal static class SpecChanges
{
    /// <summary>
    /// Compares the features of the merge base with the head's, and the head's additions with the base branch's tip.
    /// Features' <see cref="SpecFeature.Path"/> are repository-relative. Output ordered by feature key, then ID, then kind.
    /// Deterministic whatever the order of the inputs.
    /// </summary>
    /// <param name="mergeBase">The features at the merge base of base and head.</param>
    /// <param name="head">The features at the head.</param>
    /// <param name="baseTip">The features at the base ref's tip, when it differs from the merge base; null otherwise.</param>
    public static ImmutableArray<CriterionChange> Compare(IReadOnlyList<SpecFeature> mergeBase, IReadOnlyList<SpecFeature> head, IReadOnlyList<SpecFeature>? baseTip) =>
        throw new NotImplementedException();
}
