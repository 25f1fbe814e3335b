using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using SpecGuard.Cli.Flow;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>
/// Flow reports built by hand for the writers' tests (no git): <see cref="Realistic"/> is three features, eleven
/// criteria specified over fifteen months up to <see cref="AsOf"/>, released under four tags; <see cref="Build"/>
/// computes the groups (overall, per feature, per month, the twelve-month trend) and the stale list the way the model
/// documents them, so the figures the writers print are consistent with the criteria.
/// </summary>
internal static class FlowSamples
{
    public static readonly DateTimeOffset AsOf = At("2026-03-15T12:00:00+00:00");

    public const int StaleAfterDays = 90;

    public const string Note = "Links are read from the source text of each commit (attribute strings and catalog constants), since old commits cannot be compiled.";

    /// <summary>
    /// ORDERS-002 has two versions; PAYMENTS-002 was never implemented; ORDERS-004 was removed since; SHIPPING-004 is
    /// deprecated; SHIPPING-002's test was linked before its implementation. Released: ORDERS-001 (v1.0), ORDERS-002
    /// (v1.1), ORDERS-003 (v1.2), SHIPPING-001 (v2.0), SHIPPING-002 (v2.1): PAYMENTS has no release.
    /// </summary>
    public static ImmutableArray<CriterionFlow> Criteria() =>
    [
        C("ORDERS-001", "A customer can place an order", "2025-01-10", "2025-01-20", "2025-01-25", ("v1.0", "2025-02-01"), "verified"),
        C("ORDERS-002", "Stock is reserved per line", "2025-02-03", "2025-02-20", "2025-03-01", ("v1.1", "2025-04-01"), "verified", changed: "2025-06-01"),
        C("ORDERS-003", "Orders can be cancelled", "2025-05-12", "2025-06-01", "2025-06-02", ("v1.2", "2025-07-01"), "verified"),
        C("ORDERS-004", "Orders can be gift-wrapped", "2025-07-07", "2025-07-20", null, null, null, inHead: false),
        C("PAYMENTS-001", "Refunds are paid back", "2025-04-02", "2025-04-15", "2025-05-01", null, "verified"),
        C("PAYMENTS-002", "Invoices are sent by e-mail", "2025-08-20", null, null, null, "pending"),
        C("PAYMENTS-003", "Card payments are captured", "2025-09-05", "2025-10-01", null, null, "implemented-not-verified"),
        C("SHIPPING-001", "Parcels can be tracked", "2025-10-10", "2025-10-20", "2025-11-01", ("v2.0", "2025-12-01"), "failing"),
        C("SHIPPING-002", "Labels are printed", "2025-12-01", "2025-12-05", "2025-12-03", ("v2.1", "2026-02-01"), "verified"),
        C("SHIPPING-003", "Returns are collected", "2026-01-15", "2026-02-01", "2026-02-10", null, "verified"),
        C("SHIPPING-004", "Drones deliver parcels", "2026-03-01", null, null, null, "pending", deprecated: true),
    ];

    public static FlowReport Realistic() => Build(Criteria());

    /// <summary>A report of these criteria, with the groups and the stale list computed from them.</summary>
    public static FlowReport Build(IEnumerable<CriterionFlow> criteria, int? staleAfterDays = StaleAfterDays, bool partial = false, string[]? notes = null, string? releaseTags = "v*")
    {
        CriterionFlow[] ordered = [.. criteria.OrderBy(static c => c.FeatureKey, StringComparer.Ordinal).ThenBy(static c => c.Id, StringComparer.Ordinal)];
        var trend = new List<GroupFlow>();
        for (int back = 11; back >= 0; back--)
        {
            string month = AsOf.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            trend.Add(Group(month, ordered.Where(c => Month(c) == month)));
        }

        CriterionFlow[] stale = staleAfterDays is { } after
            ? [.. ordered.Where(c => (AsOf - c.Specified.Date).TotalDays > after && (c.TestLinked is null || (c.Status is { } s && s != "verified")))
                .OrderBy(static c => c.Specified.Date).ThenBy(static c => c.Id, StringComparer.Ordinal)]
            : [];
        return new FlowReport(
            AsOf,
            new FlowEvent(Commit(999), AsOf),
            null,
            releaseTags,
            [.. ordered],
            Group("all", ordered),
            [.. ordered.GroupBy(static c => c.FeatureKey, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal).Select(static g => Group(g.Key, g))],
            [.. ordered.GroupBy(Month, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal).Select(static g => Group(g.Key, g))],
            [.. trend],
            [.. stale],
            staleAfterDays,
            partial,
            [.. notes ?? [Note]],
            420);
    }

    /// <summary>The product's own statistics (FlowBuilder): the samples are built as the engine builds a report.</summary>
    public static GroupFlow Group(string key, IEnumerable<CriterionFlow> criteria) => FlowBuilder.Group(key, [.. criteria]);

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>A 40-digit commit ID, the same for the same number.</summary>
    public static string Commit(int n) => string.Concat(Enumerable.Repeat(n.ToString("x8", CultureInfo.InvariantCulture), 5));

    /// <summary>A criterion whose dates are days (at 09:00 UTC); each event has its own commit.</summary>
    public static CriterionFlow C(string id, string title, string specified, string? implemented, string? testLinked, (string Tag, string Date)? released, string? status, string? changed = null, bool inHead = true, bool deprecated = false, string? feature = null)
    {
        FlowEvent spec = Event(specified)!;
        ImmutableArray<CriterionVersion> versions = changed is null
            ? [new CriterionVersion(Fingerprint(id, 1), spec)]
            : [new CriterionVersion(Fingerprint(id, 1), spec), new CriterionVersion(Fingerprint(id, 2), Event(changed)!)];
        return new CriterionFlow(
            id,
            feature ?? id[..id.IndexOf('-', StringComparison.Ordinal)],
            title,
            "specs/" + (feature ?? id[..id.IndexOf('-', StringComparison.Ordinal)]).ToLowerInvariant() + ".spec.yaml",
            spec,
            Event(implemented),
            Event(testLinked),
            released is { } r ? new ReleaseEvent(r.Tag, Commit(Day(r.Date) + 7), At(r.Date + "T09:00:00+00:00")) : null,
            versions,
            inHead,
            deprecated)
        {
            Status = status,
        };
    }

    private static FlowEvent? Event(string? date) => date is null ? null : new FlowEvent(Commit(Day(date)), At(date + "T09:00:00+00:00"));

    private static int Day(string date) => (int)(At(date + "T00:00:00+00:00") - At("2024-01-01T00:00:00+00:00")).TotalDays;

    private static string Fingerprint(string id, int version) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id + "/" + version)))[..16];

    private static string Month(CriterionFlow c) => c.Specified.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
