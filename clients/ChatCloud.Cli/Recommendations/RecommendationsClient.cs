using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatCloud.Cli.Login;

namespace ChatCloud.Cli.Recommendations;

internal sealed record Suggestion(string Id, string Reason, double Score);

// What /suggest shows: rooms to join, people to talk to, and (where the server predicts them) the
// rooms the user will likely open next. NextRooms is null when the server has no such endpoint.
internal sealed record Suggestions(int? ModelVersion, bool Personalised, IReadOnlyList<Suggestion> Rooms, IReadOnlyList<Suggestion> People, IReadOnlyList<Suggestion>? NextRooms);

internal sealed class SuggestionsUnavailableException(string message) : Exception(message);

// Where /suggest gets its lists: the interface lets the controller be tested without a network.
internal interface ISuggestionSource
{
    Task<Suggestions> GetAsync(int count, CancellationToken cancellationToken);
}

// The recommendations service's user API through the gateway (docs/ml.md, "HTTP API"), with the
// saved login's access token; the gateway's address is the saved login's issuer.
internal sealed class RecommendationsClient(HttpClient http, Uri gateway, IAccessTokenSource tokens) : ISuggestionSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Suggestions> GetAsync(int count, CancellationToken cancellationToken)
    {
        var token = (await tokens.GetAsync(cancellationToken)).Value;
        var rooms = await ListAsync($"api/recommendations/rooms?count={count}", token, optional: false, cancellationToken);
        var people = await ListAsync($"api/recommendations/people?count={count}", token, optional: false, cancellationToken);
        // Newer than the rest of the API: a server without it answers 404 and /suggest goes without.
        var next = await ListAsync($"api/recommendations/next-rooms?count={Math.Min(count, 10)}", token, optional: true, cancellationToken);
        return new Suggestions(rooms!.ModelVersion, rooms.Personalised ?? true, rooms.Items ?? [], people!.Items ?? [], next?.Items);
    }

    private async Task<ListBody?> ListAsync(string path, string token, bool optional, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (optional && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SuggestionsUnavailableException(await ExplainAsync(response, cancellationToken));
        }

        return await JsonSerializer.DeserializeAsync<ListBody>(await response.Content.ReadAsStreamAsync(cancellationToken), Json, cancellationToken)
            ?? throw new SuggestionsUnavailableException("The recommendations service answered nothing.");
    }

    private static async Task<string> ExplainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return "Suggestions are being prepared (the first model is still training); try again in a minute.";
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return "The server did not accept the saved login for suggestions; run chatcloud login again.";
        }

        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = problem.RootElement;
            string? title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            string? detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return $"Suggestions: {title ?? response.ReasonPhrase}{(detail is null ? "" : ": " + detail)} ({(int)response.StatusCode})";
        }
        catch (JsonException)
        {
            return $"Suggestions: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
    }

    private sealed record ListBody(int? ModelVersion, bool? Personalised, List<Suggestion>? Items);
}
