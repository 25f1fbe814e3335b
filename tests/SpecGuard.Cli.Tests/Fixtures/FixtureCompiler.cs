using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>Compiles small C# sources into a real DLL plus portable PDB on disk, as a consumer's build would.</summary>
internal static class FixtureCompiler
{
    /// <summary>The SpecGuard attributes exactly as the contract says the generator emits them into each consumer assembly.</summary>
    public const string AttributesSource = """
        namespace SpecGuard
        {
            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct | System.AttributeTargets.Interface | System.AttributeTargets.Method | System.AttributeTargets.Constructor | System.AttributeTargets.Property | System.AttributeTargets.Delegate, AllowMultiple = true, Inherited = false)]
            internal sealed class ImplementsAttribute : System.Attribute
            {
                public ImplementsAttribute(params string[] ids) => Ids = ids;

                public string[] Ids { get; }
            }

            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
            internal sealed class VerifiesAttribute : System.Attribute
            {
                public VerifiesAttribute(params string[] ids) => Ids = ids;

                public string[] Ids { get; }
            }

            [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = false, Inherited = false)]
            internal sealed class SpecExemptAttribute : System.Attribute
            {
                public SpecExemptAttribute(string reason) => Reason = reason;

                public string Reason { get; }
            }
        }
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(static () =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(static p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll")
            .Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p))]);

    /// <summary>Compiles <paramref name="sources"/> (path → text; paths are recorded in the PDB) to <paramref name="outputFolder"/>/<paramref name="assemblyName"/>.dll and .pdb.</summary>
    public static string Compile(string outputFolder, string assemblyName, IEnumerable<(string Path, string Text)> sources, IEnumerable<string>? references = null, bool pdb = true, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var trees = sources.Select(static s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), s.Path, System.Text.Encoding.UTF8)).ToList();
        return Emit(outputFolder, assemblyName, trees, references, pdb, kind);
    }

    /// <summary>
    /// Compiles the files at <paramref name="paths"/> as csc does: each file's bytes read from disk (encoding detected, a
    /// byte order mark kept in the checksum), checksummed with <paramref name="checksumAlgorithm"/>, the path recorded in the PDB.
    /// </summary>
    public static string CompileFiles(string outputFolder, string assemblyName, IEnumerable<string> paths, SourceHashAlgorithm checksumAlgorithm = SourceHashAlgorithm.Sha256, IEnumerable<string>? references = null)
    {
        var trees = new List<SyntaxTree>();
        foreach (string path in paths)
        {
            using FileStream stream = File.OpenRead(path);
            SourceText text = SourceText.From(stream, encoding: null, checksumAlgorithm);
            trees.Add(CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path));
        }

        return Emit(outputFolder, assemblyName, trees, references, pdb: true, OutputKind.DynamicallyLinkedLibrary);
    }

    private static string Emit(string outputFolder, string assemblyName, List<SyntaxTree> trees, IEnumerable<string>? references, bool pdb, OutputKind kind)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            Framework.Value.AddRange((references ?? []).Select(static r => MetadataReference.CreateFromFile(r))),
            new CSharpCompilationOptions(kind, deterministic: true, nullableContextOptions: NullableContextOptions.Enable));

        Directory.CreateDirectory(outputFolder);
        string dllPath = Path.Combine(outputFolder, assemblyName + ".dll");
        string pdbPath = Path.Combine(outputFolder, assemblyName + ".pdb");
        using var dll = new MemoryStream();
        using var pdbStream = new MemoryStream();
        EmitResult result = compilation.Emit(
            dll,
            pdb ? pdbStream : null,
            options: pdb ? new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdbPath) : null);
        if (!result.Success)
        {
            throw new InvalidOperationException("Fixture does not compile:\n" + string.Join("\n", result.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        }

        File.WriteAllBytes(dllPath, dll.ToArray());
        if (pdb)
        {
            File.WriteAllBytes(pdbPath, pdbStream.ToArray());
        }

        return dllPath;
    }

    /// <summary>The 1-based line of the first line in <paramref name="source"/> that contains <paramref name="marker"/>.</summary>
    public static int LineOf(string source, string marker)
    {
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(marker, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException("Marker not found: " + marker, nameof(marker));
    }
}
