using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>The diagnostics a fix-all covers, per project (the baseline and the review record are edited once per project).</summary>
    internal static class FixAllDiagnostics
    {
        /// <summary>The document's, the project's or every project's diagnostics, by the fix-all's scope; nothing for another scope.</summary>
        public static async Task<List<(ProjectId Project, IEnumerable<Diagnostic> Diagnostics)>> ByProjectAsync(FixAllContext context)
        {
            var byProject = new List<(ProjectId Project, IEnumerable<Diagnostic> Diagnostics)>();
            switch (context.Scope)
            {
                case FixAllScope.Document when context.Document is { } document:
                    byProject.Add((document.Project.Id, await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)));
                    break;
                case FixAllScope.Project:
                    byProject.Add((context.Project.Id, await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false)));
                    break;
                case FixAllScope.Solution:
                    foreach (Project project in context.Solution.Projects)
                    {
                        byProject.Add((project.Id, await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false)));
                    }

                    break;
            }

            return byProject;
        }
    }
}
