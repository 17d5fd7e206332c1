using System.Text;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Registration;

public sealed class CsvImportTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");
    private readonly TestUser _olu = TestUser.Create("Olu Mentor");
    private readonly TestUser _ana = TestUser.Create("Ana Mentee");

    public CsvImportTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private Task<RegistrationScenario> StartAsync() => RegistrationScenario.StartAsync(_azurite, _mia, _max, _olu, _ana);

    private string CsvWithOneBadRow() =>
        "\uFEFFMentor,Mentee,Cohort,Start,End,Focus\r\n" +
        $"{_mia.Upn},{_max.Email},,2027-03-01,2027-09-01,\"Moving into sales leadership, step by step\"\r\n" +
        $"{_olu.Upn},nobody@contoso.test,,,,\r\n" +
        $"{_olu.Email},{_ana.Upn},,,,\r\n" +
        "\r\n";

    [Fact]
    public async Task A_coordinator_registers_pairs_from_a_csv_with_one_bad_row_and_sending_it_again_creates_nothing()
    {
        await using var scenario = await StartAsync();
        var csv = CsvWithOneBadRow();

        var first = await scenario.SendCsvAsync(scenario.Coordinator, csv);

        var report = Assert.Single(first).AllText;
        Assert.Contains("pairs.csv: 2 created, 0 already registered, 1 skipped", report, StringComparison.Ordinal);
        Assert.Contains("Row 2", report, StringComparison.Ordinal);
        Assert.Contains("Mia Mentor → Max Mentee: created", report, StringComparison.Ordinal);
        Assert.Contains("Row 3", report, StringComparison.Ordinal);
        Assert.Contains("no one called 'nobody@contoso.test' was found", report, StringComparison.Ordinal);
        Assert.Contains("Olu Mentor → Ana Mentee: created", report, StringComparison.Ordinal);
        var pairs = await scenario.PairIdsAsync();
        Assert.Equal(2, pairs.Count);
        Assert.Contains((_mia.AadObjectId, _max.AadObjectId), pairs);
        Assert.Contains((_olu.AadObjectId, _ana.AadObjectId), pairs);
        // Nothing of the bad row: Olu is in one pair only, and no person row points at an unknown mentee.
        Assert.Equal(4, (await scenario.Bot.EntitiesAsync("PairMembers")).Count);

        var again = await scenario.SendCsvAsync(scenario.Coordinator, csv);

        var second = Assert.Single(again).AllText;
        Assert.Contains("pairs.csv: 0 created, 2 already registered, 1 skipped", second, StringComparison.Ordinal);
        Assert.Contains("Mia Mentor → Max Mentee: already registered", second, StringComparison.Ordinal);
        Assert.Equal(2, (await scenario.PairsAsync()).Count);
    }

    [Fact]
    public async Task A_csv_is_answered_at_once_and_imported_by_a_job_that_run_again_imports_no_row_twice_and_reports_once()
    {
        await using var scenario = await StartAsync();
        var message = scenario.FileMessage(scenario.Coordinator, scenario.ServeFile(Encoding.UTF8.GetBytes(CsvWithOneBadRow())), "pairs.csv", "register");
        var chat = message["conversation"]!["id"]!.GetValue<string>();
        var before = scenario.Bot.Channel.ActivitiesSentTo(chat).Count;

        using (await scenario.Bot.SendAsync(message))
        {
        }

        var answer = Assert.Single(scenario.Bot.Channel.ActivitiesSentTo(chat).Skip(before));
        Assert.Contains("Importing 3 rows from \"pairs.csv\"", answer.AllText, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());

        await scenario.Bot.RunJobsAsync();
        var report = Assert.Single(scenario.Bot.Channel.ActivitiesSentTo(chat).Skip(before + 1));
        Assert.Contains("pairs.csv: 2 created, 0 already registered, 1 skipped", report.AllText, StringComparison.Ordinal);

        // The same job again, as after a crash between its rows and its end: no row imported twice, no second report.
        var job = MentorBot.Features.Registration.PairImportJob.For(BotScenario.TenantId, scenario.Coordinator.AadObjectId, "", new MentorBot.Features.Registration.TeamsFile(
            "pairs.csv", "csv", null, new Uri(message["attachments"]![0]!["content"]!["downloadUrl"]!.GetValue<string>())),
            [RegistrationScenario.ProgramId], chat + "|" + message["id"]!.GetValue<string>(), scenario.Bot.Clock.GetUtcNow());
        var handler = scenario.Bot.Host.Services.GetServices<MentorBot.Infrastructure.Jobs.IJobHandler>().Single(h => h.Kind == job.Kind);
        await handler.RunAsync(job, default);

        Assert.Equal(2, (await scenario.PairsAsync()).Count);
        Assert.Equal(before + 2, scenario.Bot.Channel.ActivitiesSentTo(chat).Count);
    }

    [Fact]
    public async Task A_pair_keeps_the_dates_and_focus_of_its_row()
    {
        await using var scenario = await StartAsync();

        await scenario.SendCsvAsync(scenario.Coordinator, CsvWithOneBadRow());

        var pair = (await scenario.PairsAsync()).Single(p => p.GetString("MentorId") == _mia.AadObjectId).GetString("Pair");
        Assert.Contains("\"Start\":\"2027-03-01\"", pair, StringComparison.Ordinal);
        Assert.Contains("\"PlannedEnd\":\"2027-09-01\"", pair, StringComparison.Ordinal);
        Assert.Contains("Moving into sales leadership, step by step", pair, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_from_someone_who_is_not_a_coordinator_is_refused_without_downloading_it()
    {
        await using var scenario = await StartAsync();

        var replies = await scenario.SendCsvAsync(scenario.Stranger, CsvWithOneBadRow());

        Assert.Contains("Only program coordinators", Assert.Single(replies).AllText, StringComparison.Ordinal);
        Assert.False(scenario.AnyFileDownloaded);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("mentor,mentee\r\n", "no rows")]
    [InlineData("name,email\r\nMia,mia@contoso.test\r\n", "at least the columns mentor and mentee")]
    public async Task A_file_that_cannot_be_used_is_refused_with_the_reason_and_nothing_is_registered(string csv, string reason)
    {
        await using var scenario = await StartAsync();

        var replies = await scenario.SendCsvAsync(scenario.Coordinator, csv);

        var text = Assert.Single(replies).AllText;
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Contains("Nothing was registered", text, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task More_than_500_rows_are_refused_and_nothing_is_registered()
    {
        await using var scenario = await StartAsync();
        var csv = $"mentor,mentee\n{_mia.Upn},{_max.Upn}\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"m{i}@contoso.test,e{i}@contoso.test\n"));

        var replies = await scenario.SendCsvAsync(scenario.Coordinator, csv);

        Assert.Contains("more than 500 rows", Assert.Single(replies).AllText, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task A_spreadsheet_that_is_not_a_csv_is_refused_without_downloading_it()
    {
        await using var scenario = await StartAsync();

        var replies = await scenario.SendFileAsync(scenario.Coordinator, scenario.ServeFile("PK\u0003\u0004"u8.ToArray()), "pairs.xlsx");

        Assert.Contains("\"pairs.xlsx\" is not a CSV file", Assert.Single(replies).AllText, StringComparison.Ordinal);
        Assert.False(scenario.AnyFileDownloaded);
    }

    [Fact]
    public async Task A_failed_download_is_explained_and_nothing_is_registered()
    {
        await using var scenario = await StartAsync();

        var replies = await scenario.SendFileAsync(scenario.Coordinator, scenario.ServeFile([], status: 404));

        var text = Assert.Single(replies).AllText;
        Assert.Contains("download link Teams gave me has expired", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was registered", text, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task A_server_error_while_downloading_is_retried_then_explained()
    {
        await using var scenario = await StartAsync();

        var replies = await scenario.SendFileAsync(scenario.Coordinator, scenario.ServeFile([], status: 503));

        Assert.Contains("couldn't download the file", Assert.Single(replies).AllText, StringComparison.Ordinal);
        Assert.True(scenario.Bot.Graph.Requests.Count(r => r.Path.Contains("/files/", StringComparison.Ordinal)) > 1);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task A_file_over_1_MB_is_refused()
    {
        await using var scenario = await StartAsync();
        var big = Encoding.UTF8.GetBytes("mentor,mentee\n" + string.Concat(Enumerable.Repeat($"{_mia.Upn},{_max.Upn}\n", 30_000)));

        var replies = await scenario.SendFileAsync(scenario.Coordinator, scenario.ServeFile(big));

        Assert.Contains("larger than 1 MB", Assert.Single(replies).AllText, StringComparison.Ordinal);
        Assert.Empty(await scenario.PairsAsync());
    }

    [Fact]
    public async Task With_several_programs_the_file_must_say_which_program_each_pair_is_in()
    {
        await using var scenario = await StartAsync();
        await scenario.Bot.SendAsync(scenario.Bot.Activities.ChannelMessage("team-2", "19:second@thread.tacv2", scenario.Coordinator, "setup Engineering mentoring"));

        var without = await scenario.SendCsvAsync(scenario.Coordinator, $"mentor,mentee\n{_mia.Upn},{_max.Upn}\n");
        var with = await scenario.SendCsvAsync(scenario.Coordinator,
            $"program,mentor,mentee\nEngineering mentoring,{_mia.Upn},{_max.Upn}\nMarketing,{_olu.Upn},{_ana.Upn}\n");

        Assert.Contains("add a \"program\" column", Assert.Single(without).AllText, StringComparison.OrdinalIgnoreCase);
        var report = Assert.Single(with).AllText;
        Assert.Contains("1 created", report, StringComparison.Ordinal);
        Assert.Contains("there is no program \"Marketing\"", report, StringComparison.Ordinal);
        var pair = Assert.Single(await scenario.PairsAsync());
        Assert.Contains("engineering-mentoring", pair.PartitionKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_in_a_personal_chat_without_a_file_says_how_to_send_one()
    {
        await using var scenario = await StartAsync();
        var message = scenario.Bot.Activities.PersonalMessage(scenario.Coordinator, "register");

        using (await scenario.Bot.SendAsync(message))
        {
        }

        var reply = scenario.Bot.Channel.ActivitiesSentTo(RegistrationScenario.ConversationOf(message))[^1].AllText;
        Assert.Contains("mentor,mentee,cohort,start,end,focus", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_sent_without_any_text_is_imported()
    {
        await using var scenario = await StartAsync();

        var replies = await scenario.SendFileAsync(scenario.Coordinator, scenario.ServeFile(Encoding.UTF8.GetBytes($"mentor,mentee\n{_mia.Upn},{_max.Upn}\n")), text: "");

        Assert.Contains("1 created", Assert.Single(replies).AllText, StringComparison.Ordinal);
        Assert.Single(await scenario.PairsAsync());
    }
}
