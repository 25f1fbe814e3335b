using System.Linq;
using SpecGuard.Core.Baseline;
using SpecGuard.Core.Diagnostics;
using Xunit;

namespace SpecGuard.Core.Tests;

public sealed class BaselineTests
{
    [Fact]
    public void Write_sorts_by_key_then_rule_removes_duplicates_and_reads_back()
    {
        (string, string)[] entries =
        [
            ("SPEC101", "M:Shop.OrdersController.Place(System.Int32)"),
            ("SPEC100", "T:Shop.Billing.Invoice"),
            ("SPEC101", "endpoint:MapGet(\"/orders/{id}\") in M:Program.{Main}$(System.String[])"),
            ("SPEC100", "T:Shop.Billing.Invoice"),
            ("SPEC100", "M:Shop.OrdersController.Place(System.Int32)"),
        ];

        string text = SpecBaseline.Write("Shop", entries);
        string reversed = SpecBaseline.Write("Shop", entries.Reverse());
        SpecBaseline baseline = SpecBaseline.Parse("SpecGuard.Baseline.txt", text);

        Assert.Equal(text, reversed);
        Assert.Empty(baseline.Problems);
        Assert.Equal(
            [
                "SPEC100 M:Shop.OrdersController.Place(System.Int32)",
                "SPEC101 M:Shop.OrdersController.Place(System.Int32)",
                "SPEC100 T:Shop.Billing.Invoice",
                "SPEC101 endpoint:MapGet(\"/orders/{id}\") in M:Program.{Main}$(System.String[])",
            ],
            baseline.Entries.Select(static e => e.Line));
        Assert.StartsWith("# SpecGuard baseline of Shop", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Find_matches_rule_and_key_exactly()
    {
        SpecBaseline baseline = SpecBaseline.Parse("b.txt", "SPEC101 M:A.B.C\n");

        Assert.NotNull(baseline.Find("SPEC101", "M:A.B.C"));
        Assert.Null(baseline.Find("SPEC100", "M:A.B.C"));
        Assert.Null(baseline.Find("SPEC101", "M:A.B.c"));
    }

    [Theory]
    [InlineData("SPEC102 T:A.B", "does not start with SPEC100 or SPEC101")]
    [InlineData("SPEC100", "is not a documentation-comment ID")]
    [InlineData("SPEC100 *", "is not a documentation-comment ID")]
    [InlineData("SPEC100 T:", "is not a documentation-comment ID")]
    [InlineData("SPEC100 Shop.Orders", "is not a documentation-comment ID")]
    [InlineData("SPEC100 T:A B", "is not a documentation-comment ID")]
    [InlineData("SPEC100 endpoint:", "is not a documentation-comment ID")]
    [InlineData("T:Shop.Orders", "does not start with SPEC100 or SPEC101")]
    public void A_malformed_line_is_SPEC904_on_its_line_and_exempts_nothing(string line, string message)
    {
        SpecBaseline baseline = SpecBaseline.Parse("b.txt", "# header\n\nSPEC100 T:A.Ok\r\n" + line + "\nSPEC101 M:A.Ok.Run\n");

        SpecDiagnostic problem = Assert.Single(baseline.Problems);
        Assert.Equal(SpecRuleIds.MalformedBaseline, problem.Id);
        Assert.Contains(message, problem.Message, System.StringComparison.Ordinal);
        Assert.Equal(3, problem.Span.StartLine);
        Assert.Equal(line.Length, problem.Span.Length);
        Assert.Equal(["SPEC100 T:A.Ok", "SPEC101 M:A.Ok.Run"], baseline.Entries.Select(static e => e.Line));
        Assert.Equal(2, baseline.Entries[0].Span.StartLine);
        Assert.Equal("SPEC100 T:A.Ok".Length, baseline.Entries[0].Span.Length);
    }

    [Fact]
    public void A_duplicate_entry_is_SPEC904_naming_the_first_line()
    {
        SpecBaseline baseline = SpecBaseline.Parse("b.txt", "SPEC100 T:A.B\nSPEC100   T:A.B  \n");

        SpecDiagnostic problem = Assert.Single(baseline.Problems);
        Assert.Contains("repeats line 1", problem.Message, System.StringComparison.Ordinal);
        Assert.Equal(1, problem.Span.StartLine);
        Assert.Single(baseline.Entries);
    }

    [Fact]
    public void Hostile_text_never_throws_and_never_exempts_more_than_its_valid_lines()
    {
        string[] texts = ["", "\n", "\r", "\uFEFF", "\uFEFFSPEC100 T:A", "SPEC100 T:A\u0000B", new string('x', 100_000), "SPEC100 " + new string('T', 10), "\r\n\r\n#\n"];
        foreach (string text in texts)
        {
            SpecBaseline baseline = SpecBaseline.Parse("b.txt", text);
            Assert.All(baseline.Entries, static e => Assert.True(SpecBaseline.IsValidKey(e.Key)));
        }

        Assert.Equal("SPEC100 T:A", Assert.Single(SpecBaseline.Parse("b.txt", "\uFEFFSPEC100 T:A").Entries).Line);
        Assert.Empty(SpecBaseline.Parse("b.txt", "SPEC100 T:A\u0000B").Entries);
    }

    [Theory]
    [InlineData("specs/../Shop/SpecGuard.Baseline.txt", true)]
    [InlineData("C:\\src\\Shop\\specguard.baseline.txt", true)]
    [InlineData("SpecGuard.Baseline.txt", true)]
    [InlineData("Shop/MySpecGuard.Baseline.txt", false)]
    [InlineData("Shop/SpecGuard.Baseline.txt.bak", false)]
    public void IsBaselineFile_matches_the_file_name_only(string path, bool expected) =>
        Assert.Equal(expected, SpecContract.IsBaselineFile(path));
    [Fact]
    public void WithEntries_inserts_each_new_line_after_the_entry_before_it_and_keeps_every_other_line()
    {
        const string text = "# header\r\n\r\nSPEC100 T:A.B\r\n# a note\r\nSPEC101 T:A.D\r\nnot an entry\r\n";

        string updated = SpecBaseline.WithEntries(text, [("SPEC101", "T:A.C"), ("SPEC100", "T:A.A"), ("SPEC100", "T:A.B"), ("SPEC101", "T:A.Z"), ("SPEC100", "bad key")]);

        Assert.Equal("# header\r\n\r\nSPEC100 T:A.A\r\nSPEC100 T:A.B\r\nSPEC101 T:A.C\r\n# a note\r\nSPEC101 T:A.D\r\nSPEC101 T:A.Z\r\nnot an entry\r\n", updated);
        Assert.Equal(text, SpecBaseline.WithEntries(text, [("SPEC100", "T:A.B")]));
        Assert.Equal("# h\nSPEC100 T:A\n", SpecBaseline.WithEntries("# h", [("SPEC100", "T:A")]));
        Assert.Equal("SPEC100 T:A\n", SpecBaseline.WithEntries(string.Empty, [("SPEC100", "T:A")]));
    }

    [Fact]
    public void WithoutEntries_removes_whole_lines_of_the_named_entries_only()
    {
        const string text = "# header\nSPEC100 T:A.B\nSPEC101 T:A.B\n# keep\nSPEC100 T:A.C";

        Assert.Equal("# header\nSPEC101 T:A.B\n# keep\n", SpecBaseline.WithoutEntries(text, [("SPEC100", "T:A.B"), ("SPEC100", "T:A.C"), ("SPEC100", "T:Gone")]));
        Assert.Equal(text, SpecBaseline.WithoutEntries(text, [("SPEC101", "T:A.C")]));
    }
}
