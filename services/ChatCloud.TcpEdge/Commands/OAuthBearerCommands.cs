using System.Text;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// SASL OAUTHBEARER (RFC 7628) with an access token of the auth service, checked on the edge against
/// the cached JWKS. The token proves who connects once; the connection does not end when the token
/// expires (docs/security.md, "Long-lived TCP sessions").
/// </summary>
public static class OAuthBearerCommands
{
    /// <summary>RFC 7628 §3.2.2 error challenge, base64 of <c>{"status":"invalid_token"}</c> (status as in RFC 6750 §3.1).</summary>
    public static readonly string InvalidTokenChallenge = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"status":"invalid_token"}"""));

    public static async ValueTask AuthenticateAsync(IrcSession session, string response, CancellationToken cancellationToken)
    {
        if (OAuthBearerResponse.Parse(response) is not { } bearer)
        {
            session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed: invalid OAUTHBEARER response");
            return;
        }
        var result = await session.Server.Accounts.VerifyAccessTokenAsync(bearer.Token, cancellationToken);
        // Acting as another account (an authzid other than the token's account) is not offered.
        var actsAsOther = result.Account is { } account && bearer.AuthorizationId is { } authzid
            && !IrcCaseMapping.Rfc1459.Equals(authzid, account.Name);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn when !actsAsOther:
                if (AccountCommands.LoggedIn(session, result.Account!))
                {
                    session.Reply(Numerics.RPL_SASLSUCCESS, "SASL authentication successful");
                }
                break;
            case SignInOutcome.SignedIn or SignInOutcome.Refused:
                // Failures count toward Irc:MaxAuthenticationAttempts; a re-authentication that works does not.
                session.AuthenticationAttempts++;
                // The error challenge; the client answers with one kvsep and then gets 904.
                session.Sasl.Start(SaslExchange.OAuthBearerFailed);
                session.Send(new IrcMessage("AUTHENTICATE", [InvalidTokenChallenge]));
                break;
            default:
                session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed");
                session.Fail("AUTHENTICATE", "TEMPORARILY_UNAVAILABLE", "Accounts cannot be checked right now; try again in a moment");
                break;
        }
    }
}
