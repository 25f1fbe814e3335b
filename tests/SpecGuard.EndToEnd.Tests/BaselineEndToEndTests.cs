using System;
using System.Collections.Generic;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// Issue 12 on the packed package: the project folder's SpecGuard.Baseline.txt is picked up with no configuration, the
/// baselined endpoint passes CI while a new one fails it alone, SpecGuardBaseline=false shows the debt again, and a
/// linked baselined endpoint leaves a stale entry (SPEC107) on its line of the baseline.
/// </summary>
public sealed class BaselineEndToEndTests
{
    private static readonly Dictionary<string, string> Ci = new() { ["CI"] = "true" };

    [Fact]
    public void A_baselined_endpoint_passes_CI_a_new_one_fails_it_and_linking_the_old_one_shows_its_stale_entry()
    {
        using var repo = EnforcementEndToEndTests.WebApp("() => \"all\"");
        repo.Write("src/Shop/SpecGuard.Baseline.txt", "# baseline\nSPEC101 endpoint:MapGet(\"/orders\") in M:Program.{Main}$(System.String[])\n");

        CommandResult baselined = repo.Dotnet("src/Shop", Ci, "build").ShouldSucceed();
        Assert.DoesNotContain("SPEC101", baselined.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SPEC107", baselined.Output, StringComparison.Ordinal);

        CommandResult withoutBaseline = repo.Dotnet("src/Shop", Ci, "build", "--no-incremental", "-p:SpecGuardBaseline=false");
        Assert.NotEqual(0, withoutBaseline.ExitCode);
        Assert.Contains("Program.cs(4,23): error SPEC101:", withoutBaseline.Output, StringComparison.Ordinal);

        repo.Write("src/Shop/Program.cs", """
            using SpecGuard;

            var app = WebApplication.Create(args);
            app.MapGet("/orders", () => "all");
            app.MapGet("/new", () => "new");
            app.Run();
            """);
        CommandResult newEndpoint = repo.Dotnet("src/Shop", Ci, "build", "--no-incremental");
        Assert.NotEqual(0, newEndpoint.ExitCode);
        Assert.Contains("Program.cs(5,20): error SPEC101: The minimal-API MapGet(\"/new\") endpoint", newEndpoint.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Program.cs(4,", newEndpoint.Output, StringComparison.Ordinal);

        repo.Write("src/Shop/Program.cs", """
            using SpecGuard;

            var app = WebApplication.Create(args);
            app.MapGet("/orders", [Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)] () => "all");
            app.Run();
            """);
        CommandResult linked = repo.Dotnet("src/Shop", Ci, "build", "--no-incremental").ShouldSucceed();
        Assert.Contains("SpecGuard.Baseline.txt(2,1): warning SPEC107: The baseline entry 'SPEC101 endpoint:MapGet(\"/orders\") in M:Program.{Main}$(System.String[])' exempts nothing", linked.Output, StringComparison.Ordinal);
    }
}

/// <summary>
/// Issue 12's flow on the packed package and the real CLI: an app with untraced controller actions and a handler →
/// <c>specguard baseline</c> → <c>CI=true dotnet build</c> passes → a new untraced action fails CI with SPEC101 on it alone
/// → linking a baselined action shows its stale entry, and running <c>specguard baseline</c> again removes it.
/// </summary>
public sealed class BaselineAdoptionEndToEndTests
{
    private static readonly Dictionary<string, string> Ci = new() { ["CI"] = "true" };

    private const string Controller = """
        using Microsoft.AspNetCore.Mvc;

        namespace Shop;

        [ApiController]
        [Route("orders")]
        public sealed class OrdersController : ControllerBase
        {
            [HttpGet]
            public string List() => "all";

            [HttpPost]
            public string Place() => "placed";
        NEW
        }
        """;

    [Fact]
    public void Baseline_then_CI_passes_new_code_fails_alone_and_linked_code_leaves_a_stale_entry_that_a_rerun_removes()
    {
        using var repo = EnforcementEndToEndTests.WebApp("() => \"all\"");
        repo.Write("src/Shop/Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """);
        repo.Write("src/Shop/OrdersController.cs", Controller.Replace("NEW", string.Empty, StringComparison.Ordinal));

        CommandResult firstCi = repo.Dotnet("src/Shop", Ci, "build");
        Assert.NotEqual(0, firstCi.ExitCode);
        Assert.Contains("error SPEC101: The controller action OrdersController.List", firstCi.Output, StringComparison.Ordinal);

        CommandResult baseline = Cli(repo, "src/Shop", "baseline").ShouldSucceed();
        string file = System.IO.File.ReadAllText(System.IO.Path.Combine(repo.Root, "src/Shop/SpecGuard.Baseline.txt"));
        Assert.Contains("SPEC101 M:Shop.OrdersController.List\n", file, StringComparison.Ordinal);
        Assert.Contains("SPEC101 M:Shop.OrdersController.Place\n", file, StringComparison.Ordinal);
        Assert.Contains("Shop", baseline.Output, StringComparison.Ordinal);

        CommandResult ci = repo.Dotnet("src/Shop", Ci, "build").ShouldSucceed();
        Assert.DoesNotContain("SPEC101", ci.Output, StringComparison.Ordinal);

        repo.Write("src/Shop/OrdersController.cs", Controller.Replace("NEW", "\n    [HttpDelete]\n    public string Cancel() => \"cancelled\";", StringComparison.Ordinal));
        CommandResult newAction = repo.Dotnet("src/Shop", Ci, "build");
        Assert.NotEqual(0, newAction.ExitCode);
        Assert.Contains("error SPEC101: The controller action OrdersController.Cancel", newAction.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrdersController.List", newAction.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OrdersController.Place", newAction.Output, StringComparison.Ordinal);

        repo.Write("src/Shop/OrdersController.cs", Controller
            .Replace("NEW", string.Empty, StringComparison.Ordinal)
            .Replace("    [HttpGet]", "    [HttpGet]\n    [SpecGuard.Implements(\"ORDERS-001\")]", StringComparison.Ordinal));
        CommandResult linked = repo.Dotnet("src/Shop", Ci, "build").ShouldSucceed();
        Assert.Contains("SpecGuard.Baseline.txt(", linked.Output, StringComparison.Ordinal);
        Assert.Contains("warning SPEC107: The baseline entry 'SPEC101 M:Shop.OrdersController.List' exempts nothing", linked.Output, StringComparison.Ordinal);

        Cli(repo, "src/Shop", "baseline").ShouldSucceed();
        string shrunk = System.IO.File.ReadAllText(System.IO.Path.Combine(repo.Root, "src/Shop/SpecGuard.Baseline.txt"));
        Assert.DoesNotContain("OrdersController.List", shrunk, StringComparison.Ordinal);
        Assert.Contains("SPEC101 M:Shop.OrdersController.Place\n", shrunk, StringComparison.Ordinal);
        Assert.DoesNotContain("SPEC107", repo.Dotnet("src/Shop", Ci, "build").ShouldSucceed().Output, StringComparison.Ordinal);
    }

    private static CommandResult Cli(ConsumerRepository repo, string folder, params string[] arguments) =>
        Dotnet.Run(
            System.IO.Path.Combine(repo.Root, folder),
            ["run", "--project", System.IO.Path.Combine(PackedPackage.RepositoryRoot, "src/SpecGuard.Cli/SpecGuard.Cli.csproj"), "--", .. arguments]);
}
