using System;
using System.Linq;
using SpecGuard.Cli.Tests.Fixtures;
using SpecGuard.Core.Diagnostics;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>
/// Issue 16: a specguard.handler_types name that no project of the solution sees is SPEC901, decided by the report
/// across every project's log (each project alone reports SPEC903, a message: it may simply not reference the type).
/// </summary>
public sealed class HandlerTypesAcrossProjectsTests : IClassFixture<ShopFixture>
{
    private const string Typo = "MyApp.Application.IIntegrationEventHandlr`1";
    private const string Seen = "MyApp.Application.IIntegrationEventHandler`1";

    private static readonly string[] SpecGuardRules = [.. SpecRules.All.Select(static r => r.Id)];

    private readonly ShopFixture _shop;
    private readonly string _case = "case-" + Guid.NewGuid().ToString("N")[..8];

    public HandlerTypesAcrossProjectsTests(ShopFixture shop) => _shop = shop;

    private string Case(string relative) => _case + "/" + relative;

    private static SarifResult NotVisible(string name) => new(SpecRuleIds.HandlerTypeNotVisible, SpecRules.HandlerTypeNotVisibleMessage(name), null, Level: "note");

    private void WriteLogs(bool withApplication)
    {
        // Domain sees neither name; Application declares the real one; a project with no spec files and a log from a
        // SpecGuard without SPEC903 do not count.
        _shop.Write(Case("src/Domain/obj/Domain.specguard.sarif"), SarifWriter.Write([NotVisible(Seen), NotVisible(Typo)], rules: SpecGuardRules));
        if (withApplication)
        {
            _shop.Write(Case("src/Application/obj/Application.specguard.sarif"), SarifWriter.Write([NotVisible(Typo)], rules: SpecGuardRules));
        }

        _shop.Write(Case("src/Tools/obj/Tools.specguard.sarif"), SarifWriter.Write([new SarifResult(SpecRuleIds.NoSpecFiles, "no spec files", null)], rules: SpecGuardRules));
        _shop.Write(Case("src/Old/obj/Old.specguard.sarif"), SarifWriter.Write([], rules: ["SPEC100", "SPEC101"]));
    }

    [Fact]
    public void A_name_every_project_reports_as_not_visible_is_SPEC901_and_fails_the_untraced_code_gate()
    {
        WriteLogs(withApplication: true);

        CliRun run = _shop.Run("report", "-a", "bin", "--findings", Case("src"), "--fail-on", "untraced-code", "-o", Case("report.md"));

        Assert.Equal(1, run.Exit);
        string expected = $"SPEC901: The analyzer option specguard.handler_types names '{Typo}', which no project of the solution declares or references (2 project log(s) checked)";
        Assert.Contains("specguard report: error " + expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Seen + "', which no project", run.Error, StringComparison.Ordinal);
        Assert.Contains("  " + expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_one_project_sees_is_not_reported()
    {
        WriteLogs(withApplication: true);
        _shop.Write(Case("src/Application/obj/Application.specguard.sarif"), SarifWriter.Write([], rules: SpecGuardRules));

        CliRun run = _shop.Run("report", "-a", "bin", "--findings", Case("src"), "--fail-on", "untraced-code", "-o", Case("report.md"));

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("SPEC901", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_project_that_declares_it_both_names_are_reported_once_each_in_order()
    {
        WriteLogs(withApplication: false);

        CliRun run = _shop.Run("report", "-a", "bin", "--findings", Case("src"), "-o", Case("report.md"));

        Assert.Equal(0, run.Exit); // reported, but only --fail-on untraced-code makes it the exit code
        string[] lines = [.. run.Error.ReplaceLineEndings("\n").Split('\n').Where(static l => l.StartsWith("specguard report: error SPEC901", StringComparison.Ordinal))];
        Assert.Equal(2, lines.Length);
        Assert.Contains("'" + Seen + "'", lines[0], StringComparison.Ordinal);
        Assert.Contains("'" + Typo + "'", lines[1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Contains("(1 project log(s) checked)", l, StringComparison.Ordinal));
    }
}
