using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>A repository with src/ and tests/ sharing one specs/ folder, built with the real SDK against the packed package.</summary>
public sealed class BuildEndToEndTests
{
    private const string Spec = """
        # yaml-language-server: $schema=../specs-schema/specguard.schema.json
        specguard: 1
        feature: CART
        title: Shopping cart
        criteria:
          - id: CART-001
            title: Items can be added to the cart
            then: the cart holds the item
        """;

    private static ConsumerRepository Repository()
    {
        var repo = new ConsumerRepository();
        repo.Write("specs/cart.spec.yaml", Spec);
        repo.WriteStrictLibraryProject("src/Shop/Shop.csproj");
        repo.Write("src/Shop/Cart.cs", """
            namespace Shop;

            /// <summary>A shopping cart.</summary>
            [SpecGuard.Implements(SpecGuard.Specs.CartCriteria.CART_001)]
            public sealed class Cart
            {
                /// <summary>Number of items.</summary>
                public int Count { get; private set; }

                /// <summary>Adds an item.</summary>
                public void Add() => Count++;
            }
            """);
        return repo;
    }

    [Fact]
    public void A_valid_repository_builds_clean_and_the_catalog_is_usable_from_code()
    {
        using var repo = Repository();

        CommandResult build = repo.Dotnet("src/Shop", "build").ShouldSucceed();

        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
        Assert.Contains("0 Error(s)", build.Output, StringComparison.Ordinal);
        string bin = Path.Combine(repo.Root, "src/Shop/bin/Debug/net10.0");
        string[] shipped = Directory.GetFiles(bin, "*.dll").Select(Path.GetFileName).ToArray()!;
        Assert.Equal(["Shop.dll"], shipped); // no SpecGuard, YAML or JSON-schema DLL in the consumer's output
    }

    [Fact]
    public void Spec_files_the_project_already_lists_are_not_added_twice()
    {
        using var repo = Repository();
        string project = File.ReadAllText(Path.Combine(repo.Root, "src/Shop/Shop.csproj"));
        repo.Write("src/Shop/Shop.csproj", project.Replace(
            "</Project>",
            "  <ItemGroup><AdditionalFiles Include=\"../../specs/cart.spec.yaml\" /></ItemGroup>\n</Project>",
            StringComparison.Ordinal));

        CommandResult build = repo.Dotnet("src/Shop", "build", "-v:n").ShouldSucceed();

        // Passed twice, the file would declare CART-001 twice (SPEC003) and be handed to the compiler twice.
        Assert.DoesNotContain("SPEC003", build.Output, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(build.Output, "/additionalfile:[^ ]*cart\\.spec\\.yaml").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Value).Distinct());
    }

    [Fact]
    public void A_spec_error_fails_the_build_at_the_yaml_line_and_column()
    {
        using var repo = Repository();
        repo.Write("specs/cart.spec.yaml", Spec.Replace("    then:", "    thne:", StringComparison.Ordinal));

        CommandResult build = repo.Dotnet("src/Shop", "build");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("cart.spec.yaml(8,5): error SPEC002: Unknown key 'thne' in criterion CART-001. Did you mean 'then'?", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_package_holds_the_analyzer_and_every_dependency_it_loads()
    {
        string package = Path.Combine(PackedPackage.Feed, $"SpecGuard.{PackedPackage.Version}.nupkg");
        using ZipArchive zip = ZipFile.OpenRead(package);
        string[] analyzers = zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["SpecGuard.CodeFixes.dll", "SpecGuard.Core.dll", "SpecGuard.Generators.dll", "YamlDotNet.dll"], analyzers);
        Assert.Contains(zip.Entries, e => e.FullName == "buildTransitive/SpecGuard.targets");
        Assert.Contains(zip.Entries, e => e.FullName == "build/SpecGuard.props");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));
    }
}
