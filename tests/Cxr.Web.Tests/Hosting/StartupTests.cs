using Cxr.Web.Inference;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Cxr.Web.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public void A_missing_model_stops_startup_with_a_message_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cxr-no-such-model-" + Guid.NewGuid().ToString("N") + ".onnx");
        using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:ModelPath"] = missing });
        var error = Assert.Throws<ModelStartupException>(() => factory.CreateClient());
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_model_stops_startup_with_the_reason()
    {
        var bogus = Path.Combine(Path.GetTempPath(), "cxr-bogus-model-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.WriteAllText(bogus, "this is not an ONNX model");
        try
        {
            using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:ModelPath"] = bogus });
            var error = Assert.Throws<ModelStartupException>(() => factory.CreateClient());
            Assert.Contains("cannot be used", error.Message, StringComparison.Ordinal);
            Assert.Contains(bogus, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bogus);
        }
    }

    [Fact]
    public void An_invalid_setting_stops_startup_naming_the_setting()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:MaxConcurrentInferences"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Cxr:MaxConcurrentInferences", error.Message, StringComparison.Ordinal);
    }
}
