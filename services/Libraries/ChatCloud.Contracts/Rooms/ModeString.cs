namespace ChatCloud.Contracts.Rooms;

/// <summary>
/// A MODE line's modestring and arguments as <see cref="ModeChange"/>s, read the same by every edge
/// (the TCP edge's MODE, the web hub's <c>Mode</c>) as our ISUPPORT says: <c>CHANMODES=b,k,l,imnst</c>,
/// <c>PREFIX=(ov)@+</c>, <c>MODES=20</c>. <c>b</c>, <c>o</c>, <c>v</c>, <c>+k</c> and <c>+l</c> take an
/// argument, <c>-k</c> may; <c>b</c> without one asks for the ban list (Modern IRC, "MODE").
/// </summary>
public static class ModeString
{
    /// <summary>ISUPPORT <c>MODES</c>: changes taken from one line; the rest are ignored.</summary>
    public const int MaxChanges = 20;

    public static List<ModeChange> Parse(string modestring, IReadOnlyList<string> arguments, out bool listBans)
    {
        ArgumentNullException.ThrowIfNull(modestring);
        ArgumentNullException.ThrowIfNull(arguments);
        listBans = false;
        List<ModeChange> changes = [];
        var add = true;
        var next = 0;
        foreach (var mode in modestring)
        {
            if (mode is '+' or '-')
            {
                add = mode == '+';
                continue;
            }
            var takesArgument = mode switch
            {
                'b' or 'o' or 'v' => true,
                'k' or 'l' => add || (mode == 'k' && next < arguments.Count),
                _ => false,
            };
            var argument = takesArgument && next < arguments.Count ? arguments[next++] : null;
            if (mode == 'b' && argument is null)
            {
                listBans = true;
                continue;
            }
            if (changes.Count < MaxChanges)
            {
                changes.Add(new ModeChange(mode, add, argument));
            }
        }
        return changes;
    }
}
