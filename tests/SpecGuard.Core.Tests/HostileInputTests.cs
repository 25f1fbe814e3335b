using System;
using System.Linq;
using System.Text;
using SpecGuard.Core.Diagnostics;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>Hostile and accidental input: each case must finish with a located diagnostic, never an exception, a hang or a crash.</summary>
public sealed class HostileInputTests
{
    private const string Valid = "specguard: 1\nfeature: ORDERS\ntitle: Order placement\ncriteria:\n  - id: ORDERS-001\n    title: A customer can place an order\n    then: an order is created\n";

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_003)]
    [Fact]
    public void Billion_laughs_is_refused_at_the_alias_before_anything_is_expanded()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++)
        {
            text.Append('a').Append(level).Append(": &a").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*a" + (level - 1), 10))).Append("]\n");
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        SpecLoadResult result = SpecLoader.Load("bomb.spec.yaml", text.ToString());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        SpecDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Contains("alias", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(4, diagnostic.Span.StartLine + 1); // the first alias that crosses 10,000 expanded nodes: level 3 (11 + 111 + 1111 x ...)
        Assert.StartsWith("*a2", text.ToString().Substring(diagnostic.Span.Start), StringComparison.Ordinal);
        Assert.True(allocated < 20_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Moderate_alias_reuse_is_allowed()
    {
        string text = Valid.Replace("  - id: ORDERS-001\n", "  - id: ORDERS-001\n    tags: &t [a, b]\n", StringComparison.Ordinal)
            + "  - id: ORDERS-002\n    title: Second\n    then: ok\n    tags: *t\n";

        SpecLoadResult result = SpecLoader.Load("ok.spec.yaml", text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b"], result.Feature!.Criteria[1].Tags);
    }

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_003)]
    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Hundred_thousand_levels_of_nesting_stop_at_the_depth_limit(string open, string close)
    {
        const int Depth = 100_000;
        string text = string.Concat(Enumerable.Repeat(open, Depth)) + "x" + string.Concat(Enumerable.Repeat(close, Depth));

        SpecLoadResult result = SpecLoader.Load("deep.spec.yaml", text);

        SpecDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Contains("nested more than 32 levels", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(0, diagnostic.Span.StartLine);
        Assert.Equal(32 * open.Length, diagnostic.Span.StartColumn); // the 33rd container
    }

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_003)]
    [Fact]
    public void A_ten_megabyte_file_is_refused_up_front()
    {
        var text = new StringBuilder(Valid);
        int n = 2;
        while (text.Length < 10 * 1024 * 1024)
        {
            text.Append("  - id: ORDERS-").Append(n++).Append("\n    title: Another criterion with some words in it\n    then: it holds\n");
        }

        SpecLoadResult result = SpecLoader.Load("huge.spec.yaml", text.ToString());

        SpecDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Contains("at most 8,388,608 characters", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(SourceSpanAtStart, diagnostic.Span);
    }

    [Fact]
    public void A_file_within_the_size_limit_but_with_thousands_of_errors_reports_a_bounded_number()
    {
        var text = new StringBuilder("specguard: 1\nfeature: ORDERS\ntitle: T\ncriteria:\n");
        for (int i = 1; i <= 5_000; i++)
        {
            text.Append("  - id: ORDERS-").Append(i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).Append("\n    title: t\n    then: x\n    thne: typo\n");
        }

        SpecLoadResult result = SpecLoader.Load("many.spec.yaml", text.ToString());

        Assert.Equal(100, result.Diagnostics.Count);
        Assert.Contains("4,900 more problems", result.Diagnostics[^1].Message, StringComparison.Ordinal);
        Assert.Equal(5_000, result.Feature!.Criteria.Count);
    }

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_003)]
    [Fact]
    public void Binary_garbage_is_reported_at_the_first_control_character()
    {
        var random = new Random(42);
        byte[] bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        string text = Encoding.UTF8.GetString(bytes);
        int first = text.IndexOfAny(Enumerable.Range(0, 32).Where(c => c is not 9 and not 10 and not 13).Select(c => (char)c).ToArray());

        SpecLoadResult result = SpecLoader.Load("garbage.spec.yaml", text);

        SpecDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Contains("control character", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(first >= 0 && diagnostic.Span.Start <= first, $"reported at {diagnostic.Span.Start}, first control character at {first}");
        Assert.Null(result.Feature);
    }

    [Fact]
    public void Printable_noise_gets_diagnostics_and_no_exception()
    {
        var random = new Random(7);
        const string Alphabet = "abc:-[]{}&*!|>'\"#%@` \n\t,?~0123456789";
        for (int i = 0; i < 200; i++)
        {
            string text = new string(Enumerable.Range(0, random.Next(1, 400)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

            SpecLoadResult result = SpecLoader.Load("noise.spec.yaml", text);

            Assert.NotEmpty(result.Diagnostics);
            Assert.All(result.Diagnostics, d => Assert.InRange(d.Span.End, 0, text.Length));
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("SpecGuard bug", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_utf8_bom_is_ignored_and_offsets_still_point_into_the_given_text()
    {
        string text = "\uFEFF" + Valid;

        SpecLoadResult result = SpecLoader.Load("bom.spec.yaml", text);

        Assert.Empty(result.Diagnostics);
        var span = result.Feature!.Criteria[0].IdSpan;
        Assert.Equal("ORDERS-001", text.Substring(span.Start, span.Length));
        Assert.Equal((4, 8), (span.StartLine, span.StartColumn));
    }

    [Fact]
    public void Crlf_line_ends_load_and_keep_exact_positions()
    {
        string text = Valid.Replace("\n", "\r\n", StringComparison.Ordinal);

        SpecLoadResult result = SpecLoader.Load("crlf.spec.yaml", text);

        Assert.Empty(result.Diagnostics);
        var span = result.Feature!.Criteria[0].IdSpan;
        Assert.Equal("ORDERS-001", text.Substring(span.Start, span.Length));
        Assert.Equal((4, 8), (span.StartLine, span.StartColumn));

        SpecDiagnostic typo = Assert.Single(SpecLoader.Load("crlf.spec.yaml", text.Replace("then:", "thne:", StringComparison.Ordinal)).Diagnostics);
        Assert.Equal((6, 4), (typo.Span.StartLine, typo.Span.StartColumn));
        Assert.Equal("thne", text.Replace("then:", "thne:", StringComparison.Ordinal).Substring(typo.Span.Start, typo.Span.Length));
    }

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_002)]
    [Fact]
    public void Tab_indentation_is_reported_on_the_tab()
    {
        string text = Valid.Replace("    title: A customer", "\ttitle: A customer", StringComparison.Ordinal);

        SpecDiagnostic diagnostic = Assert.Single(SpecLoader.Load("tabs.spec.yaml", text).Diagnostics);

        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Contains("tabs", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal('\t', text[diagnostic.Span.Start]);
    }

    [Fact]
    public void Tabs_inside_values_are_fine()
    {
        Assert.Empty(SpecLoader.Load("tabs.spec.yaml", Valid.Replace("an order is created", "an order\tis created", StringComparison.Ordinal)).Diagnostics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_gets_one_diagnostic_at_its_start(string text)
    {
        SpecDiagnostic diagnostic = Assert.Single(SpecLoader.Load("empty.spec.yaml", text).Diagnostics);

        Assert.Equal("SPEC002", diagnostic.Id);
        Assert.Contains("empty", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(SourceSpanAtStart, diagnostic.Span);
    }

    [Fact]
    public void Several_documents_are_reported_at_the_second_one()
    {
        string text = Valid + "---\n" + Valid + "---\n" + Valid;

        SpecLoadResult result = SpecLoader.Load("docs.spec.yaml", text);

        SpecDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Equal(7, diagnostic.Span.StartLine);
        Assert.NotNull(result.Feature); // the first document is still usable
    }

    [Verifies(SpecGuard.Specs.LoaderCriteria.LOADER_002)]
    [Fact]
    public void Duplicate_keys_are_reported_at_the_repeat_and_name_the_first()
    {
        string text = Valid + "  - id: ORDERS-002\n    title: One\n    then: a\n    title: Two\n";

        SpecDiagnostic diagnostic = Assert.Single(SpecLoader.Load("dup.spec.yaml", text).Diagnostics);

        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Equal((10, 4), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        Assert.Contains("first at line 9", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n", "a list")]
    [InlineData("just text\n", "'just text'")]
    public void A_document_that_is_not_a_mapping_is_a_schema_violation(string text, string described)
    {
        SpecDiagnostic diagnostic = Assert.Single(SpecLoader.Load("root.spec.yaml", text).Diagnostics);

        Assert.Equal("SPEC002", diagnostic.Id);
        Assert.Contains(described, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: *nothing\n", "refers to no anchor")]
    [InlineData("a: &self [1, *self]\n", "refers to no anchor")]
    public void Undefined_and_recursive_aliases_are_reported(string text, string expected)
    {
        SpecDiagnostic diagnostic = Assert.Single(SpecLoader.Load("alias.spec.yaml", text).Diagnostics);

        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal('*', text[diagnostic.Span.Start]);
    }

    [Fact]
    public void A_complex_key_is_reported_on_the_key()
    {
        string text = Valid + "? [a, b]\n: value\n";

        SpecLoadResult result = SpecLoader.Load("key.spec.yaml", text);

        SpecDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPEC002", diagnostic.Id);
        Assert.Equal('[', text[diagnostic.Span.Start]);
    }

    [Fact]
    public void Limits_can_be_tightened_by_the_caller()
    {
        var limits = new SpecLoaderLimits { MaxDepth = 2 };

        SpecDiagnostic diagnostic = Assert.Single(SpecLoader.Load("o.spec.yaml", Valid, limits).Diagnostics);

        Assert.Contains("more than 2 levels", diagnostic.Message, StringComparison.Ordinal);
    }

    private static Model.SourceSpan SourceSpanAtStart => Model.SourceSpan.FileStart;
}

/// <summary>Found by the mutation property test: YamlDotNet throws ArgumentException (not YamlException) on a tag that is not a valid URI.</summary>
public sealed class InvalidTagTests
{
    [Theory]
    [InlineData("specguard: 1\nfeature: !<a b> ORDERS\n")]
    [InlineData("%TAG !e! tag:example.com,2000:\n---\nspecguard: 1\nfeature: !e!{x} ORDERS\n")]
    [InlineData("specguard: 1\nfeature: !<> ORDERS\n")]
    public void A_tag_that_is_not_a_URI_is_a_located_SPEC001_not_a_SpecGuard_bug(string text)
    {
        SpecLoadResult result = SpecLoader.Load("tags.spec.yaml", text);

        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC001");
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("SpecGuard bug", System.StringComparison.Ordinal));
    }
}

/// <summary>Spec files are UTF-8: bytes that are not are a located SPEC001 (the CLI's read path), not replacement characters.</summary>
public sealed class EncodingTests : System.IDisposable
{
    private readonly string _file = System.IO.Path.GetTempFileName();

    public void Dispose() => System.IO.File.Delete(_file);

    [Fact]
    public void Latin1_bytes_are_SPEC001_at_the_first_byte_that_is_not_UTF8()
    {
        System.IO.File.WriteAllBytes(_file, Encoding.Latin1.GetBytes("specguard: 1\nfeature: ORDERS\ntitle: Créer\n"));

        SpecSet set = SpecSet.Load([SpecGuard.Core.Text.SpecTextEncoding.Read(_file, "orders.spec.yaml")]);

        SpecDiagnostic diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal("SPEC001", diagnostic.Id);
        Assert.Equal((2, 9), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        Assert.Contains("not valid UTF-8", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UTF8_with_or_without_a_byte_order_mark_reads_as_written(bool bom)
    {
        byte[] text = Encoding.UTF8.GetBytes("specguard: 1\nfeature: ORDERS\ntitle: Créer \uFFFD\ncriteria: []\n");
        System.IO.File.WriteAllBytes(_file, bom ? [0xEF, 0xBB, 0xBF, .. text] : text);

        SpecSource source = SpecGuard.Core.Text.SpecTextEncoding.Read(_file, "orders.spec.yaml");

        Assert.Null(source.NotUtf8At);
        Assert.Equal("Créer \uFFFD", SpecSet.Load([source]).Features.Single().Title);
    }
}
