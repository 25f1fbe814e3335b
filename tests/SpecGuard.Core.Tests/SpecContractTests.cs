using System;
using Xunit;

namespace SpecGuard.Core.Tests;

/// <summary>The one contract the generator, analyzers, fixes and CLI share (issue 11): names, the stub marker, spec files, the feature-key rule.</summary>
public sealed class SpecContractTests
{
    [Theory]
    [InlineData("ORDERS", "OrdersCriteria", "OrdersPendingTests")]
    [InlineData("ORDERS-V2", "OrdersV2Criteria", "OrdersV2PendingTests")]
    [InlineData("ORDERSV2", "Ordersv2Criteria", "Ordersv2PendingTests")]
    public void Feature_keys_name_the_catalog_and_pending_classes(string key, string catalog, string pending)
    {
        Assert.Equal(catalog, SpecContract.CatalogClass(key));
        Assert.Equal(pending, SpecContract.PendingTestsClass(key));
    }

    [Theory]
    [InlineData("ORDERS-001", "ORDERS_001")]
    [InlineData("ORDERS-V2-0042", "ORDERS_V2_0042")]
    public void Criterion_constants_round_trip(string id, string constant)
    {
        Assert.Equal(constant, SpecContract.CriterionConstant(id));
        Assert.Equal(id, SpecContract.IdFromConstant(constant));
    }

    [Theory]
    [InlineData("ORDERS_01")]
    [InlineData("Orders")]
    [InlineData("ORDERS_00A")]
    public void Names_that_are_not_constants_have_no_ID(string name) => Assert.Null(SpecContract.IdFromConstant(name));

    [Theory]
    [InlineData("ORDERS-001", "ORDERS", true)]
    [InlineData("ORDERS-V2-001", "ORDERS-V2", true)]
    [InlineData("ORDERS-V2-001", "ORDERS", false)]
    [InlineData("ORDERSX-001", "ORDERS", false)]
    [InlineData("ORDERS-", "ORDERS", false)]
    [InlineData("ORDERS", "ORDERS", false)]
    public void The_feature_key_rule(string id, string key, bool belongs)
    {
        Assert.Equal(belongs, SpecContract.IsIdOfFeature(id, key));
        if (!belongs && id.Length > 0 && char.IsAsciiLetterUpper(id[0]) && id.EndsWith("-001", StringComparison.Ordinal))
        {
            // The loader applies this very rule: SPEC004 on an ID of another feature.
            SpecLoadResult result = SpecLoader.Load("f.spec.yaml", $"specguard: 1\nfeature: {key}\ntitle: T\ncriteria:\n  - id: {id}\n    title: t\n    then: x\n");
            Assert.Contains(result.Diagnostics, d => d.Id == "SPEC004");
        }
    }

    [Theory]
    [InlineData("specs/orders.spec.yaml", true)]
    [InlineData("specs/orders.SPEC.YML", true)]
    [InlineData("specs/orders.yaml", false)]
    [InlineData("specs/orders.spec.yaml.bak", false)]
    public void Spec_files_are_named_spec_yaml_or_spec_yml(string path, bool isSpec) => Assert.Equal(isSpec, SpecContract.IsSpecFile(path));

    [Fact]
    public void The_version_comes_from_the_build()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", ProductVersion.Value);
        Assert.Equal(typeof(SpecContract).Assembly.GetName().Version!.ToString(3), ProductVersion.Value.Split('-', '+')[0]);
    }
}
