using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;

namespace SpecGuard.Cli;

/// <summary><c>specguard validate</c>: load spec files, print diagnostics in the compiler's format (or JSON).</summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static int Run(string[] args, TextWriter output, TextWriter error, string currentDirectory)
    {
        var paths = new List<string>();
        string format = "text";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format":
                    if (i + 1 >= args.Length || args[i + 1] is not ("text" or "json"))
                    {
                        return CommandLine.Fail(error, "specguard validate: --format takes 'text' or 'json'.");
                    }

                    format = args[++i];
                    break;
                case "-h" or "--help":
                    output.WriteLine("Usage: specguard validate [PATH...] [--format text|json]");
                    return CommandLine.Ok;
                default:
                    if (args[i].StartsWith('-'))
                    {
                        return CommandLine.Fail(error, $"specguard validate: unknown option '{args[i]}'. Options: --format text|json.");
                    }

                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            paths.Add("specs");
        }

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (string file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(IsSpecFile))
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
        foreach (string file in files)
        {
            string display = Path.GetRelativePath(currentDirectory, file).Replace('\\', '/');
            try
            {
                sources.Add(new SpecSource(display, File.ReadAllText(file)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{display}: error: cannot read the file ({exception.Message}); skipped.");
            }
        }

        SpecSet set = SpecSet.Load(sources);
        int errors = set.Diagnostics.Count(static d => d.Severity == SpecSeverity.Error);
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(
                new
                {
                    files = set.Files.Count,
                    features = set.Features.Count(),
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
                set.Features.Count(),
                set.Criteria.Count,
                errors));
        }

        return errors > 0 ? CommandLine.Problems : CommandLine.Ok;
    }

    private static bool IsSpecFile(string path) =>
        path.EndsWith(".spec.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".spec.yml", StringComparison.OrdinalIgnoreCase);
}
