using Azure;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Programs;

/// <summary>
/// What <see cref="ProgramAccess"/> loaded from storage and admitted a turn for: the program (and the pair, when the
/// card names one). Handlers read it here instead of from card data, so an action can only be about what was checked.
/// </summary>
public sealed class ProgramSubject : TurnSubject
{
    public ProgramSubject(MentorshipProgram? program, Pair? pair, ETag pairETag, IReadOnlyList<MentorshipProgram> coordinated)
    {
        Program = program;
        Pair = pair;
        PairETag = pairETag;
        CoordinatedPrograms = coordinated;
    }

    public MentorshipProgram? Program { get; }

    public Pair? Pair { get; }

    public ETag PairETag { get; }

    /// <summary>In a personal chat, the programs the sender coordinates (a coordinator's command there names no channel).</summary>
    public IReadOnlyList<MentorshipProgram> CoordinatedPrograms { get; }

    /// <summary>The admitted program; only for handlers whose audience is about a program.</summary>
    public static MentorshipProgram ProgramOf(Turn turn) =>
        (turn?.Subject as ProgramSubject)?.Program ?? throw new InvalidOperationException("This turn was not admitted for a program.");

    /// <summary>The admitted pair and the ETag it was read with; only for handlers whose card names a pair.</summary>
    public static (Pair Pair, ETag ETag) PairOf(Turn turn) =>
        turn?.Subject is ProgramSubject { Pair: { } pair } subject
            ? (pair, subject.PairETag)
            : throw new InvalidOperationException("This turn was not admitted for a pair.");

    /// <summary>The program the router loaded with an admitted pair; null only if the program row is gone.</summary>
    public static MentorshipProgram? ProgramIfAny(Turn turn) => (turn?.Subject as ProgramSubject)?.Program;

    /// <summary>The admitted pair when the card named one (a coordinator's card may be about a program only).</summary>
    public static (Pair Pair, ETag ETag)? PairIfAny(Turn turn) =>
        turn?.Subject is ProgramSubject { Pair: { } pair } subject ? (pair, subject.PairETag) : null;

    /// <summary>The programs a coordinator may act on in this turn: the admitted program, or those they coordinate.</summary>
    public static IReadOnlyList<MentorshipProgram> ProgramsOf(Turn turn) =>
        turn?.Subject is ProgramSubject subject
            ? subject.Program is { } program ? [program] : subject.CoordinatedPrograms
            : [];
}
