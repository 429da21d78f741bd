using Cxr.Web.Hosting;

// The cxr web app: the page at /, the API under /api/v1, health at /health/*, OpenAPI at /openapi/v1.json.
// Settings: section "Cxr" (see CxrWebOptions), e.g. --Cxr:ModelPath=models/cxr-default.onnx. `cxr serve` hosts the same app.
var builder = WebApplication.CreateBuilder(args);
builder.AddCxrServices();

var app = builder.Build();
app.UseCxrPipeline();
app.MapCxrEndpoints();
app.Run();

/// <summary>Entry point, public so <c>WebApplicationFactory&lt;Program&gt;</c> can host it in tests.</summary>
public partial class Program;
