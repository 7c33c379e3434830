using System.Security.Cryptography;
using System.Text;
using ChatCloud.Irc;

namespace ChatCloud.Messaging;

/// <summary>
/// A room's routing topic: 16 hex digits of the SHA-256 of its case-folded name. A hash, because a
/// room name may hold the characters AMQP topic bindings give meaning to (<c>#</c>, <c>*</c>,
/// <c>.</c>); folded, because <c>#Lounge</c> and <c>#lounge</c> are one room. Two rooms sharing a
/// topic (one chance in 2^64 per pair) only means an edge receives events it then drops.
/// </summary>
public static class RoomTopics
{
    public static string Of(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(IrcCaseMapping.Rfc1459.Fold(room))), 0, 8);
    }
}
