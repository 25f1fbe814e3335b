using System;
using System.IO;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>The code fixes from the command line: <c>dotnet format analyzers</c> on a consumer of the packed package.</summary>
public sealed class CodeFixEndToEndTests
{
    private const string Spec = """
        specguard: 1
        feature: CART
        title: Shopping cart
        criteria:
          - id: CART-001
            title: Items can be added to the cart
            then: the cart holds the item
          - id: CART-002
            title: Items can be removed from the cart
            then: the cart no longer holds the item
        """;

    private const string Cart = """
        using SpecGuard;

        namespace Shop;

        /// <summary>A shopping cart.</summary>
        [Implements("CART-01")]
        public sealed class Cart
        {
            /// <summary>Number of items.</summary>
            public int Count { get; private set; }

            /// <summary>Adds an item.</summary>
            public void Add() => Count++;

            /// <summary>Removes an item.</summary>
            [Implements(Legacy.CartRemove)]
            public void Remove() => Count--;
        }

        """;

    // What the SPEC102 fix makes of it: the literal stays a literal; the constant becomes the catalog constant,
    // qualified because "Cart" in namespace Shop is the class above, not the catalog's Cart.
    private const string FixedCart = """
        using SpecGuard;

        namespace Shop;

        /// <summary>A shopping cart.</summary>
        [Implements("CART-001")]
        public sealed class Cart
        {
            /// <summary>Number of items.</summary>
            public int Count { get; private set; }

            /// <summary>Adds an item.</summary>
            public void Add() => Count++;

            /// <summary>Removes an item.</summary>
            [Implements(SpecGuard.Specs.CartCriteria.CART_002)]
            public void Remove() => Count--;
        }

        """;

    private static ConsumerRepository Repository()
    {
        var repo = new ConsumerRepository();
        repo.Write("specs/cart.spec.yaml", Spec);
        repo.WriteStrictLibraryProject("src/Shop/Shop.csproj");
        repo.Write("src/Shop/Cart.cs", Cart);
        repo.Write("src/Shop/Legacy.cs", """
            namespace Shop;

            /// <summary>IDs written by hand before the catalog existed.</summary>
            internal static class Legacy
            {
                /// <summary>Misspelt: the spec says CART-002.</summary>
                internal const string CartRemove = "CART-02";
            }

            """);
        return repo;
    }

    [Fact]
    public void Dotnet_format_applies_the_closest_id_fix_and_the_project_then_builds()
    {
        using var repo = Repository();
        CommandResult broken = repo.Dotnet("src/Shop", "build");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("error SPEC102: [Implements] names 'CART-01', which no spec file declares. Did you mean CART-001?", broken.Output, StringComparison.Ordinal);

        repo.Dotnet("src/Shop", "format", "analyzers", "--diagnostics", "SPEC102", "--verbosity", "normal").ShouldSucceed();

        Assert.Equal(FixedCart.ReplaceLineEndings(), File.ReadAllText(Path.Combine(repo.Root, "src/Shop/Cart.cs")).ReplaceLineEndings());
        CommandResult build = repo.Dotnet("src/Shop", "build").ShouldSucceed();
        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_format_fixes_what_it_can_when_the_first_unknown_ID_has_no_suggestion()
    {
        using var repo = Repository();
        const string unrelated = """
            using SpecGuard;

            namespace Shop;

            /// <summary>Comes first in the file: its ID is close to nothing.</summary>
            [Implements("ZZZZ-999")]
            public sealed class Audit
            {
                /// <summary>Entries.</summary>
                public int Entries { get; private set; }

                /// <summary>Logs.</summary>
                public void Log() => Entries++;
            }

            """;
        repo.Write("src/Shop/Audit.cs", unrelated);
        repo.Write("src/Shop/Cart.cs", unrelated.Replace("Audit", "Audit2", StringComparison.Ordinal) + Cart[Cart.IndexOf("/// <summary>A shopping cart.", StringComparison.Ordinal)..]);

        repo.Dotnet("src/Shop", "format", "analyzers", "--diagnostics", "SPEC102", "--verbosity", "normal").ShouldSucceed();

        string cart = File.ReadAllText(Path.Combine(repo.Root, "src/Shop/Cart.cs"));
        Assert.Contains("[Implements(\"ZZZZ-999\")]", cart, StringComparison.Ordinal);
        Assert.Contains("[Implements(\"CART-001\")]", cart, StringComparison.Ordinal);
        Assert.Contains("[Implements(SpecGuard.Specs.CartCriteria.CART_002)]", cart, StringComparison.Ordinal);
        Assert.Equal(unrelated.ReplaceLineEndings(), File.ReadAllText(Path.Combine(repo.Root, "src/Shop/Audit.cs")).ReplaceLineEndings());
    }

    [Fact]
    public void Dotnet_format_never_links_or_exempts_untraced_code_on_its_own_and_can_baseline_it()
    {
        using var repo = Repository();
        repo.Write("src/Shop/Cart.cs", FixedCart);
        const string untraced = """
            namespace Shop;

            /// <summary>Totals.</summary>
            public sealed class Totals
            {
                /// <summary>Adds two amounts.</summary>
                /// <param name="a">One amount.</param>
                /// <param name="b">The other.</param>
                /// <returns>The sum.</returns>
                public int Sum(int a, int b) => a + b;
            }

            """;
        repo.Write("src/Shop/Totals.cs", untraced);
        // dotnet format edits additional files but does not create them (MSBuildWorkspace): the baseline must exist.
        repo.Write("src/Shop/SpecGuard.Baseline.txt", "# SpecGuard baseline\n");

        CommandResult format = repo.Dotnet("src/Shop", "format", "analyzers", "--diagnostics", "SPEC100", "--severity", "info", "--verbosity", "normal").ShouldSucceed();

        Assert.Contains("Unable to fix SPEC100. Code fix LinkCodeFixProvider doesn't support Fix All in Solution.", format.Output, StringComparison.Ordinal);
        Assert.Equal(untraced.ReplaceLineEndings(), File.ReadAllText(Path.Combine(repo.Root, "src/Shop/Totals.cs")).ReplaceLineEndings());

        // What it can do (issue 12): record the untraced code in the project's existing baseline, which the next build honours.
        string baseline = Path.Combine(repo.Root, "src/Shop/SpecGuard.Baseline.txt");
        Assert.True(File.Exists(baseline), "dotnet format wrote no baseline:\n" + format.Output);
        Assert.Contains("SPEC100 T:Shop.Totals\n", File.ReadAllText(baseline), StringComparison.Ordinal);
        CommandResult ci = repo.Dotnet("src/Shop", new System.Collections.Generic.Dictionary<string, string> { ["CI"] = "true" }, "build", "--no-incremental", "-p:TreatWarningsAsErrors=false").ShouldSucceed();
        Assert.DoesNotContain("SPEC100", ci.Output, StringComparison.Ordinal); // enforced, so SPEC100 would still be an error
    }
}
