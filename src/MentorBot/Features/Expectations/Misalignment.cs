using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// A difference between the two sides' answers worth talking about before confirming: what differs, naming both
/// sides, and a question that helps them settle it.
/// </summary>
public sealed record Misalignment(MisalignmentKind Kind, string Description, string Question)
{
    /// <summary>Whose answer it is about, when it concerns one side only (e.g. missing success criteria).</summary>
    public PairRole? About { get; init; }
}

public enum MisalignmentKind
{
    /// <summary>They want to meet at different rhythms (e.g. weekly vs monthly).</summary>
    MeetingFrequency,

    /// <summary>Both chose "as needed": nobody owns the next meeting, and such pairs tend to drift apart.</summary>
    NoMeetingRhythm,

    /// <summary>The mentee expects more contact between meetings than the mentor can give.</summary>
    ContactBetweenMeetings,

    /// <summary>Not one way of communicating in common.</summary>
    NoSharedCommunicationMode,

    /// <summary>Ways in common, but all written (chat, email): nowhere to actually meet.</summary>
    NoSharedMeetingMode,

    /// <summary>One or both sides gave no (or only a token) answer to "how will we know it worked?".</summary>
    SuccessCriteriaMissing,
}
