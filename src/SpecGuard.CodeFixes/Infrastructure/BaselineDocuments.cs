using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Baseline;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>
    /// Edits a project's baseline (<see cref="SpecContract.BaselineFileName"/>) as an additional document, the way the
    /// package's targets add it: the one in the project folder. The text changes go through <see cref="SpecBaseline"/>.
    /// </summary>
    internal static class BaselineDocuments
    {
        /// <summary>
        /// The baseline document the fix writes to: the project folder's; when the project has no file path (an
        /// in-memory workspace), the first baseline document by path; null when there is none.
        /// </summary>
        public static TextDocument? Find(Project project)
        {
            List<TextDocument> baselines = project.AdditionalDocuments
                .Where(static d => SpecContract.IsBaselineFile(d.FilePath ?? d.Name))
                .OrderBy(static d => d.FilePath ?? d.Name, StringComparer.Ordinal)
                .ToList<TextDocument>();
            string? folder = ProjectFolder(project);
            if (folder is null)
            {
                return baselines.FirstOrDefault();
            }

            return baselines.FirstOrDefault(d => d.FilePath is { } path && string.Equals(Path.GetDirectoryName(path), folder, PathComparison));
        }

        /// <summary>The entries (rule, key) of SPEC100/SPEC101 diagnostics that carry a symbol key, each once.</summary>
        public static IEnumerable<(string Rule, string Key)> EntriesOf(IEnumerable<Diagnostic> diagnostics)
        {
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (SpecBaseline.Rules.Contains(diagnostic.Id) &&
                    diagnostic.Properties.TryGetValue(SpecContract.SymbolKeyProperty, out string? key) && key is not null && SpecBaseline.IsValidKey(key))
                {
                    yield return (diagnostic.Id, key);
                }
            }
        }

        /// <summary><paramref name="solution"/> with <paramref name="entries"/> added to <paramref name="project"/>'s baseline, created when missing.</summary>
        public static async Task<Solution> AddAsync(Solution solution, ProjectId projectId, IReadOnlyCollection<(string Rule, string Key)> entries, CancellationToken cancellationToken)
        {
            Project? project = solution.GetProject(projectId);
            if (project is null || entries.Count == 0)
            {
                return solution;
            }

            TextDocument? existing = Find(project);
            if (existing is null)
            {
                string text = SpecBaseline.Write(project.AssemblyName ?? project.Name, entries);
                string? folder = ProjectFolder(project);
                return project.AddAdditionalDocument(
                    SpecContract.BaselineFileName,
                    SourceText.From(text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)),
                    folders: null,
                    filePath: folder is null ? null : Path.Combine(folder, SpecContract.BaselineFileName)).Project.Solution;
            }

            SourceText old = await existing.GetTextAsync(cancellationToken).ConfigureAwait(false);
            string updated = SpecBaseline.WithEntries(old.ToString(), entries);
            return updated == old.ToString() ? solution : solution.WithAdditionalDocumentText(existing.Id, SourceText.From(updated, old.Encoding, old.ChecksumAlgorithm));
        }

        /// <summary><paramref name="solution"/> without the lines of <paramref name="entries"/> in the baseline <paramref name="documentId"/>.</summary>
        public static async Task<Solution> RemoveAsync(Solution solution, DocumentId documentId, IEnumerable<(string Rule, string Key)> entries, CancellationToken cancellationToken)
        {
            TextDocument? document = solution.GetAdditionalDocument(documentId);
            if (document is null)
            {
                return solution;
            }

            SourceText old = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            string updated = SpecBaseline.WithoutEntries(old.ToString(), entries);
            return updated == old.ToString() ? solution : solution.WithAdditionalDocumentText(documentId, SourceText.From(updated, old.Encoding, old.ChecksumAlgorithm));
        }

        private static string? ProjectFolder(Project project) =>
            string.IsNullOrEmpty(project.FilePath) ? null : Path.GetDirectoryName(project.FilePath);

        private static StringComparison PathComparison =>
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }
}
