using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.Core.Baseline;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// The baseline key of the code a SPEC100/SPEC101 is reported on (<see cref="SpecBaseline"/>), computed here only:
    /// the analyzers put it in <c>Diagnostic.Properties[SpecContract.SymbolKeyProperty]</c>, and the baseline code fix
    /// and <c>specguard baseline</c> read it from there. Keys name code, never positions in a file, so that they survive
    /// unrelated edits:
    /// <list type="bullet">
    /// <item>a type, method, property, event or field: its documentation-comment ID (of the original definition),
    /// <c>T:Shop.Orders.OrderService</c>, <c>M:Shop.OrdersController.Place(System.Int32)</c>;</item>
    /// <item>a minimal-API lambda, which has no name: <c>endpoint:</c>, the Map method and its constant route, and the
    /// documentation-comment ID of the member that maps it: <c>endpoint:MapGet("/orders/{id}") in M:Program.{Main}$(System.String[])</c>.
    /// When one member maps several lambdas with the same method and route text (two groups' <c>MapGet("/{id}")</c>),
    /// the second and later get <c>#2</c>, <c>#3</c>... after the route, in source order.</item>
    /// </list>
    /// </summary>
    internal static class SymbolKeys
    {
        /// <summary>The diagnostic property (on SPEC106 only) naming the rule the baseline entry is for, SPEC100 or SPEC101.</summary>
        public const string BaselinedRuleProperty = "SpecGuardBaselinedRule";

        /// <summary>The key of a named symbol, or null when it has no documentation-comment ID.</summary>
        public static string? Of(ISymbol symbol) => symbol.OriginalDefinition.GetDocumentationCommentId();

        /// <summary>
        /// The key of a lambda passed to <paramref name="map"/> at <paramref name="invocation"/>, mapped in
        /// <paramref name="containingSymbol"/> (a local function or lambda counts as the member that contains it).
        /// </summary>
        public static string Endpoint(IMethodSymbol map, string? route, ISymbol containingSymbol, InvocationExpressionSyntax? invocation)
        {
            ISymbol member = containingSymbol;
            while (member is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } && member.ContainingSymbol is { } outer)
            {
                member = outer;
            }

            var key = new StringBuilder(SpecBaseline.EndpointPrefix).Append(map.Name);
            if (!string.IsNullOrEmpty(route))
            {
                key.Append("(\"").Append(OneLine(route!)).Append("\")");
            }

            int ordinal = invocation is null ? 1 : Ordinal(invocation);
            if (ordinal > 1)
            {
                key.Append('#').Append(ordinal.ToString(CultureInfo.InvariantCulture));
            }

            string memberKey = member.OriginalDefinition.GetDocumentationCommentId() ?? member.ToDisplayString();
            return key.Append(" in ").Append(memberKey).ToString();
        }

        // 1 + the Map calls before this one, in the same member declaration, with the same method name and the same
        // first argument text: what tells apart two groups' MapGet("/{id}") in one method. Syntax only, and only for a
        // lambda that is reported.
        private static int Ordinal(InvocationExpressionSyntax invocation)
        {
            string? name = MethodName(invocation);
            string? first = FirstArgument(invocation);
            SyntaxNode scope = (SyntaxNode?)invocation.Ancestors().FirstOrDefault(static a => a is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? invocation.SyntaxTree.GetRoot();
            int ordinal = 1;
            foreach (InvocationExpressionSyntax other in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (other.SpanStart >= invocation.SpanStart)
                {
                    break;
                }

                if (other.Span.End > invocation.SpanStart)
                {
                    continue; // an invocation that contains this one (a chained call on its result)
                }

                if (string.Equals(MethodName(other), name, StringComparison.Ordinal) && string.Equals(FirstArgument(other), first, StringComparison.Ordinal))
                {
                    ordinal++;
                }
            }

            return ordinal;
        }

        private static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static string? FirstArgument(InvocationExpressionSyntax invocation) =>
            invocation.ArgumentList.Arguments.Count > 0 ? invocation.ArgumentList.Arguments[0].Expression.ToString() : null;

        private static string OneLine(string text) => new string(text.Select(static c => char.IsControl(c) ? ' ' : c).ToArray());
    }
}
