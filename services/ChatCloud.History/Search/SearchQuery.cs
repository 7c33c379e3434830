using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ChatCloud.History.Rooms;
using ChatCloud.Irc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.History.Search;

/// <summary>Where a page of results ends: the last hit's time and msgid (results go newest first).</summary>
public sealed record SearchCursor(DateTimeOffset Time, string Msgid)
{
    /// <summary>Opaque to clients (base64url of the time's ticks and the msgid), so they page without building it.</summary>
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Time.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Msgid}"));

    public static bool TryDecode(string text, out SearchCursor? cursor)
    {
        cursor = null;
        if (text.Length > 200 || !Base64Url.IsValid(text))
        {
            return false;
        }
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', 2);
        if (parts is not [var ticks, { Length: > 0 } msgid]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
            || utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        cursor = new SearchCursor(new DateTimeOffset(utcTicks, TimeSpan.Zero), msgid);
        return true;
    }
}

/// <summary>A checked search request: the words, one room or none (all the caller's rooms), the page size and where to go on.</summary>
public sealed record SearchQuery(string Text, string? RoomFolded, int Limit, SearchCursor? Before)
{
    public const int MinLength = 2;
    public const int MaxLength = 200;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    private const int MaxRoomLength = 50;

    public static bool TryParse(string? q, string? room, string? limit, string? before, out SearchQuery? query, out ProblemHttpResult? problem)
    {
        query = null;
        problem = null;
        var text = q?.Trim() ?? "";
        if (text.Length is < MinLength or > MaxLength || text.AsSpan().ContainsAny("\r\n\0"))
        {
            problem = HistoryResults.BadRequest($"q is the text to look for: {MinLength} to {MaxLength} characters on one line.");
            return false;
        }
        if (room is not null && !IrcCaseMapping.IsValidChannelName(room, MaxRoomLength))
        {
            problem = HistoryResults.BadRequest($"'{HistoryResults.Cut(room)}' is not a room name.");
            return false;
        }
        var count = DefaultLimit;
        if (limit is not null && !MessageQuery.TryParseLimit(limit, out count))
        {
            problem = HistoryResults.BadRequest("limit must be a whole number from 1 up.");
            return false;
        }
        SearchCursor? cursor = null;
        if (before is not null && !SearchCursor.TryDecode(before, out cursor))
        {
            problem = HistoryResults.BadRequest("before is the next value of an earlier answer.");
            return false;
        }
        query = new SearchQuery(text, room is null ? null : IrcCaseMapping.Rfc1459.Fold(room), Math.Min(count, MaxLimit), cursor);
        return true;
    }
}
