namespace MentorBot.Testing;

/// <summary>
/// One in-memory Azurite per test assembly, shared by every <see cref="AzuriteFixture"/>
/// whether it is used as a collection or a class fixture. Reference counted: the last fixture
/// to go away stops it, so no node process outlives the test run.
/// </summary>
internal static class SharedAzurite
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteProcess? _instance;
    private static int _users;

    public static async Task<AzuriteProcess> AcquireAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _instance ??= await AzuriteProcess.StartAsync().ConfigureAwait(false);
            _users++;
            return _instance;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (--_users > 0 || _instance is null)
            {
                return;
            }

            await _instance.DisposeAsync().ConfigureAwait(false);
            _instance = null;
        }
        finally
        {
            Gate.Release();
        }
    }
}
