using System;
using System.Collections.Generic;
using System.Linq;
using SpecGuard.Cli.Flow;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// The flow engine on real git repositories with dated commits (TestRepository dates commit n at 2026-01-01 + n days)
/// and tags: merges, renamed files, a criterion moved between files, IDs in comments, text versions, releases.
/// </summary>
public sealed class FlowHistoryTests : IDisposable
{
    private const string Orders = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            then: an order is created
          - id: ORDERS-002
            title: Orders can be cancelled
            then: the order is cancelled
        """;

    private readonly TestRepository _repo = new("specguard-flow-");

    public void Dispose() => _repo.Dispose();

    private static DateTimeOffset Day(int n) => new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(n);

    private FlowReport Flow(string? tags = "v*", int? staleAfter = null, DateTimeOffset? since = null, IReadOnlyDictionary<string, string>? statuses = null)
    {
        GitRepository git = GitRepository.Open(_repo.Root);
        string head = git.ResolveCommit("HEAD")!;
        return FlowBuilder.Build(new FlowInputs(git, new FlowEvent(head, git.CommitInfo(head).Date), ["specs"], since, tags, staleAfter, statuses));
    }

    private static CriterionFlow Row(FlowReport report, string id) => report.Criteria.Single(c => c.Id == id);

    [Fact]
    [Verifies(SpecGuard.Specs.CliCriteria.CLI_012)]
    public void Each_step_is_dated_by_the_first_commit_that_shows_it_and_released_by_the_first_tag_holding_all()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");                                        // day 0
        _repo.Write("src/Orders.cs", "class O { [SpecGuard.Implements(\"ORDERS-001\")] void Place() { } }").Commit("implement"); // day 1
        _repo.Git("tag", "v1.0");
        _repo.Write("tests/OrdersTests.cs", "class T { [SpecGuard.Verifies(SpecGuard.Specs.OrdersCriteria.ORDERS_001)] void Test() { } }").Commit("test"); // day 2
        _repo.Write("README.md", "x").Commit("docs");                                                            // day 3
        _repo.Git("tag", "v1.1");

        FlowReport report = Flow();
        CriterionFlow placed = Row(report, "ORDERS-001");
        Assert.Equal(Day(0), placed.Specified.Date);
        Assert.Equal(Day(1), placed.Implemented!.Date);
        Assert.Equal(Day(2), placed.TestLinked!.Date);
        Assert.Equal("v1.1", placed.Released!.Tag);
        Assert.Equal(3.0, placed.Days(FlowStep.SpecifiedToReleased));
        Assert.Equal(1.0, placed.Days(FlowStep.ImplementedToTestLinked));
        CriterionFlow cancelled = Row(report, "ORDERS-002");
        Assert.Null(cancelled.Implemented);
        Assert.Equal("v1.0", cancelled.Released!.Tag); // only specified: the first tag holding its specification
        Assert.Equal(3, report.Commits); // the commits that touched spec or C# files (not the docs commit)
        Assert.False(report.Partial);
    }

    [Fact]
    public void Ids_in_comments_and_strings_are_not_links()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");
        _repo.Write("src/Orders.cs", """
            // [Implements("ORDERS-001")] later
            /// <summary>Implements ORDERS-001.</summary>
            class O { string s = "[Verifies(\"ORDERS-001\")]"; }
            """).Commit("mentions");
        Assert.Null(Row(Flow(), "ORDERS-001").Implemented);
        Assert.Null(Row(Flow(), "ORDERS-001").TestLinked);
    }

    [Fact]
    public void A_criterion_moved_between_files_and_a_renamed_file_keep_their_first_dates()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");                               // day 0
        _repo.Write("src/A.cs", "class A { [SpecGuard.Implements(\"ORDERS-002\")] void M() { } }").Commit("link"); // day 1
        _repo.Move("src/A.cs", "src/Moved/B.cs");
        _repo.Commit("rename the file");                                                                // day 2
        int cut = Orders.IndexOf("  - id: ORDERS-002", StringComparison.Ordinal);
        _repo.Write("specs/orders.spec.yaml", Orders[..cut]);
        _repo.Write("specs/cancel.spec.yaml", "specguard: 1\nfeature: ORDERS\ntitle: Orders\ncriteria:\n" + Orders[cut..]).Commit("move ORDERS-002"); // day 3

        CriterionFlow moved = Row(Flow(), "ORDERS-002");
        Assert.Equal(Day(0), moved.Specified.Date);
        Assert.Equal(Day(1), moved.Implemented!.Date);
        Assert.Single(moved.Versions);
        Assert.Equal("specs/cancel.spec.yaml", moved.Path);
    }

    [Fact]
    public void A_text_change_is_a_new_version_dated_by_its_commit_and_formatting_is_not()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");                                                       // day 0
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("then: an order is created", "then: \"an order is created\"", StringComparison.Ordinal)).Commit("quote"); // day 1
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("then: an order is created", "then: an order is created and confirmed", StringComparison.Ordinal)).Commit("change"); // day 2

        CriterionFlow placed = Row(Flow(), "ORDERS-001");
        Assert.Equal(2, placed.Versions.Length);
        Assert.Equal(Day(0), placed.Versions[0].At.Date);
        Assert.Equal(Day(2), placed.Versions[1].At.Date);
        Assert.Single(Row(Flow(), "ORDERS-002").Versions);
    }

    [Fact]
    public void Work_on_a_merged_branch_is_dated_by_its_own_commits()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");                                                            // day 0
        _repo.Git("checkout", "-q", "-b", "feature");
        _repo.Write("src/Orders.cs", "class O { [SpecGuard.Implements(\"ORDERS-002\")] void Cancel() { } }").Commit("on the branch"); // day 1
        _repo.Git("checkout", "-q", "main");
        _repo.Write("README.md", "main moves on").Commit("main");                                                                   // day 2
        _repo.Git(["merge", "-q", "--no-ff", "--no-edit", "feature"], ("GIT_COMMITTER_DATE", "2026-01-10T12:00:00Z"), ("GIT_AUTHOR_DATE", "2026-01-10T12:00:00Z"));
        _repo.Git(["tag", "v2"], ("GIT_COMMITTER_DATE", "2026-01-11T12:00:00Z"));

        CriterionFlow cancel = Row(Flow(), "ORDERS-002");
        Assert.Equal(Day(1), cancel.Implemented!.Date);
        Assert.Equal("v2", cancel.Released!.Tag);
    }

    [Fact]
    [Verifies(SpecGuard.Specs.CliCriteria.CLI_012)]
    public void Lead_times_have_a_median_and_85th_percentile_per_feature_and_month_and_a_twelve_month_trend()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");     // day 0
        for (int i = 0; i < 9; i++)
        {
            _repo.Commit("wait");                                            // days 1..9
        }

        _repo.Write("src/A.cs", "class A { [SpecGuard.Implements(\"ORDERS-001\")] void M() { } }").Commit("ORDERS-001 after 10 days"); // day 10
        _repo.Write("src/B.cs", "class B { [SpecGuard.Implements(\"ORDERS-002\")] void M() { } }").Commit("ORDERS-002 after 11 days"); // day 11

        FlowReport report = Flow(tags: null);
        LeadStats implemented = report.Overall.Steps.Single(static s => s.Step == FlowStep.SpecifiedToImplemented).Stats;
        Assert.Equal(2, implemented.Count);
        Assert.Equal(10.5, implemented.MedianDays);
        Assert.Equal(10.85, implemented.P85Days!.Value, 6);
        Assert.Equal("2026-01", Assert.Single(report.ByMonth).Key);
        Assert.Equal(12, report.Trend.Length);
        Assert.Equal("2026-01", report.Trend[^1].Key);
        Assert.Equal("2025-02", report.Trend[0].Key);
        Assert.Equal(2, report.Trend[^1].Criteria);
        Assert.Equal("ORDERS", Assert.Single(report.ByFeature).Key);
        Assert.Contains(report.Notes, static n => n.StartsWith("No --release-tags given", StringComparison.Ordinal));
    }

    [Fact]
    public void Criteria_pending_longer_than_stale_after_are_listed_oldest_first()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");                                                       // day 0
        _repo.Write("tests/T.cs", "class T { [SpecGuard.Verifies(\"ORDERS-001\")] void M() { } }").Commit("test ORDERS-001"); // day 1
        for (int i = 0; i < 10; i++)
        {
            _repo.Commit("later");                                                                                             // days 2..11
        }

        Assert.Equal(["ORDERS-002"], Flow(staleAfter: 5).Stale.Select(static c => c.Id));
        Assert.Empty(Flow(staleAfter: 30).Stale);
        // With the report's statuses, "pending" is "not verified": a failing test does not make it done.
        Assert.Equal(["ORDERS-001", "ORDERS-002"], Flow(staleAfter: 5, statuses: new Dictionary<string, string> { ["ORDERS-001"] = "failing", ["ORDERS-002"] = "pending" }).Stale.Select(static c => c.Id));
    }

    [Fact]
    public void No_matching_tag_and_a_shallow_clone_are_partial_results_said_in_the_notes()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");
        _repo.Commit("two");
        _repo.Commit("three");
        FlowReport untagged = Flow(tags: "release-*");
        Assert.True(untagged.Partial);
        Assert.Contains(untagged.Notes, static n => n.Contains("No tag matches --release-tags 'release-*'", StringComparison.Ordinal));

        using var clone = new TestRepository("specguard-flow-shallow-");
        clone.Git("clone", "-q", "--depth", "1", "file://" + _repo.Root, "c");
        GitRepository git = GitRepository.Open(System.IO.Path.Combine(clone.Root, "c"));
        string head = git.ResolveCommit("HEAD")!;
        FlowReport shallow = FlowBuilder.Build(new FlowInputs(git, new FlowEvent(head, git.CommitInfo(head).Date), ["specs"], null, null, null, null));
        Assert.True(shallow.Partial);
        Assert.Contains(shallow.Notes, static n => n.StartsWith("This is a shallow clone", StringComparison.Ordinal));
        Assert.Equal(Day(2), Row(shallow, "ORDERS-001").Specified.Date);
    }

    [Fact]
    public void Removed_and_deprecated_criteria_are_listed_but_not_counted_and_since_filters_by_specification()
    {
        _repo.Write("specs/orders.spec.yaml", Orders).Commit("specify");                 // day 0
        _repo.Write("specs/orders.spec.yaml", Orders + "\n  - id: ORDERS-003\n    title: Later\n    then: later\n").Commit("ORDERS-003"); // day 1
        _repo.Write("specs/orders.spec.yaml", Orders.Replace("    title: Orders can be cancelled\n", "    title: Orders can be cancelled\n    status: deprecated\n", StringComparison.Ordinal)).Commit("deprecate ORDERS-002, drop ORDERS-003"); // day 2

        FlowReport report = Flow(tags: null);
        Assert.Equal(["ORDERS-001", "ORDERS-002", "ORDERS-003"], report.Criteria.Select(static c => c.Id));
        Assert.False(Row(report, "ORDERS-003").InHead);
        Assert.True(Row(report, "ORDERS-002").Deprecated);
        Assert.Equal(1, report.Overall.Criteria);
        Assert.Equal(0, Flow(tags: null, since: Day(1)).Overall.Criteria);
    }
}
