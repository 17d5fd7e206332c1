using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Azure.Data.Tables;
using MentorBot.Seeding;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MentorBot.FaultTests;

/// <summary>
/// The real service as a child process (<c>dotnet MentorBot.dll</c>) sends 300 due check-ins; it is killed with
/// SIGKILL when about a third are sent, and started again on the same tables.
/// </summary>
public sealed class ProcessKillTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Pairs = 300;
    private const string ProgramId = "crash";

    // A process killed with SIGKILL leaves its job leases (10 minutes) and outbox claims (5 minutes). Instead of waiting, the test
    // moves the dead process's lease and claim times 10 minutes into the past (as if the restart came 10 minutes later).
    // Cards claimed by the dead process and already accepted by the channel, but not yet marked sent, are sent again:
    // that is the documented window between a send and marking it sent, and the only duplicates tolerated.
    [Fact(Timeout = 90_000)]
    public async Task A_service_killed_mid_fan_out_and_restarted_loses_no_check_in_and_duplicates_only_in_the_send_to_mark_window()
    {
        await using var channel = await TeamsChannelStandIn.StartAsync();
        var prefix = azurite.NewTablePrefix();
        var settings = FaultHost.Settings(channel, azurite.ConnectionString, prefix);
        var chats = await SeedAsync(settings, channel);
        int Sent() => channel.Calls.Count(c => c.ConversationId?.StartsWith("19:crash-", StringComparison.Ordinal) == true);

        var clock = Stopwatch.StartNew();
        var sentAtKill = 0;
        var inWindow = 0;
        using (var first = ServiceProcess.Start(channel, azurite.ConnectionString, prefix))
        {
            while (Sent() < Pairs / 3)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), $"only {Sent()} sent after 40 s; service output:\n{first.Tail}");
                Assert.False(first.HasExited, $"the service exited early:\n{first.Tail}");
                await Task.Delay(10);
            }

            first.Kill();
            sentAtKill = Sent();
        }

        var killedAfter = clock.Elapsed;
        await Task.Delay(300); // requests already on the wire land
        var sentAfterKill = Sent();
        var outbox = await OutboxStatusesAsync(azurite, prefix);
        inWindow = outbox.GetValueOrDefault("sending");
        await ExpireDeadLeasesAsync(azurite, prefix, TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        using (var second = ServiceProcess.Start(channel, azurite.ConnectionString, prefix))
        {
            while (chats.Any(c => channel.ActivitiesSentTo(c).Count == 0))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(75), $"{chats.Count(c => channel.ActivitiesSentTo(c).Count == 0)} chats without a check-in; service output:\n{second.Tail}");
                Assert.False(second.HasExited, $"the restarted service exited:\n{second.Tail}");
                await Task.Delay(100);
            }

            await Task.Delay(1500); // anything still queued would show up as a duplicate
            second.Kill();
        }

        var perChat = chats.Select(c => channel.ActivitiesSentTo(c).Count).ToList();
        var duplicates = perChat.Sum(n => Math.Max(0, n - 1));
        var lost = perChat.Count(n => n == 0);
        output.WriteLine($"killed after {killedAfter.TotalSeconds:F1} s with {sentAtKill} of {Pairs} sent ({sentAfterKill} once in-flight requests landed); " +
            $"outbox at the kill: {string.Join(", ", outbox.Select(s => $"{s.Key} {s.Value}"))}; all sent after {clock.Elapsed.TotalSeconds:F1} s; " +
            $"lost {lost}, duplicates {duplicates}");

        Assert.Equal(0, lost);
        // Exactly-once except the send-to-mark window: a duplicate needs a row the dead process left in "sending".
        Assert.True(duplicates <= inWindow, $"{duplicates} duplicates, but only {inWindow} outbox rows were left in 'sending'");
        Assert.All(perChat, n => Assert.True(n <= 2, $"a check-in sent {n} times"));
    }

    // The reply to "help" cannot leave (every channel call answers 503, so the connector is in its retries) when the
    // service is killed; the person already had the HTTP answer. After a restart on the same tables the reply is sent, once.
    [Fact(Timeout = 90_000)]
    public async Task A_service_killed_after_saving_a_turn_and_before_sending_its_reply_sends_the_reply_once_after_restart()
    {
        await using var channel = await TeamsChannelStandIn.StartAsync();
        var prefix = azurite.NewTablePrefix();
        await using (var tables = new FaultHost(FaultHost.Settings(channel, azurite.ConnectionString, prefix)))
        {
            (await tables.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var activities = new ActivityFactory(channel, FaultHost.AppId, FaultHost.TenantId);
        var ada = TestUser.Create("Ada");
        var chat = ConversationIds.Personal(ada.TeamsId);
        int Delivered() => channel.ActivitiesSentTo(chat).Count;

        channel.FailNext(1_000_000, 503);
        using (var first = ServiceProcess.Start(channel, azurite.ConnectionString, prefix))
        {
            using var http = await first.ReadyClientAsync();
            // A first activity the bot only acknowledges (no reply, no channel call) warms the cold process's request path.
            using (await http.PostActivityAsync(activities.Unknown("typing", ada), activities.CreateToken()))
            {
            }

            var answeredIn = Stopwatch.StartNew();
            using (var response = await http.PostActivityAsync(activities.PersonalMessage(ada, "help"), activities.CreateToken()))
            {
                Assert.True(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
            }

            answeredIn.Stop();
            await channel.WaitForCallAsync(c => c.ConversationId == chat && c.InjectedFault, TimeSpan.FromSeconds(20));
            first.Kill();
            output.WriteLine($"'help' answered in {answeredIn.ElapsedMilliseconds} ms while the channel failed every call");
            // The connector's retries of a 503 take many seconds (24 s measured when the answer waited for them).
            Assert.True(answeredIn.Elapsed < TimeSpan.FromSeconds(5), $"the HTTP answer waited {answeredIn.ElapsedMilliseconds} ms");
        }

        Assert.Equal(0, Delivered());
        channel.FailNext(0, 503);
        await ExpireDeadLeasesAsync(azurite, prefix, TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        using (var second = ServiceProcess.Start(channel, azurite.ConnectionString, prefix))
        {
            await channel.WaitForActivityAsync(c => c.ConversationId == chat, TimeSpan.FromSeconds(40));
            await Task.Delay(1500); // a second copy would show up here
            second.Kill();
        }

        Assert.Equal(1, Delivered());
        Assert.DoesNotContain(await OutboxStatusesAsync(azurite, prefix), s => s.Key == "sending");
        var turnRows = azurite.CreateServiceClient().GetTableClient(prefix + "InboundActivities")
            .QueryAsync<TableEntity>(e => e.RowKey.CompareTo("%turn|") >= 0 && e.RowKey.CompareTo("%turn}") < 0);
        await foreach (var row in turnRows)
        {
            Assert.Fail("the reply's row is still kept after it was sent: " + row.RowKey);
        }
    }

    /// <summary>300 started pairs, each with a pair chat the bot knows, a meeting that ended an hour ago and its due check-in job.</summary>
    private static async Task<IReadOnlyList<string>> SeedAsync(Dictionary<string, string> settings, TeamsChannelStandIn channel)
    {
        await using var host = new FaultHost(settings);
        (await host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        return await DueCheckIns.SeedAsync(host.Services, FaultHost.TenantId, FaultHost.AppId, channel.ServiceUrl, ProgramId, Pairs, parallelism: 8);
    }

    private static async Task<Dictionary<string, int>> OutboxStatusesAsync(AzuriteFixture azurite, string prefix)
    {
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in azurite.CreateServiceClient().GetTableClient(prefix + "Outbox").QueryAsync<TableEntity>())
        {
            var status = row.GetString("Status") ?? "?";
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        return statuses;
    }

    /// <summary>Moves the dead process's job leases and outbox claims into the past, as if <paramref name="by"/> had gone by.</summary>
    private static async Task ExpireDeadLeasesAsync(AzuriteFixture azurite, string prefix, TimeSpan by)
    {
        var service = azurite.CreateServiceClient();
        var jobs = service.GetTableClient(prefix + "Jobs");
        await foreach (var row in jobs.QueryAsync<TableEntity>(e => e.PartitionKey == "pending"))
        {
            if (row.GetDateTimeOffset("LeasedUntil") is { } leased && leased > DateTimeOffset.UtcNow)
            {
                row["LeasedUntil"] = leased - by;
                await jobs.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            }
        }

        // Outbox messages, and the turn replies on their way beside the ledger (PendingReplyStore).
        foreach (var table in new[] { service.GetTableClient(prefix + "Outbox"), service.GetTableClient(prefix + "InboundActivities") })
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (row.GetString("Status") == "sending" && row.GetDateTimeOffset("ClaimedAt") is { } claimed)
                {
                    row["ClaimedAt"] = claimed - by;
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
                }
            }
        }
    }

    /// <summary><c>dotnet MentorBot.dll --urls http://127.0.0.1:PORT</c>, configured through environment variables.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Queue<string> _tail = new();

        private ServiceProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public bool HasExited => _process.HasExited;

        public string Tail
        {
            get
            {
                lock (_tail)
                {
                    return string.Join('\n', _tail);
                }
            }
        }

        public static ServiceProcess Start(TeamsChannelStandIn channel, string connectionString, string prefix)
        {
            var dll = ServiceDll();
            int port;
            using (var listener = new TcpListener(System.Net.IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            }

            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add($"http://127.0.0.1:{port}");
            var env = info.Environment;
            env["ASPNETCORE_ENVIRONMENT"] = "Development";
            env["MicrosoftAppId"] = FaultHost.AppId;
            env["MicrosoftAppTenantId"] = FaultHost.TenantId;
            env["MicrosoftAppType"] = "SingleTenant";
            env["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl;
            env["ToBotFromEntraOpenIdMetadataUrl"] = channel.EntraMetadataUrlTemplate;
            env["Storage__ConnectionString"] = connectionString;
            env["Storage__TablePrefix"] = prefix;
            env["Teams__AllowedTenantIds"] = FaultHost.TenantId;
            env["Graph__BaseUrl"] = "http://127.0.0.1:9/v1.0";
            env["Jobs__PollSeconds"] = "1";
            env["Coordinators__UserIds__0"] = "0b0c0d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";
            var process = Process.Start(info)!;
            var result = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            process.OutputDataReceived += (_, e) => result.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => result.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return result;
        }

        /// <summary>A client of the service once it answers its readiness probe.</summary>
        public async Task<HttpClient> ReadyClientAsync()
        {
            var client = new HttpClient { BaseAddress = Address };
            for (var started = Stopwatch.StartNew(); ; await Task.Delay(100))
            {
                Assert.False(HasExited, $"the service exited:\n{Tail}");
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"the service was not ready after 30 s:\n{Tail}");
                try
                {
                    using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                    if (ready.IsSuccessStatusCode)
                    {
                        return client;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
            }
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no cleanup
                _process.WaitForExit(5000);
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_tail)
            {
                _tail.Enqueue(line);
                while (_tail.Count > 40)
                {
                    _tail.Dequeue();
                }
            }
        }

        /// <summary>The service built beside this test project, in the same configuration.</summary>
        private static string ServiceDll()
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "src", "MentorBot", "bin", configuration, "net10.0", "MentorBot.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("MentorBot.dll not found above " + AppContext.BaseDirectory);
        }
    }
}
