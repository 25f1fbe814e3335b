using System.Threading.Tasks;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

public sealed class LinkFixTests
{
    private static readonly string Implement001 = EquivalenceKeys.Implement("ORDERS-001");

    [Fact]
    public async Task Implement_adds_the_catalog_constant_with_the_usings_it_needs()
    {
        await Link("""
            namespace Shop
            {
                /// <summary>Places orders.</summary>
                public sealed class {|SPEC100:OrderService|}
                {
                    public int Place() => 1;
                }
            }
            """, """
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop
            {
                /// <summary>Places orders.</summary>
                [Implements(OrdersCriteria.ORDERS_001)]
                public sealed class OrderService
                {
                    public int Place() => 1;
                }
            }
            """, Implement001).RunAsync();
    }

    [Fact]
    public async Task Usings_go_in_order_beside_the_existing_ones_and_existing_imports_are_reused()
    {
        var ordered = Link("""
            using System;
            using Zoo;

            namespace Shop;

            public sealed class {|SPEC100:OrderService|}
            {
                public int Place() => Animals.Count;
            }
            """, """
            using System;
            using SpecGuard;
            using SpecGuard.Specs;
            using Zoo;

            namespace Shop;

            [Implements(OrdersCriteria.ORDERS_001)]
            public sealed class OrderService
            {
                public int Place() => Animals.Count;
            }
            """, Implement001);
        const string zoo = "namespace Zoo { public static class Animals { public const int Count = 1; } }";
        ordered.TestState.Sources.Add(("/0/Zoo.cs", zoo));
        ordered.FixedState.Sources.Add(("/0/Zoo.cs", zoo));
        await ordered.RunAsync();

        await Link("""
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop;

            [Implements(OrdersCriteria.ORDERS_002)]
            public sealed class Cancellation { public int Cancel() => 1; }

            public sealed class {|SPEC100:OrderService|} { public int Place() => 1; }
            """, """
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop;

            [Implements(OrdersCriteria.ORDERS_002)]
            public sealed class Cancellation { public int Cancel() => 1; }

            [Implements(OrdersCriteria.ORDERS_001)]
            public sealed class OrderService { public int Place() => 1; }
            """, Implement001).RunAsync();
    }

    [Fact]
    public async Task Where_the_short_name_means_something_else_the_constant_is_qualified()
    {
        // Inside namespace Shop.OrdersCriteria, "OrdersCriteria" is that namespace: OrdersCriteria.ORDERS_001 would not bind.
        await Link("""
            namespace Shop.OrdersCriteria
            {
                public sealed class {|SPEC100:OrderService|}
                {
                    public int Place() => 1;
                }
            }
            """, """
            using SpecGuard;

            namespace Shop.OrdersCriteria
            {
                [Implements(SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
                public sealed class OrderService
                {
                    public int Place() => 1;
                }
            }
            """, Implement001).RunAsync();
    }

    [Fact]
    public async Task Inside_a_namespace_named_like_the_feature_the_short_name_binds()
    {
        // The case the catalog's class names exist for: the feature's own namespace (Shop.Orders) does not shadow OrdersCriteria.
        await Link("""
            namespace Shop.Orders
            {
                public sealed class {|SPEC100:OrderService|}
                {
                    public int Place() => 1;
                }
            }
            """, """
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop.Orders
            {
                [Implements(OrdersCriteria.ORDERS_001)]
                public sealed class OrderService
                {
                    public int Place() => 1;
                }
            }
            """, Implement001).RunAsync();
    }

    [Fact]
    public async Task Where_the_attribute_name_is_taken_everything_is_global_qualified()
    {
        await Link("""
            using Other;

            namespace Shop
            {
                public sealed class {|SPEC100:OrderService|}
                {
                    public int Place() => 1;
                }
            }

            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class ImplementsAttribute : System.Attribute { public ImplementsAttribute(string id) { } }
            }
            """, """
            using Other;

            namespace Shop
            {
                [global::SpecGuard.Implements(global::SpecGuard.Specs.OrdersCriteria.ORDERS_001)]
                public sealed class OrderService
                {
                    public int Place() => 1;
                }
            }

            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class ImplementsAttribute : System.Attribute { public ImplementsAttribute(string id) { } }
            }
            """, Implement001).RunAsync();
    }

    [Fact]
    public async Task Without_the_catalog_the_id_is_written_as_a_string_literal()
    {
        await Link("""
            namespace Shop
            {
                public sealed class {|SPEC100:OrderService|}
                {
                    public int Place() => 1;
                }
            }
            """, """
            using SpecGuard;

            namespace Shop
            {
                [Implements("ORDERS-001")]
                public sealed class OrderService
                {
                    public int Place() => 1;
                }
            }
            """, Implement001, catalog: false).RunAsync();
    }

    [Fact]
    public async Task The_configured_catalog_namespace_is_used()
    {
        await Link("""
            namespace Shop
            {
                public sealed class {|SPEC100:OrderService|}
                {
                    public int Place() => 1;
                }
            }
            """, """
            using MyCompany.Criteria;
            using SpecGuard;

            namespace Shop
            {
                [Implements(OrdersCriteria.ORDERS_001)]
                public sealed class OrderService
                {
                    public int Place() => 1;
                }
            }
            """, Implement001, catalogNamespace: "MyCompany.Criteria").RunAsync();
    }

    [Fact]
    public async Task Exempt_adds_spec_exempt_with_a_reason_to_replace()
    {
        await Link("""
            using System;

            namespace Shop
            {
                [Serializable]
                public sealed class {|SPEC100:HealthCheck|}
                {
                    public int Ping() => 1;
                }
            }
            """, """
            using System;
            using SpecGuard;

            namespace Shop
            {
                [Serializable]
                [SpecExempt("TODO: reason")]
                public sealed class HealthCheck
                {
                    public int Ping() => 1;
                }
            }
            """, EquivalenceKeys.Exempt).RunAsync();
    }

    [Fact]
    public async Task Nested_generic_and_partial_types_get_the_attribute_on_the_reported_declaration()
    {
        await Link("""
            namespace Shop
            {
                public static class Outer
                {
                    public sealed class {|SPEC100:Repository|}<T> where T : class
                    {
                        public T? Find() => null;
                    }
                }
            }
            """, """
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop
            {
                public static class Outer
                {
                    [Implements(OrdersCriteria.ORDERS_001)]
                    public sealed class Repository<T> where T : class
                    {
                        public T? Find() => null;
                    }
                }
            }
            """, Implement001).RunAsync();

        var partial = Link(
            "namespace Shop { public sealed partial class {|SPEC100:OrderService|} { public int Place() => 1; } }",
            "using SpecGuard;\nusing SpecGuard.Specs;\n\nnamespace Shop { [Implements(OrdersCriteria.ORDERS_001)] public sealed partial class OrderService { public int Place() => 1; } }",
            Implement001);
        partial.TestState.Sources.Add(("/0/Z.cs", "namespace Shop { public sealed partial class OrderService { public int Cancel() => 2; } }"));
        partial.FixedState.Sources.Add(("/0/Z.cs", "namespace Shop { public sealed partial class OrderService { public int Cancel() => 2; } }"));
        await partial.RunAsync();
    }

    [Fact]
    public async Task In_members_scope_the_method_gets_the_attribute_after_its_own_attributes()
    {
        await Link("""
            namespace Shop
            {
                public sealed class OrderService
                {
                    /// <summary>Places.</summary>
                    [System.Obsolete("use PlaceAsync")]
                    public int {|SPEC100:Place|}() => 1;
                }
            }
            """, """
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop
            {
                public sealed class OrderService
                {
                    /// <summary>Places.</summary>
                    [System.Obsolete("use PlaceAsync")]
                    [Implements(OrdersCriteria.ORDERS_001)]
                    public int Place() => 1;
                }
            }
            """, Implement001, globalConfig: "specguard.public_api_scope = members\n").RunAsync();
    }
}
