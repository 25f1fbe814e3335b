using System;
using System.IO;

namespace SpecGuard.Cli.Tests.Fixtures;

/// <summary>
/// A small consumer repository, built once per test class: spec files for ORDERS and PAYMENTS, a production assembly
/// (Shop.dll) and a test assembly (Shop.Tests.dll) compiled with Roslyn with portable PDBs, and a TRX file of their
/// results. What each criterion should come out as is written next to it in the spec file's comments.
/// </summary>
public sealed class ShopFixture : IDisposable
{
    public const string OrdersSpec = """
        # yaml-language-server: $schema=./specguard.schema.json
        specguard: 1
        feature: ORDERS
        title: Order placement
        owner: team-orders
        criteria:
          - id: ORDERS-001          # verified: implemented by a method, its test passed
            title: A customer can place an order
            given: a signed-in customer with items in the cart
            when: the customer submits the order
            then:
              - an order is created with status Pending
              - stock is reserved for every line
            tags: [api, checkout]
          - id: ORDERS-002          # failing: one case of a theory failed
            title: Stock is reserved per line
            then: stock is reserved for every line
          - id: ORDERS-003          # implemented-not-verified: a lambda implements it, no test
            title: The order endpoint answers
            then: the endpoint returns 42
          - id: ORDERS-004          # pending: only a generated stub, not executed
            title: Orders can be split
            then: an order can be split in two
          - id: ORDERS-005          # pending: only a generated stub, which failed (stubs count as pending whatever their outcome)
            title: Orders ship in one box
            then: one box per order
          - id: ORDERS-006          # pending: its real test was skipped
            title: Out-of-stock items are reported
            then: the customer sees which items are out of stock
          - id: ORDERS-007          # untraced
            title: Orders can be exported
            then: a CSV file is produced
          - id: ORDERS-008          # verified: a local function implements it, a class-level [Verifies] with two passing tests
            title: Open orders can be cancelled
            given: an open order
            when: the customer cancels it
            then: the order is cancelled
          - id: ORDERS-009          # deprecated: listed, not counted
            title: Orders are faxed
            status: deprecated
            replacedBy: ORDERS-001
            then: a fax is sent
        """;

    public const string PaymentsSpec = """
        specguard: 1
        feature: PAYMENTS
        title: Payments
        criteria:
          - id: PAYMENTS-001        # verified: a nested test class and an inherited test both passed
            title: A payment can be refunded
            when: the customer asks for a refund
            then: the full amount is refunded
          - id: PAYMENTS-002        # implemented-not-verified: its test has no result
            title: A payment can be partly refunded
            then: part of the amount is refunded
        """;

    public const string ShopSource = """
        using System;
        using SpecGuard;

        namespace Shop
        {
            public sealed class OrderService
            {
                [Implements("ORDERS-001")]
                public int Place(int quantity)
                { // @Place
                    return quantity > 0 ? 1 : 0;
                }
            }

            [Implements("ORDERS-002")]
            public sealed class StockReservation
            {
                public bool Reserve(int quantity)
                { // @Reserve
                    return quantity > 0;
                }
            }

            public static class Endpoints
            {
                public static Func<int> Map()
                {
                    return [Implements("ORDERS-003")] () => 42; // @Lambda
                }
            }

            public static class Cancellation
            {
                public static bool Cancel(int id)
                {
                    return Check(id);

                    [Implements("ORDERS-008")]
                    static bool Check(int value)
                    { // @Check
                        return value > 0;
                    }
                }
            }

            public sealed class Payments
            {
                [Implements("PAYMENTS-001", "PAYMENTS-002")]
                public decimal Refund(decimal amount)
                { // @Refund
                    return amount;
                }

                [Implements("ORDERS-999")]
                public void Legacy()
                { // @Legacy
                }
            }
        }
        """;

    public const string TestsSource = """
        using SpecGuard;

        namespace Shop.Tests
        {
            public sealed class OrderTests
            {
                [Verifies("ORDERS-001")]
                public void Places_an_order()
                { // @Places_an_order
                }

                [Verifies("ORDERS-002")]
                public void Reserves_stock(int quantity)
                { // @Reserves_stock
                }

                [Verifies("ORDERS-006")]
                public void Reports_out_of_stock()
                { // @Reports_out_of_stock
                }

                public void Unlinked_test()
                {
                }
            }

            [Verifies("ORDERS-008")]
            public sealed class CancellationTests
            {
                public void Cancels_an_open_order()
                { // @Cancels_an_open_order
                }

                public void Refuses_to_cancel_a_shipped_order()
                {
                }
            }

            public sealed class PaymentTests
            {
                public sealed class Refunds
                {
                    [Verifies("PAYMENTS-001")]
                    public void Refunds_the_full_amount()
                    { // @Refunds_the_full_amount
                    }
                }

                [Verifies("PAYMENTS-002")]
                public void Partial_refund()
                { // @Partial_refund
                }
            }

            public abstract class ContractTests
            {
                [Verifies("PAYMENTS-001")]
                public void Holds_the_contract()
                { // @Holds_the_contract
                }
            }

            public sealed class StripeContractTests : ContractTests
            {
            }
        }

        namespace SpecGuard.PendingTests
        {
            [System.CodeDom.Compiler.GeneratedCode("SpecGuard", "0.1.0")]
            internal sealed class OrdersPendingTests
            {
                [Verifies("ORDERS-004")]
                [System.CodeDom.Compiler.GeneratedCode("SpecGuard.PendingStub", "0.1.0")]
                public void ORDERS_004_Orders_can_be_split()
                {
                }

                [Verifies("ORDERS-005")]
                [System.CodeDom.Compiler.GeneratedCode("SpecGuard.PendingStub", "0.1.0")]
                public void ORDERS_005_Orders_ship_in_one_box()
                {
                }
            }
        }
        """;

    public static readonly TrxCase[] Results =
    [
        new("Shop.Tests.OrderTests", "Places_an_order", "Passed"),
        new("Shop.Tests.OrderTests", "Reserves_stock", "Passed", "quantity: 1"),
        new("Shop.Tests.OrderTests", "Reserves_stock", "Passed", "quantity: 2"),
        new("Shop.Tests.OrderTests", "Reserves_stock", "Failed", "quantity: 0"),
        new("Shop.Tests.OrderTests", "Reports_out_of_stock", "NotExecuted"),
        new("Shop.Tests.OrderTests", "Unlinked_test", "Passed"),
        new("Shop.Tests.CancellationTests", "Cancels_an_open_order", "Passed"),
        new("Shop.Tests.CancellationTests", "Refuses_to_cancel_a_shipped_order", "Passed"),
        new("Shop.Tests.PaymentTests+Refunds, Shop.Tests, Version=1.0.0.0", "Refunds_the_full_amount", "Passed"),
        new("Shop.Tests.StripeContractTests", "Holds_the_contract", "Passed"),
        new("SpecGuard.PendingTests.OrdersPendingTests", "ORDERS_004_Orders_can_be_split", "NotExecuted"),
        new("SpecGuard.PendingTests.OrdersPendingTests", "ORDERS_005_Orders_ship_in_one_box", "Failed"),
    ];

    public ShopFixture()
    {
        Root = Directory.CreateTempSubdirectory("specguard-shop-").FullName;
        Write("specs/orders.spec.yaml", OrdersSpec);
        Write("specs/payments.spec.yaml", PaymentsSpec);
        string bin = Path.Combine(Root, "bin");
        ShopDll = FixtureCompiler.Compile(bin, "Shop", [(Path.Combine(Root, "src", "Shop", "Orders.cs"), ShopSource), (Path.Combine(Root, "src", "Shop", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        TestsDll = FixtureCompiler.Compile(bin, "Shop.Tests", [(Path.Combine(Root, "tests", "Shop.Tests", "OrderTests.cs"), TestsSource), (Path.Combine(Root, "tests", "Shop.Tests", "Attributes.cs"), FixtureCompiler.AttributesSource)]);
        Write("results/shop.trx", TrxWriter.Write(Results));
    }

    public string Root { get; }

    public string ShopDll { get; }

    public string TestsDll { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes a file under the fixture's root and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs the CLI with the fixture's root as the current directory.</summary>
    public CliRun Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error, Root);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}

/// <summary>The exit code and the two streams of one CLI run.</summary>
public sealed record CliRun(int Exit, string Output, string Error);
