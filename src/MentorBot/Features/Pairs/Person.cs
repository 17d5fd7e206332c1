namespace MentorBot.Features.Pairs;

/// <summary>Someone in a program, keyed by Entra object id (never by email, which can change or be an alias).</summary>
public sealed record Person(string Id, string Name, string? Mail, string? Upn)
{
    /// <summary>Every address the person's meetings may name them by.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];
}
