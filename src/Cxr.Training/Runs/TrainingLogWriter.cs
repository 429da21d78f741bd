using System.Globalization;
using System.Text;
using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>Writes <c>log.csv</c>: one row per epoch.</summary>
public static class TrainingLogWriter
{
    public const string Header = "epoch,train_loss,val_loss,val_accuracy,val_sensitivity,val_specificity,val_auc,lr,images_per_s,seconds,rss_mb,best";

    public static void Write(string path, IEnumerable<EpochRecord> history)
    {
        var sb = new StringBuilder().Append(Header).Append('\n');
        foreach (var r in history)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Epoch},{r.TrainLoss:F5},{r.ValidationLoss:F5},{r.ValidationAccuracy:F4},{r.ValidationSensitivity:F4},{r.ValidationSpecificity:F4},{r.ValidationAuc:F5},{r.LearningRate:G4},{r.ImagesPerSecond:F1},{r.Seconds:F1},{r.ResidentMemoryMb:F0},{(r.IsBest ? 1 : 0)}\n");
        }

        File.WriteAllText(path, sb.ToString());
    }
}
