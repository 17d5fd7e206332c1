using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Tests.Hosting;

/// <summary>The shipped log levels: what the bot decides at Information, per-request HTTP and resilience lines only when asked for.</summary>
public sealed class QuietLogsTests
{
    private static string AppSettings()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MentorBot.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "src", "MentorBot", "appsettings.json");
    }

    private static ILoggerFactory Factory(params (string Key, string Value)[] overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(AppSettings())
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
        return new ServiceCollection()
            .AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new EverythingProvider()))
            .BuildServiceProvider()
            .GetRequiredService<ILoggerFactory>();
    }

    [Theory]
    [InlineData("Polly")]
    [InlineData("System.Net.Http.HttpClient.bot-connector.LogicalHandler")]
    [InlineData("System.Net.Http.HttpClient.teams-file-download.ClientHandler")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    public void Per_request_lines_stay_out_of_information_but_failures_are_kept(string category)
    {
        var logger = Factory().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void What_the_bot_decides_is_logged_at_information()
    {
        Assert.True(Factory().CreateLogger("MentorBot.Features.CheckIns.CheckInDueJob").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void An_operator_turns_them_on_with_one_setting_each()
    {
        var logger = Factory(("Logging:LogLevel:Polly", "Debug")).CreateLogger("Polly");

        Assert.True(logger.IsEnabled(LogLevel.Debug));
    }

    private sealed class EverythingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Everything();

        public void Dispose()
        {
        }

        private sealed class Everything : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
