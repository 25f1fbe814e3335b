using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Cli.Output;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Text;
using SpecGuard.Core;

namespace SpecGuard.Cli;

/// <summary>
/// <c>specguard validate</c>: load spec files, print diagnostics in the compiler's format (or JSON, or SARIF for code
/// scanning); in a GitHub Actions job also as annotations, on stderr (<see cref="GitHubAnnotations"/>).
/// </summary>
[SpecGuard.Implements(SpecGuard.Specs.CliCriteria.CLI_001)]
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Command Create(TextWriter output, TextWriter error, string currentDirectory, Func<string, string?> environment)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Spec files or folders to check (default: the specs root, 'specs/' here or in the nearest parent folder).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (the compiler's format), json, or sarif (SARIF 2.1.0 for code scanning; paths relative to the git repository root).",
            DefaultValueFactory = static _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");

        var command = new Command("validate", "Check spec files against the schema and the rules; print problems as 'file(line,col): error SPECnnn: message'. Exit code 0: no errors; 1: errors found; 2: usage error.")
        {
            paths,
            format,
        };
        command.SetAction(parse => Run(parse.GetValue(paths) ?? [], parse.GetValue(format) ?? "text", output, error, currentDirectory, environment));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string format, TextWriter output, TextWriter error, string currentDirectory) =>
        Run(paths, format, output, error, currentDirectory, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Run(IReadOnlyList{string}, string, TextWriter, TextWriter, string)"/>, with the environment read through <paramref name="environment"/> (GITHUB_ACTIONS, GITHUB_WORKSPACE).</summary>
    public static int Run(IReadOnlyList<string> paths, string format, TextWriter output, TextWriter error, string currentDirectory, Func<string, string?> environment)
    {
        var roots = new List<string>(paths);
        if (roots.Count == 0)
        {
            string? specsRoot = CommandLine.FindSpecsRoot(currentDirectory);
            if (specsRoot is null)
            {
                return CommandLine.Fail(error, $"specguard validate: no 'specs' folder in '{currentDirectory}' or its parents; pass a path, or run 'specguard init'.");
            }

            roots.Add(specsRoot);
        }

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in roots)
        {
            string full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (string file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(SpecContract.IsSpecFile))
                {
                    files.Add(file);
                }
            }
            else
            {
                return CommandLine.Fail(error, $"specguard validate: '{path}' is neither a file nor a folder.");
            }
        }

        var sources = new List<SpecSource>();
        var fullPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string display = Path.GetRelativePath(currentDirectory, file).Replace('\\', '/');
            fullPaths.TryAdd(display, file);
            try
            {
                sources.Add(SpecTextEncoding.Read(file, display));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{display}: error: cannot read the file ({exception.Message}); skipped.");
            }
        }

        SpecSet set = SpecSet.Load(sources);
        int errors = set.Diagnostics.Count(static d => d.Severity == SpecSeverity.Error);
        string? sourceRoot = null;
        if (format == "sarif")
        {
            sourceRoot = SourceRoot.Find(currentDirectory);
            output.Write(SarifLogWriter.Write(Results(set.Diagnostics, fullPaths, currentDirectory), sourceRoot));
        }
        else if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(
                new
                {
                    files = set.Files.Count,
                    features = set.FeatureGroups.Count,
                    criteria = set.Criteria.Count,
                    errors,
                    diagnostics = set.Diagnostics.Select(static d => new
                    {
                        id = d.Id,
                        severity = d.Severity.ToString().ToLowerInvariant(),
                        path = d.Path,
                        line = d.Span.StartLine + 1,
                        column = d.Span.StartColumn + 1,
                        endLine = d.Span.EndLine + 1,
                        endColumn = d.Span.EndColumn + 1,
                        message = d.Message,
                    }),
                },
                JsonOptions));
        }
        else
        {
            foreach (SpecDiagnostic diagnostic in set.Diagnostics)
            {
                output.WriteLine(diagnostic.ToString());
            }

            foreach (var feature in set.Features)
            {
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-14} {1,3} criteria  {2}  ({3})", feature.Key, feature.Criteria.Count, feature.Title, feature.Path));
            }

            output.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "Checked {0} spec file(s): {1} feature(s), {2} criteria, {3} error(s).",
                set.Files.Count,
                set.FeatureGroups.Count,
                set.Criteria.Count,
                errors));
        }

        if (GitHubAnnotations.IsEnabled(environment))
        {
            // stderr: the runner reads workflow commands there too, and stdout stays the JSON or SARIF asked for.
            GitHubAnnotations.Write(error, Results(set.Diagnostics, fullPaths, currentDirectory), GitHubAnnotations.WorkspaceRoot(environment, sourceRoot ?? SourceRoot.Find(currentDirectory)));
        }

        return errors > 0 ? CommandLine.Problems : CommandLine.Ok;
    }

    /// <summary>The diagnostics as code-scanning results: rule, level from the severity, on the spec file's line and column.</summary>
    internal static List<CodeScanResult> Results(IEnumerable<SpecDiagnostic> diagnostics, IReadOnlyDictionary<string, string> fullPaths, string currentDirectory) =>
        [.. diagnostics.Select(d => new CodeScanResult(
            d.Id,
            d.Severity switch
            {
                SpecSeverity.Error => ResultLevel.Error,
                SpecSeverity.Warning => ResultLevel.Warning,
                _ => ResultLevel.Note,
            },
            d.Message,
            fullPaths.TryGetValue(d.Path, out string? full) ? full : Path.GetFullPath(d.Path, currentDirectory),
            d.Span.StartLine + 1,
            d.Span.EndLine > d.Span.StartLine ? d.Span.EndLine + 1 : null,
            d.Span.StartColumn + 1))];
}
