using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using SpecGuard.Tests.Shared;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>Random mutations of valid specs: the loader never throws, never reports its own bug, and stays deterministic and in range.</summary>
public sealed class PropertyTests
{
    private static readonly string[] Seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "valid"))
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)
        .ToArray();

    private static readonly string[] Fragments =
    [
        "&a ", "*a", "- ", ": ", "[", "]", "{", "}", "\t", "---\n", "...\n", "? ", "!!str ", "!!int ", "\"", "'", "|\n", ">\n",
        "#", ",", "  ", "\n", "\r\n", "\uFEFF", "%YAML 1.2\n", "<<: *a\n", "id: ORDERS-001\n", "ORDERS-999", "~", "\u00e9", "\ud83d\ude00",
    ];

    private static readonly Gen<Mutation> MutationGen =
        Gen.Select(Gen.Int[0, 6], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, Fragments.Length - 1])
            .Select(t => new Mutation(t.Item1, t.Item2, t.Item3, t.Item4));

    private static readonly Gen<string> MutatedSpec =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], MutationGen.Array[1, 10])
            .Select(t => t.Item2.Aggregate(Seeds[t.Item1], (text, mutation) => mutation.Apply(text)));

    [Fact]
    public void Mutated_specs_never_make_the_loader_throw()
    {
        var seen = new HashSet<string>();
        foreach (string text in FixedCorpus.Of(MutatedSpec, 3_000))
        {
            seen.UnionWith(CheckLoader(text));
        }

        // The mutations must reach every stage: clean files, YAML errors, schema errors and rule errors. Asserted on the
        // fixed corpus only, so it holds or fails the same way on every run.
        Assert.Superset(new HashSet<string> { "clean", "SPEC001", "SPEC002", "SPEC003" }, seen);

        // Fresh cases every run, for the invariants only.
        MutatedSpec.Sample(text => CheckLoader(text), iter: 1_000, threads: 1);
    }

    /// <summary>The loader's invariants on one text; returns the diagnostic IDs it reported, or "clean".</summary>
    private static IEnumerable<string> CheckLoader(string text)
    {
        SpecLoadResult result = SpecLoader.Load("mutated.spec.yaml", text);

        Assert.All(result.Diagnostics, d =>
        {
            Assert.Matches("^SPEC00[1-4]$", d.Id);
            Assert.DoesNotContain("SpecGuard bug", d.Message, StringComparison.Ordinal);
            Assert.InRange(d.Span.Start, 0, text.Length);
            Assert.InRange(d.Span.End, d.Span.Start, text.Length);
            Assert.True(d.Span.EndLine >= d.Span.StartLine);
        });
        Assert.Equal(result, SpecLoader.Load("mutated.spec.yaml", text));
        return result.Diagnostics.Count == 0 ? ["clean"] : result.Diagnostics.Select(d => d.Id).ToList();
    }

    private sealed record Mutation(int Kind, double Where, double Other, int Fragment)
    {
        public string Apply(string text)
        {
            int at = (int)(Where * text.Length);
            string[] lines = text.Split('\n');
            int line = (int)(Where * (lines.Length - 1));
            int otherLine = (int)(Other * (lines.Length - 1));
            switch (Kind)
            {
                case 0:
                    return text.Insert(at, Fragments[Fragment]);
                case 1:
                    return text.Remove(at, Math.Min(text.Length - at, 1 + (int)(Other * 20)));
                case 2:
                    return at < text.Length ? text.Remove(at, 1).Insert(at, Fragments[Fragment][..1]) : text;
                case 3:
                    {
                        var list = new List<string>(lines);
                        list.Insert(otherLine, lines[line]);
                        return string.Join('\n', list);
                    }

                case 4:
                    return string.Join('\n', lines.Where((_, i) => i != line));
                case 5:
                    (lines[line], lines[otherLine]) = (lines[otherLine], lines[line]);
                    return string.Join('\n', lines);
                default:
                    lines[line] = new StringBuilder().Append(' ', (int)(Other * 6)).Append(lines[line].TrimStart()).ToString();
                    return string.Join('\n', lines);
            }
        }
    }
}
