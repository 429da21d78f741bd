using Microsoft.Extensions.Options;

namespace Cxr.Web.Options;

/// <summary>Rejects settings that cannot work, with one message per bad setting naming its configuration key.</summary>
internal sealed class CxrWebOptionsValidator : IValidateOptions<CxrWebOptions>
{
    public ValidateOptionsResult Validate(string? name, CxrWebOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add("Cxr:ModelPath must name an ONNX model file.");
        }

        Check(options.MaxRequestBytes is >= 1 and <= 2_000_000_000, "Cxr:MaxRequestBytes", "between 1 and 2000000000", options.MaxRequestBytes);
        Check(options.MaxPixels is >= 1 and <= 400_000_000, "Cxr:MaxPixels", "between 1 and 400000000", options.MaxPixels);
        Check(options.MaxBatchImages is >= 1 and <= 256, "Cxr:MaxBatchImages", "between 1 and 256", options.MaxBatchImages);
        Check(options.MaxConcurrentInferences is >= 1 and <= 64, "Cxr:MaxConcurrentInferences", "between 1 and 64", options.MaxConcurrentInferences);
        Check(options.QueueLimit is >= 0 and <= 10_000, "Cxr:QueueLimit", "between 0 and 10000", options.QueueLimit);
        Check(options.IntraOpThreads is >= 1 and <= 64, "Cxr:IntraOpThreads", "between 1 and 64", options.IntraOpThreads);
        Check(options.RequestTimeoutSeconds is > 0 and <= 3600, "Cxr:RequestTimeoutSeconds", "greater than 0 and at most 3600", options.RequestTimeoutSeconds);
        Check(options.RateLimit.PermitsPerMinute is >= 0 and <= 10_000_000, "Cxr:RateLimit:PermitsPerMinute", "between 0 (off) and 10000000", options.RateLimit.PermitsPerMinute);
        Check(options.RateLimit.Burst is >= 1 and <= 10_000_000, "Cxr:RateLimit:Burst", "between 1 and 10000000", options.RateLimit.Burst);
        if (options.LogFormat is not ("text" or "json"))
        {
            failures.Add($"Cxr:LogFormat must be \"text\" or \"json\"; got \"{options.LogFormat}\".");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(bool ok, string key, string range, object value)
        {
            if (!ok)
            {
                failures.Add($"{key} must be {range}; got {value}.");
            }
        }
    }
}
