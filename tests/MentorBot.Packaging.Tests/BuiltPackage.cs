using System.IO.Compression;
using System.Text.Json.Nodes;
using MentorBot.Testing;

namespace MentorBot.Packaging.Tests;

/// <summary>The Teams app package built once from the template with sample values, shared by a test class.</summary>
public sealed class BuiltPackage : IAsyncLifetime
{
    public const string AppId = "6f1c2b9e-3d4a-4b8f-9c1e-2a7d5e8f0b13";
    public const string Domain = "mentorbot-test.azurewebsites.net";
    public const string Version = "1.4.2";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mentorbot-package-" + Guid.NewGuid().ToString("N"));

    internal ProcessResult Build { get; private set; } = null!;

    public string ZipPath => Path.Combine(_directory, "MentorBot.zip");

    public async Task InitializeAsync()
    {
        RepoPaths.RequireNodeModules();
        Build = await RepoPaths.RunManifestToolAsync("build-package.mjs", "--app-id", AppId, "--domain", Domain, "--version", Version, "--out", ZipPath);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The manifest.json inside the zip.</summary>
    public JsonObject ReadManifest()
    {
        Assert.True(Build.ExitCode == 0, Build.ToString());
        using var zip = ZipFile.OpenRead(ZipPath);
        var entry = zip.GetEntry("manifest.json");
        Assert.NotNull(entry);
        using var stream = entry.Open();
        return JsonNode.Parse(stream)!.AsObject();
    }

    /// <summary>Writes a package with the given files at the zip root (or under folders, if the names say so).</summary>
    internal static void WriteZip(string path, IReadOnlyDictionary<string, byte[]> files)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in files)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(bytes);
        }
    }
}
