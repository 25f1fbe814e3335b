using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Schema;
using SpecGuard.Core.Yaml;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>The loader's CancellationToken: a cancelled one stops it with OperationCanceledException, inside the work and not only at the door; an uncancelled one changes nothing.</summary>
public sealed class CancellationTests
{
    private static string Large(int criteria, bool withAnchor = false)
    {
        var text = new StringBuilder("specguard: 1\nfeature: BIG\ntitle: A large feature\n");
        if (withAnchor)
        {
            text.Append("tags: &t [big]\n"); // an anchor: read by YamlDotNet, not by the fast path
        }

        text.Append("criteria:\n");
        for (int i = 1; i <= criteria; i++)
        {
            text.Append("  - id: BIG-").Append(i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
                .Append("    title: Criterion ").Append(i).Append('\n')
                .Append("    then: [it holds, it stays]\n");
        }

        return text.ToString();
    }

    private static CancellationToken Cancelled()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        return source.Token;
    }

    [Fact]
    public void A_cancelled_token_throws_OperationCanceledException_not_a_diagnostic()
    {
        string text = Large(10);

        Assert.ThrowsAny<OperationCanceledException>(() => SpecLoader.Load("big.spec.yaml", text, Cancelled()));
        Assert.ThrowsAny<OperationCanceledException>(() => SpecLoader.Load("big.spec.yaml", text, SpecLoaderLimits.Default, Cancelled()));
        Assert.ThrowsAny<OperationCanceledException>(() => SpecSet.Load([new SpecSource("a.spec.yaml", text)], Cancelled()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_reader_checks_the_token_while_it_reads(bool yamlDotNetPath)
    {
        // Past the loader's own check at the start: the reader must notice the token within the first 1,024 lines
        // (or YAML events) of a 12,000-line file, on the fast path and on YamlDotNet's.
        string text = Large(3_000, withAnchor: yamlDotNetPath);
        Assert.Equal(!yamlDotNetPath, YamlTreeReader.ReadWithFastPathOnly(text) is not null);

        Assert.ThrowsAny<OperationCanceledException>(() => YamlTreeReader.Read("big.spec.yaml", text, SpecLoaderLimits.Default, new DiagnosticBag(100), Cancelled()));
    }

    [Fact]
    public void The_validator_checks_the_token_per_list_item()
    {
        YamlNode root = YamlTreeReader.Read("big.spec.yaml", Large(100), SpecLoaderLimits.Default, new DiagnosticBag(100))!;

        Assert.Empty(SchemaValidator.Validate(root, CancellationToken.None));
        Assert.ThrowsAny<OperationCanceledException>(() => SchemaValidator.Validate(root, Cancelled()));
    }

    [Fact]
    public void An_uncancelled_token_changes_nothing()
    {
        using var source = new CancellationTokenSource();
        string[] texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.spec.y*ml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Append(Large(2_000))
            .Append(Large(2_000, withAnchor: true))
            .ToArray();

        foreach (string text in texts)
        {
            Assert.Equal(SpecLoader.Load("x.spec.yaml", text), SpecLoader.Load("x.spec.yaml", text, source.Token));
        }

        SpecSource[] sources = texts.Select((text, i) => new SpecSource("f" + i + ".spec.yaml", text)).ToArray();
        Assert.Equal(SpecSet.Load(sources).Diagnostics, SpecSet.Load(sources, source.Token).Diagnostics);
        Assert.Equal(SpecSet.Load(sources).Files, SpecSet.Load(sources, SpecLoaderLimits.Default, source.Token).Files);
    }
}
