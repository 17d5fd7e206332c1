using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace MentorBot.Testing.Tests;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class AzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Tables_store_entities_and_refuse_a_stale_etag_with_412()
    {
        var table = azurite.CreateServiceClient().GetTableClient(azurite.NewTablePrefix() + "pairs");
        await table.CreateIfNotExistsAsync();

        var added = await table.AddEntityAsync(new TableEntity("cohort1", "pair1") { ["Mentor"] = "Ada" });
        var read = await table.GetEntityAsync<TableEntity>("cohort1", "pair1");
        Assert.Equal("Ada", read.Value.GetString("Mentor"));

        await table.UpdateEntityAsync(new TableEntity("cohort1", "pair1") { ["Mentor"] = "Grace" }, added.Headers.ETag!.Value, TableUpdateMode.Replace);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("cohort1", "pair1") { ["Mentor"] = "Linus" }, added.Headers.ETag!.Value, TableUpdateMode.Replace));
        Assert.Equal(412, stale.Status);
    }

    [Fact]
    public async Task Tests_with_different_prefixes_do_not_see_each_others_tables()
    {
        var service = azurite.CreateServiceClient();
        var (mine, theirs) = (azurite.NewTablePrefix(), azurite.NewTablePrefix());
        Assert.NotEqual(mine, theirs);
        Assert.Matches("^[a-z][a-z0-9]{11}$", mine);
        await service.CreateTableIfNotExistsAsync(mine + "people");
        await service.CreateTableIfNotExistsAsync(theirs + "people");

        await service.GetTableClient(mine + "people").AddEntityAsync(new TableEntity("p", "ada"));

        // A prefix-range query (as a test would list its own tables) finds only this test's table...
        var visible = new List<string>();
        await foreach (var table in service.QueryAsync(filter: $"TableName ge '{mine}' and TableName lt '{mine}{{'"))
        {
            visible.Add(table.Name);
        }

        // ...and the other test's table of the same name stays empty.
        var theirEntities = new List<TableEntity>();
        await foreach (var entity in service.GetTableClient(theirs + "people").QueryAsync<TableEntity>())
        {
            theirEntities.Add(entity);
        }

        Assert.Empty(theirEntities);
        Assert.Equal([mine + "people"], visible);
    }

    [Fact]
    public async Task Persistent_azurite_keeps_data_across_a_restart_and_leaves_no_process_behind()
    {
        if (Environment.GetEnvironmentVariable(AzuriteProcess.ExternalTablesVariable) is not null)
        {
            return; // External tables cannot be restarted from here.
        }

        int pid;
        var azuriteProcess = await AzuriteProcess.StartAsync(new AzuriteOptions { Persistent = true });
        await using (azuriteProcess)
        {
            pid = NodeProcessId(azuriteProcess.Port);
            // No client retries: a call while Azurite is down must fail fast.
            var table = azuriteProcess.CreateServiceClient(new TableClientOptions { Retry = { MaxRetries = 0 } }).GetTableClient("restart");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });

            await azuriteProcess.StopAsync();
            Assert.False(azuriteProcess.IsRunning);
            await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityAsync<TableEntity>("p", "r"));

            await azuriteProcess.StartAgainAsync();
            var read = await table.GetEntityAsync<TableEntity>("p", "r");
            Assert.Equal(42, read.Value.GetInt32("Value"));
        }

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    /// <summary>The node process listening on the port, found through /proc so the test does not trust AzuriteProcess about itself.</summary>
    private static int NodeProcessId(int port)
    {
        var candidates = Process.GetProcessesByName("node")
            .Where(p => ReadCommandLine(p.Id).Contains($"--tablePort\0{port}\0", StringComparison.Ordinal))
            .Select(p => p.Id)
            .ToList();
        return Assert.Single(candidates);
    }

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
