using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SpecGuard.Cli.Report;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;

namespace SpecGuard.Cli.Output;

/// <summary>
/// Writes <see cref="CodeScanResult"/>s as one SARIF 2.1.0 log (one run, tool <c>SpecGuard</c>) for code scanning
/// (GitHub's <c>upload-sarif</c>, IDE SARIF viewers): the one writer of <c>validate</c>, <c>report</c> and <c>diff</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Rules: only those the results use, ordered by ID. A <c>SPECnnn</c> ID is described from
/// <see cref="SpecRules"/> (the one place rules are declared; an <paramref name="extraRules"/> entry with such an ID is
/// ignored); any other from <c>extraRules</c>. A result whose rule is in neither is still written, with a rule entry of
/// just its ID: the writer never throws for its input, because results can come from files the user passed (a
/// <c>--findings</c> log of a newer SpecGuard may name a rule this version does not know).</item>
/// <item>Locations: a path under <c>sourceRoot</c> is a relative URI with <c>uriBaseId</c> <see cref="SourceRootBaseId"/>,
/// whose absolute <c>file:</c> URI is in <c>run.originalUriBaseIds</c>; a path outside it is an absolute <c>file:</c>
/// URI. Each path segment is percent-encoded (space, <c>#</c>, <c>%</c>, non-ASCII as UTF-8). A result without a path
/// has no <c>locations</c>.</item>
/// <item><c>partialFingerprints["specguard/v1"]</c>: SHA-256 of rule, artifact URI and message (not the line, so an
/// alert survives lines moving), then <c>:n</c>, the result's occurrence among results with the same hash.</item>
/// <item>Deterministic: results in <see cref="CodeScanResult.Ordered"/> order; indented, '\n' line ends, UTF-8 without
/// BOM when written as UTF-8 (the string has no BOM), ending in '\n'.</item>
/// </list>
/// </remarks>
internal static class SarifLogWriter
{
    /// <summary>The <c>$schema</c> of the log.</summary>
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>
    /// The <c>uriBaseId</c> of relative locations, and its key in <c>run.originalUriBaseIds</c> (SARIF §3.4.4: the key
    /// is the uriBaseId as written). <c>%SRCROOT%</c> is the name CodeQL and GitHub's examples use.
    /// </summary>
    public const string SourceRootBaseId = "%SRCROOT%";

    /// <summary>The key of the one partial fingerprint written.</summary>
    public const string FingerprintKey = "specguard/v1";

    /// <summary>The tool's name in <c>tool.driver.name</c>.</summary>
    public const string ToolName = "SpecGuard";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, never embedded in HTML: non-ASCII stays readable
    };

    /// <summary>The SARIF log of <paramref name="results"/>; see the class remarks.</summary>
    /// <param name="results">In any order.</param>
    /// <param name="sourceRoot">The folder relative URIs are relative to: the repository root (<see cref="SourceRoot.Find"/>).</param>
    /// <param name="extraRules">Rules for the results' non-<c>SPECnnn</c> IDs (<c>specguard/…</c>).</param>
    public static string Write(IReadOnlyList<CodeScanResult> results, string sourceRoot, IReadOnlyList<CodeScanRule>? extraRules = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(sourceRoot);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        IReadOnlyList<CodeScanResult> ordered = CodeScanResult.Ordered(results);

        Dictionary<string, SpecRule> specRules = SpecRules.All.ToDictionary(static r => r.Id, StringComparer.Ordinal);
        var otherRules = new Dictionary<string, CodeScanRule>(StringComparer.Ordinal);
        foreach (CodeScanRule rule in extraRules ?? [])
        {
            otherRules.TryAdd(rule.Id, rule);
        }

        string[] ruleIds = [.. ordered.Select(static r => r.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ruleIds.Length; i++)
        {
            ruleIndex[ruleIds[i]] = i;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolName);
            json.WriteString("semanticVersion", TraceReport.Version);
            json.WriteString("version", TraceReport.Version);
            json.WriteString("informationUri", ProjectLinks.ProjectUrl);
            json.WriteStartArray("rules");
            foreach (string id in ruleIds)
            {
                WriteRule(json, id, specRules, otherRules);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRootBaseId);
            json.WriteString("uri", FileUri(root, directory: true));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteString("columnKind", "utf16CodeUnits");

            json.WriteStartArray("results");
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (CodeScanResult result in ordered)
            {
                WriteResult(json, result, ruleIndex[result.RuleId], root, occurrences);
            }

            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteRule(Utf8JsonWriter json, string id, Dictionary<string, SpecRule> specRules, Dictionary<string, CodeScanRule> otherRules)
    {
        json.WriteStartObject();
        json.WriteString("id", Clean(id));
        if (specRules.TryGetValue(id, out SpecRule? spec))
        {
            WriteText(json, "shortDescription", spec.Title);
            WriteText(json, "fullDescription", spec.Description);
            json.WriteString("helpUri", spec.HelpLink);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(spec.DefaultSeverity));
            json.WriteEndObject();
        }
        else if (otherRules.TryGetValue(id, out CodeScanRule? other))
        {
            WriteText(json, "shortDescription", other.Title);
            WriteText(json, "fullDescription", other.Description);
            json.WriteString("helpUri", Clean(other.HelpUri));
        }

        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, CodeScanResult result, int ruleIndex, string root, Dictionary<string, int> occurrences)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", Clean(result.RuleId));
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(result.Level));
        WriteText(json, "message", result.Message);

        (string Uri, bool Relative)? artifact = result.Path is { } path ? ArtifactUri(path, root) : null;
        if (artifact is { } a)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", a.Uri);
            if (a.Relative)
            {
                json.WriteString("uriBaseId", SourceRootBaseId);
            }

            json.WriteEndObject();
            if (result.Line is >= 1 and int line)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line);
                if (result.Column is >= 1 and int column)
                {
                    json.WriteNumber("startColumn", column);
                }

                if (result.EndLine is int endLine && endLine >= line)
                {
                    json.WriteNumber("endLine", endLine);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        string hash = Fingerprint(result.RuleId, artifact?.Uri ?? string.Empty, result.Message);
        int occurrence = occurrences.TryGetValue(hash, out int seen) ? seen + 1 : 1;
        occurrences[hash] = occurrence;
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, hash + ":" + occurrence.ToString(CultureInfo.InvariantCulture));
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", Clean(text));
        json.WriteEndObject();
    }

    /// <summary>SHA-256 (lower-case hex) of the rule, the artifact URI and the message, each ended by a NUL.</summary>
    private static string Fingerprint(string ruleId, string uri, string message)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Clean(ruleId) + "\0" + uri + "\0" + Clean(message) + "\0");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// The URI of <paramref name="path"/>: relative to <paramref name="root"/> when inside it (segments percent-encoded,
    /// '/' between), else an absolute <c>file:</c> URI; null for a path that is not a usable local path.
    /// </summary>
    internal static (string Uri, bool Relative)? ArtifactUri(string path, string root)
    {
        string full;
        string relative;
        try
        {
            full = Path.GetFullPath(path, root);
            relative = Path.GetRelativePath(root, full);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        if (IsInside(relative))
        {
            return (string.Join('/', Segments(relative).Select(EscapeSegment)), true);
        }

        return (FileUri(full, directory: false), false);
    }

    private static bool IsInside(string relative) =>
        relative != "." && relative != ".." && !Path.IsPathRooted(relative)
        && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        && !relative.StartsWith(".." + Path.AltDirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// The absolute <c>file:</c> URI of a full path, each segment percent-encoded: <c>file:///home/a%20b/x.yaml</c>,
    /// <c>file:///C:/src/x.yaml</c>, <c>file://server/share/x.yaml</c>; a folder's ends in '/'.
    /// </summary>
    internal static string FileUri(string fullPath, bool directory)
    {
        string path = Slashes(fullPath);
        string prefix;
        string rest;
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            // UNC: \\server\share\... → file://server/share/...
            int slash = path.IndexOf('/', 2);
            string host = slash < 0 ? path[2..] : path[2..slash];
            prefix = "file://" + Uri.EscapeDataString(Clean(host)) + "/";
            rest = slash < 0 ? string.Empty : path[(slash + 1)..];
        }
        else if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
        {
            prefix = "file:///" + path[..2] + "/";
            rest = path[2..].TrimStart('/');
        }
        else
        {
            prefix = "file:///";
            rest = path.TrimStart('/');
        }

        string uri = prefix + string.Join('/', rest.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(EscapeSegment));
        return directory && !uri.EndsWith('/') ? uri + "/" : uri;
    }

    private static string Slashes(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/');

    private static string[] Segments(string relative) => Slashes(relative).Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string EscapeSegment(string segment) => Uri.EscapeDataString(Clean(segment));

    /// <summary>SARIF's level of a result.</summary>
    public static string Level(ResultLevel level) => level switch
    {
        ResultLevel.Error => "error",
        ResultLevel.Warning => "warning",
        _ => "note",
    };

    private static string Level(SpecSeverity severity) => severity switch
    {
        SpecSeverity.Error => "error",
        SpecSeverity.Warning => "warning",
        SpecSeverity.Info => "note",
        _ => "none",
    };

    /// <summary>Text with every lone UTF-16 surrogate (from a hostile input file) replaced by U+FFFD, which JSON and URIs can carry.</summary>
    internal static string Clean(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]))
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    for (int j = 0; j < source.Length; j++)
                    {
                        char c = source[j];
                        bool paired = char.IsHighSurrogate(c) ? j + 1 < source.Length && char.IsLowSurrogate(source[j + 1])
                            : !char.IsLowSurrogate(c) || (j > 0 && char.IsHighSurrogate(source[j - 1]));
                        span[j] = paired ? c : '\uFFFD';
                    }
                });
            }
        }

        return text;
    }
}
