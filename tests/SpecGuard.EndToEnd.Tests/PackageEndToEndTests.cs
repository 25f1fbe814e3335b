using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>The package itself: its dependency DLLs really load, and it works from a clean cache, with -m and the compiler server.</summary>
public sealed partial class PackageEndToEndTests
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
    public void A_package_missing_a_dependency_DLL_loses_its_spec_diagnostics()
    {
        // The same package without NJsonSchema.dll, under a version of its own.
        string feed = Directory.CreateTempSubdirectory("specguard-broken-feed-").FullName;
        string version = PackedPackage.Version + ".broken";
        string broken = Path.Combine(feed, $"SpecGuard.{version}.nupkg");
        File.Copy(Path.Combine(PackedPackage.Feed, $"SpecGuard.{PackedPackage.Version}.nupkg"), broken);
        using (ZipArchive zip = ZipFile.Open(broken, ZipArchiveMode.Update))
        {
            zip.GetEntry("analyzers/dotnet/cs/NJsonSchema.dll")!.Delete();
            ZipArchiveEntry nuspec = zip.GetEntry("SpecGuard.nuspec")!;
            string text;
            using (var reader = new StreamReader(nuspec.Open()))
            {
                text = reader.ReadToEnd();
            }

            nuspec.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("SpecGuard.nuspec").Open());
            writer.Write(VersionElement().Replace(text, $"<version>{version}</version>"));
        }

        using var repo = new ConsumerRepository();
        repo.Write("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="broken" value="{feed}" /></packageSources></configuration>
            """);
        repo.Write("specs/cart.spec.yaml", BrokenSpec);
        repo.Write("src/Shop/Shop.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="SpecGuard" Version="{version}" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        repo.Write("src/Shop/Cart.cs", "namespace Shop; internal static class Cart { }");

        CommandResult build = repo.Dotnet("src/Shop", "build");

        // With every DLL the build reports SPEC002 on the typo (BuildEndToEndTests); without NJsonSchema it cannot.
        Assert.DoesNotContain("error SPEC002", build.Output, StringComparison.Ordinal);
        Assert.Contains("NJsonSchema", build.Output, StringComparison.Ordinal);
    }

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

    [GeneratedRegex("<version>[^<]+</version>")]
    private static partial Regex VersionElement();
}
