using Shop.Api.Domain;
using SpecGuard;
using SpecGuard.Specs;
using Xunit;

namespace Shop.Api.Tests;

public sealed class CatalogTests
{
    [Fact]
    [Verifies(CatalogCriteria.CATALOG_001)]
    public void The_catalog_lists_every_product_once_with_its_stock()
    {
        IReadOnlyList<Product> products = Endpoints.ListCatalog(Store.WithSampleData());

        Assert.Equal(["SKU-1", "SKU-2"], products.Select(p => p.Sku));
        Assert.Equal([5, 0], products.Select(p => p.Stock));
    }
}
