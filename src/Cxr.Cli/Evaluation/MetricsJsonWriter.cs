using System.Text;
using System.Text.Json;
using Cxr.Cli.Evaluation.Robustness;
using Cxr.Core.Evaluation;

namespace Cxr.Cli.Evaluation;

/// <summary>
/// Writes <c>metrics.json</c>: the headline metrics at the threshold (<c>n, threshold, accuracy, precision, sensitivity,
/// specificity, f1, auc, averagePrecision, brier, ece, tp, fp, tn, fn</c>), <c>ci95</c> (patient-grouped percentile
/// bootstrap, the same metric keys, each <c>{lower, upper}</c>), <c>bySubtype</c> (bacteria and virus sensitivity),
/// <c>misclassified</c> (file, label, probability; most confident mistakes first), then <c>model</c>, <c>data</c> and
/// <c>bootstrap</c> for the record. With <c>--robustness</c>, <c>robustness</c> holds <c>threshold</c>, <c>baseline</c>
/// (<c>auc, sensitivity, specificity</c> unperturbed), <c>seconds</c> and <c>perturbations</c>: per perturbation
/// <c>name, description, auc, sensitivity, specificity, deltaAuc, deltaSensitivity, deltaSpecificity</c> (fractions, vs.
/// the baseline), <c>meanAbsDeltaProbability, maxAbsDeltaProbability</c> and <c>flipped, flippedToPneumonia,
/// flippedToNormal</c> (decisions that changed). An undefined metric (e.g. AUC with one class) is <c>null</c>.
/// </summary>
internal static class MetricsJsonWriter
{
    public static string ToJson(EvaluationResult result)
    {
        var m = result.Metrics;
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("n", m.N);
            Number(w, "threshold", m.Threshold);
            Number(w, "accuracy", m.Accuracy);
            Number(w, "precision", m.Precision);
            Number(w, "sensitivity", m.Sensitivity);
            Number(w, "specificity", m.Specificity);
            Number(w, "f1", m.F1);
            Number(w, "auc", m.Auc);
            Number(w, "averagePrecision", m.AveragePrecision);
            Number(w, "brier", m.Brier);
            Number(w, "ece", m.Ece);
            w.WriteNumber("tp", m.Tp);
            w.WriteNumber("fp", m.Fp);
            w.WriteNumber("tn", m.Tn);
            w.WriteNumber("fn", m.Fn);

            w.WriteStartObject("ci95");
            foreach (var name in BootstrapIntervals.MetricNames)
            {
                var interval = result.Intervals[name];
                w.WriteStartObject(name);
                Number(w, "lower", interval.Lower);
                Number(w, "upper", interval.Upper);
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("bySubtype");
            foreach (var s in result.Subtypes)
            {
                w.WriteStartObject(s.Subtype);
                w.WriteNumber("n", s.N);
                w.WriteNumber("detected", s.Detected);
                Number(w, "sensitivity", s.Sensitivity);
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartArray("misclassified");
            foreach (var x in result.Misclassified)
            {
                w.WriteStartObject();
                w.WriteString("file", x.File);
                w.WriteString("label", x.Label);
                Number(w, "probability", x.Probability);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartObject("model");
            w.WriteString("name", result.Model.Name);
            w.WriteString("version", result.Model.Version);
            w.WriteString("sha256", result.Model.Sha256);
            w.WriteString("architecture", result.Model.Architecture);
            Number(w, "storedThreshold", result.Model.Threshold);
            w.WriteString("thresholdPolicy", result.Model.ThresholdPolicy);
            w.WriteEndObject();

            w.WriteStartObject("data");
            w.WriteString("source", result.Set.Source);
            w.WriteString("split", result.Set.Split);
            w.WriteNumber("pneumonia", result.Labels.Count(l => l == 1));
            w.WriteNumber("normal", result.Labels.Count(l => l == 0));
            w.WriteEndObject();

            // Images the input guard would refuse; they are included in every metric above.
            w.WriteStartObject("inputGuardRefusals");
            foreach (var (reason, count) in result.GuardRefusals.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(reason, count);
            }

            w.WriteEndObject();

            if (result.Robustness is { } robustness)
            {
                Robustness(w, robustness);
            }

            w.WriteStartObject("bootstrap");
            w.WriteNumber("iterations", result.BootstrapIterations);
            w.WriteNumber("seed", result.BootstrapSeed);
            w.WriteNumber("confidence", EvaluationResult.Confidence);
            w.WriteString("resampling", "patient");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Robustness(Utf8JsonWriter w, RobustnessResult r)
    {
        w.WriteStartObject("robustness");
        Number(w, "threshold", r.Threshold);
        w.WriteStartObject("baseline");
        Number(w, "auc", r.Baseline.Auc);
        Number(w, "sensitivity", r.Baseline.Sensitivity);
        Number(w, "specificity", r.Baseline.Specificity);
        w.WriteEndObject();
        Number(w, "seconds", Math.Round(r.Seconds, 1));
        w.WriteStartArray("perturbations");
        foreach (var o in r.Outcomes)
        {
            w.WriteStartObject();
            w.WriteString("name", o.Name);
            w.WriteString("description", o.Description);
            Number(w, "auc", o.Auc);
            Number(w, "sensitivity", o.Sensitivity);
            Number(w, "specificity", o.Specificity);
            Number(w, "deltaAuc", o.DeltaAuc);
            Number(w, "deltaSensitivity", o.DeltaSensitivity);
            Number(w, "deltaSpecificity", o.DeltaSpecificity);
            Number(w, "meanAbsDeltaProbability", o.MeanAbsDeltaProbability);
            Number(w, "maxAbsDeltaProbability", o.MaxAbsDeltaProbability);
            w.WriteNumber("flipped", o.Flipped);
            w.WriteNumber("flippedToPneumonia", o.FlippedToPneumonia);
            w.WriteNumber("flippedToNormal", o.FlippedToNormal);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
