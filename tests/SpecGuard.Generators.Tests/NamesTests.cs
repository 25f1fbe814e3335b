using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpecGuard.Generators.Emit;
using Xunit;

namespace SpecGuard.Generators.Tests;

/// <summary>Issue 9: the one place that writes spec text into C#, checked for every UTF-16 code unit.</summary>
public sealed class NamesTests
{
    [Fact]
    public void Every_character_survives_a_string_literal_and_nothing_ends_it()
    {
        for (int c = 0; c <= 0xFFFF; c++)
        {
            string text = "a" + (char)c + "\"b\\";
            string literal = Names.Literal(text);

            Assert.All(literal, ch => Assert.InRange(ch, ' ', '~'));
            var expression = Assert.IsType<LiteralExpressionSyntax>(SyntaxFactory.ParseExpression(literal));
            Assert.Empty(expression.GetDiagnostics());
            Assert.Equal(text, expression.Token.ValueText);
        }
    }

    [Fact]
    public void No_character_ends_a_comment_or_breaks_an_xml_doc_line()
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp7_3, DocumentationMode.Diagnose);
        var text = new System.Text.StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++)
        {
            text.Append((char)c);
        }

        text.Append("\r\n */ \\ \"\"\" # </summary> ]]> &amp;");
        string all = text.ToString();
        string source = "// " + Names.CommentText(all) + "\n/// <summary>" + Names.DocText(all) + "</summary>\npublic class C { }\n";

        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, parse);
        CompilationUnitSyntax root = (CompilationUnitSyntax)tree.GetRoot();

        Assert.Empty(tree.GetDiagnostics());
        Assert.Equal(4, tree.GetText().Lines.Count);
        ClassDeclarationSyntax type = Assert.IsType<ClassDeclarationSyntax>(Assert.Single(root.Members));
        Assert.Single(type.GetLeadingTrivia(), t => t.IsKind(SyntaxKind.SingleLineCommentTrivia));
        Assert.Single(type.GetLeadingTrivia(), t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia));
        var compilation = CSharpCompilation.Create("Docs", [tree], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
