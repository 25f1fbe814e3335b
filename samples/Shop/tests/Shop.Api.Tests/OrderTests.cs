using Microsoft.AspNetCore.Mvc;
using Shop.Api.Controllers;
using Shop.Api.Domain;
using SpecGuard;
using SpecGuard.Specs;
using Xunit;

namespace Shop.Api.Tests;

public sealed class OrderTests
{
    [Fact]
    [Verifies(OrdersCriteria.ORDERS_001)]
    public void An_order_for_items_in_stock_is_pending_and_reserves_stock()
    {
        var store = Store.WithSampleData();
        var controller = new OrdersController(store);

        ActionResult<Order> result = controller.Place(new PlaceOrderRequest("SKU-1", 2));

        Order order = Assert.IsType<Order>(Assert.IsType<CreatedResult>(result.Result).Value);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(3, store.Products.Single(p => p.Sku == "SKU-1").Stock);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    [Verifies(OrdersCriteria.ORDERS_002)]
    public void An_order_beyond_the_stock_is_rejected(int stock, int quantity)
    {
        var store = new Store([new Product("SKU-9", "Kettle", stock)]);

        Order order = store.Place("SKU-9", quantity);

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal(stock, store.Products.Single().Stock);
    }
}
