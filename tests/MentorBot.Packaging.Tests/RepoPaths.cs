using System.Reflection;
using MentorBot.Testing;

namespace MentorBot.Packaging.Tests;

/// <summary>Locations the packaging tests need: the repository, its tools and the Bicep CLI.</summary>
internal static class RepoPaths
{
    private static readonly string[] RequiredNodePackages = ["@microsoft/app-manifest", "fs-extra", "jszip", "pngjs", "pako"];

    public static string Root => RepositoryRoot.Path;

    public static string Manifest => Path.Combine(Root, "manifest");

    public static string Icons => Path.Combine(Root, "manifest", "icons");

    public static string Infra => Path.Combine(Root, "infra");

    public static string ManifestTool(string script) => Path.Combine(Root, "tools", "manifest", script);

    /// <summary>Runs one of tools/manifest's node scripts.</summary>
    public static Task<ProcessResult> RunManifestToolAsync(string script, params string[] arguments) =>
        ToolProcess.RunAsync("node", [ManifestTool(script), .. arguments]);

    /// <summary>Fails the test with the fix when the pinned npm packages are not installed.</summary>
    public static void RequireNodeModules()
    {
        var nodeModules = Path.Combine(Root, "tools", "node_modules");
        var missing = RequiredNodePackages.Where(p => !Directory.Exists(Path.Combine(nodeModules, p))).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"tools/node_modules is missing {string.Join(", ", missing)}. Run: npm ci --prefix tools");
        }
    }

    /// <summary>The Bicep CLI restored from NuGet (path recorded at build time); BICEP_PATH overrides it.</summary>
    public static string BicepExecutable()
    {
        var path = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (string.IsNullOrEmpty(path))
        {
            path = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BicepExecutable").Value;
        }

        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            Assert.Fail($"Bicep CLI not found at '{path}'. Restore tests/MentorBot.Packaging.Tests (package Azure.Bicep.CommandLine.linux-x64) or set BICEP_PATH.");
        }

        // Some NuGet extractions drop the executable bit.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
