using MentorBot.Hosting;
using MentorBot.Protocol.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
var settings = BotSettings.Load(builder.Configuration, builder.Environment);
builder.Services.AddMentorBot(settings, builder.Configuration);
builder.Services.AddDownloadSignIn(builder.Configuration, settings);
builder.Services.AddMentorBotTelemetry(builder.Configuration);

var app = builder.Build();
if (settings.IsLocalAnonymous)
{
    StartupLog.UnauthenticatedLocalMode(app.Logger);
}

if (settings.AllowedTenantIds.Count == 0)
{
    StartupLog.AnyTenant(app.Logger);
}

app.MapBotMessages("/api/messages");
app.MapDownloads();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
