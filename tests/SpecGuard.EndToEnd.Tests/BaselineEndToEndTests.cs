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
