using System.Linq;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Review;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>Issue 13: the fingerprint follows normative text only; the review record's format.</summary>
public sealed class FingerprintTests
{
    private const string Base = """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            given: a signed-in customer
            when: the order is submitted
            then: [an order is created, stock is reserved]
            priority: must
            tags: [checkout]
            examples:
              - { quantity: 1, price: 2.5 }
              - { quantity: 2, price: 3 }
        """;

    [Theory]
    [InlineData("quoting", """
        specguard: 1
        feature: "ORDERS"
        title: 'Orders'
        criteria:
          - id: "ORDERS-001"
            title: "A customer can place an order"
            given: 'a signed-in customer'
            when: "the order is submitted"
            then: ["an order is created", 'stock is reserved']
            priority: must
            tags: [checkout]
            examples:
              - { quantity: 1, price: 2.5 }
              - { quantity: 2, price: 3 }
        """)]
    [InlineData("indentation, block style, comments, key order", """
        # a comment
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
        -   examples:
            -   price: 2.5   # cheap
                quantity: 1
            -   quantity: 2
                price: 3
            then:
            - an order is created
            - stock is reserved
            when: the order is submitted
            given: a signed-in customer
            title: A customer can place an order
            id: ORDERS-001
        """)]
    [InlineData("tags, owner, priority", """
        specguard: 1
        feature: ORDERS
        title: Orders renamed
        owner: team-a
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            given: a signed-in customer
            when: the order is submitted
            then: [an order is created, stock is reserved]
            priority: could
            tags: [other, tags]
            examples:
              - { quantity: 1, price: 2.5 }
              - { quantity: 2, price: 3 }
        """)]
    [InlineData("a folded block scalar of the same text", """
        specguard: 1
        feature: ORDERS
        title: Orders
        criteria:
          - id: ORDERS-001
            title: >-
              A customer can place an order
            given: [a signed-in customer]
            when: the order is submitted
            then: [an order is created, stock is reserved]
            examples:
              - { quantity: 1, price: 2.5 }
              - { quantity: 2, price: 3 }
        """)]
    public void Reformatting_and_non_normative_fields_change_nothing(string kind, string variant)
    {
        Assert.True(Fingerprint(Base) == Fingerprint(variant), kind);
    }

    [Theory]
    [InlineData("A customer can place an order", "A customer may place an order")]
    [InlineData("a signed-in customer", "a guest")]
    [InlineData("the order is submitted", "the order is saved")]
    [InlineData("stock is reserved", "stock is not reserved")]
    [InlineData("quantity: 2", "quantity: 3")]
    [InlineData("price: 3 }", "price: 3, gift: true }")]
    [InlineData("{ quantity: 1, price: 2.5 }", "{ quantity: 1, price: \"2.5\" }")]
    [InlineData("then: [an order is created, stock is reserved]", "then: [stock is reserved, an order is created]")]
    public void Each_change_of_normative_text_changes_it(string from, string to)
    {
        string changed = Base.Replace(from, to, System.StringComparison.Ordinal);
        Assert.NotEqual(Base, changed);
        Assert.NotEqual(Fingerprint(Base), Fingerprint(changed));
    }

    [Fact]
    public void A_fingerprint_is_sixteen_hex_digits_and_the_same_in_every_run()
    {
        string fingerprint = Fingerprint(Base);
        Assert.True(CriterionFingerprint.IsFingerprint(fingerprint), fingerprint);
        Assert.Equal(fingerprint, Fingerprint(Base));
    }

    [Fact]
    public void The_record_is_written_sorted_once_per_id_and_read_back()
    {
        string text = ReviewRecord.Write([("ORDERS-002", "0123456789abcdef"), ("BILLING-001", "fedcba9876543210"), ("ORDERS-002", "1111111111111111")]);
        ReviewRecord record = ReviewRecord.Parse("specs/SpecGuard.Reviews.txt", text);

        Assert.Empty(record.Problems);
        Assert.Equal(["BILLING-001", "ORDERS-002"], record.Entries.Select(static e => e.Id));
        Assert.Equal("1111111111111111", record.Find("ORDERS-002")!.Fingerprint);
        Assert.True(record.IsSuspect("ORDERS-002", "0123456789abcdef"));
        Assert.False(record.IsSuspect("ORDERS-002", "1111111111111111"));
        Assert.False(record.IsSuspect("ORDERS-404", "1111111111111111"));
        Assert.Equal(text, ReviewRecord.Write(record.Entries.Reverse().Select(static e => (e.Id, e.Fingerprint))));
    }

    [Theory]
    [InlineData("ORDERS-001")]
    [InlineData("ORDERS-001 xyz")]
    [InlineData("ORDERS-001 0123456789ABCDEF")]
    [InlineData("orders-001 0123456789abcdef")]
    [InlineData("ORDERS-001 0123456789abcdef extra")]
    public void A_malformed_line_is_SPEC905_on_its_line_and_records_nothing(string line)
    {
        ReviewRecord record = ReviewRecord.Parse("r.txt", "# header\nBILLING-001 0123456789abcdef\n" + line + "\n");

        SpecDiagnostic problem = Assert.Single(record.Problems);
        Assert.Equal(SpecRuleIds.MalformedReviewRecord, problem.Id);
        Assert.Equal(2, problem.Span.StartLine);
        Assert.Equal(["BILLING-001"], record.Entries.Select(static e => e.Id));
    }

    [Fact]
    public void A_repeated_id_is_SPEC905_and_the_first_line_counts()
    {
        ReviewRecord record = ReviewRecord.Parse("r.txt", "A-001 0123456789abcdef\r\nA-001 1111111111111111\r\n");

        Assert.Contains("repeats the review of A-001 from line 1", Assert.Single(record.Problems).Message, System.StringComparison.Ordinal);
        Assert.Equal("0123456789abcdef", record.Find("A-001")!.Fingerprint);
    }

    private static string Fingerprint(string spec)
    {
        SpecLoadResult result = SpecLoader.Load("specs/orders.spec.yaml", spec);
        Assert.Empty(result.Diagnostics);
        return CriterionFingerprint.Of(result.Feature!.Criteria.Single());
    }
}
