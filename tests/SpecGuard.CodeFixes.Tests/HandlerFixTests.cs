using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static SpecGuard.CodeFixes.Tests.FixTests;

namespace SpecGuard.CodeFixes.Tests;

/// <summary>SPEC101: minimal-API lambdas get the attribute on the lambda; method handlers on the method.</summary>
public sealed class HandlerFixTests
{
    private static readonly string Implement001 = EquivalenceKeys.Implement("ORDERS-001");

    [Fact]
    public async Task A_minimal_api_lambda_gets_the_attribute_on_the_lambda()
    {
        await Link("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create();
            app.MapGet("/orders", {|SPEC101:() =>|} "all");
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using SpecGuard;
            using SpecGuard.Specs;

            var app = WebApplication.Create();
            app.MapGet("/orders", [Implements(OrdersCriteria.ORDERS_001)] () => "all");
            app.Run();
            """, Implement001, aspNetCore: true).RunAsync();
    }

    [Fact]
    public async Task Async_lambdas_keep_their_modifier_after_the_attribute()
    {
        await Link("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create();
            app.MapPost("/orders",
                {|SPEC101:async (int quantity) =>|} await Task.FromResult(quantity));
            app.Run();
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using SpecGuard;

            var app = WebApplication.Create();
            app.MapPost("/orders",
                [SpecExempt("TODO: reason")] async (int quantity) => await Task.FromResult(quantity));
            app.Run();
            """, EquivalenceKeys.Exempt, aspNetCore: true).RunAsync();
    }

    [Fact]
    public async Task A_request_delegate_lambda_gets_parentheses_so_it_can_carry_the_attribute()
    {
        await Link("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create();
            app.MapGet("/orders", {|SPEC101:context =>|} context.Response.WriteAsync("all"));
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using SpecGuard;
            using SpecGuard.Specs;

            var app = WebApplication.Create();
            app.MapGet("/orders", [Implements(OrdersCriteria.ORDERS_001)] (context) => context.Response.WriteAsync("all"));
            app.Run();
            """, Implement001, aspNetCore: true).RunAsync();
    }

    [Fact]
    public async Task A_method_group_handler_gets_the_attribute_on_the_method()
    {
        var test = Link("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create();
            app.MapGet("/health", Endpoints.Health);
            app.Run();

            internal static class Endpoints
            {
                public static string {|SPEC101:Health|}() => "ok";
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using SpecGuard;

            var app = WebApplication.Create();
            app.MapGet("/health", Endpoints.Health);
            app.Run();

            internal static class Endpoints
            {
                [SpecExempt("TODO: reason")]
                public static string Health() => "ok";
            }
            """, EquivalenceKeys.Exempt, aspNetCore: true);

        // The analyzer reports this from the MapGet call onto the method: a non-local diagnostic (see docs/code-fixes.md).
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_controller_action_gets_the_attribute_on_the_action()
    {
        await Link("""
            using Microsoft.AspNetCore.Mvc;

            namespace Shop.Web
            {
                [ApiController]
                [Route("orders")]
                public sealed class OrdersController : ControllerBase
                {
                    [HttpPost]
                    public IActionResult {|SPEC101:Place|}() => Ok();
                }
            }
            """, """
            using Microsoft.AspNetCore.Mvc;
            using SpecGuard;
            using SpecGuard.Specs;

            namespace Shop.Web
            {
                [ApiController]
                [Route("orders")]
                public sealed class OrdersController : ControllerBase
                {
                    [HttpPost]
                    [Implements(OrdersCriteria.ORDERS_001)]
                    public IActionResult Place() => Ok();
                }
            }
            """, Implement001, aspNetCore: true, outputKind: OutputKind.DynamicallyLinkedLibrary).RunAsync();
    }
}
