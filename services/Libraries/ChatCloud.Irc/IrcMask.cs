namespace ChatCloud.Irc;

/// <summary>
/// IRC wildcard masks (RFC 2812 §2.5, Modern IRC "Wildcard expressions"): <c>*</c> matches any run of
/// characters, <c>?</c> exactly one, and <c>\</c> makes the next <c>*</c>, <c>?</c> or <c>\</c>
/// literal. Compared under a casemapping, as bans (<c>+b nick!user@host</c>) and WHO/LIST masks are.
/// </summary>
public static class IrcMask
{
    /// <summary>
    /// Iterative with one backtrack point, so a hostile mask such as <c>*a*a*a*…b</c> costs
    /// O(mask × value), never exponential time.
    /// </summary>
    public static bool Matches(string mask, string value, IrcCaseMapping caseMapping)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(caseMapping);
        int m = 0, v = 0, starMask = -1, starValue = -1;
        while (v < value.Length)
        {
            if (m < mask.Length && mask[m] == '*')
            {
                starMask = ++m;
                starValue = v;
                continue;
            }
            if (m < mask.Length && Single(mask, m, value[v], caseMapping, out var width))
            {
                m += width;
                v++;
                continue;
            }
            if (starMask < 0)
            {
                return false;
            }
            m = starMask;
            v = ++starValue;
        }
        while (m < mask.Length && mask[m] == '*')
        {
            m++;
        }
        return m == mask.Length;
    }

    /// <summary>Whether the mask element at <paramref name="m"/> (not a <c>*</c>) matches one character.</summary>
    private static bool Single(string mask, int m, char c, IrcCaseMapping caseMapping, out int width)
    {
        width = 1;
        var expected = mask[m];
        if (expected == '?')
        {
            return true;
        }
        if (expected == '\\' && m + 1 < mask.Length && mask[m + 1] is '*' or '?' or '\\')
        {
            width = 2;
            expected = mask[m + 1];
        }
        return caseMapping.Fold(expected) == caseMapping.Fold(c);
    }
}
