namespace MentorBot.Testing.Tests;

/// <summary>xunit finds collection definitions only in the test assembly, so each test project declares its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
