using Microsoft.AspNetCore.Mvc;
using Shop.Api.Domain;
using SpecGuard;
using SpecGuard.Specs;

namespace Shop.Api.Controllers;

public sealed record PlaceOrderRequest(string Sku, int Quantity);

[ApiController]
[Route("orders")]
public sealed class OrdersController(Store store) : ControllerBase
{
    /// <summary>Places an order; 201 when accepted, 409 when stock is short.</summary>
    [HttpPost]
    [Implements(OrdersCriteria.ORDERS_001, OrdersCriteria.ORDERS_002)]
    public ActionResult<Order> Place(PlaceOrderRequest request)
    {
        Order order = store.Place(request.Sku, request.Quantity);
        return order.Status == OrderStatus.Pending ? Created($"/orders/{order.Id}", order) : Conflict(order);
    }
}
