using System.Text;

namespace Cxr.Core.Data;

/// <summary>A split puts one patient or one image into more than one of train/val/test; the message names them.</summary>
public sealed class DataLeakageException : Exception
{
    private const int ListedInMessage = 10;

    public DataLeakageException(IReadOnlyList<DataLeak> leaks)
        : base(Describe(leaks))
    {
        Leaks = leaks;
    }

    /// <summary>Every leak found (at least one).</summary>
    public IReadOnlyList<DataLeak> Leaks { get; }

    private static string Describe(IReadOnlyList<DataLeak> leaks)
    {
        ArgumentNullException.ThrowIfNull(leaks);
        var text = new StringBuilder();
        text.Append("Data leakage between splits: ")
            .Append(leaks.Count(l => l.Kind == "patient")).Append(" patient(s) and ")
            .Append(leaks.Count(l => l.Kind == "duplicate")).Append(" duplicate image(s) appear in more than one split: ");
        text.AppendJoin("; ", leaks.Take(ListedInMessage).Select(l =>
            $"{l.Kind} {Short(l)} in {string.Join("+", l.Splits.Select(s => s.Length == 0 ? "(none)" : s))} " +
            $"({string.Join(", ", l.Files.Select(Path.GetFileName))})"));
        if (leaks.Count > ListedInMessage)
        {
            text.Append("; and ").Append(leaks.Count - ListedInMessage).Append(" more");
        }

        return text.Append('.').ToString();
    }

    private static string Short(DataLeak leak) =>
        leak.Kind == "duplicate" && leak.Key.Length > 12 ? leak.Key[..12] : leak.Key;
}
