using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.Generators.Emit;
using SpecGuard.Core;

namespace SpecGuard.Generators.Infrastructure
{
    /// <summary>One expression of a link attribute that names a criterion, and the ID it names (null when it names none).</summary>
    internal readonly struct LinkArgument
    {
        public LinkArgument(ExpressionSyntax expression, string? id, bool isConstant)
        {
            Expression = expression;
            Id = id;
            IsConstant = isConstant;
        }

        /// <summary>Where the ID is written: a diagnostic about it goes here.</summary>
        public ExpressionSyntax Expression { get; }

        /// <summary>The criterion ID; null for a null constant or an expression that is not a constant string.</summary>
        public string? Id { get; }

        /// <summary>False when the expression is not a compile-time constant (the compiler reports that itself).</summary>
        public bool IsConstant { get; }
    }

    /// <summary>
    /// The one answer to "which criterion IDs does this link name?", shared by the generator (pending stubs), the
    /// analyzers (SPEC102/103, SPEC200, traced or not) and the code fixes, so they can never disagree. A link's IDs are
    /// its constructor arguments: each positional argument, or each element of an array passed as the
    /// <c>params string[]</c> (<c>new[] { A, B }</c>); each is any string constant C# accepts (a literal, a constant of
    /// the user's own class, a concatenation, a catalog constant).
    /// </summary>
    internal static class LinkArguments
    {
        /// <summary>The IDs an [Implements]/[Verifies] attribute names, in the order written.</summary>
        /// <param name="attribute">The attribute's syntax.</param>
        /// <param name="model">A semantic model of the attribute's tree.</param>
        /// <param name="cancellationToken">Cancellation.</param>
        public static List<LinkArgument> Read(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken)
        {
            var result = new List<LinkArgument>();
            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList?.Arguments ?? default)
            {
                if (argument.NameEquals is not null)
                {
                    continue; // a named property, not one of the IDs
                }

                ExpressionSyntax expression = argument.Expression;
                InitializerExpressionSyntax? elements = expression switch
                {
                    ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer,
                    ArrayCreationExpressionSyntax array => array.Initializer,
                    _ => null,
                };
                if (elements is not null)
                {
                    foreach (ExpressionSyntax element in elements.Expressions)
                    {
                        result.Add(Resolve(element, model, cancellationToken));
                    }

                    continue;
                }

                if (expression.IsKind(SyntaxKind.ArrayCreationExpression) || expression.IsKind(SyntaxKind.ImplicitArrayCreationExpression))
                {
                    continue; // new string[0]: no IDs
                }

                result.Add(Resolve(expression, model, cancellationToken));
            }

            return result;
        }

        /// <summary>
        /// Whether a bound link attribute names at least one ID (the same answer as <see cref="Read"/> being non-empty, from
        /// the compiler's bound arguments where no syntax is at hand): <c>[Implements]</c> and
        /// <c>[Implements(new string[0])]</c> link nothing, so they do not make code traced.
        /// </summary>
        public static bool NamesAny(AttributeData attribute) =>
            attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
                ? !attribute.ConstructorArguments[0].IsNull && attribute.ConstructorArguments[0].Values.Any(static v => v.Value is string)
                : attribute.ConstructorArguments.Any(static a => a.Value is string);

        /// <summary>
        /// The ID one expression names: its constant value. The generator's compilation does not contain the catalog the
        /// generator itself emits, so there a catalog constant (<c>OrdersCriteria.ORDERS_001</c>) does not bind; an expression
        /// that binds to nothing and is named like a catalog constant is read back from its name, which is the same ID
        /// by construction (<see cref="Names.CriterionConstant"/> is injective).
        /// </summary>
        private static LinkArgument Resolve(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            Optional<object?> constant = model.GetConstantValue(expression, cancellationToken);
            if (constant.HasValue)
            {
                return new LinkArgument(expression, constant.Value as string, isConstant: true);
            }

            string? name = expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => null,
            };
            if (name is not null && model.GetSymbolInfo(expression, cancellationToken).Symbol is null && SpecContract.IdFromConstant(name) is { } id)
            {
                return new LinkArgument(expression, id, isConstant: true);
            }

            return new LinkArgument(expression, null, isConstant: false);
        }
    }
}
