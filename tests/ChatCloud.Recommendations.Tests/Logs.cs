using System.Globalization;
using ChatCloud.Recommendations.Data;

namespace ChatCloud.Recommendations.Tests;

/// <summary>Hand-made interaction logs: users and items are their dense indexes, named "u0", "r0".</summary>
internal static class Logs
{
    public static InteractionLog Of(int users, int items, params (int User, int Item, long At)[] events) =>
        Of(users, items, [], events);

    public static InteractionLog Of(int users, int items, Contact[] contacts, params (int User, int Item, long At)[] events) =>
        new([.. events.Select(e => new Interaction(e.User, e.Item, e.At, 1))], contacts,
            [.. Enumerable.Range(0, users).Select(u => "u" + u.ToString(CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(0, items).Select(i => "r" + i.ToString(CultureInfo.InvariantCulture))]);
}
