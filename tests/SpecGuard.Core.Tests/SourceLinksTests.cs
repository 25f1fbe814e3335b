using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using SpecGuard.Core.Links;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>The link attributes read from C# source text without compiling it (SourceLinks.Find).</summary>
public sealed class SourceLinksTests
{
    /// <summary>Each link as "I|V ID line attributeLine".</summary>
    private static string[] Links(string text) =>
        [.. SourceLinks.Find(text).Select(static l => (l.Kind == SourceLinkKind.Implements ? "I " : "V ") + l.Id + " " + l.Line + " " + l.AttributeLine)];

    private static string[] Ids(string text) => [.. SourceLinks.Find(text).Select(static l => l.Id)];

    [Fact]
    public void A_method_and_a_test_name_their_ids_with_lines()
    {
        string text = """
            namespace Shop
            {
                public class Orders
                {
                    [Implements("ORDERS-001")]
                    public void Place() { }
                }

                public class OrdersTests
                {
                    [Fact, Verifies("ORDERS-001", "ORDERS-002")]
                    public void Places() { }
                }
            }
            """;

        Assert.Equal(["I ORDERS-001 5 5", "V ORDERS-001 11 11", "V ORDERS-002 11 11"], Links(text));
    }

    [Theory]
    [InlineData("[Implements(\"A-001\")]")]
    [InlineData("[ImplementsAttribute(\"A-001\")]")]
    [InlineData("[SpecGuard.Implements(\"A-001\")]")]
    [InlineData("[SpecGuard.ImplementsAttribute(\"A-001\")]")]
    [InlineData("[global::SpecGuard.Implements(\"A-001\")]")]
    [InlineData("[global::SpecGuard.ImplementsAttribute(\"A-001\")]")]
    [InlineData("[@ImplementsAttribute(\"A-001\")]")]
    [InlineData("[SpecGuard . Implements ( \"A-001\" ) ]")]
    public void Every_name_form_of_implements_counts(string attribute)
    {
        Assert.Equal(["I A-001 1 1"], Links(attribute + " void M() { }"));
        Assert.Equal(["V A-001 1 1"], Links(attribute.Replace("Implements", "Verifies", StringComparison.Ordinal) + " void M() { }"));
    }

    [Theory]
    [InlineData("[Other.Implements(\"A-001\")]")]
    [InlineData("[Other.SpecGuard.Implements(\"A-001\")]")]
    [InlineData("[SpecGuard.Other.Implements(\"A-001\")]")]
    [InlineData("[global::Implements(\"A-001\")]")]
    [InlineData("[Alias::Implements(\"A-001\")]")]
    [InlineData("[Alias::SpecGuard.Implements(\"A-001\")]")]
    [InlineData("[@Implements(\"A-001\")]")] // names the type Implements exactly, not ImplementsAttribute
    [InlineData("[Implement(\"A-001\")]")]
    [InlineData("[ImplementsX(\"A-001\")]")]
    [InlineData("[Implements.Attribute(\"A-001\")]")]
    public void Other_names_and_qualifiers_do_not_count(string attribute) => Assert.Empty(Links(attribute + " void M() { }"));

    [Fact]
    public void Attribute_targets_and_several_attributes_and_lists_per_declaration()
    {
        string text = """
            [method: Implements("A-001")]
            [return: Verifies("A-002")]
            [type: Obsolete("x"), Implements("A-003"),]
            [Fact][Verifies("A-004")] [Theory] [InlineData(1)] [Verifies("A-005")]
            [assembly: Implements("A-006")]
            """;

        Assert.Equal(["I A-001 1 1", "V A-002 2 2", "I A-003 3 3", "V A-004 4 4", "V A-005 4 4", "I A-006 5 5"], Links(text));
    }

    [Fact]
    public void Multi_line_attributes_give_each_id_its_own_line_and_the_name_line()
    {
        string text = """
            [Fact]
            [Verifies(
                "A-001",
                "A-002")]
            [SpecGuard
                .Implements(
                    OrdersCriteria.ORDERS_003)]
            public void T() { }
            """;

        Assert.Equal(["V A-001 3 2", "V A-002 4 2", "I ORDERS-003 7 5"], Links(text));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Lines_count_every_line_break(string newLine)
    {
        string text = string.Join(newLine, "// one", "", "[Implements(", "  \"A-001\")]", "void M() { }");

        Assert.Equal(["I A-001 4 3"], Links(text));
    }

    [Fact]
    public void Comments_and_strings_holding_fake_attributes_do_not_count()
    {
        string text = """"
            // [Implements("X-001")]
            /* [Implements("X-002")]
               [Verifies("X-003")] */
            /// <summary>Covers [Implements("X-004")] and <see cref="Verifies"/> X-005.</summary>
            /// <remarks>[Verifies("X-006")]</remarks>
            public class C
            {
                string a = "[Verifies(\"X-007\")]";
                string b = @"[Implements(""X-008"")]";
                string c = """[Implements("X-009")]""";
                string d = $"[Implements(\"{X}-010\")] {"[Verifies(\"X-011\")]"}";
                string e = $@"[Implements(""X-012"")] {@"[Verifies(""X-013"")]"}";
                char f = '[';
                string g = $$"""[Implements("X-014")] {{"[Verifies(\"X-015\")]"}}""";

                [Implements("REAL-001")]
                public void M() { }
            }
            """";

        Assert.Equal(["I REAL-001 16 16"], Links(text));
    }

    [Fact]
    public void Multi_line_strings_and_comments_keep_later_lines_right()
    {
        string text = "string s = @\"line\n[Implements(\"\"X-001\"\")]\nline\";\n"
            + "string r = \"\"\"\n    [Verifies(\"X-002\")]\n    \"\"\";\n"
            + "string i = $\"\"\"\n  {\n  \"}\"\n  } [Implements(\"X-003\")]\n  \"\"\";\n"
            + "/*\n[Implements(\"X-004\")]\n*/\n"
            + "[Implements(\"A-001\")] void M() { }\n";

        Assert.Equal(["I A-001 15 15"], Links(text));
    }

    [Fact]
    public void Interpolated_strings_with_nested_holes_strings_and_format_clauses_are_skipped_whole()
    {
        string text = """"
            var a = $"{(x ? "}" : $"{y:0}]")} {{ [Implements(\"X-001\")] }}";
            var b = $"{new[] { 1, 2 }.Length,5:N0}";
            var c = @$"{x}""[Implements(""X-002"")]""";
            var d = $$$"""{{{x}}} {{ [Verifies("X-003")] }} """;
            var e = $"{global::System.Math.Max(1, 2)}[Implements(\"X-004\")]";
            var f = $"{
                // a comment in a hole: "
                x
            }[Verifies(\"X-005\")]";
            [Implements("A-001")] void M() { }
            """";

        Assert.Equal(["I A-001 10 10"], Links(text));
    }

    [Fact]
    public void Preprocessor_lines_are_skipped_and_code_inside_if_blocks_counts()
    {
        string text = """
            #region [Implements("X-001")]
            #if DEBUG // [Verifies("X-002")]
            [Implements("A-001")]
            #else
            [Implements("A-002")]
            #endif
            #pragma warning disable CS0618 // [Implements("X-003")]
              #error [Implements("X-004")]
            #endregion
            var x = 1; # [Implements("A-003")]
            """;

        Assert.Equal(["A-001", "A-002", "A-003"], Ids(text));
    }

    [Fact]
    public void Indexers_and_element_access_are_not_attribute_lists()
    {
        string text = """
            var a = array[Implements("X-001")];
            var b = Call()[Implements("X-002")];
            var c = jagged[0][Implements("X-003")];
            var d = maybe?[Implements("X-004")];
            var e = sure![Implements("X-005")];
            var f = "text"[Implements("X-006")];
            var g = this[Implements("X-007")];
            var h = @var[Implements("X-008")];
            """;

        Assert.Empty(Links(text));
    }

    [Fact]
    public void Attribute_lists_after_keywords_operators_and_blocks_count()
    {
        string text = """
            app.MapGet("/a", [Implements("A-001")] () => 1);
            var f = [Implements("A-002")] (int x) => x;
            return [Implements("A-003")] () => 2;
            public class C { } [Implements("A-004")] class D { }
            x = y ? [Implements("A-005")] () => 1 : null;
            """;

        Assert.Equal(["A-001", "A-002", "A-003", "A-004", "A-005"], Ids(text));
    }

    [Fact]
    public void Catalog_constants_with_any_qualifier_become_ids()
    {
        string text = """
            [Implements(OrdersCriteria.ORDERS_001)]
            [Implements(SpecGuard.Catalog.OrdersCriteria.ORDERS_002)]
            [Implements(global::Shop.OrdersCriteria.ORDERS_V2_0003)]
            [Implements(ORDERS_004)]
            [Implements(OrdersCriteria.Orders)]
            [Implements(Other.CONSTANT)]
            [Implements(A_01)]
            """;

        Assert.Equal(["ORDERS-001", "ORDERS-002", "ORDERS-V2-0003", "ORDERS-004"], Ids(text));
    }

    [Fact]
    public void Arrays_and_collection_expressions_name_each_element()
    {
        string text = """
            [Implements(new[] { "A-001", OrdersCriteria.ORDERS_002 })]
            [Implements(new string[] { "A-003", })]
            [Implements(new System.String[] { @"A-004" })]
            [Verifies(["A-005", ORDERS_006, .. Others])]
            [Verifies(ids: ["A-007"])]
            [Verifies(ids: new[] { "A-008" })]
            """;

        Assert.Equal(["A-001", "ORDERS-002", "A-003", "A-004", "A-005", "ORDERS-006", "A-007", "A-008"], Ids(text));
    }

    [Fact]
    public void Named_arguments_expressions_and_nested_parentheses_are_skipped()
    {
        string text = """
            [Implements("A-001", Reason = "X-001")]
            [Implements("A-" + "002", Prefix + "003", nameof(X_001), ("X-004"), (string)"X-005", F(G("X-006"), "X-007"), "A-008")]
            [Implements($"X-009", 'X', 10, null, X == "X-011")]
            [Implements(new List<string> { "X-012" })]
            [Implements(new[] { F("X-013"), "A-014", new[] { "X-015" } })]
            """;

        Assert.Equal(["A-001", "A-008", "A-014"], Ids(text));
    }

    [Fact]
    public void Literals_are_decoded_and_ids_trimmed_and_empty_ones_dropped()
    {
        string text = "[Implements(\"\\u0041-001\", \"\\x41-002\", \" A-003 \", @\"A-\"\"004\", \"\", \"   \", \"\"\"A-005\"\"\", \"A\\t-006\", \"\\U0001F600-007\")]\n"
            + "[Verifies(\n    \"\"\"\n    A-008\n    \"\"\")]";

        Assert.Equal(["A-001", "A-002", "A-003", "A-\"004", "A-005", "A\t-006", "\U0001F600-007", "A-008"], Ids(text));
    }

    [Fact]
    public void Generic_attributes_and_attributes_without_arguments_do_not_stop_the_list()
    {
        string text = """
            [Fact, Trait<int, List<string>>, Obsolete, Verifies("A-001"), Generic<global::X.Y?>(1)]
            [Implements]
            [Implements()]
            """;

        Assert.Equal(["V A-001 1 1"], Links(text));
    }

    [Fact]
    public void An_attribute_inside_another_list_or_collection_is_still_found_in_text_order()
    {
        string text = """
            var handlers = [Handler([Implements("A-001")] () => 1), Other];
            M([Verifies("A-002")] () => { }, [Implements("A-003")] () => { });
            """;

        Assert.Equal(["I A-001 1 1", "V A-002 2 2", "I A-003 2 2"], Links(text));
    }

    [Fact]
    public void Unterminated_lists_strings_and_arguments_name_nothing_and_later_code_still_counts_where_it_can()
    {
        Assert.Empty(Links("[Implements(\"A-001\")"));
        Assert.Empty(Links("[Implements(\"A-001\""));
        Assert.Empty(Links("[Implements(\"A-001)]"));
        Assert.Empty(Links("[Implements(\"A-001\")) ]"));
        Assert.Empty(Links("/* [Implements(\"A-001\")]"));
        Assert.Empty(Links("@\" [Implements(\"\"A-001\"\")]"));
        Assert.Empty(Links("$\"{ [Implements(\"A-001\")]"));

        // A regular string ends at its line's end, so the next line is code again.
        Assert.Equal(["A-002"], Ids("var s = \"open\n[Implements(\"A-002\")] void M() { }"));
        // An unbalanced '(' before the attribute does not hide it.
        Assert.Equal(["A-003"], Ids("Call(\n[Implements(\"A-003\")] void M() { }"));
    }

    [Fact]
    public void The_same_id_twice_is_reported_each_time()
    {
        Assert.Equal(["I A-001 1 1", "I A-001 1 1", "V A-001 2 2"], Links("[Implements(\"A-001\"), Implements(\"A-001\")]\n[Verifies(\"A-001\")]"));
    }

    [Fact]
    public void Empty_and_null_text_have_no_links()
    {
        Assert.Empty(SourceLinks.Find(string.Empty));
        Assert.Empty(SourceLinks.Find(null!));
        Assert.Empty(SourceLinks.Find("["));
        Assert.Empty(SourceLinks.Find("]"));
        Assert.Empty(SourceLinks.Find("\""));
        Assert.Empty(SourceLinks.Find("$"));
        Assert.Empty(SourceLinks.Find("@"));
        Assert.Empty(SourceLinks.Find("'"));
        Assert.Empty(SourceLinks.Find("#"));
    }

    [Fact]
    public void A_five_megabyte_source_reads_in_linear_time()
    {
        var builder = new StringBuilder();
        int methods = 0;
        while (builder.Length < 5_000_000)
        {
            builder.Append("    /// <summary>Doc [Implements(\"X-001\")].</summary>\n")
                .Append("    [Fact, Verifies(\"A-").Append(methods.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).Append("\")]\n")
                .Append("    public void M").Append(methods).Append("() { var s = $\"{x[0]}\"; var a = values[i] + \"]\"; /* c */ }\n");
            methods++;
        }

        var watch = Stopwatch.StartNew();
        int count = SourceLinks.Find(builder.ToString()).Count;
        watch.Stop();

        Assert.Equal(methods, count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }

    [Theory]
    [InlineData("[Implements(")]
    [InlineData("[Implements(new[] {")]
    [InlineData("[A([A([A(")]
    [InlineData("[")]
    [InlineData("(")]
    [InlineData("{")]
    [InlineData("$\"{")]
    [InlineData("$\"{$\"{")]
    [InlineData("$$\"\"\"{{")]
    [InlineData("[A<")]
    [InlineData("[x:")]
    [InlineData("/*")]
    [InlineData("\"\"\"")]
    [InlineData("@\"")]
    public void Adversarial_repetitions_finish_quickly_without_throwing(string unit)
    {
        string text = string.Concat(Enumerable.Repeat(unit, 1_000_000 / unit.Length));

        var watch = Stopwatch.StartNew();
        _ = SourceLinks.Find(text);
        _ = SourceLinks.Find(text + "]])}\"");
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }

    [Fact]
    public void Link_attributes_nested_inside_each_others_arguments_are_each_read_once()
    {
        const int depth = 50_000;
        string text = string.Concat(Enumerable.Repeat("[Implements(\"A-001\", new[", depth)) + string.Concat(Enumerable.Repeat("] { \"B-001\" })]", depth));

        var watch = Stopwatch.StartNew();
        IReadOnlyList<SourceLink> links = SourceLinks.Find(text);
        watch.Stop();

        Assert.Equal(depth * 2, links.Count);
        Assert.Equal(depth, links.Count(static l => l.Id == "B-001"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }

    [Fact]
    public void Deeply_nested_brackets_and_strings_do_not_overflow_the_stack()
    {
        string deep = new string('(', 200_000) + "[Implements(\"A-001\")] () => 1" + new string(')', 200_000);
        Assert.Equal(["A-001"], Ids(deep));

        var nested = new StringBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            nested.Append("$\"{");
        }

        nested.Append('x');
        for (int i = 0; i < 100_000; i++)
        {
            nested.Append("}\"");
        }

        nested.Append(";\n[Implements(\"A-002\")] void M() { }");
        Assert.Equal(["A-002"], Ids(nested.ToString()));
    }

    [Fact]
    public void Random_input_never_throws_and_every_link_has_lines_inside_the_text()
    {
        string[] fragments =
        [
            "[", "]", "(", ")", "{", "}", "\"", "'", "@", "$", "#", "/", "*", "\\", ":", "::", ",", ".", "=", "?", "!", "<", ">",
            "\n", "\r", "\r\n", " ", "Implements", "Verifies", "SpecGuard", "global", "new", "A-001", "ORDERS_001", "\"\"\"", "x", "0",
            "u", "\\u00", "{{", "}}", "//", "/*", "*/", "$@\"", "@$\"", "$$\"\"\"", "[Implements(\"B-001\")]",
        ];
        var random = new Random(20261202);
        for (int run = 0; run < 3000; run++)
        {
            var builder = new StringBuilder();
            int length = random.Next(1, 80);
            for (int i = 0; i < length; i++)
            {
                builder.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x10000) : (object)fragments[random.Next(fragments.Length)]);
            }

            string text = builder.ToString();
            int lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r').Length;
            foreach (SourceLink link in SourceLinks.Find(text))
            {
                Assert.InRange(link.Line, 1, lines);
                Assert.InRange(link.AttributeLine, 1, link.Line);
                Assert.Equal(link.Id.Trim(), link.Id);
                Assert.NotEqual(string.Empty, link.Id);
            }
        }
    }

    [Fact]
    public void A_realistic_file_with_usings_doc_comments_and_a_minimal_api()
    {
        string text = """
            using static Shop.OrdersCriteria;
            using SpecGuard;

            namespace Shop;

            /// <summary>Orders: see [Implements("ORDERS-999")].</summary>
            [Implements(ORDERS_001)]
            public sealed class OrdersService(IRepository repository)
            {
                private readonly int[] _counts = new int[3];

                [Implements("ORDERS-002")]
                public int Count => _counts[0];

                public static void Map(WebApplication app)
                {
                    app.MapPost("/orders", [Implements(OrdersCriteria.ORDERS_003)] async (Order order) =>
                    {
                        string message = $"placed {order.Id} [Implements(\"ORDERS-998\")]";
                        return Results.Ok(message);
                    });
                }
            }
            """;

        Assert.Equal(["I ORDERS-001 7 7", "I ORDERS-002 12 12", "I ORDERS-003 17 17"], Links(text));
    }
}
