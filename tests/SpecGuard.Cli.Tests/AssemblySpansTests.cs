using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Text;
using SpecGuard.Cli.Report;
using SpecGuard.Cli.Tests.Fixtures;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>Method line spans and document checksums read from assemblies and their PDBs (AssemblyScanner.Scan withSpans), for specguard diff.</summary>
public sealed class AssemblySpansTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using SpecGuard;

        namespace Shop
        {
            public static class App
            {
                public static void MapGet(this object app, string route, Delegate handler) { }
            }

            public class Plain
            {
                private int _seed = 3; // field-initializer

                public void Run()
                { // run-open
                    _seed++;
                } // run-close

                public Plain()
                { // ctor-open
                    _seed = 4;
                } // ctor-close

                [Implements("P-001")]
                public int Count
                {
                    get { return _seed; } // getter
                    set { _seed = value; } // setter
                }

                [Implements("A-001")]
                public async Task<int> PlaceAsync()
                { // async-open
                    await Task.Yield();
                    Func<int> inner = () => 2; // async-lambda
                    return inner();
                } // async-close

                [Implements("I-001")]
                public IEnumerable<int> Numbers()
                { // iter-open
                    yield return _seed;
                } // iter-close

                public int Local(int value)
                { // local-open
                    return Twice(value);

                    [Implements("L-001")]
                    int Twice(int x) => x * value; // local-body
                } // local-close
            }

            [Implements("C-001")]
            public class Covered
            {
                [Implements("C-002")]
                public void Member() { } // member

                public class Inner
                {
                    public void Deep() { } // deep
                }
            }

            public static class Api
            {
                public static void Map(object app)
                {
                    app.MapGet("/x", [Implements("M-001")] () => 1); // minimal-api
                    app.MapGet("/y", [Implements("M-002")] async () => // async-lambda-start
                    {
                        await Task.Yield();
                        return 2;
                    }); // async-lambda-end
                }
            }
        }

        namespace Shop.Tests
        {
            [Verifies("T-001")]
            public class OrdersTests
            {
                [Verifies("T-002")]
                public void Places() { } // test-places

                public void Other() { } // test-other

                [Verifies("T-003")]
                public async Task PlacesAsync() => await Task.Yield(); // test-async
            }
        }

        namespace SpecGuard.PendingTests
        {
            public sealed class OrdersPendingTests
            {
                [SpecGuard.Verifies("ORDERS-001")]
                [System.CodeDom.Compiler.GeneratedCode("SpecGuard.PendingStub", "1.0")]
                public void ORDERS_001_Place() { } // stub
            }
        }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("specguard-spans-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static int Line(string marker) => FixtureCompiler.LineOf(Source, "// " + marker);

    private (ScannedAssembly Assembly, string Document) ScanSource(bool withSpans = true)
    {
        string document = Path.Combine(_root, "src", "Shop.cs");
        string dll = FixtureCompiler.Compile(
            Path.Combine(_root, "bin"),
            "Shop",
            [(document, Source), (Path.Combine(_root, "src", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        AssemblyScanResult result = AssemblyScanner.Scan(dll, _root, withSpans);
        Assert.Null(result.Problem);
        Assert.Null(result.PdbProblem);
        return (Assert.IsType<ScannedAssembly>(result.Assembly), document);
    }

    private static MethodSpan Span(ScannedAssembly assembly, string symbol, string kind) =>
        Assert.Single(assembly.Spans, s => s.Symbol == symbol && s.Kind == kind);

    private static string Links(MethodSpan span) => string.Join(",", span.Implements) + "|" + string.Join(",", span.Verifies);

    [Fact]
    public void A_plain_method_spans_its_braces_exactly_in_the_document_the_PDB_records()
    {
        (ScannedAssembly assembly, string document) = ScanSource();

        MethodSpan run = Span(assembly, "Shop.Plain.Run", "method");

        Assert.Equal(document, run.Document); // as recorded: absolute, not made relative like the report's locations
        Assert.Equal("Shop", run.Assembly);
        Assert.Equal((Line("run-open"), Line("run-close")), (run.StartLine, run.EndLine));
        Assert.Equal("|", Links(run));
        Assert.False(run.IsPendingStub);
    }

    [Fact]
    public void A_constructor_spans_its_body_and_the_field_initializers_it_runs()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        MethodSpan constructor = Span(assembly, "Shop.Plain", "constructor");

        Assert.Equal((Line("field-initializer"), Line("ctor-close")), (constructor.StartLine, constructor.EndLine));
    }

    [Fact]
    public void Property_accessors_are_spans_of_the_property_and_carry_its_links()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        MethodSpan[] accessors = [.. assembly.Spans.Where(static s => s.Symbol == "Shop.Plain.Count")];

        Assert.Equal([Line("getter"), Line("setter")], accessors.Select(static s => s.StartLine));
        Assert.All(accessors, static s => Assert.Equal("property", s.Kind));
        Assert.All(accessors, static s => Assert.Equal(s.StartLine, s.EndLine));
        Assert.All(accessors, static s => Assert.Equal("P-001|", Links(s)));
    }

    [Fact]
    public void An_async_method_is_one_span_of_the_method_the_user_wrote_with_its_links_not_of_MoveNext()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        MethodSpan place = Span(assembly, "Shop.Plain.PlaceAsync", "method");

        Assert.Equal((Line("async-open"), Line("async-close")), (place.StartLine, place.EndLine));
        Assert.Equal("A-001|", Links(place));
        Assert.DoesNotContain(assembly.Spans, static s => s.Symbol.Contains("MoveNext", StringComparison.Ordinal) || s.Symbol.Contains('<', StringComparison.Ordinal));

        // A lambda inside it is its own span, inside the method's.
        MethodSpan lambda = Span(assembly, "Shop.Plain.PlaceAsync", "lambda");
        Assert.Equal((Line("async-lambda"), Line("async-lambda")), (lambda.StartLine, lambda.EndLine));
        Assert.Equal("|", Links(lambda));
    }

    [Fact]
    public void An_iterator_is_attributed_to_its_kickoff_method()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        MethodSpan numbers = Span(assembly, "Shop.Plain.Numbers", "method");

        Assert.Equal((Line("iter-open"), Line("iter-close")), (numbers.StartLine, numbers.EndLine));
        Assert.Equal("I-001|", Links(numbers));
    }

    [Fact]
    public void A_local_function_is_its_own_span_inside_its_method()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        MethodSpan local = Span(assembly, "Shop.Plain.Local", "method");
        MethodSpan twice = Span(assembly, "Shop.Plain.Local.Twice", "local function");

        Assert.Equal((Line("local-open"), Line("local-close")), (local.StartLine, local.EndLine));
        Assert.Equal((Line("local-body"), Line("local-body")), (twice.StartLine, twice.EndLine));
        Assert.Equal("|", Links(local));
        Assert.Equal("L-001|", Links(twice));
    }

    [Fact]
    public void A_class_level_implements_covers_its_members_and_nested_types()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        Assert.Equal("C-001,C-002|", Links(Span(assembly, "Shop.Covered.Member", "method")));
        Assert.Equal("C-001|", Links(Span(assembly, "Shop.Covered.Inner.Deep", "method")));
        Assert.Equal(Line("deep"), Span(assembly, "Shop.Covered.Inner.Deep", "method").StartLine);
    }

    [Fact]
    public void A_minimal_api_lambda_carries_its_own_implements()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        MethodSpan[] lambdas = [.. assembly.Spans.Where(static s => s.Symbol == "Shop.Api.Map" && s.Kind == "lambda")];

        Assert.Equal(2, lambdas.Length);
        Assert.Equal((Line("minimal-api"), Line("minimal-api"), "M-001|"), (lambdas[0].StartLine, lambdas[0].EndLine, Links(lambdas[0])));
        // An async lambda: its state machine's lines go to the lambda, with the lambda's links.
        Assert.Equal((Line("async-lambda-start") + 1, Line("async-lambda-end"), "M-002|"), (lambdas[1].StartLine, lambdas[1].EndLine, Links(lambdas[1])));
        Assert.Equal("|", Links(Span(assembly, "Shop.Api.Map", "method")));
    }

    [Fact]
    public void Test_methods_get_their_class_level_verifies_and_the_stub_marker()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        Assert.Equal("|T-001,T-002", Links(Span(assembly, "Shop.Tests.OrdersTests.Places", "method")));
        Assert.Equal("|T-001", Links(Span(assembly, "Shop.Tests.OrdersTests.Other", "method")));
        MethodSpan asyncTest = Span(assembly, "Shop.Tests.OrdersTests.PlacesAsync", "method");
        Assert.Equal("|T-001,T-003", Links(asyncTest));
        Assert.Equal(Line("test-async"), asyncTest.StartLine);

        MethodSpan stub = Span(assembly, "SpecGuard.PendingTests.OrdersPendingTests.ORDERS_001_Place", "method");
        Assert.True(stub.IsPendingStub);
        Assert.Equal("|ORDERS-001", Links(stub));
        Assert.False(Span(assembly, "Shop.Tests.OrdersTests.Places", "method").IsPendingStub);
    }

    [Fact]
    public void Spans_are_sorted_by_document_and_lines_and_every_span_has_sane_lines()
    {
        (ScannedAssembly assembly, _) = ScanSource();

        Assert.NotEmpty(assembly.Spans);
        Assert.All(assembly.Spans, static s => Assert.InRange(s.StartLine, 1, s.EndLine));
        MethodSpan[] sorted = [.. assembly.Spans
            .OrderBy(static s => s.Document, StringComparer.Ordinal)
            .ThenBy(static s => s.StartLine)
            .ThenBy(static s => s.EndLine)
            .ThenBy(static s => s.Symbol, StringComparer.Ordinal)];
        Assert.Equal(sorted, assembly.Spans);
    }

    [Fact]
    public void Without_the_option_the_report_pays_nothing_and_sees_what_it_saw()
    {
        (ScannedAssembly plain, _) = ScanSource(withSpans: false);
        (ScannedAssembly spans, _) = ScanSource(withSpans: true);

        Assert.Empty(plain.Spans);
        Assert.Empty(plain.Documents);
        Assert.Equal(
            plain.Implementations.Select(static s => s with { Ids = [] } + string.Join(",", s.Ids)),
            spans.Implementations.Select(static s => s with { Ids = [] } + string.Join(",", s.Ids)));
        Assert.Equal(
            plain.Types.Select(static t => t.Key + ":" + string.Join(",", t.Methods.Values.Select(static m => m.Name + "=" + m.Location))),
            spans.Types.Select(static t => t.Key + ":" + string.Join(",", t.Methods.Values.Select(static m => m.Name + "=" + m.Location))));
    }

    /// <summary>Regression: an async method's sequence points are in its state machine's MoveNext, so the report had no file:line for it.</summary>
    [Fact]
    public void The_report_locates_async_and_iterator_methods_by_their_state_machine()
    {
        (ScannedAssembly assembly, _) = ScanSource(withSpans: false);

        LinkedSymbol place = Assert.Single(assembly.Implementations, static s => s.Symbol == "Shop.Plain.PlaceAsync");
        LinkedSymbol numbers = Assert.Single(assembly.Implementations, static s => s.Symbol == "Shop.Plain.Numbers");
        ScannedMethod asyncTest = assembly.Types.Single(static t => t.Key == "Shop.Tests.OrdersTests").Methods["PlacesAsync"];

        Assert.Equal(new SourceLocation("src/Shop.cs", Line("async-open")), place.Location);
        Assert.Equal(new SourceLocation("src/Shop.cs", Line("iter-open")), numbers.Location);
        Assert.Equal(new SourceLocation("src/Shop.cs", Line("test-async")), asyncTest.Location);
    }

    [Fact]
    public void Path_mapped_documents_are_kept_exactly_as_recorded()
    {
        string dll = FixtureCompiler.Compile(
            Path.Combine(_root, "bin"),
            "Mapped",
            [("/_/src/Orders.cs", "namespace M\n{\n    public class Orders\n    {\n        [SpecGuard.Implements(\"O-001\")]\n        public void Place()\n        {\n        }\n    }\n}\n"), ("/_/src/Attributes.cs", FixtureCompiler.AttributesSource)]);

        ScannedAssembly assembly = AssemblyScanner.Scan(dll, _root, withSpans: true).Assembly!;

        MethodSpan place = Span(assembly, "M.Orders.Place", "method");
        Assert.Equal(("/_/src/Orders.cs", 7, 8, "O-001|"), (place.Document, place.StartLine, place.EndLine, Links(place)));
        Assert.Contains(assembly.Documents, static d => d.Path == "/_/src/Orders.cs");
    }

    [Theory]
    [InlineData(SourceHashAlgorithm.Sha256, "SHA256", true)]
    [InlineData(SourceHashAlgorithm.Sha1, "SHA1", true)]
    [InlineData(SourceHashAlgorithm.Sha256, "SHA256", false)]
    public void Document_checksums_match_the_file_bytes_as_the_compiler_read_them(SourceHashAlgorithm algorithm, string name, bool byteOrderMark)
    {
        string folder = Path.Combine(_root, "files");
        Directory.CreateDirectory(folder);
        string orders = Path.Combine(folder, "Orders.cs");
        string attributes = Path.Combine(folder, "Attributes.cs");
        var encoding = new UTF8Encoding(byteOrderMark);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("namespace M\r\n{\r\n    // é\r\n    public class Orders { public void Place() { } }\r\n}\r\n")];
        File.WriteAllBytes(orders, bytes);
        File.WriteAllText(attributes, FixtureCompiler.AttributesSource);
        string dll = FixtureCompiler.CompileFiles(Path.Combine(_root, "bin"), "Checked", [orders, attributes], algorithm);

        ScannedAssembly assembly = AssemblyScanner.Scan(dll, _root, withSpans: true).Assembly!;

        PdbDocument document = Assert.Single(assembly.Documents, d => d.Path == orders);
        Assert.Equal(name, document.HashAlgorithmName);
        Assert.True(assembly.MatchesContent(orders, bytes));
        Assert.False(assembly.MatchesContent(orders, Encoding.UTF8.GetBytes("namespace M { }")));
        byte[] other = byteOrderMark ? bytes[3..] : [.. Encoding.UTF8.GetPreamble(), .. bytes];
        Assert.False(assembly.MatchesContent(orders, other)); // the byte order mark is part of what was hashed
        Assert.Null(assembly.MatchesContent(Path.Combine(folder, "Missing.cs"), bytes));
        Assert.Null(assembly.MatchesContent(orders.ToUpperInvariant(), bytes)); // exactly as recorded
    }

    [Fact]
    public void A_document_without_a_checksum_cannot_be_checked()
    {
        var document = new PdbDocument("/src/A.cs", Guid.Empty, []);

        Assert.Null(document.HashAlgorithmName);
        Assert.Null(document.Matches([1, 2, 3]));
        Assert.Null(new PdbDocument("/src/A.cs", Guid.NewGuid(), [1]).Matches([1]));
    }

    [Fact]
    public void An_assembly_without_a_PDB_has_no_spans_and_no_documents()
    {
        string dll = FixtureCompiler.Compile(Path.Combine(_root, "nopdb"), "NoPdb", [(Path.Combine(_root, "src", "N.cs"), "namespace N { public class C { public void M() { } } }")], pdb: false);

        AssemblyScanResult result = AssemblyScanner.Scan(dll, _root, withSpans: true);

        Assert.Equal(ScanFailure.None, result.Failure);
        Assert.Empty(result.Assembly!.Spans);
        Assert.Empty(result.Assembly.Documents);
    }

    [Fact]
    public void A_PDB_of_another_build_costs_spans_never_the_scan()
    {
        string first = FixtureCompiler.Compile(Path.Combine(_root, "one"), "Same", [(Path.Combine(_root, "src", "One.cs"), "namespace N { public class C { public void M() { } } }")]);
        string second = FixtureCompiler.Compile(Path.Combine(_root, "two"), "Same", [(Path.Combine(_root, "src", "Two.cs"), string.Concat(Enumerable.Range(0, 50).Select(static i => "namespace N" + i + " { public class C { public void M() { }\npublic int P => 1; } }\n")))]);
        File.Copy(Path.ChangeExtension(second, ".pdb"), Path.ChangeExtension(first, ".pdb"), overwrite: true);

        AssemblyScanResult result = AssemblyScanner.Scan(first, _root, withSpans: true);

        Assert.NotNull(result.Assembly);
        Assert.All(result.Assembly!.Spans, static s => Assert.InRange(s.StartLine, 1, s.EndLine));
    }

    [Theory]
    [InlineData(typeof(Xunit.FactAttribute))]
    [InlineData(typeof(System.CommandLine.Command))]
    [InlineData(typeof(AssemblySpansTests))]
    public void Real_assemblies_scan_with_spans_as_without(Type sample)
    {
        string path = sample.Assembly.Location;

        AssemblyScanResult plain = AssemblyScanner.Scan(path, Path.GetDirectoryName(path)!);
        AssemblyScanResult spans = AssemblyScanner.Scan(path, Path.GetDirectoryName(path)!, withSpans: true);

        Assert.Equal(ScanFailure.None, spans.Failure);
        Assert.Equal(plain.PdbProblem, spans.PdbProblem);
        Assert.Equal(plain.Assembly!.Implementations.Count, spans.Assembly!.Implementations.Count);
        Assert.Equal(plain.Assembly.Types.Select(static t => t.Key), spans.Assembly.Types.Select(static t => t.Key));
        Assert.Equal(spans.Assembly.HasPdb, spans.Assembly.Spans.Count > 0);
        Assert.All(spans.Assembly.Spans, static s => Assert.InRange(s.StartLine, 1, s.EndLine));
    }

    /// <summary>This very file, compiled by the real toolchain (csc, not the fixture compiler): its checksum matches its bytes on disk, and this method's span holds this line.</summary>
    [Fact]
    public async Task The_real_toolchain_records_checksums_of_the_bytes_on_disk_and_async_spans_of_the_kickoff()
    {
        await Task.Yield();
        string dll = typeof(AssemblySpansTests).Assembly.Location;
        ScannedAssembly assembly = AssemblyScanner.Scan(dll, Path.GetDirectoryName(dll)!, withSpans: true).Assembly!;

        PdbDocument document = Assert.Single(assembly.Documents, static d => d.Path.Replace('\\', '/').EndsWith("/tests/SpecGuard.Cli.Tests/AssemblySpansTests.cs", StringComparison.Ordinal));
        string onDisk = File.Exists(document.Path) ? document.Path : Path.Combine(RepositoryRoot(), "tests", "SpecGuard.Cli.Tests", "AssemblySpansTests.cs");
        Assert.True(assembly.MatchesContent(document.Path, File.ReadAllBytes(onDisk)));

        MethodSpan self = Span(assembly, "SpecGuard.Cli.Tests.AssemblySpansTests." + nameof(The_real_toolchain_records_checksums_of_the_bytes_on_disk_and_async_spans_of_the_kickoff), "method");
        int here = File.ReadAllLines(onDisk).ToList().FindIndex(static l => l.Contains("await Task.Yield();", StringComparison.Ordinal) && l.StartsWith("        await", StringComparison.Ordinal)) + 1;
        Assert.Equal(document.Path, self.Document);
        Assert.InRange(here, self.StartLine, self.EndLine);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SpecGuard.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("SpecGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
