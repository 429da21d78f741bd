using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cxr.Web.Inference;

/// <summary>Ready when the model is loaded (it is loaded before the app listens); the description reports the current load.</summary>
internal sealed class ModelReadyHealthCheck(ModelHost host, InferenceGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var model = host.Model;
        var description = $"model {model.Name} {model.Version} loaded; {gate.Running} running, {gate.Queued} queued";
        return Task.FromResult(HealthCheckResult.Healthy(description));
    }
}
