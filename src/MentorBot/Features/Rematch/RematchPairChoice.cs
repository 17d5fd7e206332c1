using System.Text.Json;

namespace MentorBot.Features.Rematch;

/// <summary>One pairing a rematch request can be about, as the dialog keeps it in its options.</summary>
public sealed record RematchPairChoice(string ProgramId, string PairId, string Label)
{
    public const string OptionKey = "pairs";

    public static string Serialize(IReadOnlyList<RematchPairChoice> choices) => JsonSerializer.Serialize(choices);

    public static IReadOnlyList<RematchPairChoice> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<RematchPairChoice>>(json) ?? [];
}
