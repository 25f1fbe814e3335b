using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SpecGuard.CodeFixes.Infrastructure
{
    /// <summary>
    /// Adds a link attribute to declarations and minimal-API lambdas, written with the shortest names that bind:
    /// <c>[Implements(OrdersCriteria.ORDERS_001)]</c> with <c>using SpecGuard;</c> and <c>using SpecGuard.Specs;</c> added as
    /// needed; else the catalog constant qualified with its namespace; else everything <c>global::</c>-qualified.
    /// Each way is checked by binding the changed document: the attribute must bind to SpecGuard's, its argument
    /// to the criterion's ID, and the document must have no more compiler errors than before (an added using can
    /// make another name ambiguous).
    /// </summary>
    internal static class LinkWriter
    {
        private const string AttributeNamespace = "SpecGuard";

        private static readonly SyntaxAnnotation Inserted = new SyntaxAnnotation("SpecGuard.InsertedLink");

        /// <summary>
        /// The node a SPEC100/SPEC101 diagnostic is about: the type or method whose identifier it is reported on, or the
        /// lambda it spans (from the lambda's start to its <c>=&gt;</c>).
        /// </summary>
        public static SyntaxNode? FindTarget(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            SyntaxToken token = root.FindToken(span.Start);
            foreach (SyntaxNode node in token.Parent?.AncestorsAndSelf() ?? Enumerable.Empty<SyntaxNode>())
            {
                switch (node)
                {
                    case BaseTypeDeclarationSyntax type when type.Identifier.Span == span:
                        return type;
                    case MethodDeclarationSyntax method when method.Identifier.Span == span:
                        return method;
                    case AnonymousFunctionExpressionSyntax lambda when lambda.SpanStart == span.Start:
                        return lambda;
                    case MemberDeclarationSyntax:
                    case StatementSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether an attribute can go on the target: declarations always; lambdas from C# 10 on (a simple lambda is
        /// given parentheses); anonymous methods (<c>delegate { }</c>) never.
        /// </summary>
        public static bool CanLink(SyntaxNode target) => target switch
        {
            MemberDeclarationSyntax => true,
            LambdaExpressionSyntax lambda => ((CSharpParseOptions)lambda.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp10,
            _ => false,
        };

        /// <summary>Adds <paramref name="link"/> to every target (found from <paramref name="spans"/>) in one edit.</summary>
        public static async Task<Document> AddLinkAsync(Document document, IEnumerable<TextSpan> spans, Link link, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is not CompilationUnitSyntax unit || model is null)
            {
                return document;
            }

            SyntaxNode[] targets = spans.Select(span => FindTarget(root, span)).OfType<SyntaxNode>().Where(CanLink).Distinct().ToArray();
            if (targets.Length == 0 || model.Compilation.GetTypeByMetadataName(link.AttributeMetadataName) is not { } attributeType)
            {
                return document;
            }

            string endOfLine = root.DescendantTrivia().FirstOrDefault(static t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } found ? found : "\n";
            SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            int errorsBefore = CountErrors(model, cancellationToken);

            Document? fallback = null;
            foreach (Plan plan in Plans(link))
            {
                var usings = new List<string>();
                if (plan.ShortAttribute && !targets.All(t => BindsAsAttribute(model, t.SpanStart, link.ShortName, attributeType)))
                {
                    usings.Add(AttributeNamespace);
                }

                string? argument = link.Id is null
                    ? null
                    : link.Constant is null
                        ? null
                        : plan.Constant switch
                        {
                            ConstantForm.Short => link.Constant.Short,
                            ConstantForm.Qualified => link.Constant.Qualified,
                            _ => link.Constant.Global,
                        };
                if (plan.Constant == ConstantForm.Short && link.Constant is not null &&
                    !targets.All(t => BindsAsExpression(model, t.SpanStart, link.Constant.Short, link.Constant.Field)))
                {
                    usings.Add(link.Constant.Namespace);
                }

                AttributeListSyntax list = AttributeList(SingletonSeparatedList(Attribute(
                    ParseName(plan.ShortAttribute ? link.ShortName : "global::" + AttributeNamespace + "." + link.ShortName),
                    AttributeArgumentList(SingletonSeparatedList(AttributeArgument(
                        argument is not null
                            ? ParseExpression(argument)
                            : LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(link.Id ?? Link.ExemptReason))))))));

                SyntaxNode changed = unit.ReplaceNodes(targets, (original, rewritten) => AddAttribute(original, rewritten, list.WithAdditionalAnnotations(Inserted), text, endOfLine));
                foreach (string name in usings.Distinct(StringComparer.Ordinal))
                {
                    changed = AddUsing((CompilationUnitSyntax)changed, name, endOfLine);
                }

                Document candidate = document.WithSyntaxRoot(changed);
                fallback = candidate;
                if (await BindsAsIntendedAsync(candidate, link, errorsBefore, cancellationToken).ConfigureAwait(false))
                {
                    return candidate;
                }
            }

            return fallback ?? document;
        }

        private enum ConstantForm
        {
            Short,
            Qualified,
            Global,
        }

        private readonly struct Plan
        {
            public Plan(bool shortAttribute, ConstantForm constant)
            {
                ShortAttribute = shortAttribute;
                Constant = constant;
            }

            public bool ShortAttribute { get; }

            public ConstantForm Constant { get; }
        }

        private static IEnumerable<Plan> Plans(Link link)
        {
            yield return new Plan(shortAttribute: true, ConstantForm.Short);
            if (link.Constant is not null)
            {
                yield return new Plan(shortAttribute: true, ConstantForm.Qualified);
            }

            yield return new Plan(shortAttribute: false, ConstantForm.Global);
        }

        private static int CountErrors(SemanticModel model, CancellationToken cancellationToken) =>
            model.GetDiagnostics(cancellationToken: cancellationToken).Count(static d => d.Severity == DiagnosticSeverity.Error);

        private static async Task<bool> BindsAsIntendedAsync(Document document, Link link, int errorsBefore, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return false;
            }

            foreach (AttributeSyntax attribute in root.GetAnnotatedNodes(Inserted).OfType<AttributeListSyntax>().SelectMany(static l => l.Attributes))
            {
                if (model.GetSymbolInfo(attribute, cancellationToken).Symbol is not IMethodSymbol constructor ||
                    constructor.ContainingType.ToDisplayString() != link.AttributeMetadataName)
                {
                    return false;
                }

                ExpressionSyntax? argument = attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
                string? expected = link.Id ?? Link.ExemptReason;
                if (argument is null || !Equals(model.GetConstantValue(argument, cancellationToken).Value as string, expected))
                {
                    return false;
                }
            }

            return CountErrors(model, cancellationToken) <= errorsBefore;
        }

        private static bool BindsAsAttribute(SemanticModel model, int position, string name, INamedTypeSymbol attributeType)
        {
            AttributeSyntax attribute = Attribute(IdentifierName(name), AttributeArgumentList(SingletonSeparatedList(AttributeArgument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal("X"))))));
            return model.GetSpeculativeSymbolInfo(position, attribute).Symbol is IMethodSymbol constructor &&
                SymbolEqualityComparer.Default.Equals(constructor.ContainingType, attributeType);
        }

        /// <summary>Whether <paramref name="expression"/>, written at <paramref name="position"/>, names <paramref name="symbol"/>.</summary>
        public static bool BindsAsExpression(SemanticModel model, int position, string expression, ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(model.GetSpeculativeSymbolInfo(position, ParseExpression(expression), SpeculativeBindingOption.BindAsExpression).Symbol, symbol);

        private static SyntaxNode AddAttribute(SyntaxNode original, SyntaxNode rewritten, AttributeListSyntax list, SourceText text, string endOfLine)
        {
            switch (rewritten)
            {
                case MemberDeclarationSyntax member:
                    {
                        SyntaxToken token = FirstTokenAfterAttributes(member);
                        bool ownLine = StartsLine(FirstTokenAfterAttributes((MemberDeclarationSyntax)original), text);
                        (AttributeListSyntax placed, SyntaxToken moved) = Place(list, token, ownLine, endOfLine);
                        member = member.ReplaceToken(token, moved);
                        return member.WithAttributeLists(member.AttributeLists.Add(placed));
                    }

                case SimpleLambdaExpressionSyntax simple:
                    return AddAttribute(original, Parenthesize(simple), list, text, endOfLine);

                case ParenthesizedLambdaExpressionSyntax lambda:
                    {
                        SyntaxToken token = lambda.AttributeLists.Count > 0 ? lambda.AttributeLists.Last().GetLastToken().GetNextToken() : lambda.GetFirstToken();
                        (AttributeListSyntax placed, SyntaxToken moved) = Place(list, token, ownLine: false, endOfLine);
                        lambda = lambda.ReplaceToken(token, moved);
                        return lambda.WithAttributeLists(lambda.AttributeLists.Add(placed));
                    }

                default:
                    return rewritten;
            }
        }

        /// <summary><c>x =&gt; …</c> → <c>(x) =&gt; …</c>: attributes on a lambda need a parenthesised parameter list.</summary>
        private static ParenthesizedLambdaExpressionSyntax Parenthesize(SimpleLambdaExpressionSyntax lambda)
        {
            ParameterSyntax parameter = lambda.Parameter;
            ParameterListSyntax parameters = ParameterList(
                Token(parameter.GetLeadingTrivia(), SyntaxKind.OpenParenToken, SyntaxTriviaList.Empty),
                SingletonSeparatedList(parameter.WithoutTrivia()),
                Token(SyntaxTriviaList.Empty, SyntaxKind.CloseParenToken, parameter.GetTrailingTrivia()));
            return ParenthesizedLambdaExpression(lambda.AttributeLists, lambda.Modifiers, returnType: null, parameters, lambda.ArrowToken, lambda.Block, lambda.ExpressionBody);
        }

        private static SyntaxToken FirstTokenAfterAttributes(MemberDeclarationSyntax member) =>
            member.AttributeLists.Count > 0 ? member.AttributeLists.Last().GetLastToken().GetNextToken() : member.GetFirstToken();

        private static bool StartsLine(SyntaxToken token, SourceText text)
        {
            TextLine line = text.Lines.GetLineFromPosition(token.SpanStart);
            for (int i = line.Start; i < token.SpanStart; i++)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The attribute list takes the token's leading trivia (doc comments stay above it); on its own line it is
        /// followed by a line break and the token keeps its indentation, inline by a space.
        /// </summary>
        private static (AttributeListSyntax List, SyntaxToken Token) Place(AttributeListSyntax list, SyntaxToken token, bool ownLine, string endOfLine)
        {
            SyntaxTriviaList leading = token.LeadingTrivia;
            if (!ownLine)
            {
                return (list.WithLeadingTrivia(leading).WithTrailingTrivia(Space), token.WithLeadingTrivia(SyntaxTriviaList.Empty));
            }

            return (list.WithLeadingTrivia(leading).WithTrailingTrivia(EndOfLine(endOfLine)), token.WithLeadingTrivia(Indentation(leading)));
        }

        /// <summary>The whitespace at the end of a leading-trivia list: the indentation of the line the token starts.</summary>
        private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
        {
            int start = leading.Count;
            while (start > 0 && leading[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                start--;
            }

            return TriviaList(leading.Skip(start));
        }

        /// <summary>
        /// Adds <c>using <paramref name="name"/>;</c> beside the file's usings (compilation unit, or the first namespace
        /// when only it has usings), in order (System first, then alphabetical), or at the top of the file.
        /// </summary>
        internal static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string name, string endOfLine)
        {
            BaseNamespaceDeclarationSyntax? ns = unit.Usings.Count == 0 ? unit.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault(static n => n.Usings.Count > 0) : null;
            SyntaxList<UsingDirectiveSyntax> usings = ns?.Usings ?? unit.Usings;
            if (usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == name))
            {
                return unit;
            }

            UsingDirectiveSyntax directive = UsingDirective(ParseName(name)).WithUsingKeyword(Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(Space)).WithTrailingTrivia(EndOfLine(endOfLine));
            if (usings.Count == 0)
            {
                // Top of the file: the file's leading trivia (header comments, #nullable) stays above the using.
                SyntaxToken first = unit.GetFirstToken(includeZeroWidth: true);
                UsingDirectiveSyntax top = directive.WithLeadingTrivia(first.LeadingTrivia);
                if (first.IsKind(SyntaxKind.EndOfFileToken))
                {
                    return unit.ReplaceToken(first, first.WithLeadingTrivia(SyntaxTriviaList.Empty)).WithUsings(SingletonList(top));
                }

                unit = unit.ReplaceToken(first, first.WithLeadingTrivia(Indentation(first.LeadingTrivia)));
                return unit.WithUsings(SingletonList(top.WithTrailingTrivia(EndOfLine(endOfLine), EndOfLine(endOfLine))));
            }

            int index = 0;
            while (index < usings.Count && (usings[index].GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) || (usings[index].Alias is null && usings[index].StaticKeyword.IsKind(SyntaxKind.None) && Order(usings[index].Name?.ToString() ?? string.Empty, name) < 0)))
            {
                index++;
            }

            SyntaxList<UsingDirectiveSyntax> updated;
            if (index == 0)
            {
                // Before the first using: take over its leading trivia (header comments), leave it its indentation.
                UsingDirectiveSyntax first = usings[0];
                updated = usings.Replace(first, first.WithLeadingTrivia(Indentation(first.GetLeadingTrivia())))
                    .Insert(0, directive.WithLeadingTrivia(first.GetLeadingTrivia()));
            }
            else if (index == usings.Count)
            {
                // After the last using: take over its trailing trivia (the blank line before the code).
                UsingDirectiveSyntax last = usings[index - 1];
                updated = usings.Replace(last, last.WithTrailingTrivia(EndOfLine(endOfLine)))
                    .Add(directive.WithLeadingTrivia(Indentation(last.GetLeadingTrivia())).WithTrailingTrivia(last.GetTrailingTrivia()));
            }
            else
            {
                updated = usings.Insert(index, directive.WithLeadingTrivia(Indentation(usings[index - 1].GetLeadingTrivia())));
            }

            return ns is null ? unit.WithUsings(updated) : unit.ReplaceNode(ns, ns.WithUsings(updated));
        }

        private static int Order(string left, string right)
        {
            static string Key(string name) => (name == "System" || name.StartsWith("System.", StringComparison.Ordinal) ? "0" : "1") + name;
            return string.Compare(Key(left), Key(right), StringComparison.OrdinalIgnoreCase);
        }
    }
}
