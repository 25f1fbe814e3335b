using System.Globalization;
using SpecGuard.Core.Model;

namespace SpecGuard.Core.Diagnostics
{
    /// <summary>Severity of a SpecGuard diagnostic, mirroring the compiler's.</summary>
    public enum SpecSeverity
    {
        /// <summary>Hidden.</summary>
        Hidden,

        /// <summary>Informational.</summary>
        Info,

        /// <summary>Warning.</summary>
        Warning,

        /// <summary>Error.</summary>
        Error,
    }

    /// <summary>
    /// A problem found in a spec file: which rule, where (file and span of the offending YAML node) and a message
    /// that says what is wrong, what was expected and how to fix it. Plain data with value equality, so that
    /// incremental pipelines can cache it and turn it into a compiler diagnostic at the end.
    /// </summary>
    /// <param name="Id">The rule, e.g. <c>SPEC002</c> (see <see cref="SpecRules"/>).</param>
    /// <param name="Severity">The rule's default severity.</param>
    /// <param name="Message">What is wrong and what to do.</param>
    /// <param name="Path">The spec file's path as given to the loader.</param>
    /// <param name="Span">The offending node's span.</param>
    public sealed record SpecDiagnostic(string Id, SpecSeverity Severity, string Message, string Path, SourceSpan Span)
    {
        /// <summary>The compiler's format: <c>specs/orders.spec.yaml(12,7): error SPEC002: message</c>.</summary>
        public override string ToString() =>
            string.Format(
                CultureInfo.InvariantCulture,
                "{0}{1}: {2} {3}: {4}",
                Path,
                Span,
                Severity switch
                {
                    SpecSeverity.Error => "error",
                    SpecSeverity.Warning => "warning",
                    _ => "info",
                },
                Id,
                Message);

        internal static SpecDiagnostic Create(SpecRule rule, string path, SourceSpan span, string message) =>
            new SpecDiagnostic(rule.Id, rule.DefaultSeverity, message, path, span);
    }
}
