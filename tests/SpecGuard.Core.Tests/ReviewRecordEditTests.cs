using SpecGuard.Core.Review;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>Issue 13: <see cref="ReviewRecord.WithEntries"/>, the in-place edit the SPEC105 code fix makes to the review record.</summary>
public sealed class ReviewRecordEditTests
{
    private const string A = "0123456789abcdef";
    private const string B = "fedcba9876543210";

    [Fact]
    public void A_listed_ID_has_its_line_rewritten_in_place_and_comments_stay()
    {
        const string Before = "# ours\nORDERS-001 " + A + "\n# payments below\nPAYMENTS-001 " + A + "\n";
        Assert.Equal("# ours\nORDERS-001 " + B + "\n# payments below\nPAYMENTS-001 " + A + "\n", ReviewRecord.WithEntries(Before, [("ORDERS-001", B)]));
    }

    [Fact]
    public void An_unlisted_ID_goes_to_its_sorted_place_and_CRLF_stays()
    {
        const string Before = "# r\r\nORDERS-001 " + A + "\r\nPAYMENTS-001 " + A + "\r\n";
        Assert.Equal("# r\r\nAAA-1 " + B + "\r\nORDERS-001 " + A + "\r\nORDERS-002 " + B + "\r\nPAYMENTS-001 " + A + "\r\nZED-9 " + B + "\r\n",
            ReviewRecord.WithEntries(Before, [("ZED-9", B), ("ORDERS-002", B), ("AAA-1", B)]));
    }

    [Fact]
    public void Nothing_to_change_returns_the_same_text_and_invalid_entries_are_left_out()
    {
        const string Before = "ORDERS-001 " + A + "\nnot an entry\n";
        Assert.Same(Before, ReviewRecord.WithEntries(Before, [("ORDERS-001", A), ("orders-1", B), ("ORDERS-002", "XYZ")]));
    }

    [Fact]
    public void An_empty_record_becomes_the_written_form_and_the_result_parses_without_problems()
    {
        string text = ReviewRecord.WithEntries(string.Empty, [("ORDERS-002", B), ("ORDERS-001", A)]);
        Assert.Equal(ReviewRecord.Write([("ORDERS-001", A), ("ORDERS-002", B)]), text);
        ReviewRecord record = ReviewRecord.Parse("r", ReviewRecord.WithEntries(text, [("ORDERS-001", B)]));
        Assert.Empty(record.Problems);
        Assert.Equal(B, record.Find("ORDERS-001")!.Fingerprint);
        Assert.Equal(B, record.Find("ORDERS-002")!.Fingerprint);
    }
}
