using Shop.Api;
using Shop.Api.Domain;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(Store.WithSampleData());
builder.Services.AddControllers();

WebApplication app = builder.Build();
app.MapControllers();
Endpoints.Map(app);
app.Run();

public partial class Program;
