using System;
using System.Diagnostics;
using System.Globalization;
using SpecGuard.Core;

namespace SpecGuard.Benchmarks;

/// <summary>
/// What the first spec file costs a fresh compiler process: schema read, YAML parser start-up, JIT and the first
/// validation, against a second load of the same file. A timed harness, not a benchmark: run it in fresh processes,
/// <c>for i in 1 2 3 4 5 6 7; do dotnet bench/SpecGuard.Benchmarks/bin/Release/net10.0/SpecGuard.Benchmarks.dll first-load; done</c>.
/// </summary>
internal static class FirstLoad
{
    private const string Spec = """
        specguard: 1
        feature: ORDERS
        title: Order placement
        criteria:
          - id: ORDERS-001
            title: A customer can place an order
            given: the cart holds an item in stock
            when: the customer checks out
            then: an order is created with status Pending
          - id: ORDERS-002
            title: Out-of-stock items are refused
            then: [the order is refused, the customer is told why]
            examples:
              - { quantity: 1, status: Refused }
        """;

    public static void Run()
    {
        long started = Stopwatch.GetTimestamp();
        SpecLoadResult first = SpecLoader.Load("specs/orders.spec.yaml", Spec);
        double firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        started = Stopwatch.GetTimestamp();
        SpecLoadResult second = SpecLoader.Load("specs/orders.spec.yaml", Spec.Replace("Pending", "Open", StringComparison.Ordinal));
        double secondMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (first.HasErrors || second.HasErrors)
        {
            throw new InvalidOperationException("the harness spec is invalid");
        }

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "first load {0:F1} ms, second load {1:F2} ms", firstMs, secondMs));
    }
}
