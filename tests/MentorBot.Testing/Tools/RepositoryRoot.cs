namespace MentorBot.Testing;

/// <summary>Finds the checkout the tests run from, so tools installed beside the code can be used.</summary>
public static class RepositoryRoot
{
    private const string Marker = "MentorBot.sln";

    /// <summary>The folder holding MentorBot.sln, above the running test assembly.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root: no {Marker} in {AppContext.BaseDirectory} or any folder above it.");
    }
}
