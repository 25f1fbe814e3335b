using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>
/// The catalog is usable where the feature is implemented: feature names are usually namespace names too, and a
/// namespace of the consuming code outranks <c>using SpecGuard.Specs;</c>.
/// </summary>
public sealed class CatalogNamingTests
{
    private const string Articles = "specguard: 1\nfeature: ARTICLES\ntitle: Articles\ncriteria:\n" +
        "  - id: ARTICLES-001\n    title: An author can publish an article\n    then: the article is listed\n";

    [Theory]
    [InlineData("namespace Conduit.Features.Articles { using SpecGuard.Specs; [SpecGuard.Implements(ArticlesCriteria.ARTICLES_001)] public sealed class Create { public int Run() => 1; } }")]
    [InlineData("using SpecGuard.Specs;\nnamespace Conduit.Features.Articles { [SpecGuard.Implements(ArticlesCriteria.ARTICLES_001)] public sealed class Create { public int Run() => 1; } }")]
    [InlineData("using SpecGuard.Specs;\nnamespace Articles { public sealed class Articles { [SpecGuard.Implements(ArticlesCriteria.ARTICLES_001)] public int Run() => 1; } }")]
    public async Task A_feature_named_like_a_namespace_of_the_consuming_code_still_binds(string source)
    {
        var (_, _, diagnostics) = Harness.Run(Harness.Driver([Harness.Spec("specs/articles.spec.yaml", Articles)]), await Harness.Compilation(Framework.None, source));

        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
