using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.CodeFixes.Infrastructure;
using SpecGuard.Generators.Analyzers;
using SpecGuard.Generators.Infrastructure;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;
using SpecGuard.Core;

namespace SpecGuard.CodeFixes
{
    /// <summary>
    /// SPEC102 (unknown criterion): use the closest known ID the analyzer suggests. SPEC103 (deprecated criterion): use
    /// the ID that replaced it. The argument keeps its form: a string literal stays a literal; a constant
    /// (<c>Ids.Legacy</c>, <c>Orders.ORDERS_01</c>) becomes the catalog constant, written with the shortest name that
    /// binds there, or a literal when the project has no catalog. Fix-all works in every scope (so
    /// <c>dotnet format analyzers --diagnostics SPEC102</c> applies it), each diagnostic with its own suggestion.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CriterionIdCodeFixProvider))]
    public sealed class CriterionIdCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SpecDescriptors.UnknownCriterion.Id, SpecDescriptors.DeprecatedCriterion.Id);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                bool unknown = diagnostic.Id == SpecDescriptors.UnknownCriterion.Id;
                string property = unknown ? LinkAnalyzer.SuggestionProperty : LinkAnalyzer.ReplacedByProperty;
                if (FindArgument(root, diagnostic.Location.SourceSpan) is not { } argument)
                {
                    continue;
                }

                if (!diagnostic.Properties.TryGetValue(property, out string? id) || string.IsNullOrEmpty(id))
                {
                    // Nothing to change this ID to. Fix-all hosts (dotnet format) ask the first diagnostic in scope for
                    // the action to apply everywhere; without one here, they would fix none of the IDs that do have a
                    // suggestion. So this diagnostic offers the same action, which leaves its own ID as it is.
                    string written = argument.Expression.ToString();
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            unknown ? $"Change unknown IDs to their closest known ID (none is close to {written})" : $"Replace deprecated IDs with their replacements (none is named for {written})",
                            _ => Task.FromResult(context.Document),
                            unknown ? EquivalenceKeys.UseClosestId : EquivalenceKeys.UseReplacementId),
                        diagnostic);
                    continue;
                }

                ProjectSpecs specs = await ProjectSpecs.LoadAsync(context.Document.Project, context.CancellationToken).ConfigureAwait(false);
                KnownCriterion? criterion = specs.Find(id!);
                string described = criterion is null ? id! : LinkCodeFixProvider.Title(criterion).Substring("Implement ".Length);
                string title = unknown ? "Change to " + described : "Replace with " + described;
                Document document = context.Document;
                TextSpan span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(
                    CodeAction.Create(title, cancellationToken => ReplaceAsync(document, span, id!, cancellationToken), unknown ? EquivalenceKeys.UseClosestId : EquivalenceKeys.UseReplacementId),
                    diagnostic);
            }
        }

        private static AttributeArgumentSyntax? FindArgument(SyntaxNode root, TextSpan span) =>
            root.FullSpan.Contains(span) ? root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault() : null;

        private static async Task<Document> ReplaceAsync(Document document, TextSpan span, string id, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || FindArgument(root, span) is not { } argument)
            {
                return document;
            }

            ExpressionSyntax old = argument.Expression;
            ExpressionSyntax replacement = LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(id));
            if (!old.IsKind(SyntaxKind.StringLiteralExpression))
            {
                ProjectSpecs specs = await ProjectSpecs.LoadAsync(document.Project, cancellationToken).ConfigureAwait(false);
                string featureKey = specs.Find(id)?.Feature.Key ?? SpecContract.FeatureKeyOf(id);
                CatalogConstant? constant = Catalog.Find(document.Project, model.Compilation, featureKey, id);
                string? form = constant is null
                    ? null
                    : new[] { constant.Short, constant.Qualified, constant.Global }.FirstOrDefault(f => LinkWriter.BindsAsExpression(model, old.SpanStart, f, constant.Field));
                if (form is not null)
                {
                    replacement = ParseExpression(form);
                }
            }

            return document.WithSyntaxRoot(root.ReplaceNode(old, replacement.WithTriviaFrom(old)));
        }
    }
}
