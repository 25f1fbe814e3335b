using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Core;
using SpecGuard.Core.Diagnostics;
using SpecGuard.Core.Model;
using SpecGuard.Core.Text;

namespace SpecGuard.Generators.Infrastructure
{
    /// <summary>
    /// Spec files among the AdditionalFiles, loaded through SpecGuard.Core once per file text: the generator and
    /// the analyzers share one parse of each <see cref="SourceText"/> (a weak cache, so texts the compiler or IDE
    /// drops are collected with their results).
    /// </summary>
    internal static class SpecFiles
    {
        private static readonly ConditionalWeakTable<SourceText, SpecLoadResult> Cache = new ConditionalWeakTable<SourceText, SpecLoadResult>();

        /// <summary>Whether any of <paramref name="files"/> is a spec file, by name alone (nothing is read).</summary>
        public static bool AnySpecFile(ImmutableArray<AdditionalText> files)
        {
            foreach (AdditionalText file in files)
            {
                if (SpecContract.IsSpecFile(file.Path))
                {
                    return true;
                }
            }

            return false;
        }

        public static SpecLoadResult Load(AdditionalText file, CancellationToken cancellationToken)
        {
            SourceText? text = file.GetText(cancellationToken);
            if (text is null)
            {
                return new SpecLoadResult(
                    file.Path,
                    null,
                    new[]
                    {
                        new SpecDiagnostic(SpecRules.MalformedYaml.Id, SpecSeverity.Error, "The spec file could not be read (it may have been deleted or be locked). Check that the file exists and is readable.", file.Path, SourceSpan.FileStart),
                    }.ToEquatableArray());
            }

            // SpecLoader takes no CancellationToken (yet): a cancelled build stops before each file, not inside one.
            cancellationToken.ThrowIfCancellationRequested();
            SpecLoadResult result = Cache.GetValue(text, t => LoadText(file.Path, t));
            return string.Equals(result.Path, file.Path, StringComparison.Ordinal) ? result : LoadText(file.Path, text);
        }

        // The compiler decodes a file that is not UTF-8 with U+FFFD for each such byte (a text built in memory, as in
        // tests, has no encoding and is taken as it is).
        private static SpecLoadResult LoadText(string path, SourceText text)
        {
            string content = text.ToString();
            return text.Encoding is not null && SpecTextEncoding.FirstReplacementCharacter(content) is { } notUtf8
                ? SpecTextEncoding.NotUtf8(path, notUtf8, "the compiler read this byte as U+FFFD")
                : SpecLoader.Load(path, content);
        }

        /// <summary>
        /// The spec set a compilation sees, from the per-file parse cache (so files are parsed once, whichever analyzer or
        /// the generator asks first; the set itself is cheap to build and is not cached, so it can never be stale when
        /// only a spec file changed). When loading fails (a SpecGuard bug) it registers SPEC900 for the end of the
        /// compilation and returns null.
        /// </summary>
#pragma warning disable RS1013 // the analyzers that call this register their other actions on the same context
        public static SpecSet? LoadSet(CompilationStartAnalysisContext context)
#pragma warning restore RS1013
        {
            try
            {
                CancellationToken cancellationToken = context.CancellationToken;
                return SpecSet.Create(context.Options.AdditionalFiles
                    .Where(static file => SpecContract.IsSpecFile(file.Path))
                    .Select(file => Load(file, cancellationToken)));
            }
            catch (OperationCanceledException)
            {
                throw;
            }
#pragma warning disable CA1031 // an analyzer bug must become a diagnostic, never an exception in the compiler
            catch (Exception exception)
#pragma warning restore CA1031
            {
                context.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(
                    SpecDescriptors.InternalError,
                    Location.None,
                    "SpecGuard could not load the spec files (" + exception.GetType().Name + ": " + exception.Message + "). Please report this.")));
                return null;
            }
        }

        public static Location ToLocation(SpecDiagnostic diagnostic) => ToLocation(diagnostic.Path, diagnostic.Span);

        public static Location ToLocation(string path, SourceSpan span) => Location.Create(
            path,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));

        public static Diagnostic ToDiagnostic(SpecDiagnostic diagnostic) =>
            Diagnostic.Create(SpecDescriptors.For(diagnostic.Id), ToLocation(diagnostic), diagnostic.Message);
    }
}
