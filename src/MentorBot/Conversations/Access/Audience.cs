namespace MentorBot.Conversations.Access;

/// <summary>
/// Who may use a command or card action, declared beside it and checked by the router before any handler runs
/// (<see cref="ITurnAccess"/>). The object an action is about is loaded from storage for the check, never taken
/// from card data alone, and the person acting is always the channel's <c>from</c>.
/// </summary>
public enum Audience
{
    /// <summary>Anyone the channel authenticated; the handler acts only on the sender's own records.</summary>
    Anyone,

    /// <summary>The mentor or the mentee of the pair the card is about.</summary>
    PairParty,

    /// <summary>A coordinator of the program that owns the object (the card's program, or the channel's program).</summary>
    ProgramCoordinator,

    /// <summary>A coordinator of that program, or a program administrator (who may add coordinators to any program).</summary>
    ProgramCoordinatorOrAdministrator,

    /// <summary>A coordinator of some program; the handler may act only within the programs the sender coordinates.</summary>
    CoordinatorOfAnyProgram,

    /// <summary>A program administrator (configured under Coordinators:UserIds / GroupIds): may set up programs.</summary>
    ProgramAdministrator,
}
