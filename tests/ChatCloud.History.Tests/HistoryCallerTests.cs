using System.Security.Claims;
using ChatCloud.History.Access;
using Xunit;

namespace ChatCloud.History.Tests;

/// <summary>Whose read a history read is, for the prefetch figures: the on-behalf-of header is believed from a service only.</summary>
public sealed class HistoryCallerTests
{
    private static readonly Guid Alice = Guid.Parse("0b6f3c1e-7a55-4f6e-9a51-2f1d2c3b4a59");
    private static readonly Guid Bob = Guid.Parse("7d2e9a40-5c1b-4f3e-8a6d-1b2c3d4e5f60");

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer", "name", "role"));

    [Fact]
    public void A_service_reads_for_the_account_it_names()
    {
        var edge = HistoryCaller.From(Principal(("sub", "chatcloud-tcpedge"), ("role", "service")), Bob.ToString());

        Assert.Equal((true, (Guid?)Bob), (edge.IsService, edge.Reader));
    }

    [Fact]
    public void A_person_naming_another_account_still_reads_as_themself()
    {
        var person = HistoryCaller.From(Principal(("sub", Alice.ToString()), ("name", "alice"), ("role", "user")), Bob.ToString());

        Assert.Equal((false, (Guid?)Alice), (person.IsService, person.Reader));
        Assert.Null(person.OnBehalfOf);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-account")]
    public void A_service_naming_no_account_reads_for_no_one(string? header)
    {
        Assert.Null(HistoryCaller.From(Principal(("role", "service")), header).Reader);
    }
}
