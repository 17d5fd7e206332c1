using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>What an expectations dialog is started with: which pair, which side, and (in a revision) the previous answers.</summary>
public sealed record ExpectationsDialogOptions(PairKey Pair, PairRole Role, string PartnerName)
{
    private const string PreviousPrefix = "previous.";

    public bool IsRevision { get; init; }

    public IReadOnlyDictionary<string, string> Previous { get; init; } = new Dictionary<string, string>();

    public static ExpectationsDialogOptions For(Pair pair, PairRole role, ExpectationsAnswers? previous)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new ExpectationsDialogOptions(PairKey.Of(pair), role, pair.PartnerOf(role).Name)
        {
            IsRevision = previous is not null,
            Previous = previous?.ToDialogValues() ?? new Dictionary<string, string>(),
        };
    }

    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tenant"] = Pair.TenantId,
            ["program"] = Pair.ProgramId,
            ["pair"] = Pair.PairId,
            ["role"] = Role.ToString(),
            ["partner"] = PartnerName,
            ["revision"] = IsRevision ? "true" : "false",
        };
        foreach (var (key, value) in Previous)
        {
            options[PreviousPrefix + key] = value;
        }

        return options;
    }

    /// <summary>Reads the options back; null when the state is not of an expectations dialog.</summary>
    public static ExpectationsDialogOptions? From(DialogState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Option("tenant") is not { } tenant || state.Option("program") is not { } program || state.Option("pair") is not { } pair
            || !Enum.TryParse<PairRole>(state.Option("role"), out var role))
        {
            return null;
        }

        return new ExpectationsDialogOptions(new PairKey(tenant, program, pair), role, state.Option("partner") ?? (role == PairRole.Mentor ? "your mentee" : "your mentor"))
        {
            IsRevision = state.Option("revision") == "true",
            Previous = state.Options.Where(o => o.Key.StartsWith(PreviousPrefix, StringComparison.Ordinal))
                .ToDictionary(o => o.Key[PreviousPrefix.Length..], o => o.Value, StringComparer.Ordinal),
        };
    }
}
