using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>One result of a hand-written SARIF log.</summary>
/// <param name="RuleId">The rule, e.g. SPEC100 or CS1030.</param>
/// <param name="Message">message.text.</param>
/// <param name="Uri">artifactLocation.uri; null for a result without a location.</param>
/// <param name="Line">region.startLine; null leaves it out.</param>
/// <param name="Column">region.startColumn; null leaves it out.</param>
/// <param name="Level">level; null leaves it out (SARIF's default is warning).</param>
/// <param name="Suppressed">Writes csc's <c>suppressions: [{ kind: inSource }]</c>.</param>
/// <param name="UriBaseId">artifactLocation.uriBaseId.</param>
/// <param name="Key">The SpecGuardSymbolKey diagnostic property, written where csc writes Properties (properties.customProperties; RealCompilerSymbolKeyTests).</param>
public sealed record SarifResult(string RuleId, string Message, string? Uri, int? Line = null, int? Column = null, string? Level = "warning", bool Suppressed = false, string? UriBaseId = null, string? Key = null);

/// <summary>Writes SARIF 2.1.0 in the shape csc's ErrorLog has (checked against a real build in RealCompilerSarifTests).</summary>
public static class SarifWriter
{
    /// <param name="rules">Rule IDs for tool.driver.rules (csc lists every rule of every analyzer that ran, reported or not).</param>
    public static string Write(IEnumerable<SarifResult> results, IReadOnlyDictionary<string, string>? originalUriBaseIds = null, IEnumerable<string>? rules = null)
    {
        var run = new Dictionary<string, object?>
        {
            ["results"] = results.Select(static (r, i) => Result(r, i)).ToList(),
            ["tool"] = new Dictionary<string, object?>
            {
                ["driver"] = new Dictionary<string, object?> { ["name"] = "Microsoft (R) Visual C# Compiler", ["version"] = "5.0.0", ["rules"] = (rules ?? []).Select(static id => (object)new Dictionary<string, string> { ["id"] = id }).ToList() },
            },
            ["columnKind"] = "utf16CodeUnits",
        };
        if (originalUriBaseIds is not null)
        {
            run["originalUriBaseIds"] = originalUriBaseIds.ToDictionary(static p => p.Key, static p => (object)new Dictionary<string, string> { ["uri"] = p.Value });
        }

        var log = new Dictionary<string, object?>
        {
            ["$schema"] = "http://json.schemastore.org/sarif-2.1.0",
            ["version"] = "2.1.0",
            ["runs"] = new[] { run },
        };
        return JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true });
    }

    private static Dictionary<string, object?> Result(SarifResult r, int index)
    {
        var result = new Dictionary<string, object?> { ["ruleId"] = r.RuleId, ["ruleIndex"] = index };
        if (r.Level is not null)
        {
            result["level"] = r.Level;
        }

        result["message"] = new Dictionary<string, string> { ["text"] = r.Message };
        if (r.Suppressed)
        {
            result["suppressions"] = new[] { new Dictionary<string, object> { ["kind"] = "inSource", ["properties"] = new Dictionary<string, string> { ["suppressionType"] = "Pragma Directive" } } };
        }

        if (r.Uri is not null)
        {
            var artifact = new Dictionary<string, string> { ["uri"] = r.Uri };
            if (r.UriBaseId is not null)
            {
                artifact["uriBaseId"] = r.UriBaseId;
            }

            var region = new Dictionary<string, int>();
            if (r.Line is { } line)
            {
                region["startLine"] = line;
                region["endLine"] = line;
            }

            if (r.Column is { } column)
            {
                region["startColumn"] = column;
                region["endColumn"] = column + 5;
            }

            result["locations"] = new[] { new Dictionary<string, object> { ["physicalLocation"] = new Dictionary<string, object> { ["artifactLocation"] = artifact, ["region"] = region } } };
        }

        var properties = new Dictionary<string, object> { ["warningLevel"] = 1 };
        if (r.Key is not null)
        {
            properties["customProperties"] = new Dictionary<string, string> { ["SpecGuardSymbolKey"] = r.Key };
        }

        result["properties"] = properties;
        return result;
    }
}
