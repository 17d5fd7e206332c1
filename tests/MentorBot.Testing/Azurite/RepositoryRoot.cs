namespace MentorBot.Testing;

/// <summary>Finds the checkout the tests run from, so tools installed beside the code can be used.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "MentorBot.sln";

    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root: no {Marker} in {AppContext.BaseDirectory} or any folder above it.");
    }
}
