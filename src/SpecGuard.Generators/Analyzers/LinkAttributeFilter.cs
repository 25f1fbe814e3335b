using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using SpecGuard.Core;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.Generators.Emit;

namespace SpecGuard.Generators.Analyzers
{
    /// <summary>
    /// Decides from syntax alone whether an attribute can be one of the link attributes ([Implements], [Verifies],
    /// [SpecExempt]), so the analyzers bind (GetSymbolInfo) only those that can. The written name's last identifier
    /// (<c>Implements</c>, <c>SpecGuard.ImplementsAttribute</c>, <c>global::SpecGuard.Implements</c>) must be one of the
    /// attributes' names, with or without the <c>Attribute</c> suffix. A using alias can give one of them any name
    /// (<c>using Impl = SpecGuard.ImplementsAttribute;</c>): in a syntax tree that declares such an alias, or in any
    /// compilation with a <c>global using</c> alias of one, every attribute is bound, as before. An alias counts when the
    /// last identifier of its target is one of the names (an alias of the <c>SpecGuard</c> namespace needs nothing:
    /// <c>[SG.Implements]</c> ends with the name). One instance per compilation.
    /// </summary>
    internal sealed class LinkAttributeFilter
    {
        private static readonly string[] Names = CreateNames();

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<SyntaxTree, bool> _treeAliases = new ConcurrentDictionary<SyntaxTree, bool>();
        private int _globalAliases; // 0 unknown, 1 none, 2 some

        public LinkAttributeFilter(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>Whether <paramref name="attribute"/> may bind to a link attribute (false: it certainly does not).</summary>
        public bool MayBeLink(AttributeSyntax attribute) =>
            IsLinkName(LastIdentifier(attribute.Name)) || HasLinkAlias(attribute.SyntaxTree);

        /// <summary>Whether an identifier as written is a link attribute's name (Implements, ImplementsAttribute, ...).</summary>
        public static bool IsLinkName(string? name)
        {
            if (name is null)
            {
                return false;
            }

            foreach (string candidate in Names)
            {
                if (string.Equals(name, candidate, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        // The attribute type names, from the one place that declares them (AttributeSource), with and without the suffix.
        private static string[] CreateNames()
        {
            string[] metadataNames = { SpecContract.ImplementsMetadataName, SpecContract.VerifiesMetadataName, SpecContract.SpecExemptMetadataName };
            var names = new string[metadataNames.Length * 2];
            for (int i = 0; i < metadataNames.Length; i++)
            {
                string full = metadataNames[i].Substring(metadataNames[i].LastIndexOf('.') + 1);
                names[2 * i] = full;
                names[(2 * i) + 1] = full.EndsWith("Attribute", StringComparison.Ordinal) ? full.Substring(0, full.Length - "Attribute".Length) : full;
            }

            return names;
        }

        private static string? LastIdentifier(NameSyntax name) => name switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            QualifiedNameSyntax qualified => LastIdentifier(qualified.Right),
            AliasQualifiedNameSyntax aliasQualified => LastIdentifier(aliasQualified.Name),
            _ => null, // a generic name: the link attributes are not generic
        };

        private bool HasLinkAlias(SyntaxTree tree)
        {
            if (_globalAliases == 0)
            {
                bool any = false;
                foreach (SyntaxTree candidate in _compilation.SyntaxTrees)
                {
                    if (candidate.GetRoot() is CompilationUnitSyntax unit && AnyLinkAlias(unit.Usings, globalOnly: true))
                    {
                        any = true;
                        break;
                    }
                }

                _globalAliases = any ? 2 : 1;
            }

            return _globalAliases == 2 || _treeAliases.GetOrAdd(tree, static t => TreeHasLinkAlias(t.GetRoot()));
        }

        private static bool TreeHasLinkAlias(SyntaxNode root)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return false;
            }

            return AnyLinkAlias(unit.Usings, globalOnly: false) || AnyInMembers(unit.Members);
        }

        private static bool AnyInMembers(SyntaxList<MemberDeclarationSyntax> members)
        {
            foreach (MemberDeclarationSyntax member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns && (AnyLinkAlias(ns.Usings, globalOnly: false) || AnyInMembers(ns.Members)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyLinkAlias(SyntaxList<UsingDirectiveSyntax> usings, bool globalOnly)
        {
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (directive.Alias is not null && (!globalOnly || directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) &&
                    directive.Name is { } target && IsLinkName(LastIdentifier(target)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
