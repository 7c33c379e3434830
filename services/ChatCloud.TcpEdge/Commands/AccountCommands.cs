using System.Text;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// Logging in at connect (IRCv3 sasl-3.1/3.2, PASS as Modern IRC and Ergo read it) and creating an
/// account (IRCv3 draft/account-registration). The auth service checks every password; the edge keeps
/// none. docs/protocol.md, "Accounts", lists the replies.
/// </summary>
public static class AccountCommands
{
    // AUTHENTICATE <mechanism> | AUTHENTICATE <base64 chunk> | AUTHENTICATE + | AUTHENTICATE *
    public static async ValueTask AuthenticateAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        // sasl-3.2: a logged-in connection may authenticate again (a fresh token for a long-lived
        // connection); only as the same account (see LoggedIn).
        var argument = message.Parameters[0];
        var sasl = session.Sasl;
        if (argument == "*")
        {
            sasl.Clear();
            session.Reply(Numerics.ERR_SASLABORTED, "SASL authentication aborted");
            await RegistrationCommands.TryCompleteRegistrationAsync(session, cancellationToken);
            return;
        }
        if (!sasl.InProgress)
        {
            Start(session, argument);
            return;
        }
        // A 400-byte chunk says more follows; a shorter one (or "+" after an exact multiple) ends the response.
        if (argument.Length > SaslExchange.ChunkLength || sasl.ResponseLength + argument.Length > sasl.MaxLength)
        {
            sasl.Clear();
            session.Reply(Numerics.ERR_SASLTOOLONG, "SASL message too long");
            await RegistrationCommands.TryCompleteRegistrationAsync(session, cancellationToken);
            return;
        }
        if (argument != "+")
        {
            sasl.Append(argument);
        }
        if (argument.Length == SaslExchange.ChunkLength)
        {
            return;
        }
        var (mechanism, response) = (sasl.Mechanism, sasl.Response);
        sasl.Clear();
        switch (mechanism)
        {
            case SaslExchange.Plain:
                await PlainAsync(session, response, cancellationToken);
                break;
            case SaslExchange.OAuthBearer:
                await OAuthBearerCommands.AuthenticateAsync(session, response, cancellationToken);
                break;
            default: // the client's kvsep after an OAUTHBEARER error challenge
                session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed: invalid token");
                break;
        }
        // A registration held for the exchange (NICK and USER without CAP) goes on now, logged in or not.
        await RegistrationCommands.TryCompleteRegistrationAsync(session, cancellationToken);
    }

    private static void Start(IrcSession session, string mechanism)
    {
        var chosen = mechanism.ToUpperInvariant() switch
        {
            SaslExchange.Plain => SaslExchange.Plain,
            SaslExchange.OAuthBearer => SaslExchange.OAuthBearer,
            _ => null,
        };
        if (chosen is null)
        {
            // sasl-3.1: 908 lists what is available, and the attempt fails with 904; the client may pick another.
            session.Reply(Numerics.RPL_SASLMECHS, CapabilityNames.SaslMechanisms, "are available SASL mechanisms");
            session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed");
            return;
        }
        if (session.AuthenticationAttempts >= session.Server.Options.MaxAuthenticationAttempts)
        {
            session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed: too many attempts on this connection");
            return;
        }
        session.Sasl.Start(chosen);
        // Neither PLAIN nor OAUTHBEARER has a server challenge: an empty one, unprefixed as in the spec's examples.
        session.Send(new IrcMessage("AUTHENTICATE", ["+"]));
    }

    /// <summary>RFC 4616 PLAIN: <c>[authzid] NUL authcid NUL passwd</c>, base64-encoded.</summary>
    private static async ValueTask PlainAsync(IrcSession session, string response, CancellationToken cancellationToken)
    {
        string[] fields;
        try
        {
            fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
        }
        catch (FormatException)
        {
            session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed: invalid base64");
            return;
        }
        // Acting as another account (an authzid other than the authcid) is not offered.
        if (fields.Length != 3 || fields[1].Length == 0
            || (fields[0].Length > 0 && !IrcCaseMapping.Rfc1459.Equals(fields[0], fields[1])))
        {
            session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed: invalid PLAIN response");
            return;
        }
        // Another account's password is never checked on a logged-in connection: the answer would
        // tell whether it was right, and switching accounts is refused anyway.
        if (session.Account is { } current && !IrcCaseMapping.Rfc1459.Equals(current.Name, fields[1]))
        {
            RefuseSwitch(session, current);
            return;
        }
        var result = await session.Server.Accounts.VerifyAsync(fields[1], fields[2], session.Address, cancellationToken);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                if (LoggedIn(session, result.Account!))
                {
                    session.Reply(Numerics.RPL_SASLSUCCESS, "SASL authentication successful");
                }
                break;
            case SignInOutcome.Refused:
                // Failures count toward Irc:MaxAuthenticationAttempts; a re-authentication that works does not.
                session.AuthenticationAttempts++;
                session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed: invalid account name or password");
                break;
            default:
                session.Reply(Numerics.ERR_SASLFAIL, "SASL authentication failed");
                session.Fail("AUTHENTICATE", "TEMPORARILY_UNAVAILABLE", "Accounts cannot be checked right now; try again in a moment");
                break;
        }
    }

    // PASS <password> — here "account:password", or a password for the account named as the nick.
    public static void Pass(IrcSession session, IrcMessage message)
    {
        if (session.IsRegistered)
        {
            session.Reply(Numerics.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        var text = message.Parameters[0];
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        // "name:secret" names the account when the part before the colon could be one; otherwise the
        // whole text is the password (passwords may contain colons).
        session.Pass = colon > 0 && IrcCaseMapping.IsValidNickname(text[..colon], IrcServer.NickLength)
            ? new PassCredentials(text[..colon], text[(colon + 1)..])
            : new PassCredentials(null, text);
    }

    /// <summary>
    /// Checks PASS when registration completes (Modern IRC: a wrong one gets 464, then ERROR). False
    /// when the connection is being closed. A connection already logged in by SASL or REGISTER ignores PASS.
    /// </summary>
    public static async ValueTask<bool> CheckPassAsync(IrcSession session, CancellationToken cancellationToken)
    {
        if (session.Pass is not { } pass)
        {
            return true;
        }
        session.Pass = null;
        if (session.Account is not null)
        {
            return true;
        }
        session.AuthenticationAttempts++;
        var result = await session.Server.Accounts.VerifyAsync(pass.Account ?? session.Nick!, pass.Password, session.Address, cancellationToken);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                LoggedIn(session, result.Account!);
                return true;
            case SignInOutcome.Refused:
                session.Reply(Numerics.ERR_PASSWDMISMATCH, "Password incorrect");
                session.Close("Password incorrect");
                return false;
            default:
                session.Fail("PASS", "TEMPORARILY_UNAVAILABLE", "Accounts cannot be checked right now; try again in a moment");
                session.Close("Accounts temporarily unavailable");
                return false;
        }
    }

    // REGISTER <account> {<email> | "*"} <password>
    public static async ValueTask RegisterAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var requested = message.Parameters[0];
        if (session.Account is { } current)
        {
            session.Fail("REGISTER", "ALREADY_AUTHENTICATED", current.Name, $"You are already logged in as {current.Name}");
            return;
        }
        // The spec forbids ACCOUNT_EXISTS before NICK (it would let anyone probe names without a
        // nick): REGISTER needs a nick first, even when it names another account.
        if (session.Nick is null)
        {
            session.Fail("REGISTER", "NEED_NICK", "*", "Send NICK before REGISTER");
            return;
        }
        var name = requested == "*" ? session.Nick! : requested;
        if (!IrcCaseMapping.IsValidNickname(name, IrcServer.NickLength))
        {
            session.Fail("REGISTER", "BAD_ACCOUNT_NAME", name, $"An account name is a valid nick: up to {IrcServer.NickLength} characters, no spaces, not starting with a digit or '-'");
            return;
        }
        if (session.AuthenticationAttempts >= session.Server.Options.MaxAuthenticationAttempts)
        {
            session.Fail("REGISTER", "TEMPORARILY_UNAVAILABLE", name, "Too many attempts on this connection; reconnect to try again");
            return;
        }
        session.AuthenticationAttempts++;
        var email = message.Parameters[1] == "*" ? null : message.Parameters[1];
        var result = await session.Server.Accounts.RegisterAsync(name, email, message.Parameters[2], session.Address, cancellationToken);
        switch (result.Outcome)
        {
            case RegistrationOutcome.Created:
                session.Send(new IrcMessage(session.Server.Name, "REGISTER", ["SUCCESS", result.Account!.Name, "Account created; you are logged in"]));
                LoggedIn(session, result.Account);
                break;
            case RegistrationOutcome.NameTaken:
                session.Fail("REGISTER", "ACCOUNT_EXISTS", name, "That account name is taken");
                break;
            case RegistrationOutcome.BadName:
                session.Fail("REGISTER", "BAD_ACCOUNT_NAME", name, result.Message ?? "That account name cannot be used");
                break;
            case RegistrationOutcome.WeakPassword:
                session.Fail("REGISTER", "WEAK_PASSWORD", name, result.Message ?? "Choose a longer password");
                break;
            case RegistrationOutcome.BadEmail:
                session.Fail("REGISTER", "INVALID_EMAIL", name, result.Message ?? "That email address cannot be used");
                break;
            default:
                session.Fail("REGISTER", "TEMPORARILY_UNAVAILABLE", name, "Accounts cannot be created right now; try again in a moment");
                break;
        }
    }

    /// <summary>
    /// RPL_LOGGEDIN (sasl-3.1: sent whenever the account is set, by SASL or otherwise). False, after
    /// 904, when the connection is logged in to another account: a live connection's rooms, nick and
    /// conversations belong to its account, so changing accounts means reconnecting (docs/security.md).
    /// </summary>
    internal static bool LoggedIn(IrcSession session, AccountIdentity account)
    {
        var previous = session.Account;
        if (previous is not null && previous.Id != account.Id)
        {
            RefuseSwitch(session, previous);
            return false;
        }
        session.Account = account;
        var oldHost = session.TakeAccountHost(account.Name);
        if (previous is null)
        {
            // Once per connection: a SASL 3.2 re-authentication is the same sign-in going on.
            session.Server.Activity?.Publish(new SignedIn(account.Id, SignedInVia.Tcp) { Connection = session.ConnectionName, OccurredAt = session.Server.Time.GetUtcNow() });
        }
        // Not Reply: the mask (nick, ~user, an IPv6 host) may pass Reply's 64-character cut for echoed
        // input, and every part of it is already a valid middle parameter (nick rules, "~" + user, address).
        var server = session.Server;
        session.Send(new IrcMessage(server.Name, Numerics.RPL_LOGGEDIN, [session.Target, session.Mask, account.Name, $"You are now logged in as {account.Name}"]));
        if (session.IsRegistered && oldHost is not null)
        {
            ChangedHost(session, oldHost);
        }
        if (session.IsRegistered && previous?.Name != account.Name)
        {
            NotifyAccount(session, account.Name);
        }
        return true;
    }

    private static void RefuseSwitch(IrcSession session, AccountIdentity current)
    {
        session.AuthenticationAttempts++;
        session.Reply(Numerics.ERR_SASLFAIL, $"SASL authentication failed: you are logged in as {current.Name}; reconnect to use another account");
    }

    /// <summary>
    /// IRCv3 chghost: a registered guest logged in, so its host became the account's cloak. The
    /// client and those sharing a room with it who asked are told <c>:nick!user@oldhost CHGHOST user
    /// newhost</c> (before ACCOUNT, whose prefix already has the new host), on every edge; the
    /// nick directory gets the new host for WHOIS elsewhere, and the room authority for NAMES and
    /// WHO. Clients without the capability see the new host on the user's next line (the spec lets
    /// servers leave them at that).
    /// </summary>
    private static void ChangedHost(IrcSession session, string oldHost)
    {
        var line = new IrcMessage($"{session.Nick}!{session.UserName}@{oldHost}", "CHGHOST", [session.UserName!, session.Host]);
        if (session.Has(Capabilities.ChgHost))
        {
            session.Send(line);
        }
        _ = session.Server.RoomMates.TellAsync(session, Capabilities.ChgHost, line, CancellationToken.None);
        _ = UserQueryCommands.PublishAsync(session, CancellationToken.None);
        _ = session.Server.RoomAuthority.ChangeHostAsync(new HostChangeRequest(session.ToRoomActor(), session.Host), CancellationToken.None);
    }

    /// <summary>
    /// IRCv3 account-notify: a registered connection's account changed (SASL or REGISTER after
    /// registration), so those sharing a room with it who asked are told <c>ACCOUNT &lt;name&gt;</c>
    /// (<c>*</c> for logging out, which the edge does not offer yet), on every edge, through the
    /// presence feed as AWAY is (<see cref="Presence.RoomMates"/>). Not awaited: the feed has its own
    /// deadline and never throws for lack of an answer.
    /// </summary>
    internal static void NotifyAccount(IrcSession session, string name) =>
        _ = session.Server.RoomMates.TellAsync(session, Capabilities.AccountNotify, new IrcMessage(session.Prefix, "ACCOUNT", [name]), CancellationToken.None);
}
