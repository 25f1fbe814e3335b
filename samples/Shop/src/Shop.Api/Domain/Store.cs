using SpecGuard;
using SpecGuard.Specs;

namespace Shop.Api.Domain;

public enum OrderStatus
{
    Pending,
    Rejected,
    Cancelled,
}

public sealed record Product(string Sku, string Name, int Stock);

public sealed record Order(int Id, string Sku, int Quantity, OrderStatus Status);

/// <summary>An in-memory store: products with stock, and orders.</summary>
[Implements(OrdersCriteria.ORDERS_001, OrdersCriteria.ORDERS_002)]
public sealed class Store
{
    private readonly Dictionary<string, Product> _products = new(StringComparer.Ordinal);
    private readonly List<Order> _orders = [];
    private readonly Lock _gate = new();

    public Store(IEnumerable<Product> products)
    {
        foreach (Product product in products)
        {
            _products[product.Sku] = product;
        }
    }

    public static Store WithSampleData() => new([new("SKU-1", "Teapot", 5), new("SKU-2", "Cup", 0)]);

    public IReadOnlyList<Product> Products
    {
        get
        {
            lock (_gate)
            {
                return [.. _products.Values.OrderBy(p => p.Sku, StringComparer.Ordinal)];
            }
        }
    }

    public Order Place(string sku, int quantity)
    {
        lock (_gate)
        {
            int id = _orders.Count + 1;
            if (!_products.TryGetValue(sku, out Product? product) || quantity <= 0 || product.Stock < quantity)
            {
                var rejected = new Order(id, sku, quantity, OrderStatus.Rejected);
                _orders.Add(rejected);
                return rejected;
            }

            _products[sku] = product with { Stock = product.Stock - quantity };
            var order = new Order(id, sku, quantity, OrderStatus.Pending);
            _orders.Add(order);
            return order;
        }
    }

    [Implements(OrdersCriteria.ORDERS_003)]
    public Order? Cancel(int id)
    {
        lock (_gate)
        {
            int index = _orders.FindIndex(o => o.Id == id);
            if (index < 0 || _orders[index].Status != OrderStatus.Pending)
            {
                return null;
            }

            Order order = _orders[index];
            Product product = _products[order.Sku];
            _products[order.Sku] = product with { Stock = product.Stock + order.Quantity };
            _orders[index] = order with { Status = OrderStatus.Cancelled };
            return _orders[index];
        }
    }
}
