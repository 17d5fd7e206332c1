using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// One party's answers to the expectations questions. They are shared with the partner in the agreement, side by
/// side with the partner's; nothing else a party says to the bot is.
/// </summary>
public sealed record ExpectationsAnswers
{
    public required PairRole Role { get; init; }

    /// <summary>Mentee: what they want to learn or achieve.</summary>
    public string? Goals { get; init; }

    /// <summary>Mentee: the specific skill gap.</summary>
    public string? SkillGap { get; init; }

    /// <summary>Mentor: what they can realistically offer.</summary>
    public string? Offer { get; init; }

    /// <summary>Mentor: the limits of their knowledge, time and availability.</summary>
    public string? Limits { get; init; }

    /// <summary>Mentor: what they can give between meetings; mentee: what they expect (an <see cref="ExpectationChoices"/> value).</summary>
    public string BetweenMeetings { get; init; } = ExpectationChoices.NoContact;

    public string Frequency { get; init; } = ExpectationChoices.AsNeeded;

    public IReadOnlyList<string> Modes { get; init; } = [];

    /// <summary>What happens when a meeting must move.</summary>
    public string Rescheduling { get; init; } = string.Empty;

    /// <summary>How they will know at the end that it worked; may be empty.</summary>
    public string SuccessCriteria { get; init; } = string.Empty;

    public DateTimeOffset AnsweredAt { get; init; }

    /// <summary>True when every answer is the same (the time answered does not count).</summary>
    public bool SameAnswersAs(ExpectationsAnswers other) =>
        Role == other.Role
        && Goals == other.Goals
        && SkillGap == other.SkillGap
        && Offer == other.Offer
        && Limits == other.Limits
        && BetweenMeetings == other.BetweenMeetings
        && Frequency == other.Frequency
        && Modes.SequenceEqual(other.Modes)
        && Rescheduling == other.Rescheduling
        && SuccessCriteria == other.SuccessCriteria;

    /// <summary>The answers as the dialog stores them, by step key (used to prefill a revision).</summary>
    public IReadOnlyDictionary<string, string> ToDialogValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ExpectationsQuestions.BetweenMeetings] = BetweenMeetings,
            [ExpectationsQuestions.Frequency] = Frequency,
            [ExpectationsQuestions.Modes] = string.Join(',', Modes),
            [ExpectationsQuestions.Rescheduling] = Rescheduling,
            [ExpectationsQuestions.Success] = SuccessCriteria,
        };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Add(ExpectationsQuestions.Goals, Goals);
        Add(ExpectationsQuestions.SkillGap, SkillGap);
        Add(ExpectationsQuestions.Offer, Offer);
        Add(ExpectationsQuestions.Limits, Limits);
        return values;
    }

    /// <summary>Reads the answers of a finished dialog.</summary>
    public static ExpectationsAnswers FromDialogValues(PairRole role, IReadOnlyDictionary<string, string> values, DateTimeOffset answeredAt)
    {
        string? Get(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var mentee = role == PairRole.Mentee;
        return new ExpectationsAnswers
        {
            Role = role,
            Goals = mentee ? Get(ExpectationsQuestions.Goals) : null,
            SkillGap = mentee ? Get(ExpectationsQuestions.SkillGap) : null,
            Offer = mentee ? null : Get(ExpectationsQuestions.Offer),
            Limits = mentee ? null : Get(ExpectationsQuestions.Limits),
            BetweenMeetings = Get(ExpectationsQuestions.BetweenMeetings) ?? ExpectationChoices.NoContact,
            Frequency = Get(ExpectationsQuestions.Frequency) ?? ExpectationChoices.AsNeeded,
            Modes = (Get(ExpectationsQuestions.Modes) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Rescheduling = Get(ExpectationsQuestions.Rescheduling) ?? string.Empty,
            SuccessCriteria = Get(ExpectationsQuestions.Success) ?? string.Empty,
            AnsweredAt = answeredAt,
        };
    }
}
