namespace MentorBot.Conversations.Access;

/// <summary>What a turn was found to be about when its audience was checked (a program, a pair), for the handler.</summary>
public abstract class TurnSubject
{
}
