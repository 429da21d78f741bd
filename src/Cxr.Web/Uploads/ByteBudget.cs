namespace Cxr.Web.Uploads;

/// <summary>Bytes still allowed for the rest of one request body (shared by all its multipart sections).</summary>
internal sealed class ByteBudget(long limit)
{
    private long _left = limit;

    /// <summary>Counts <paramref name="bytes"/>; false once the total is over the limit.</summary>
    public bool Spend(int bytes)
    {
        _left -= bytes;
        return _left >= 0;
    }
}
