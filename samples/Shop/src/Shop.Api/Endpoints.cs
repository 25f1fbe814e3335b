using Shop.Api.Domain;
using SpecGuard;
using SpecGuard.Specs;

namespace Shop.Api;

/// <summary>Minimal-API endpoints.</summary>
public static class Endpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/catalog", [Implements(CatalogCriteria.CATALOG_001)] (Store store) => ListCatalog(store));
        app.MapDelete("/orders/{id:int}", [Implements(OrdersCriteria.ORDERS_003)] (int id, Store store) =>
            store.Cancel(id) is { } order ? Results.Ok(order) : Results.NotFound());
        app.MapGet("/health", [SpecExempt("infrastructure: liveness probe")] () => "ok");
    }

    [Implements(CatalogCriteria.CATALOG_001)]
    public static IReadOnlyList<Product> ListCatalog(Store store) => store.Products;
}
