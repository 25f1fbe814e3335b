using System;
using System.IO;
using System.Linq;
using SpecGuard.Cli.Report;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>What the metadata scanner reads from assemblies compiled here with Roslyn.</summary>
public sealed class AssemblyScannerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("specguard-scan-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ScannedAssembly Scan(string name, string source, params string[] references) => Scan(name, source, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, references);

    private ScannedAssembly Scan(string name, string source, Microsoft.CodeAnalysis.OutputKind kind, params string[] references)
    {
        string dll = FixtureCompiler.Compile(
            Path.Combine(_root, "bin"),
            name,
            references.Length == 0
                ? [(Path.Combine(_root, "src", name + ".cs"), source), (Path.Combine(_root, "src", name + ".Attributes.cs"), FixtureCompiler.AttributesSource)]
                : [(Path.Combine(_root, "src", name + ".cs"), source)],
            references,
            kind: kind);
        AssemblyScanResult result = AssemblyScanner.Scan(dll, _root);
        Assert.Null(result.Problem);
        return Assert.IsType<ScannedAssembly>(result.Assembly);
    }

    private static string[] Implementations(ScannedAssembly assembly) =>
        [.. assembly.Implementations.Select(static s => s.Symbol + " [" + s.Kind + "] " + string.Join(",", s.Ids)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Attributes_referenced_from_another_assembly_match_by_full_name()
    {
        string attributes = FixtureCompiler.Compile(
            Path.Combine(_root, "bin"),
            "Attrs",
            [(Path.Combine(_root, "src", "Attrs.cs"), FixtureCompiler.AttributesSource.Replace("internal sealed class", "public sealed class", StringComparison.Ordinal))]);

        ScannedAssembly assembly = Scan("Lib", """
            namespace Lib
            {
                public class Service
                {
                    [SpecGuard.Implements("A-001", "A-002")]
                    public void Run() { }
                }
            }
            """, attributes);

        Assert.Equal(["Lib.Service.Run [method] A-001,A-002"], Implementations(assembly));
    }

    [Fact]
    public void Lambdas_closures_local_functions_and_top_level_statements_are_named_after_their_user_code()
    {
        ScannedAssembly assembly = Scan("Names", """
            using System;
            using SpecGuard;

            var greet = [Implements("TOP-001")] () => "hello";
            return greet().Length;

            namespace Names
            {
                public class Handlers
                {
                    public Func<int> Capture(int value)
                    {
                        return [Implements("H-001")] () => value + 1;
                    }

                    public int Local(int value)
                    {
                        return Twice(value);

                        [Implements("H-002")]
                        int Twice(int x) => x * value;
                    }
                }
            }
            """,
            Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        Assert.Equal(
            [
                "Names.Handlers.Capture [lambda] H-001",
                "Names.Handlers.Local.Twice [local function] H-002",
                "Program.<top-level statements> [lambda] TOP-001",
            ],
            Implementations(assembly));
    }

    [Fact]
    public void Generic_types_constructors_properties_and_nested_types_read_as_written()
    {
        ScannedAssembly assembly = Scan("Shapes", """
            using SpecGuard;

            namespace Shapes
            {
                public class Repository<T>
                {
                    [Implements("R-001")]
                    public Repository() { }

                    [Implements("R-002")]
                    public int Count => 0;

                    [Implements("R-003")]
                    public class Page
                    {
                        public void Next() { }
                    }
                }
            }
            """);

        Assert.Equal(
            [
                "Shapes.Repository [constructor] R-001",
                "Shapes.Repository.Count [property] R-002",
                "Shapes.Repository.Page [type] R-003",
            ],
            Implementations(assembly));
        Assert.Contains(assembly.Types, static t => t.Key == "Shapes.Repository`1.Page");
    }

    [Fact]
    public void Overloads_merge_their_verified_ids_and_spec_exempt_is_not_a_link()
    {
        ScannedAssembly assembly = Scan("Tests", """
            using SpecGuard;

            namespace Tests
            {
                public class T
                {
                    [Verifies("B-002")]
                    public void Check(int x) { }

                    [Verifies("B-001")]
                    public void Check() { }

                    [SpecExempt("infrastructure")]
                    public void Helper() { }
                }
            }
            """);

        ScannedType type = Assert.Single(assembly.Types, static t => t.Key == "Tests.T");
        ScannedMethod check = type.Methods["Check"];
        Assert.Equal(new[] { "B-001", "B-002" }, check.Verifies.ToArray());
        Assert.False(check.IsPendingStub);
        Assert.False(type.Methods.ContainsKey("Helper"));
        Assert.Empty(assembly.Implementations);
    }

    [Fact]
    public void A_stub_is_recognised_by_the_explicit_marker_alone_never_by_its_name_namespace_or_class()
    {
        ScannedAssembly assembly = Scan("Stubs", """
            namespace SpecGuard.PendingTests
            {
                [System.CodeDom.Compiler.GeneratedCode("SpecGuard", "1.0")]
                public sealed partial class OrdersPendingTests
                {
                    [SpecGuard.Verifies("ORDERS-001")]
                    [System.CodeDom.Compiler.GeneratedCode("SpecGuard.PendingStub", "1.0")]
                    public void ORDERS_001_Place() { }
                }

                // A test written by hand in the partial stub class, named like a stub: a real test.
                public sealed partial class OrdersPendingTests
                {
                    [SpecGuard.Verifies("ORDERS-002")]
                    public void ORDERS_002_Cancel() { }
                }
            }

            namespace Real
            {
                internal sealed class Generated
                {
                    [SpecGuard.Verifies("ORDERS-003")]
                    [System.CodeDom.Compiler.GeneratedCode("SpecGuard", "1.0")]
                    public void ORDERS_003_Ship() { }
                }
            }
            """);

        ScannedType pending = assembly.Types.Single(static t => t.Key == "SpecGuard.PendingTests.OrdersPendingTests");
        Assert.True(pending.Methods["ORDERS_001_Place"].IsPendingStub);
        Assert.False(pending.Methods["ORDERS_002_Cancel"].IsPendingStub);
        Assert.False(assembly.Types.Single(static t => t.Key == "Real.Generated").Methods["ORDERS_003_Ship"].IsPendingStub);
    }

    [Fact]
    public void Reference_assemblies_are_refused_as_having_no_code()
    {
        string dll = FixtureCompiler.Compile(Path.Combine(_root, "ref"), "RefOnly", [(Path.Combine(_root, "src", "Ref.cs"), "[assembly: System.Runtime.CompilerServices.ReferenceAssembly]\nnamespace R { public class C { } }")]);

        AssemblyScanResult result = AssemblyScanner.Scan(dll, _root);

        Assert.Null(result.Assembly);
        Assert.Equal(ScanFailure.ReferenceAssembly, result.Failure);
    }

    [Theory]
    [InlineData("<Main>b__0_0", "Main", "lambda")]
    [InlineData("<Configure>g__Handle|2_1", "Configure.Handle", "local function")]
    [InlineData("<<Main>$>b__0_0", "<top-level statements>", "lambda")]
    [InlineData("<Main>$", "<top-level statements>", "method")]
    [InlineData("<>b__0", "<unknown>", "lambda")]
    [InlineData("<Broken", "<Broken", "compiler-generated")]
    [InlineData("Place", "Place", "method")]
    public void Compiler_generated_method_names_are_described(string metadataName, string member, string kind)
    {
        Assert.Equal((member, kind), SymbolNames.DescribeMethod(metadataName));
    }
}
