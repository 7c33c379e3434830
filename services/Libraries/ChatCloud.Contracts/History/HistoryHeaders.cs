namespace ChatCloud.Contracts.History;

/// <summary>Headers of the history read API that callers and the history service agree on.</summary>
public static class HistoryHeaders
{
    /// <summary>
    /// The account a service (the TCP edge) reads for, so a terminal's room open counts as that
    /// person's (prefetch hit or miss, docs/ml.md); honoured only from a caller with the service role,
    /// ignored from anyone else. It never widens what is read: the service already reads any room.
    /// </summary>
    public const string OnBehalfOf = "X-ChatCloud-On-Behalf-Of";
}
