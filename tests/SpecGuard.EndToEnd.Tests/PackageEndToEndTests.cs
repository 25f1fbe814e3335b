using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>The package itself: it ships exactly the DLLs its analyzers load, and it works from a clean cache, with -m and the compiler server.</summary>
public sealed class PackageEndToEndTests
{
    private const string BrokenSpec = """
        specguard: 1
        feature: CART
        title: Cart
        criteria:
          - id: CART-001
            title: Items can be added
            thne: the cart holds the item
        """;

    [Fact]
    public void The_analyzer_folder_holds_exactly_the_runtime_closure_of_the_analyzers()
    {
        // From the analyzer and code-fix assemblies, follow assembly references through the package's own DLLs; what
        // the compiler host provides (the framework, Roslyn) is not shipped. The folder must hold exactly that closure:
        // nothing missing (a reference that would not load) and nothing extra (a DLL loaded into every compiler for
        // nothing, or one that could displace another analyzer package's copy of the same file name).
        var shipped = PackedPackage.Folder("analyzers/dotnet/cs/").ToDictionary(file => Path.GetFileNameWithoutExtension(file.Key), file => file.Value, StringComparer.OrdinalIgnoreCase);

        var closure = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["SpecGuard.Generators", "SpecGuard.CodeFixes"]);
        while (pending.Count > 0)
        {
            string name = pending.Dequeue();
            if (!closure.Add(name))
            {
                continue;
            }

            using var reader = new PEReader(new MemoryStream(shipped[name]));
            MetadataReader metadata = reader.GetMetadataReader();
            foreach (AssemblyReferenceHandle handle in metadata.AssemblyReferences)
            {
                string reference = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
                if (shipped.ContainsKey(reference))
                {
                    pending.Enqueue(reference);
                }
                else if (!ProvidedByTheCompiler(reference))
                {
                    missing.Add(name + " -> " + reference);
                }
            }
        }

        Assert.Empty(missing);
        Assert.Equal(closure, new SortedSet<string>(shipped.Keys, StringComparer.Ordinal));
        Assert.Equal(["SpecGuard.CodeFixes", "SpecGuard.Core", "SpecGuard.Generators", "YamlDotNet"], closure);
    }

    [Fact]
    public void The_package_carries_notices_for_every_third_party_DLL_it_ships()
    {
        string package = Path.Combine(PackedPackage.Feed, $"SpecGuard.{PackedPackage.Version}.nupkg");
        using ZipArchive zip = ZipFile.OpenRead(package);
        ZipArchiveEntry? notices = zip.GetEntry("THIRD-PARTY-NOTICES.txt");
        Assert.NotNull(notices);
        string text;
        using (var reader = new StreamReader(notices!.Open()))
        {
            text = reader.ReadToEnd();
        }

        string[] thirdParty = zip.Entries
            .Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) && !e.Name.StartsWith("SpecGuard.", StringComparison.Ordinal))
            .Select(e => e.Name)
            .ToArray();
        Assert.NotEmpty(thirdParty);
        Assert.All(thirdParty, dll => Assert.Contains("(" + dll + ")", text, StringComparison.Ordinal));
        Assert.Contains("Permission is hereby granted", text, StringComparison.Ordinal);
    }

    private static bool ProvidedByTheCompiler(string assembly) =>
        assembly is "netstandard" or "mscorlib" ||
        assembly.StartsWith("System.", StringComparison.Ordinal) ||
        assembly.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal);

    [Fact]
    public void A_multi_project_solution_builds_in_parallel_from_a_clean_cache_with_the_compiler_server_on()
    {
        using var repo = new ConsumerRepository();
        repo.Write("specs/cart.spec.yaml", BrokenSpec.Replace("thne:", "then:", StringComparison.Ordinal));
        for (int i = 1; i <= 3; i++)
        {
            repo.Write($"src/Lib{i}/Lib{i}.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>
                  <ItemGroup><PackageReference Include="SpecGuard" Version="{PackedPackage.Version}" PrivateAssets="all" /></ItemGroup>
                  {(i > 1 ? $"<ItemGroup><ProjectReference Include=\"../Lib{i - 1}/Lib{i - 1}.csproj\" /></ItemGroup>" : "")}
                </Project>
                """);
            repo.Write($"src/Lib{i}/Service{i}.cs", $$"""
                namespace Lib{{i}};
                [SpecGuard.Implements(SpecGuard.Specs.CartCriteria.CART_001)]
                public sealed class Service{{i}} { public int Run() => {{i}}; }
                """);
        }

        string packages = Directory.CreateTempSubdirectory("specguard-clean-cache-").FullName;
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages, ["UseSharedCompilation"] = "true" };
        try
        {
            CommandResult build = repo.Dotnet("src/Lib3", environment, "build", "-m", "-p:UseSharedCompilation=true").ShouldSucceed();

            Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(packages, "specguard", PackedPackage.Version.ToLowerInvariant())), "SpecGuard was not restored into the clean cache");
        }
        finally
        {
            repo.Dotnet("src/Lib3", environment, "build-server", "shutdown");
            try
            {
                Directory.Delete(packages, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp folder
            }
        }
    }
}
