using System;
using System.IO;
using System.Linq;
using SpecGuard.Core;
using SpecGuard.Core.Review;
using SpecGuard.Core.Text;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// <c>specguard review</c> (issue 13) against specs in a temporary folder: recording named criteria and all of them,
/// what <c>--list</c> says is suspect, with the text diff from a real git repository created in the test and the
/// current fields outside git, and bad input.
/// </summary>
public sealed class ReviewCommandTests : IDisposable
{
    private const string Orders = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            given: a signed-in customer
            when: the customer submits the order
            then:
              - an order is created
              - stock is reserved
          - id: ORDERS-002
            title: Orders can be cancelled
            then: the order is cancelled
        """;

    private const string Payments = """
        specguard: 1
        feature: PAYMENTS
        title: Payments
        criteria:
          - id: PAYMENTS-001
            title: Refunds
            then: the amount is refunded
            examples:
              - { amount: 10, full: true }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-review-").FullName;

    public ReviewCommandTests()
    {
        Write("specs/orders.spec.yaml", Orders);
        Write("specs/payments.spec.yaml", Payments);
    }

    public void Dispose()
    {
        // git writes read-only object files.
        foreach (string file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_root, recursive: true);
    }

    private string RecordPath => Path.Combine(_root, "specs", SpecContract.ReviewRecordFileName);

    private string Record => File.ReadAllText(RecordPath);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private CliRun Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, _root);
        return new CliRun(exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>The fingerprint of a criterion of the current spec files, as Core computes it.</summary>
    private string Fingerprint(string id)
    {
        var sources = Directory.EnumerateFiles(Path.Combine(_root, "specs"), "*.spec.yaml").Order(StringComparer.Ordinal).Select(f => SpecTextEncoding.Read(f, f));
        return CriterionFingerprint.Of(SpecSet.Load(sources).Criteria[id]);
    }

    private void ChangeThen() => Write("specs/orders.spec.yaml", Orders.Replace("      - stock is reserved", "      - stock is reserved within 5 minutes", StringComparison.Ordinal));

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_009)]
    [Fact]
    public void Review_id_creates_the_record_in_the_specs_root_with_the_current_fingerprint_and_says_so()
    {
        CliRun run = Run("review", "ORDERS-001");

        Assert.True(run.Exit == 0, run.Error);
        string fingerprint = Fingerprint("ORDERS-001");
        Assert.Equal(ReviewRecord.Write([("ORDERS-001", fingerprint)]), Record);
        Assert.Contains($"ORDERS-001 recorded at {fingerprint} (not reviewed before).", run.Output, StringComparison.Ordinal);
        Assert.Contains("Wrote specs/SpecGuard.Reviews.txt (new: suspect links are on): 1 criteria recorded.", run.Output, StringComparison.Ordinal);

        // Again: nothing changes, and the file is not rewritten.
        DateTime written = File.GetLastWriteTimeUtc(RecordPath);
        CliRun again = Run("review", "ORDERS-001");
        Assert.Equal(0, again.Exit);
        Assert.Contains("ORDERS-001 already up to date", again.Output, StringComparison.Ordinal);
        Assert.Contains("nothing written", again.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(RecordPath));
    }

    [Fact]
    public void Review_after_a_change_records_the_new_fingerprint_and_names_the_old_one_and_keeps_the_others()
    {
        Assert.Equal(0, Run("review", "--all").Exit);
        string old = Fingerprint("ORDERS-001");
        string cancel = Fingerprint("ORDERS-002");
        ChangeThen();
        string now = Fingerprint("ORDERS-001");
        Assert.NotEqual(old, now);

        CliRun run = Run("review", "ORDERS-001");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"ORDERS-001 recorded at {now} (was {old}: its text changed).", run.Output, StringComparison.Ordinal);
        ReviewRecord record = ReviewRecord.Parse("r", Record);
        Assert.Equal(now, record.Find("ORDERS-001")!.Fingerprint);
        Assert.Equal(cancel, record.Find("ORDERS-002")!.Fingerprint);
        Assert.Equal(3, record.Entries.Count);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_009)]
    [Fact]
    public void Review_all_records_every_criterion_sorted_and_the_same_bytes_whatever_the_file_order()
    {
        CliRun run = Run("review", "--all");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(
            ReviewRecord.Write([("ORDERS-001", Fingerprint("ORDERS-001")), ("ORDERS-002", Fingerprint("ORDERS-002")), ("PAYMENTS-001", Fingerprint("PAYMENTS-001"))]),
            Record);
        Assert.Equal(["ORDERS-001", "ORDERS-002", "PAYMENTS-001"], ReviewRecord.Parse("r", Record).Entries.Select(static e => e.Id));
        Assert.Contains("3 criteria recorded", run.Output, StringComparison.Ordinal);

        // Determinism: the same specs under other file names (another enumeration order) give the same record.
        string first = Record;
        File.Delete(RecordPath);
        File.Move(Path.Combine(_root, "specs/orders.spec.yaml"), Path.Combine(_root, "specs/z-orders.spec.yaml"));
        File.Move(Path.Combine(_root, "specs/payments.spec.yaml"), Path.Combine(_root, "specs/a-payments.spec.yaml"));
        Assert.Equal(0, Run("review", "--all").Exit);
        Assert.Equal(first, Record);
    }

    [Verifies(SpecGuard.Specs.CliCriteria.CLI_009)]
    [Fact]
    public void An_unknown_id_is_a_usage_error_and_nothing_is_written()
    {
        CliRun run = Run("review", "ORDERS-001", "ORDERS-404");

        Assert.Equal(2, run.Exit);
        Assert.Contains("declares ORDERS-404", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(RecordPath));
    }

    [Fact]
    public void No_specs_no_mode_and_a_spec_error_are_refused_without_writing()
    {
        string empty = Directory.CreateTempSubdirectory("specguard-review-empty-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(2, CommandLine.Run(["review", "--all"], output, error, empty));
            Assert.Contains("no 'specs' folder", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }

        Write("nospecs/readme.txt", "no spec files here\n");
        CliRun none = Run("review", "--all", "--specs", "nospecs");
        Assert.Equal(2, none.Exit);
        Assert.Contains("no criteria in nospecs", none.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "nospecs", SpecContract.ReviewRecordFileName)));

        CliRun neither = Run("review");
        Assert.Equal(2, neither.Exit);
        Assert.Contains("exactly one of them", neither.Error, StringComparison.Ordinal);
        Assert.Equal(2, Run("review", "--all", "--list").Exit);
        Assert.Equal(2, Run("review", "--all", "--fail-on-suspect").Exit);

        Write("specs/broken.spec.yaml", "specguard: 1\nfeature: BROKEN\ncriteria: [\n");
        CliRun broken = Run("review", "--all");
        Assert.Equal(1, broken.Exit);
        Assert.Contains("broken.spec.yaml", broken.Error, StringComparison.Ordinal);
        Assert.Contains("fix them first", broken.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(RecordPath));
    }

    [Fact]
    public void Without_a_record_list_says_the_feature_is_off_and_how_to_start()
    {
        CliRun run = Run("review", "--list", "--fail-on-suspect");

        Assert.Equal(0, run.Exit);
        Assert.Contains("No review record (specs/SpecGuard.Reviews.txt): suspect links are off.", run.Output, StringComparison.Ordinal);
        Assert.Contains("specguard review --all", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(RecordPath));
    }

    [Fact]
    public void Outside_git_list_shows_the_suspect_criterion_with_its_current_fields_and_the_unknown_and_malformed_lines()
    {
        Assert.Equal(0, Run("review", "--all").Exit);
        string old = Fingerprint("ORDERS-001");
        File.AppendAllText(RecordPath, "GONE-001 0123456789abcdef\nnot a line\n");
        ChangeThen();

        CliRun run = Run("review", "--list");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("ORDERS-001 A customer can place an order\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  suspect: changed since its links were reviewed at {old} (now {Fingerprint("ORDERS-001")})", run.Output, StringComparison.Ordinal);
        Assert.Contains("  the reviewed text is not available (not in a git repository); its text now:\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  then:\n      an order is created\n      stock is reserved within 5 minutes\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDERS-002 ", run.Output, StringComparison.Ordinal);
        Assert.Contains("GONE-001: recorded in specs/SpecGuard.Reviews.txt, but no spec file declares it", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 suspect criteria: 3 of 3 criteria are in specs/SpecGuard.Reviews.txt (0 never reviewed, not suspect); 1 line(s) name no criterion.", run.Output, StringComparison.Ordinal);
        Assert.Contains("specs/SpecGuard.Reviews.txt(", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning SPEC905", run.Error, StringComparison.Ordinal);

        Assert.Equal(1, Run("review", "--list", "--fail-on-suspect").Exit);

        // Reviewing clears it; the record is edited as the code fix edits it: the reviewed line in place, every other line
        // (the malformed one, still SPEC905, and the unknown one) kept.
        CliRun review = Run("review", "ORDERS-001");
        Assert.Contains("warning SPEC905", review.Error, StringComparison.Ordinal);
        Assert.Contains("not a line", Record, StringComparison.Ordinal);
        Assert.Contains("GONE-001 0123456789abcdef\n", Record, StringComparison.Ordinal);
        CliRun after = Run("review", "--list", "--fail-on-suspect");
        Assert.Equal(0, after.Exit);
        Assert.Contains("Nothing is suspect", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reformatting_and_tags_make_nothing_suspect_and_a_new_criterion_is_never_reviewed_not_suspect()
    {
        Assert.Equal(0, Run("review", "--all").Exit);
        Write("specs/orders.spec.yaml", """
            specguard: 1
            feature: ORDERS
            title: Orders
            criteria:
              - id: ORDERS-001
                title: "A customer can place an order"   # quoted now
                tags: [new-tag]
                given: [a signed-in customer]
                when: the customer submits the order
                then: [an order is created, stock is reserved]
              - id: ORDERS-002
                title: Orders can be cancelled
                then: the order is cancelled
              - id: ORDERS-003
                title: New
                then: new
            """);

        CliRun run = Run("review", "--list", "--fail-on-suspect");

        Assert.True(run.Exit == 0, run.Output + run.Error);
        Assert.Contains("Nothing is suspect: 3 of 4 criteria are in specs/SpecGuard.Reviews.txt (1 never reviewed, not suspect).", run.Output, StringComparison.Ordinal);
    }

    // ---- --list with a real git repository ----

    private string Git(params string[] arguments) => TestRepository.Run(_root, arguments);

    [Fact]
    public void In_git_list_shows_a_field_diff_against_the_reviewed_commit()
    {
        Git("init", "-q");
        Assert.Equal(0, Run("review", "--all").Exit);
        Git("add", "-A");
        Git("commit", "-q", "-m", "specs reviewed");
        string reviewed = Git("rev-parse", "--short", "HEAD").Trim();

        // A later commit changes the then and the title, without reviewing; an unrelated commit touches the record.
        ChangeThen();
        Write("specs/orders.spec.yaml", File.ReadAllText(Path.Combine(_root, "specs/orders.spec.yaml")).Replace("title: A customer can place an order", "title: A customer places an order", StringComparison.Ordinal));
        Git("commit", "-q", "-am", "change ORDERS-001");
        Assert.Equal(0, Run("review", "ORDERS-002").Exit); // up to date: the record is not rewritten
        File.AppendAllText(RecordPath, "# a comment\n");
        Git("commit", "-q", "-am", "touch the record");

        CliRun run = Run("review", "--list");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"  changes since the review (reviewed in commit {reviewed} of ", run.Output, StringComparison.Ordinal);
        string expected = """
              title:
                - A customer can place an order
                + A customer places an order
              then:
                  an order is created
                - stock is reserved
                + stock is reserved within 5 minutes

            """.ReplaceLineEndings("\n");
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("given:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not available", run.Output, StringComparison.Ordinal);

        // Deterministic: the same text again.
        Assert.Equal(run.Output, Run("review", "--list").Output);

        // Reviewed and committed: nothing is suspect; a second change diffs against the new review.
        Assert.Equal(0, Run("review", "ORDERS-001").Exit);
        Git("commit", "-q", "-am", "review ORDERS-001");
        Write("specs/orders.spec.yaml", File.ReadAllText(Path.Combine(_root, "specs/orders.spec.yaml")).Replace("      - an order is created\n", string.Empty, StringComparison.Ordinal));
        CliRun second = Run("review", "--list");
        Assert.Contains("  then:\n    - an order is created\n      stock is reserved within 5 minutes\n", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void In_git_a_review_committed_before_its_spec_change_is_not_taken_for_the_reviewed_text()
    {
        Git("init", "-q");
        Git("add", "-A");
        Git("commit", "-q", "-m", "specs v1");
        ChangeThen();                                                  // v2, not committed
        Assert.Equal(0, Run("review", "--all").Exit);                  // records v2
        Git("add", "specs/" + SpecContract.ReviewRecordFileName);
        Git("commit", "-q", "-m", "record only");                      // the commit has the record of v2 and the spec of v1
        Write("specs/orders.spec.yaml", Orders.Replace("title: A customer can place an order", "title: v3", StringComparison.Ordinal));

        CliRun run = Run("review", "--list");

        Assert.Contains("but its text there has another fingerprint: the review was recorded before the spec change was committed", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("changes since the review", run.Output, StringComparison.Ordinal);
        Assert.Contains("  title:\n      v3\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void In_git_a_review_not_committed_yet_shows_the_fields_and_says_why()
    {
        Git("init", "-q");
        Git("add", "-A");
        Git("commit", "-q", "-m", "specs only");
        Assert.Equal(0, Run("review", "--all").Exit); // recorded, not committed
        ChangeThen();

        CliRun run = Run("review", "--list");

        Assert.Contains("the reviewed text is not available (no commit of the git history has specs/SpecGuard.Reviews.txt record ORDERS-001 at ", run.Output, StringComparison.Ordinal);
        Assert.Contains("      stock is reserved within 5 minutes\n", run.Output, StringComparison.Ordinal);
    }
}
