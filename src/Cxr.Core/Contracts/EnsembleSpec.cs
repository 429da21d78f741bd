using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cxr.Core.Contracts;

/// <summary>
/// What an ensemble model is made of (<c>cxr.ensemble</c>), written by <c>cxr train --ensemble K</c>: K members of the
/// same recipe, member k trained with seed <see cref="Seeds"/>[k] on all patient-grouped folds but fold k (folds drawn
/// with <see cref="FoldSeed"/>), and held out on fold k. The graph's <c>logit</c> and <c>heatmap</c> are the members'
/// means, <c>features</c> the members' features side by side, and <see cref="OnnxModelContract.MemberSpreadOutput"/> the
/// spread of the members' calibrated probabilities. A single model has no such entry.
/// </summary>
/// <param name="Members">K ≥ 2.</param>
/// <param name="Seeds">Each member's training seed, in member order (K values).</param>
/// <param name="FoldSeed">Seed of the patient-grouped K-fold assignment.</param>
/// <param name="Calibration">What the temperature, threshold and validation metrics were computed on:
/// <see cref="OutOfFoldCalibration"/> (each training film scored by the one member that did not train on it).</param>
public sealed record EnsembleSpec(int Members, IReadOnlyList<int> Seeds, int FoldSeed, string Calibration)
{
    /// <summary>The <see cref="Calibration"/> of <c>cxr train --ensemble</c>: fitted on the out-of-fold logits.</summary>
    public const string OutOfFoldCalibration = "out-of-fold";

    /// <summary>Compact JSON: <c>{"members":3,"seeds":[42,43,44],"foldSeed":42,"calibration":"out-of-fold"}</c>.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("members", Members);
            writer.WriteStartArray("seeds");
            foreach (var seed in Seeds)
            {
                writer.WriteNumberValue(seed);
            }

            writer.WriteEndArray();
            writer.WriteNumber("foldSeed", FoldSeed);
            writer.WriteString("calibration", Calibration);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses and validates <see cref="ToJson"/> output (unknown keys are ignored).</summary>
    /// <exception cref="FormatException">Not JSON, or a value is missing or unusable; the message says which.</exception>
    public static EnsembleSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        int? members = null, foldSeed = null;
        List<int>? seeds = null;
        string? calibration = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("The ensemble entry is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "members":
                        members = reader.GetInt32();
                        break;
                    case "seeds":
                        seeds = ReadInts(ref reader);
                        break;
                    case "foldSeed":
                        foldSeed = reader.GetInt32();
                        break;
                    case "calibration":
                        calibration = reader.GetString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"The ensemble entry is not valid JSON: {e.Message}", e);
        }

        var spec = new EnsembleSpec(
            members ?? throw new FormatException("The ensemble entry has no \"members\"."),
            seeds ?? throw new FormatException("The ensemble entry has no \"seeds\"."),
            foldSeed ?? throw new FormatException("The ensemble entry has no \"foldSeed\"."),
            calibration ?? throw new FormatException("The ensemble entry has no \"calibration\"."));
        spec.Validate();
        return spec;
    }

    /// <summary>Throws <see cref="FormatException"/> unless the values are usable.</summary>
    public void Validate()
    {
        if (Members < 2)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"An ensemble has at least 2 members; this one says {Members}."));
        }

        if (Seeds is null || Seeds.Count != Members)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"An ensemble of {Members} members records {Seeds?.Count ?? 0} seeds; expected one per member."));
        }

        if (string.IsNullOrWhiteSpace(Calibration))
        {
            throw new FormatException("The ensemble entry's \"calibration\" is empty.");
        }
    }

    private static List<int> ReadInts(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException($"\"seeds\" must be an array; found {reader.TokenType}.");
        }

        var values = new List<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetInt32());
        }

        return values;
    }
}
