using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpecGuard.Cli.Report;

/// <summary>One SpecGuard diagnostic that a compiler logged (a SARIF result whose rule ID is <c>SPECnnn</c>).</summary>
/// <param name="Id">The rule, e.g. <c>SPEC100</c>.</param>
/// <param name="Level">The SARIF level as logged: <c>error</c>, <c>warning</c>, <c>note</c> or <c>none</c> (<c>warning</c> when absent).</param>
/// <param name="Path">The source file: a full local path when read, as displayed once in the report; a non-file URI as written; null when the result has no location.</param>
/// <param name="Line">1-based start line (1 when the region does not say); null without a location.</param>
/// <param name="Column">1-based start column (1 when the region does not say); null without a location.</param>
/// <param name="Message">The message text.</param>
internal sealed record SpecFinding(string Id, string Level, string? Path, int? Line, int? Column, string Message)
{
    /// <summary>The finding as one line: <c>path(line,col): SPEC100: message</c>, or <c>SPEC902: message</c> without a location.</summary>
    public string Text => (Path is null ? string.Empty : Location + ": ") + Id + ": " + Message;

    /// <summary>Decided by the report across every project's log, not read from one (SPEC901 for a handler type no project sees).</summary>
    public bool SolutionWide { get; init; }

    /// <summary>
    /// The baseline key of the symbol the finding is on (<see cref="SpecGuard.Core.SpecContract.SymbolKeyProperty"/> in the
    /// result's <c>properties.customProperties</c>, where csc writes a diagnostic's Properties, in SARIF 2.1.0 and 1.0.0);
    /// null when the result has none (another rule, or a SpecGuard package older than the baseline).
    /// </summary>
    public string? Key { get; init; }

    /// <summary><c>path(line,col)</c>, or empty without a location.</summary>
    public string Location => Path is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{Path}({Line},{Column})");
}

/// <summary>What was read from one SARIF file.</summary>
/// <param name="Findings">The SpecGuard findings that are not suppressed in source.</param>
/// <param name="Suppressed">SpecGuard results suppressed in source (<c>#pragma</c>, <c>[SuppressMessage]</c>): not findings.</param>
/// <param name="Problem">Why the file was skipped, or null when it was read.</param>
internal sealed record SarifReadResult(IReadOnlyList<SpecFinding> Findings, int Suppressed, string? Problem)
{
    /// <summary>The SpecGuard rule IDs the log's tool metadata lists (the rules of the analyzers that ran, reported or not).</summary>
    public IReadOnlyCollection<string> ListedRules { get; init; } = [];
}

/// <summary>
/// Reads the SpecGuard findings out of a compiler's SARIF log (csc's <c>ErrorLog</c>, SARIF 2.1.0; also the 1.0.0 format
/// csc writes when <c>ErrorLog</c> names no version). Only results whose <c>ruleId</c> is <c>SPEC</c> and three digits
/// are taken; other analyzers' results are ignored, and so are results suppressed in source. A file that is not JSON
/// or not a SARIF log is skipped whole, never half-read.
/// </summary>
internal static partial class SarifReader
{
    private const int MaxBaseDepth = 8;

    public static SarifReadResult Read(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Read(stream, Path.GetDirectoryName(Path.GetFullPath(path)) ?? Path.GetFullPath("."));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Skipped("cannot read the file (" + exception.Message + "); skipped");
        }
    }

    /// <summary>Reads a SARIF log; relative URIs without a usable base are resolved against <paramref name="folder"/> (the log's folder).</summary>
    public static SarifReadResult Read(Stream stream, string folder)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            // A log cut short (a build that was killed while writing) lands here too: skipped whole.
            return Skipped("not a SARIF log (not JSON, or cut short: " + OneLine(exception.Message) + "); skipped");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Skipped("not a SARIF log (the JSON is not an object); skipped");
            }

            string? version = String(root, "version");
            bool v1 = version == "1.0.0";
            if (!v1 && version != "2.1.0")
            {
                return Skipped(version is null
                    ? "not a SARIF log (no \"version\"); skipped"
                    : "not a SARIF 2.1.0 log (version '" + OneLine(version) + "'); skipped");
            }

            if (!root.TryGetProperty("runs", out JsonElement runs) || runs.ValueKind != JsonValueKind.Array)
            {
                return Skipped("not a SARIF log (no \"runs\" array); skipped");
            }

            var findings = new List<SpecFinding>();
            var listed = new SortedSet<string>(StringComparer.Ordinal);
            int suppressed = 0;
            foreach (JsonElement run in runs.EnumerateArray())
            {
                ListRules(run, v1, listed);
                if (run.ValueKind != JsonValueKind.Object || !run.TryGetProperty("results", out JsonElement results) || results.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                Dictionary<string, JsonElement> bases = Bases(run);
                foreach (JsonElement result in results.EnumerateArray())
                {
                    if (result.ValueKind != JsonValueKind.Object || RuleId(result) is not { } id || !SpecRuleId().IsMatch(id))
                    {
                        continue;
                    }

                    if (IsSuppressed(result, v1))
                    {
                        suppressed++;
                        continue;
                    }

                    findings.Add(Finding(result, id, v1, run, bases, folder));
                }
            }

            return new SarifReadResult(findings, suppressed, null) { ListedRules = listed };
        }
    }

    private static SarifReadResult Skipped(string problem) => new([], 0, problem);

    // 2.1.0: runs[].tool.driver.rules[].id; 1.0.0: runs[].rules is an object keyed by rule ID.
    private static void ListRules(JsonElement run, bool v1, SortedSet<string> listed)
    {
        if (run.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (v1)
        {
            if (run.TryGetProperty("rules", out JsonElement byId) && byId.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty rule in byId.EnumerateObject())
                {
                    if (SpecRuleId().IsMatch(rule.Name))
                    {
                        listed.Add(rule.Name);
                    }
                }
            }

            return;
        }

        if (Object(run, "tool") is { } tool && Object(tool, "driver") is { } driver &&
            driver.TryGetProperty("rules", out JsonElement rules) && rules.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement rule in rules.EnumerateArray())
            {
                if (rule.ValueKind == JsonValueKind.Object && String(rule, "id") is { } id && SpecRuleId().IsMatch(id))
                {
                    listed.Add(id);
                }
            }
        }
    }

    private static SpecFinding Finding(JsonElement result, string id, bool v1, JsonElement run, Dictionary<string, JsonElement> bases, string folder) =>
        Located(result, id, v1, run, bases, folder) with { Key = SymbolKey(result) };

    /// <summary>csc writes a diagnostic's Properties as <c>result.properties.customProperties</c> (2.1.0 and 1.0.0 alike).</summary>
    private static string? SymbolKey(JsonElement result) =>
        Object(result, "properties") is { } properties && Object(properties, "customProperties") is { } custom
            ? String(custom, SpecGuard.Core.SpecContract.SymbolKeyProperty)
            : null;

    private static SpecFinding Located(JsonElement result, string id, bool v1, JsonElement run, Dictionary<string, JsonElement> bases, string folder)
    {
        string level = String(result, "level") ?? "warning";
        string message = v1
            ? String(result, "message") ?? string.Empty
            : result.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.Object ? String(m, "text") ?? string.Empty : string.Empty;

        // 2.1.0: locations[0].physicalLocation.{artifactLocation, region}; 1.0.0: locations[0].resultFile.{uri, uriBaseId, region}.
        if (result.TryGetProperty("locations", out JsonElement locations) && locations.ValueKind == JsonValueKind.Array && locations.GetArrayLength() > 0
            && locations[0].ValueKind == JsonValueKind.Object
            && (v1 ? Object(locations[0], "resultFile") : Object(locations[0], "physicalLocation")) is { } physical)
        {
            JsonElement? artifact = v1 ? physical : Object(physical, "artifactLocation");
            if (artifact is { } a && ArtifactPath(a, run, bases, folder) is { } path)
            {
                JsonElement? region = Object(physical, "region");
                return new SpecFinding(id, level, path, Position(region, "startLine"), Position(region, "startColumn"), message);
            }
        }

        return new SpecFinding(id, level, null, null, null, message);
    }

    private static string? RuleId(JsonElement result) =>
        String(result, "ruleId") ?? (Object(result, "rule") is { } rule ? String(rule, "id") : null);

    /// <summary>
    /// 2.1.0: suppressed when a suppression is accepted (its <c>status</c> absent or <c>accepted</c>; <c>underReview</c>
    /// and <c>rejected</c> do not suppress, as the SARIF standard says). 1.0.0: any <c>suppressionStates</c> entry.
    /// </summary>
    private static bool IsSuppressed(JsonElement result, bool v1)
    {
        if (v1)
        {
            return result.TryGetProperty("suppressionStates", out JsonElement states) && states.ValueKind == JsonValueKind.Array && states.GetArrayLength() > 0;
        }

        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("suppressions", out JsonElement suppressions) || suppressions.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (JsonElement suppression in suppressions.EnumerateArray())
        {
            string? status = suppression.ValueKind == JsonValueKind.Object ? String(suppression, "status") : null;
            if (status is null or "accepted")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>run.originalUriBaseIds: 2.1.0 maps a name to an artifactLocation object, 1.0.0 to a URI string.</summary>
    private static Dictionary<string, JsonElement> Bases(JsonElement run)
    {
        var bases = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Object(run, "originalUriBaseIds") is { } map)
        {
            foreach (JsonProperty property in map.EnumerateObject())
            {
                bases[property.Name] = property.Value;
            }
        }

        return bases;
    }

    private static string? ArtifactPath(JsonElement artifact, JsonElement run, Dictionary<string, JsonElement> bases, string folder)
    {
        string? uri = String(artifact, "uri");
        if (uri is null && artifact.ValueKind == JsonValueKind.Object && artifact.TryGetProperty("index", out JsonElement index) && index.TryGetInt32(out int i)
            && run.TryGetProperty("artifacts", out JsonElement artifacts) && artifacts.ValueKind == JsonValueKind.Array && i >= 0 && i < artifacts.GetArrayLength()
            && Object(artifacts[i], "location") is { } location)
        {
            return ArtifactPath(location, run, bases, folder);
        }

        return uri is null ? null : Resolve(uri, String(artifact, "uriBaseId"), bases, folder, 0);
    }

    /// <summary>A file URI as a local path; a relative reference against its base (or <paramref name="folder"/>); any other URI as written.</summary>
    private static string Resolve(string uri, string? baseId, Dictionary<string, JsonElement> bases, string folder, int depth)
    {
        if (HasScheme().IsMatch(uri) && Uri.TryCreate(uri, UriKind.Absolute, out Uri? absolute))
        {
            return absolute.IsFile ? absolute.LocalPath : uri;
        }

        string relative = Uri.UnescapeDataString(StripQueryAndFragment(uri));
        if (Path.IsPathRooted(relative))
        {
            return Path.GetFullPath(relative);
        }

        string baseFolder = folder;
        if (baseId is not null && depth < MaxBaseDepth && bases.TryGetValue(baseId, out JsonElement entry))
        {
            string? baseUri = entry.ValueKind switch
            {
                JsonValueKind.String => entry.GetString(),
                JsonValueKind.Object => String(entry, "uri"),
                _ => null,
            };
            if (baseUri is not null)
            {
                string? parent = entry.ValueKind == JsonValueKind.Object ? String(entry, "uriBaseId") : null;
                string resolved = Resolve(baseUri, parent, bases, folder, depth + 1);
                if (!HasScheme().IsMatch(resolved) || Path.IsPathRooted(resolved))
                {
                    baseFolder = resolved;
                }
            }
        }

        try
        {
            return Path.GetFullPath(Path.Combine(baseFolder, relative));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return uri;
        }
    }

    private static string StripQueryAndFragment(string uri)
    {
        int end = uri.IndexOfAny(['?', '#']);
        return end < 0 ? uri : uri[..end];
    }

    private static int Position(JsonElement? region, string name) =>
        region is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 1 ? n : 1;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [GeneratedRegex("^SPEC[0-9]{3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SpecRuleId();

    /// <summary>A URI scheme of two letters or more (<c>file:</c>, <c>https:</c>), so that a Windows drive (<c>C:</c>) is not one.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex HasScheme();
}
