using System;
using System.IO;
using System.Text;
using Xunit;

namespace SpecGuard.Cli.Tests;

/// <summary>A spec file that is not UTF-8 is a located SPEC001, not text with silent replacement characters.</summary>
public sealed class EncodingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("specguard-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_Latin1_spec_file_is_SPEC001_at_the_first_byte_that_is_not_UTF8()
    {
        Directory.CreateDirectory(Path.Combine(_root, "specs"));
        string text = "specguard: 1\nfeature: ORDERS\ntitle: Commandes\ncriteria:\n  - id: ORDERS-001\n    title: Une commande est créée\n    then: x\n";
        File.WriteAllBytes(Path.Combine(_root, "specs", "orders.spec.yaml"), Encoding.Latin1.GetBytes(text));

        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(["validate"], output, error, _root);

        Assert.Equal(1, exit);
        Assert.Contains("orders.spec.yaml(6,31): error SPEC001: The spec file is not valid UTF-8", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", output.ToString(), StringComparison.Ordinal);
    }
}
