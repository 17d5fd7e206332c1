using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.AspNetCore.Http;

namespace MentorBot.IntegrationTests.Registration;

/// <summary>
/// A bot with one coordinator (by configuration), a program set up in a coordinators channel, and people in the
/// directory to pair. Files are served from the Graph stand-in as Teams serves pre-authorised download links.
/// </summary>
internal sealed class RegistrationScenario : IAsyncDisposable
{
    private int _files;

    private RegistrationScenario(BotScenario bot, string channel, TestUser coordinator)
    {
        Bot = bot;
        Channel = channel;
        Coordinator = coordinator;
    }

    public BotScenario Bot { get; }

    /// <summary>The "Sales mentoring" program's coordinators channel.</summary>
    public string Channel { get; }

    public const string ProgramId = "sales-mentoring";

    public TestUser Coordinator { get; }

    public TestUser Stranger { get; } = TestUser.Create("Sam Stranger");

    public static async Task<RegistrationScenario> StartAsync(AzuriteFixture azurite, params TestUser[] people)
    {
        var coordinator = TestUser.Create("Cora Coordinator");
        var bot = await BotScenario.StartAsync(azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = coordinator.AadObjectId });
        var scenario = new RegistrationScenario(bot, ConversationIds.NewChannel(), coordinator);
        foreach (var user in people.Append(coordinator).Append(scenario.Stranger))
        {
            bot.Graph.AddUser(GraphUser.From(user));
            bot.Channel.AddMember(user, BotScenario.TenantId);
        }

        var setup = await scenario.SayInChannelAsync(coordinator, "setup Sales mentoring");
        Assert.Contains("Program set up", setup.AllText, StringComparison.Ordinal);
        return scenario;
    }

    /// <summary>Posts in the coordinators channel, @mentioning the bot and then <paramref name="mentions"/> where "{0}", "{1}" stand.</summary>
    public async Task<RecordedConnectorCall> SayInChannelAsync(TestUser from, string text, params TestUser[] mentions)
    {
        var message = ChannelMessage(from, text, mentions);
        await SendAsync(message);
        return Bot.Channel.ActivitiesSentTo(ConversationOf(message))[^1];
    }

    public JsonObject ChannelMessage(TestUser from, string text, params TestUser[] mentions)
    {
        var message = Bot.Activities.ChannelMessage(Channel, Channel, from, string.Format(System.Globalization.CultureInfo.InvariantCulture, text,
            mentions.Select(m => (object)$"<at>{m.Name}</at>").ToArray()));
        foreach (var user in mentions)
        {
            message["entities"]!.AsArray().Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{user.Name}</at>",
                // As Teams sends it: the Teams id and name, no Entra object id.
                ["mentioned"] = new JsonObject { ["id"] = user.TeamsId, ["name"] = user.Name },
            });
        }

        return message;
    }

    /// <summary>Serves <paramref name="content"/> at a fresh pre-authorised-looking URL and returns it.</summary>
    public Uri ServeFile(byte[] content, int status = 200)
    {
        var path = $"/files/{Interlocked.Increment(ref _files)}-{Guid.NewGuid():N}";
        Bot.Graph.Map("GET", path, async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/csv";
            await context.Response.Body.WriteAsync(content);
        });
        return new Uri(Bot.Graph.BaseUrl + path);
    }

    /// <summary>Whether anything asked the Graph stand-in for a served file.</summary>
    public bool AnyFileDownloaded => Bot.Graph.Requests.Any(r => r.Path.Contains("/files/", StringComparison.Ordinal));

    /// <summary>
    /// A personal-chat message carrying a file as Teams delivers it (protocol.md I), then the background jobs (the import
    /// runs as one); what the bot said about it, less the "Importing …" acknowledgement a usable file gets at once.
    /// </summary>
    public async Task<IReadOnlyList<RecordedConnectorCall>> SendFileAsync(TestUser from, Uri downloadUrl, string name = "pairs.csv", string text = "register")
    {
        var message = FileMessage(from, downloadUrl, name, text);
        var before = Bot.Channel.ActivitiesSentTo(ConversationOf(message)).Count;
        await SendAsync(message);
        await Bot.RunJobsAsync();
        return Bot.Channel.ActivitiesSentTo(ConversationOf(message)).Skip(before)
            .Where(c => !c.AllText.Contains("I'll send the report here when it's done", StringComparison.Ordinal)).ToList();
    }

    public Task<IReadOnlyList<RecordedConnectorCall>> SendCsvAsync(TestUser from, string csv, string name = "pairs.csv", string text = "register") =>
        SendFileAsync(from, ServeFile(Encoding.UTF8.GetBytes(csv)), name, text);

    public JsonObject FileMessage(TestUser from, Uri downloadUrl, string name, string text)
    {
        var message = Bot.Activities.PersonalMessage(from, text);
        var extension = Path.GetExtension(name).TrimStart('.');
        message["attachments"] = new JsonArray(
            new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
                ["contentUrl"] = $"https://contoso.sharepoint.com/personal/cora/Documents/Microsoft Teams Chat Files/{name}",
                ["name"] = name,
                ["content"] = new JsonObject
                {
                    ["downloadUrl"] = downloadUrl.ToString(),
                    ["uniqueId"] = Guid.NewGuid().ToString(),
                    ["fileType"] = extension,
                },
            });
        return message;
    }

    /// <summary>Presses a card button as Action.Execute; returns the invoke response body.</summary>
    public async Task<JsonElement> PressAsync(RecordedConnectorCall card, TestUser who, string verb, JsonObject data)
    {
        using var response = await Bot.SendAsync(Bot.Activities.CardInvoke(card, who, verb, data));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<IReadOnlyList<TableEntity>> PairsAsync() => await Bot.EntitiesAsync("Pairs");

    /// <summary>The (mentor, mentee) object ids of every stored pair.</summary>
    public async Task<IReadOnlyList<(string Mentor, string Mentee)>> PairIdsAsync() =>
        (await PairsAsync()).Select(p => (p.GetString("MentorId"), p.GetString("MenteeId"))).ToList();

    public static string ConversationOf(JsonObject activity) => activity["conversation"]!["id"]!.GetValue<string>();

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    private async Task SendAsync(JsonObject activity)
    {
        using var response = await Bot.SendAsync(activity);
        response.EnsureSuccessStatusCode();
    }
}
