using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Baseline;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Generators.Infrastructure;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// The baseline files of one compilation (every AdditionalFile named <see cref="SpecContract.BaselineFileName"/>; the
    /// package adds the project folder's), read together: an entry exempts its symbol in this compilation only, whichever
    /// file holds it, and each line is checked on its own (SPEC107 when it matched nothing, SPEC904 when malformed).
    /// A file is parsed once per text (cached by its <see cref="SourceText"/>), not once per compilation.
    /// </summary>
    internal sealed class BaselineSet
    {
        private readonly SpecBaseline[] _files;
        private readonly ConcurrentDictionary<(string Rule, string Key), bool> _matched = new ConcurrentDictionary<(string, string), bool>();

        private BaselineSet(SpecBaseline[] files)
        {
            _files = files;
        }

        /// <summary>The baselines among <paramref name="files"/>, in path order; null when there is none (checked by name: nothing is read).</summary>
        public static BaselineSet? Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken) =>
            ParsedFiles<SpecBaseline>.Read(files, SpecContract.IsBaselineFile, SpecBaseline.Parse, static f => f.Path, cancellationToken) is { } parsed ? new BaselineSet(parsed) : null;

        /// <summary>Whether some baseline holds <paramref name="rule"/> for <paramref name="key"/>.</summary>
        public bool Holds(string rule, string key)
        {
            foreach (SpecBaseline file in _files)
            {
                if (file.Find(rule, key) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records that an entry exempted a diagnostic that was reported (as SPEC106).</summary>
        public void Matched(string rule, string key) => _matched[(rule, key)] = true;

        /// <summary>SPEC904 on the malformed and duplicate lines of <paramref name="context"/>'s file, if it is a baseline (an additional-file action: shown while the file is edited).</summary>
        public void ReportProblems(AdditionalFileAnalysisContext context)
        {
            foreach (SpecBaseline file in _files)
            {
                if (string.Equals(file.Path, context.AdditionalFile.Path, StringComparison.Ordinal))
                {
                    foreach (SpecDiagnostic problem in file.Problems)
                    {
                        context.ReportDiagnostic(SpecFiles.ToDiagnostic(problem));
                    }
                }
            }
        }

        /// <summary>SPEC107 on entries that matched nothing, in file and line order (at the compilation's end, once every finding is known).</summary>
        public void ReportAtEnd(CompilationAnalysisContext context)
        {
            foreach (SpecBaseline file in _files)
            {
                foreach (BaselineEntry entry in file.Entries)
                {
                    if (!_matched.ContainsKey((entry.Rule, entry.Key)))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(SpecDescriptors.StaleBaselineEntry, SpecFiles.ToLocation(file.Path, entry.Span), StaleMessage(entry, context.Compilation)));
                    }
                }
            }
        }

        private static string StaleMessage(BaselineEntry entry, Compilation compilation)
        {
            string what = entry.Rule == SpecRuleIds.UntracedHandler ? "an untraced handler (SPEC101)" : "untraced public API (SPEC100)";
            string why;
            if (entry.Key.StartsWith(SpecBaseline.EndpointPrefix, StringComparison.Ordinal))
            {
                why = "no untraced minimal-API lambda of this project has this key: it is linked or exempt now, or its Map call, route or containing member changed";
            }
            else if (DocumentationCommentId.GetFirstSymbolForDeclarationId(entry.Key, compilation) is { } symbol &&
                SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly))
            {
                why = $"{symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)} is linked or exempt now, or is no longer {what}";
            }
            else
            {
                why = "it names no symbol of this project: it was renamed, moved or deleted (a renamed symbol is new code, reported as untraced under its new name)";
            }

            return string.Format(CultureInfo.InvariantCulture,
                "The baseline entry '{0}' exempts nothing: {1}. Delete the line, so that the baseline only shrinks.", entry.Line, why);
        }
    }
}
