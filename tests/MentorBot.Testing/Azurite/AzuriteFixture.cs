using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Xunit;

namespace MentorBot.Testing;

/// <summary>
/// xunit fixture giving tests one shared Azurite. Use it as a class fixture, or as a collection
/// fixture through a <c>[CollectionDefinition]</c> in the test assembly (xunit only finds
/// collection definitions there). Each test isolates its data with <see cref="NewTablePrefix"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte> _issuedPrefixes = new(StringComparer.Ordinal);
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("The Azurite fixture has not been initialised yet.");

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>
    /// A fresh table-name prefix: a letter then 11 lowercase letters/digits, so the table names a
    /// test builds on it (letters and digits only, starting with a letter, at most 63 characters)
    /// leave 51 characters for the rest and never meet another test's tables.
    /// </summary>
    public string NewTablePrefix()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (true)
        {
            var prefix = "t" + RandomNumberGenerator.GetString(alphabet, 11);
            // Random collisions are astronomically unlikely; remembering issued prefixes makes them impossible.
            if (_issuedPrefixes.TryAdd(prefix, 0))
            {
                return prefix;
            }
        }
    }

    public TableServiceClient CreateServiceClient(TableClientOptions? options = null) => Azurite.CreateServiceClient(options);

    public async Task InitializeAsync() => _azurite = await SharedAzurite.AcquireAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            _azurite = null;
            await SharedAzurite.ReleaseAsync().ConfigureAwait(false);
        }
    }
}
