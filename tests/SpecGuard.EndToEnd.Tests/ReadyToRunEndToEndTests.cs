using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;

namespace SpecGuard.EndToEnd.Tests;

/// <summary>
/// The ReadyToRun copy of the payload (r2r/linux-x64/): the same assemblies as analyzers/dotnet/cs, two of them with
/// native code; the compiler is pointed at it where it runs on .NET on linux-x64, and nowhere else.
/// </summary>
public sealed class ReadyToRunEndToEndTests
{
    private const string IlFolder = "analyzers/dotnet/cs/";
    private const string ReadyToRunFolder = "r2r/linux-x64/";

    /// <summary>The READYTORUN_HEADER signature, "RTR".</summary>
    private const uint ReadyToRunSignature = 0x00525452;

    [Fact]
    public void The_ReadyToRun_folder_is_the_same_payload_with_native_code_for_the_generator_and_core()
    {
        Dictionary<string, byte[]> il = PackedPackage.Folder(IlFolder);
        Dictionary<string, byte[]> readyToRun = PackedPackage.Folder(ReadyToRunFolder);

        Assert.Equal(il.Keys.Order(StringComparer.Ordinal), readyToRun.Keys.Order(StringComparer.Ordinal));
        foreach (string name in new[] { "SpecGuard.Core.dll", "SpecGuard.Generators.dll" })
        {
            Assert.False(IsReadyToRun(il[name]), name + " in " + IlFolder + " should be IL only");
            Assert.True(IsReadyToRun(readyToRun[name]), name + " in " + ReadyToRunFolder + " has no ReadyToRun header");
            // The same build: identity and module version ID (crossgen2 keeps the metadata as it is).
            Assert.Equal(Identity(il[name]), Identity(readyToRun[name]));
        }

        // Copied as they are: the code fixes (not run by the compiler) and the third-party YAML parser.
        Assert.Equal(il["SpecGuard.CodeFixes.dll"], readyToRun["SpecGuard.CodeFixes.dll"]);
        Assert.Equal(il["YamlDotNet.dll"], readyToRun["YamlDotNet.dll"]);
    }

    [Fact]
    public void The_compiler_loads_the_ReadyToRun_copy_on_linux_x64_and_the_IL_when_switched_off()
    {
        using var repo = new ConsumerRepository();
        repo.WriteStrictLibraryProject("src/Shop/Shop.csproj");
        repo.Write("src/Shop/Cart.cs", """
            namespace Shop;

            /// <summary>A cart.</summary>
            [SpecGuard.Implements("CART-001")]
            public sealed class Cart
            {
            }
            """);
        // An anchor and a tag send the file down the YAML library's path (YamlDotNet, loaded from the same folder);
        // the missing value is a YAML syntax error reported on its line.
        repo.Write("specs/cart.spec.yaml", """
            specguard: 1
            feature: CART
            title: &t Cart
            criteria:
              - id: CART-001
                title: !!str *t
                then: [the cart holds the item
            """);

        CommandResult readyToRun = repo.Dotnet("src/Shop", "build", "--no-incremental", "-v:n");
        CommandResult il = repo.Dotnet("src/Shop", "build", "--no-incremental", "-v:n", "-p:SpecGuardReadyToRun=false");
        CommandResult invalid = repo.Dotnet("src/Shop", "build", "--no-incremental", "-v:n", "-p:SpecGuardReadyToRun=maybe");

        bool expectsReadyToRun = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;
        Assert.Equal(expectsReadyToRun ? ReadyToRunFolder : IlFolder, AnalyzerFolder(readyToRun.Output));
        Assert.Equal(IlFolder, AnalyzerFolder(il.Output));
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("error SPEC901: The MSBuild property SpecGuardReadyToRun is 'maybe'; it takes true (the default) or false.", invalid.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SpecGuardReadyToRun is", readyToRun.Output, StringComparison.Ordinal);

        // Both report the same findings from the same code.
        Assert.NotEqual(0, readyToRun.ExitCode);
        Assert.Equal(SpecErrors(il.Output), SpecErrors(readyToRun.Output));
        Assert.Contains(SpecErrors(readyToRun.Output), e => e.Contains("cart.spec.yaml(", StringComparison.Ordinal) && e.Contains("SPEC001", StringComparison.Ordinal));
    }

    /// <summary>The one package folder every SpecGuard analyzer on the compiler's command line comes from.</summary>
    private static string AnalyzerFolder(string buildOutput)
    {
        string[] folders = Regex.Matches(buildOutput, @"/analyzer:(?<path>[^ ""]*specguard[^ ""]*\.dll)", RegexOptions.IgnoreCase)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Select(path => path.Contains("/" + ReadyToRunFolder, StringComparison.Ordinal) ? ReadyToRunFolder
                : path.Contains("/" + IlFolder, StringComparison.Ordinal) ? IlFolder
                : path)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        Assert.True(folders.Length == 1, "expected one package folder for SpecGuard's analyzers, saw: " + string.Join(", ", folders) + "\n" + buildOutput);
        Assert.Equal(4, Regex.Matches(buildOutput, @"/analyzer:[^ ""]*specguard[^ ""]*\.dll", RegexOptions.IgnoreCase).Select(m => m.Value).Distinct(StringComparer.Ordinal).Count());
        return folders[0];
    }

    private static string[] SpecErrors(string buildOutput) =>
        Regex.Matches(buildOutput, @"[^\s]+\(\d+,\d+\): error SPEC\d{3}: [^\[\r\n]*")
            .Select(m => m.Value.Trim())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool IsReadyToRun(byte[] image)
    {
        using var reader = new PEReader(new MemoryStream(image));
        DirectoryEntry native = reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory;
        if (native.Size < 4)
        {
            return false;
        }

        PEMemoryBlock block = reader.GetSectionData(native.RelativeVirtualAddress);
        return block.Length >= 4 && BitConverter.ToUInt32(block.GetContent(0, 4).AsSpan()) == ReadyToRunSignature;
    }

    private static string Identity(byte[] image)
    {
        using var reader = new PEReader(new MemoryStream(image));
        MetadataReader metadata = reader.GetMetadataReader();
        AssemblyDefinition assembly = metadata.GetAssemblyDefinition();
        Guid mvid = metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        return metadata.GetString(assembly.Name) + " " + assembly.Version + " " + mvid;
    }
}
