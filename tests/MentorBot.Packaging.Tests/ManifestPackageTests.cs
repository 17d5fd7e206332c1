using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using MentorBot.Testing;

namespace MentorBot.Packaging.Tests;

public sealed class ManifestPackageTests(BuiltPackage package) : IClassFixture<BuiltPackage>
{
    [Fact]
    public async Task Package_built_from_the_template_passes_the_validator()
    {
        Assert.True(package.Build.ExitCode == 0, package.Build.ToString());

        var validation = await RepoPaths.RunManifestToolAsync("validate-package.mjs", package.ZipPath);

        Assert.True(validation.ExitCode == 0, validation.ToString());
        Assert.Equal("valid", validation.StandardOutput.Trim());
    }

    [Fact]
    public void Package_holds_the_manifest_and_both_icons_at_the_zip_root()
    {
        Assert.True(package.Build.ExitCode == 0, package.Build.ToString());
        using var zip = ZipFile.OpenRead(package.ZipPath);

        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(package.ZipPath)!, "manifest.json")), "manifest.json is written next to the zip");
    }

    [Fact]
    public void Manifest_carries_the_app_id_domain_and_version_everywhere_they_belong()
    {
        var manifest = package.ReadManifest();

        Assert.Equal(BuiltPackage.AppId, (string?)manifest["id"]);
        Assert.Equal(BuiltPackage.AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(BuiltPackage.AppId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{BuiltPackage.Domain}/{BuiltPackage.AppId}", (string?)manifest["webApplicationInfo"]!["resource"]);
        Assert.Equal([BuiltPackage.Domain], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal(BuiltPackage.Version, (string?)manifest["version"]);
        Assert.Equal("1.29", (string?)manifest["manifestVersion"]);
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.Equal("MentorBot", (string?)manifest["name"]!["short"]);
        Assert.StartsWith($"https://{BuiltPackage.Domain}/", (string?)manifest["developer"]!["privacyUrl"], StringComparison.Ordinal);
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_offers_the_commands_people_type_in_each_scope()
    {
        var bot = package.ReadManifest()["bots"]!.AsArray().Single()!;

        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.True((bool)bot["supportsFiles"]!, "coordinators import pairs from a CSV in personal chat");
        Assert.False((bool)bot["isNotificationOnly"]!);
        var commands = bot["commandLists"]!.AsArray().ToDictionary(
            list => (string)list!["scopes"]!.AsArray().Single()!,
            list => list!["commands"]!.AsArray().Select(c => (string?)c!["title"]).ToList());
        Assert.Equal(["help", "agreement", "check in", "rematch", "end or continue", "my data"], commands["personal"]);
        Assert.Equal(["setup", "register", "alerts", "pairs", "report", "help"], commands["team"]);
        Assert.Equal(["agreement", "check in", "help"], commands["groupChat"]);
        Assert.All(bot["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()), c =>
        {
            Assert.InRange(((string)c!["title"]!).Length, 1, 32);
            Assert.InRange(((string)c["description"]!).Length, 1, 128);
        });
    }

    [Theory]
    [InlineData("manifestVersion", "1.28", "/manifestVersion")]
    [InlineData("botId", "not-a-guid", "/bots/0/botId")]
    [InlineData("id", null, "must have required property 'id'")]
    [InlineData("accentColor", "teal", "/accentColor")]
    [InlineData("unexpected", "value", "additionalProperty")]
    [InlineData("version", "1.0", "MAJOR.MINOR.PATCH")]
    public async Task Validator_rejects_a_manifest_with_a_broken_field(string field, string? value, string expectedError)
    {
        var manifest = package.ReadManifest();
        var target = field == "botId" ? manifest["bots"]![0]!.AsObject() : manifest;
        if (value is null)
        {
            target.Remove(field);
        }
        else
        {
            target[field] = value;
        }

        var result = await ValidateAsync(new Dictionary<string, byte[]>
        {
            ["manifest.json"] = Encoding.UTF8.GetBytes(manifest.ToJsonString()),
            ["color.png"] = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "color.png")),
            ["outline.png"] = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "outline.png")),
        });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(expectedError, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("valid\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_rejects_files_that_are_not_at_the_zip_root()
    {
        var manifest = package.ReadManifest().ToJsonString();

        var result = await ValidateAsync(new Dictionary<string, byte[]>
        {
            ["MentorBot/manifest.json"] = Encoding.UTF8.GetBytes(manifest),
            ["MentorBot/color.png"] = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "color.png")),
            ["MentorBot/outline.png"] = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "outline.png")),
        });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("manifest.json must be at the root of the zip", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("color.png (the color icon) is missing", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_rejects_icons_of_the_wrong_size()
    {
        var result = await ValidateAsync(new Dictionary<string, byte[]>
        {
            ["manifest.json"] = Encoding.UTF8.GetBytes(package.ReadManifest().ToJsonString()),
            ["color.png"] = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "outline.png")),
            ["outline.png"] = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "color.png")),
        });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("color icon must be 192x192 pixels, found 32x32", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("outline icon must be 32x32 pixels, found 192x192", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_rejects_an_outline_icon_with_a_pixel_that_is_not_white()
    {
        var outline = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "outline.png"));
        var pixels = Png.DecodeRgba(outline);
        var opaque = Enumerable.Range(0, pixels.Length / 4).First(i => pixels[(i * 4) + 3] == 255);
        pixels[(opaque * 4) + 1] = 0; // magenta instead of white
        var tinted = Png.EncodeRgba(32, 32, pixels);

        var result = await ValidateAsync(new Dictionary<string, byte[]>
        {
            ["manifest.json"] = Encoding.UTF8.GetBytes(package.ReadManifest().ToJsonString()),
            ["color.png"] = File.ReadAllBytes(Path.Combine(RepoPaths.Icons, "color.png")),
            ["outline.png"] = tinted,
        });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("outline icon must be white (255,255,255) on full transparency; 1 pixels are not", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_refuses_an_app_id_that_is_not_a_guid()
    {
        using var output = new TempDirectory();

        var result = await RepoPaths.RunManifestToolAsync("build-package.mjs", "--app-id", "mentorbot", "--domain", BuiltPackage.Domain, "--out", output.File("p.zip"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the app id \"mentorbot\" is not a GUID", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output.File("p.zip")));
    }

    [Fact]
    public async Task Build_refuses_an_empty_domain()
    {
        using var output = new TempDirectory();

        var result = await ToolProcess.RunAsync(
            "node",
            [RepoPaths.ManifestTool("build-package.mjs"), "--app-id", BuiltPackage.AppId, "--domain", "", "--out", output.File("p.zip")],
            new Dictionary<string, string?> { ["MENTORBOT_DOMAIN"] = null });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the domain is missing", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output.File("p.zip")));
    }

    [Fact]
    public async Task Build_takes_the_app_id_and_domain_from_the_environment()
    {
        using var output = new TempDirectory();
        const string appId = "0b7d9f4e-8c2a-4e61-a3f5-9d1c7e2b4a60";

        var result = await ToolProcess.RunAsync(
            "node",
            [RepoPaths.ManifestTool("build-package.mjs"), "--out", output.File("p.zip")],
            new Dictionary<string, string?> { ["MicrosoftAppId"] = appId, ["MENTORBOT_DOMAIN"] = "bot.example.org", ["MENTORBOT_VERSION"] = null });

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifest = JsonNode.Parse(File.ReadAllText(output.File("manifest.json")))!;
        Assert.Equal(appId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("bot.example.org", (string?)manifest["validDomains"]![0]);
        Assert.Equal("1.0.0", (string?)manifest["version"]);
    }

    private static async Task<ProcessResult> ValidateAsync(IReadOnlyDictionary<string, byte[]> files)
    {
        using var directory = new TempDirectory();
        var zipPath = directory.File("broken.zip");
        BuiltPackage.WriteZip(zipPath, files);
        return await RepoPaths.RunManifestToolAsync("validate-package.mjs", zipPath);
    }
}
