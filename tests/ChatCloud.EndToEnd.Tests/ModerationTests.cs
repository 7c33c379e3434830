using System.Text.RegularExpressions;
using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// A room operator in one browser moderates a member in another, through the room's settings and the
/// member dialog (web/src/features/chat/RoomSettingsDialog.tsx, MemberDialog.tsx): invite only,
/// the refused join, the invitation accepted, voice, a non-operator's refused KICK, and the removal.
/// </summary>
public sealed class ModerationTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private const string Password = "correct horse battery";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_locks_a_room_invites_a_member_gives_voice_and_removes_them()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#mod" + suffix;
        var bobName = "bob" + suffix;
        await using var alice = await chromium.OpenPageAsync("moderation-operator");
        await using var bob = await chromium.OpenPageAsync("moderation-member");
        var aliceApp = await ChatApp.SignUpAndSignInAsync(alice.Page, suite.GatewayAddress, "alice" + suffix, Password, Cancellation);
        await aliceApp.CreateRoomAsync(room);
        var bobApp = await ChatApp.SignUpAndSignInAsync(bob.Page, suite.GatewayAddress, bobName, Password, Cancellation);

        // Invite only: the room says so, and bob's join is refused with the room's reason.
        var settings = await aliceApp.OpenRoomSettingsAsync(room);
        await settings.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex(@"\(\+i\)") }).CheckAsync();
        await Expect(settings.GetByRole(AriaRole.Status)).ToHaveTextAsync("Mode changed.");
        await Expect(settings.GetByText(new Regex(@"^Modes: \+int$"))).ToBeVisibleAsync();
        await bobApp.TryJoinRoomAsync(room);
        var rooms = bob.Page.GetByRole(AriaRole.Dialog, new() { Name = "Rooms" });
        await Expect(rooms.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Cannot join channel (+i)");
        await rooms.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(rooms).ToBeHiddenAsync();

        // The invitation reaches bob's tab; accepting it joins.
        await settings.GetByLabel("Nick to invite").FillAsync(bobName);
        await settings.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Expect(settings.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invited {bobName}.");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        var invitations = bob.Page.GetByRole(AriaRole.Region, new() { Name = "Invitations" });
        await Expect(invitations).ToContainTextAsync($"alice{suffix} invited you to {room}", new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await invitations.GetByRole(AriaRole.Button, new() { Name = $"Join {room}" }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = room, Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(invitations).ToHaveCountAsync(0);

        // Voice, seen in both member lists.
        var member = await aliceApp.OpenMemberAsync(bobName);
        await member.GetByRole(AriaRole.Button, new() { Name = "Give voice" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Take voice" })).ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await member.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(bobApp.Members.GetByRole(AriaRole.Button, new() { Name = $"{bobName}, online, voice" })).ToBeVisibleAsync();

        // Not an operator: the member dialog offers no moderation, and /kick is refused with the room's words.
        var operatorSeenByBob = await bobApp.OpenMemberAsync("alice" + suffix);
        await Expect(operatorSeenByBob.GetByText("Only the room's operators can change someone's role or remove them.")).ToBeVisibleAsync();
        await operatorSeenByBob.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await bobApp.SendAsync($"/kick alice{suffix} bye");
        await Expect(bob.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "channel operator" })).ToBeVisibleAsync();

        // The operator removes bob: his tab closes the room and says who did it and why.
        member = await aliceApp.OpenMemberAsync(bobName);
        await member.GetByLabel($"Reason for removing {bobName}").FillAsync("test over");
        await member.GetByRole(AriaRole.Button, new() { Name = "Remove from room" }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = $"alice{suffix} removed you from {room}: test over" })).ToBeVisibleAsync(
            new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = room, Level = 1, Exact = true })).ToHaveCountAsync(0);
        await Expect(aliceApp.Log.GetByText($"alice{suffix} removed {bobName} (test over)")).ToBeVisibleAsync();
        await alice.SaveScreenshotAsync("moderation-operator");
        Assert.Empty(alice.Problems);
        Assert.Empty(bob.Problems);
    }
}
