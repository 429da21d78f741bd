namespace Cxr.Core.Evaluation;

/// <summary>
/// Post-hoc calibration with one temperature: p = sigmoid(logit / T). T &gt; 1 softens over-confident logits, T &lt; 1
/// sharpens under-confident ones; the ranking (and so AUC/AP) is unchanged.
/// </summary>
public static class TemperatureScaling
{
    /// <summary>Smallest temperature <see cref="Fit"/> returns.</summary>
    public const double MinTemperature = 0.05;

    /// <summary>Largest temperature <see cref="Fit"/> returns.</summary>
    public const double MaxTemperature = 20.0;

    private const int MaxIterations = 200;
    private const double LogTolerance = 1e-9;

    /// <summary>
    /// The temperature in [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>] minimising the mean binary
    /// negative log-likelihood of sigmoid(logit / T) on validation data, found by golden-section search on log T.
    /// </summary>
    /// <remarks>
    /// The NLL is convex in 1/T (logistic loss of a one-parameter linear model), hence unimodal in log T, so the
    /// search cannot stop in a false minimum; it needs no gradients and cannot diverge. A result at a bound means the
    /// optimum lies beyond it (for example perfectly separated logits push T towards 0). If the NLL does not depend on
    /// T (all logits 0) any T is optimal and one inside the range is returned.
    /// </remarks>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; at least one case.</param>
    /// <param name="logits">Pre-sigmoid model outputs, finite.</param>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, a logit is not finite, or there are no cases.</exception>
    public static double Fit(ReadOnlySpan<int> labels, ReadOnlySpan<double> logits)
    {
        ValidateLogits(labels, logits);
        if (labels.IsEmpty)
        {
            throw new ArgumentException("Temperature scaling needs at least one validation case.", nameof(labels));
        }

        var invPhi = (Math.Sqrt(5) - 1) / 2;
        double a = Math.Log(MinTemperature), b = Math.Log(MaxTemperature);
        var c = b - invPhi * (b - a);
        var d = a + invPhi * (b - a);
        var fc = Nll(labels, logits, Math.Exp(c));
        var fd = Nll(labels, logits, Math.Exp(d));
        for (var i = 0; i < MaxIterations && b - a > LogTolerance; i++)
        {
            if (fc <= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - invPhi * (b - a);
                fc = Nll(labels, logits, Math.Exp(c));
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + invPhi * (b - a);
                fd = Nll(labels, logits, Math.Exp(d));
            }
        }

        // exp(log(bound)) can round a hair outside the documented range.
        var best = Math.Exp((a + b) / 2);
        return Math.Clamp(best, MinTemperature, MaxTemperature);
    }

    /// <summary>sigmoid(logit / temperature) in [0, 1], without overflow for any logit (±∞ gives 1 or 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentException">The logit is NaN.</exception>
    public static double Apply(double logit, double temperature)
    {
        CheckTemperature(temperature);
        if (double.IsNaN(logit))
        {
            throw new ArgumentException("logit is NaN.", nameof(logit));
        }

        return Sigmoid(logit / temperature);
    }

    /// <summary>Mean binary negative log-likelihood (nats, &gt;= 0) of sigmoid(logit / temperature).</summary>
    /// <exception cref="ArgumentException">Invalid inputs or no cases.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not a finite number &gt; 0.</exception>
    public static double NegativeLogLikelihood(ReadOnlySpan<int> labels, ReadOnlySpan<double> logits, double temperature = 1.0)
    {
        ValidateLogits(labels, logits);
        CheckTemperature(temperature);
        if (labels.IsEmpty)
        {
            throw new ArgumentException("The negative log-likelihood needs at least one case.", nameof(labels));
        }

        return Nll(labels, logits, temperature);
    }

    private static double Nll(ReadOnlySpan<int> labels, ReadOnlySpan<double> logits, double temperature)
    {
        // -[y log σ(s) + (1-y) log(1-σ(s))] = softplus(s) - y·s, with softplus written to avoid exp overflow.
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var s = logits[i] / temperature;
            var softplus = s > 0 ? s + Math.Log(1 + Math.Exp(-s)) : Math.Log(1 + Math.Exp(s));
            sum += softplus - labels[i] * s;
        }

        return sum / labels.Length;
    }

    private static double Sigmoid(double s)
    {
        if (s >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-s));
        }

        var e = Math.Exp(s);
        return e / (1.0 + e);
    }

    private static void ValidateLogits(ReadOnlySpan<int> labels, ReadOnlySpan<double> logits)
    {
        MetricInput.ValidateLabels(labels, logits.Length, nameof(logits));
        for (var i = 0; i < logits.Length; i++)
        {
            if (!double.IsFinite(logits[i]))
            {
                throw new ArgumentException($"logits[{i}] is {logits[i]}; logits must be finite numbers.", nameof(logits));
            }
        }
    }

    private static void CheckTemperature(double temperature)
    {
        if (!(temperature > 0.0 && double.IsFinite(temperature)))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a finite number > 0.");
        }
    }
}
