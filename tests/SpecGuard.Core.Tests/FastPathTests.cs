using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Tests.Oracle;
using SpecGuard.Core.Yaml;
using SpecGuard.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace SpecGuard.Core.Tests;

/// <summary>
/// The loader's fast path (PlainYamlReader) against YamlDotNet (YamlTreeReader's event path), the reference: whenever the
/// fast path accepts a text, YamlDotNet must read it without any diagnostic and build the same tree, node for node (kind,
/// value, style, tag, span with lines and columns, alias-free size). Generated plain YAML, generated specs and mutated
/// example specs; 20,000 cases by default, SPECGUARD_FASTPATH_CASES for more.
/// </summary>
public sealed class FastPathTests(ITestOutputHelper output)
{
    private static readonly string[] Examples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.spec.y*ml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)
        .ToArray();

    private static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("SPECGUARD_FASTPATH_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out int cases) && cases > 0 ? cases : 20_000;

    [Fact]
    [Trait("Category", "Differential")]
    public void The_fast_path_builds_the_tree_YamlDotNet_builds_or_gives_up()
    {
        int total = Cases;
        int fixedCases = Math.Max(total / 2, 1);
        int accepted = 0;
        int refused = 0;
        var lockObject = new object();
        Gen<(int, int)> cases = Gen.Select(Gen.Int, Gen.Int[0, 3]);
        System.Threading.Tasks.Parallel.ForEach(FixedCorpus.Of(cases, fixedCases).ToList(), t =>
        {
            bool? result = CompareCase(t);
            lock (lockObject)
            {
                accepted += result == true ? 1 : 0;
                refused += result == false ? 1 : 0;
            }
        });
        cases.Sample(t => CompareCase(t), iter: Math.Max(total - fixedCases, 1), threads: -1);

        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} fixed cases: the fast path read {1:N0}, gave up on {2:N0} that YamlDotNet reads without error, the rest are not clean YAML", fixedCases, accepted, refused));

        // The comparison must actually happen on a good share of the cases, and the fast path must not give up on most clean files.
        Assert.InRange(accepted, fixedCases / 10, fixedCases);
        Assert.InRange(refused, 0, accepted);
    }

    /// <summary>True when the fast path read the case (and agreed), false when it gave up on clean YAML, null otherwise.</summary>
    private static bool? CompareCase((int Seed, int Kind) t)
    {
        var random = new Random(t.Seed);
        string text = t.Kind switch
        {
            0 => Mutate(Examples[random.Next(Examples.Length)], random),
            1 => SpecText.Generate(random),
            2 => Mutate(PlainYaml(random), random),
            _ => PlainYaml(random),
        };
        return Compare(text, "Seed " + t.Seed.ToString(CultureInfo.InvariantCulture) + " kind " + t.Kind.ToString(CultureInfo.InvariantCulture));
    }

    private static bool? Compare(string text, string name)
    {
        YamlNode? fast = YamlTreeReader.ReadWithFastPathOnly(text);
        var diagnostics = new DiagnosticBag(1000);
        YamlNode? slow;
        try
        {
            slow = YamlTreeReader.ReadWithYamlDotNet("fast.spec.yaml", text, SpecLoaderLimits.Default, diagnostics);
        }
        catch (ArgumentException)
        {
            slow = null; // YamlDotNet throws on a bare "[!!str]"; the loader turns it into SPEC001
            diagnostics.Add(SpecRules.MalformedYaml, "fast.spec.yaml", default, "threw");
        }

        if (fast is null)
        {
            return slow is not null && diagnostics.Count == 0 ? false : null;
        }

        string context = "\n--- " + name + " ---\n" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\n---\n";
        Assert.True(diagnostics.Count == 0, "The fast path accepted a text YamlDotNet rejects: " + string.Join(" | ", diagnostics.ToArray().Select(static d => d.Message)) + context);
        Assert.NotNull(slow);
        string? difference = Difference(slow!, fast, "$");
        Assert.True(difference is null, difference + context + "YamlDotNet:\n" + Dump(slow!) + "fast path:\n" + Dump(fast));
        return true;
    }

    [Theory]
    [InlineData("a: b\n")]
    [InlineData("a: b")]
    [InlineData("a: b\r\nc:\r\n  - d\r\n  - e\r\n")]
    [InlineData("\uFEFFa: b\nc: [x, 'y', \"z\"]\n")]
    [InlineData("# head\n\na: b  # c\n  # indented comment\nd:\n# between\n  - x\n\n# tail\n")]
    [InlineData("a:\nb: ~\nc: ''\nd: 'it''s'\n")]
    [InlineData("k:\n- x\n- y\nz: 1\n")]
    [InlineData("l:\n  - id: 1\n    t: 2\n  -\n  - c\n  - - \n")]
    [InlineData("l:\n- a: 1\n  b:\n  - x\n  c: {q: 1, s: P}\n- {}\n- []\n- [[x], {y: [z]}, ]\n")]
    [InlineData("a: é😀b\nc: -1\nd: -.inf\ne: x:y\nf: a[b]{c},d\ng: a#b\n")]
    [InlineData("key  : v\nother: v  \n   \n")]
    [InlineData("a:\n  b:\n    c: d")]
    [InlineData("a: |\n  line one\n  # not a comment\nb: >-\n   folded\n   text\n\n\nc:\n- >\n  item\n- |-\n  last\n")]
    [InlineData("a: |\r\n  x\r\n  y\r\n")]
    public void Known_corners_take_the_fast_path_and_agree(string text)
    {
        // Some of these are deliberately beyond the fast path ("- - "): those must then be clean for YamlDotNet.
        bool? result = Compare(text, "corner");

        Assert.NotNull(result);
        if (!text.Contains("- - ", StringComparison.Ordinal))
        {
            Assert.True(result, "the fast path gave up");
        }
    }

    [Theory]
    [InlineData("a: b\nc: d: e\n")]
    [InlineData("a: b\n  c\n")]
    [InlineData("a: b\na: c\n")]
    [InlineData("a: [x,\n  y]\n")]
    [InlineData("a: |+\n  text\n")]
    [InlineData("a: |\n  text\n\n  more\n")]
    [InlineData("a: >\n  text\n    deeper\n")]
    [InlineData("a: &x b\nc: *x\n")]
    [InlineData("a:\n  b: 1\n c: 2\n")]
    [InlineData("a: b\n\tc: d\n")]
    [InlineData("--- \na: b\n")]
    [InlineData("a: \"x\\ny\"\n")]
    [InlineData("a: [a:b]\n")]
    [InlineData("- a\n")]
    public void Text_beyond_the_fast_path_goes_to_YamlDotNet(string text)
    {
        Assert.Null(YamlTreeReader.ReadWithFastPathOnly(text));
    }

    [Fact]
    public void The_valid_example_specs_take_the_fast_path()
    {
        string[] valid = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "valid"), "*.spec.y*ml").Order(StringComparer.Ordinal).ToArray();
        List<string> refused = valid.Where(static file => Compare(File.ReadAllText(file), file) != true).Select(Path.GetFileName).ToList()!;
        output.WriteLine("left to YamlDotNet: " + string.Join(", ", refused));
        Assert.NotEmpty(valid);

        // By design: anchors and aliases (anchors-crlf) are read by YamlDotNet.
        Assert.Equal(["anchors-crlf.spec.yaml"], refused);
    }

    [Fact]
    public void The_comparison_sees_a_tree_that_differs()
    {
        // A check that cannot fail proves nothing: a span one character off, another style or a lost item must show.
        YamlNode fast = YamlTreeReader.ReadWithFastPathOnly("a: [x, 'y']\n")!;
        YamlNode slow = YamlTreeReader.ReadWithYamlDotNet("f", "a: [x, 'y']\n", SpecLoaderLimits.Default, new DiagnosticBag(10))!;
        Assert.Null(Difference(slow, fast, "$"));

        YamlNode other = YamlTreeReader.ReadWithYamlDotNet("f", "a: [x, \"y\"]\n", SpecLoaderLimits.Default, new DiagnosticBag(10))!;
        Assert.NotNull(Difference(other, fast, "$"));
        YamlNode shifted = YamlTreeReader.ReadWithYamlDotNet("f", "a:  [x, 'y']\n", SpecLoaderLimits.Default, new DiagnosticBag(10))!;
        Assert.NotNull(Difference(shifted, fast, "$"));
        YamlNode shorter = YamlTreeReader.ReadWithYamlDotNet("f", "a: [x]\n", SpecLoaderLimits.Default, new DiagnosticBag(10))!;
        Assert.NotNull(Difference(shorter, fast, "$"));
    }

    private static string? Difference(YamlNode expected, YamlNode actual, string at)
    {
        if (expected.Kind != actual.Kind || expected.Value != actual.Value || expected.Style != actual.Style || expected.Tag != actual.Tag)
        {
            return at + ": " + Describe(expected) + " vs " + Describe(actual);
        }

        if (expected.Span != actual.Span || expected.ExpandedSize != actual.ExpandedSize)
        {
            return at + ": span " + expected.Span + expected.Span.ToRangeString() + " @" + expected.Span.Start + "+" + expected.Span.Length + " size " + expected.ExpandedSize
                + " vs " + actual.Span + actual.Span.ToRangeString() + " @" + actual.Span.Start + "+" + actual.Span.Length + " size " + actual.ExpandedSize;
        }

        if (expected.Pairs.Count != actual.Pairs.Count || expected.Items.Count != actual.Items.Count)
        {
            return at + ": " + expected.Pairs.Count + "/" + expected.Items.Count + " children vs " + actual.Pairs.Count + "/" + actual.Items.Count;
        }

        for (int i = 0; i < expected.Pairs.Count; i++)
        {
            string? difference = Difference(expected.Pairs[i].Key, actual.Pairs[i].Key, at + ".key" + i) ?? Difference(expected.Pairs[i].Value, actual.Pairs[i].Value, at + "." + expected.Pairs[i].Key.Value);
            if (difference is not null)
            {
                return difference;
            }
        }

        for (int i = 0; i < expected.Items.Count; i++)
        {
            string? difference = Difference(expected.Items[i], actual.Items[i], at + "[" + i + "]");
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    private static string Describe(YamlNode node) => node.Kind + " '" + node.Value + "' " + node.Style + " " + (node.Tag ?? "-");

    private static string Dump(YamlNode node)
    {
        var builder = new StringBuilder();
        Dump(node, builder, 0);
        return builder.ToString();
    }

    private static void Dump(YamlNode node, StringBuilder builder, int indent)
    {
        builder.Append(' ', indent).Append(Describe(node)).Append(' ').Append(node.Span.ToRangeString()).Append(" @").Append(node.Span.Start).Append('+').Append(node.Span.Length).Append('\n');
        foreach (KeyValuePair<YamlNode, YamlNode> pair in node.Pairs)
        {
            Dump(pair.Key, builder, indent + 2);
            Dump(pair.Value, builder, indent + 4);
        }

        foreach (YamlNode item in node.Items)
        {
            Dump(item, builder, indent + 2);
        }
    }

    private static readonly string[] PlainScalars =
    [
        "x", "a b", "ORDERS-001", "-1", "-x", "1.5", "~", "true", "a:b", "a#b", "a[b]", "é😀", "x,y", "'q'", "'it''s'", "\"dq\"", "\"a\\\"b\"",
        "''", "\"\"", "&a x", "*a", "!!str x", "|", ">", "? x", "a: b", "-", "- x", "#c", "[]", "{}", "[a, b]", "[a,]", "{k: v}", "{k: v, k: w}",
        "[a, [b, {c: d}]]", "[ a , b ]", "{ a: 1 , b: 'x' }", "[a:b]", "[a: b]", "{a}", "{a: }", "x # comment", "x  ", "%x", "@x", "`x", "x\u00A0y",
    ];

    private static readonly string[] Keys = ["a", "b", "id", "title", "key with space", "k-1", "x_y", "-k", "é", "'q'", "a", "then", "<<"];

    /// <summary>Random block YAML of the shapes spec files use, with the corners of each (indentation, comments, line ends, flow, quotes, empties).</summary>
    private static string PlainYaml(Random random)
    {
        var builder = new StringBuilder();
        string newline = random.Next(4) == 0 ? "\r\n" : "\n";
        if (random.Next(6) == 0)
        {
            builder.Append("# a comment").Append(newline);
        }

        Mapping(builder, random, 0, 0, newline);
        if (random.Next(3) == 0 && builder.Length > 0)
        {
            builder.Length -= newline.Length; // no final line break
        }

        if (random.Next(8) == 0)
        {
            builder.Append(random.Next(2) == 0 ? "# end" : "   ");
        }

        return builder.ToString();
    }

    private static void Mapping(StringBuilder builder, Random random, int indent, int depth, string newline, bool firstInline = false)
    {
        int count = random.Next(1, 5);
        for (int i = 0; i < count; i++)
        {
            if (!(firstInline && i == 0))
            {
                builder.Append(' ', indent);
            }

            builder.Append(Keys[random.Next(Keys.Length)]).Append(random.Next(10) == 0 ? " :" : ":");
            Value(builder, random, indent, depth, newline, inMapping: true);
            if (random.Next(10) == 0)
            {
                builder.Append(random.Next(2) == 0 ? newline : new string(' ', random.Next(6)) + "# note" + newline);
            }
        }
    }

    private static void Value(StringBuilder builder, Random random, int indent, int depth, string newline, bool inMapping)
    {
        int choice = depth > 3 ? 0 : random.Next(6);
        switch (choice)
        {
            case 0:
            case 1:
                builder.Append(' ').Append(PlainScalars[random.Next(PlainScalars.Length)]);
                if (random.Next(8) == 0)
                {
                    builder.Append("  # c");
                }

                builder.Append(newline);
                return;
            case 2:
                if (random.Next(2) == 0)
                {
                    BlockScalar(builder, random, indent, newline);
                    return;
                }

                builder.Append(random.Next(5) == 0 ? " # c" : string.Empty).Append(newline);
                return; // empty
            case 3:
                {
                    builder.Append(newline);
                    int child = inMapping && random.Next(3) == 0 ? indent : indent + random.Next(1, 4);
                    int items = random.Next(1, 4);
                    for (int i = 0; i < items; i++)
                    {
                        builder.Append(' ', child).Append('-');
                        if (random.Next(3) == 0)
                        {
                            builder.Append(' ');
                            Mapping(builder, random, child + 2, depth + 1, newline, firstInline: true);
                        }
                        else
                        {
                            Value(builder, random, child, depth + 1, newline, inMapping: false);
                        }
                    }

                    return;
                }

            default:
                builder.Append(newline);
                Mapping(builder, random, indent + random.Next(1, 4), depth + 1, newline);
                return;
        }
    }

    private static readonly string[] BlockHeaders = [" |", " >", " |-", " >-", " |+", " |2", " > # c", " |  "];

    private static readonly string[] BlockLines = ["text", "more words here", "# not a comment", "a: b", "- x", "'q'", "trailing  ", "", "é😀"];

    /// <summary>A block scalar: mostly simple (one indentation, empty lines at the end), sometimes with the corners the fast path leaves to YamlDotNet.</summary>
    private static void BlockScalar(StringBuilder builder, Random random, int indent, string newline)
    {
        builder.Append(BlockHeaders[random.Next(BlockHeaders.Length)]).Append(newline);
        int contentIndent = indent + (random.Next(8) == 0 ? 0 : random.Next(1, 4));
        int lines = random.Next(1, 4);
        for (int i = 0; i < lines; i++)
        {
            int extra = random.Next(10) == 0 ? random.Next(1, 3) : 0;
            builder.Append(' ', contentIndent + extra).Append(BlockLines[random.Next(BlockLines.Length)]).Append(newline);
        }

        if (random.Next(3) == 0)
        {
            builder.Append(newline);
        }
    }

    private static readonly string[] Fragments =
    [
        "&a ", "*a", "- ", ": ", "[", "]", "{", "}", "---\n", "...\n", "? ", "!!str ", "\"", "'", "|\n", ">\n", "#", " #", ",", "  ", "\n",
        "\r\n", "\r", "\t", "~", "''", "1", "-", ":", "\u00e9", "\ud83d\ude00", "\uFEFF", "\u0085", "\u2028", "%YAML 1.2\n", "\\",
    ];

    private static string Mutate(string text, Random random)
    {
        int count = random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            int at = random.Next(text.Length + 1);
            string[] lines = text.Split('\n');
            int line = random.Next(lines.Length);
            switch (random.Next(5))
            {
                case 0:
                    text = text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1:
                    text = text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(6)));
                    break;
                case 2:
                    text = string.Join('\n', lines.Where((_, index) => index != line));
                    break;
                case 3:
                    lines[line] = new string(' ', random.Next(5)) + lines[line].TrimStart();
                    text = string.Join('\n', lines);
                    break;
                default:
                    var list = new List<string>(lines);
                    list.Insert(random.Next(lines.Length), lines[line]);
                    text = string.Join('\n', list);
                    break;
            }
        }

        return text;
    }
}
