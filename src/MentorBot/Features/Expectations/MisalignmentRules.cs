using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Compares the mentor's and the mentee's answers and names the differences a program would want talked through
/// before the agreement is confirmed. Pure: no I/O, the same answers always give the same list, in the same order.
/// </summary>
public static class MisalignmentRules
{
    /// <summary>Fewer words than this is not yet a way to tell whether it worked.</summary>
    public const int MinSuccessCriteriaWords = 3;

    private static readonly HashSet<string> NonAnswers = new(StringComparer.OrdinalIgnoreCase)
    {
        "n/a", "na", "none", "nothing", "not sure", "not sure yet", "unsure", "don't know", "dont know", "do not know",
        "don't know yet", "no idea", "idk", "tbd", "to be decided", "later", "we'll see", "skip", "?", "-",
    };

    public static IReadOnlyList<Misalignment> Find(ExpectationsAnswers mentor, ExpectationsAnswers mentee, string mentorName = "the mentor", string menteeName = "the mentee")
    {
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentNullException.ThrowIfNull(mentee);
        var found = new List<Misalignment>();
        AddFrequency(found, mentor, mentee, mentorName, menteeName);
        AddContactBetweenMeetings(found, mentor, mentee, mentorName, menteeName);
        AddCommunicationModes(found, mentor, mentee, mentorName, menteeName);
        AddSuccessCriteria(found, mentor, mentee, mentorName, menteeName);
        return found;
    }

    /// <summary>True when an answer to "how will we know it worked?" is empty, a token ("not sure") or only a word or two.</summary>
    public static bool IsMissingSuccessCriteria(string? answer)
    {
        var text = (answer ?? string.Empty).Trim().TrimEnd('.', '!');
        if (text.Length == 0 || NonAnswers.Contains(text.Replace('’', '\'')))
        {
            return true;
        }

        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < MinSuccessCriteriaWords;
    }

    private static void AddFrequency(List<Misalignment> found, ExpectationsAnswers mentor, ExpectationsAnswers mentee, string mentorName, string menteeName)
    {
        if (mentor.Frequency != mentee.Frequency)
        {
            found.Add(new Misalignment(MisalignmentKind.MeetingFrequency,
                $"{Capital(menteeName)} would like to meet {ExpectationChoices.FrequencyText(mentee.Frequency)}; {mentorName} suggested {ExpectationChoices.FrequencyText(mentor.Frequency)}.",
                "Which rhythm can you both keep for the next two months?"));
        }
        else if (mentor.Frequency == ExpectationChoices.AsNeeded)
        {
            found.Add(new Misalignment(MisalignmentKind.NoMeetingRhythm,
                "You both chose to meet as needed, so neither of you has a reason to suggest the next meeting.",
                "Who will propose the next meeting, and how long is too long without one?"));
        }
    }

    private static void AddContactBetweenMeetings(List<Misalignment> found, ExpectationsAnswers mentor, ExpectationsAnswers mentee, string mentorName, string menteeName)
    {
        if (Rank(mentee.BetweenMeetings) <= Rank(mentor.BetweenMeetings))
        {
            return;
        }

        var mentorOffers = mentor.BetweenMeetings == ExpectationChoices.NoContact
            ? $"{mentorName} is not available between meetings"
            : $"{mentorName} can take {ExpectationChoices.BetweenMeetingsText(mentor.BetweenMeetings)}";
        found.Add(new Misalignment(MisalignmentKind.ContactBetweenMeetings,
            $"{Capital(menteeName)} expects {ExpectationChoices.BetweenMeetingsText(mentee.BetweenMeetings)} between meetings; {mentorOffers}.",
            "What can wait for the next meeting, and what is urgent enough for a message?"));
    }

    private static void AddCommunicationModes(List<Misalignment> found, ExpectationsAnswers mentor, ExpectationsAnswers mentee, string mentorName, string menteeName)
    {
        var shared = mentor.Modes.Intersect(mentee.Modes, StringComparer.Ordinal).ToList();
        if (shared.Count == 0)
        {
            found.Add(new Misalignment(MisalignmentKind.NoSharedCommunicationMode,
                $"You have no way of communicating in common: {mentorName} chose {ExpectationChoices.ModesText(mentor.Modes)}; {menteeName} chose {ExpectationChoices.ModesText(mentee.Modes)}.",
                "Which one way will you both use, at least for arranging meetings?"));
        }
        else if (!shared.Any(ExpectationChoices.MeetingModes.Contains))
        {
            found.Add(new Misalignment(MisalignmentKind.NoSharedMeetingMode,
                $"The only ways you share are written ({ExpectationChoices.ModesText(shared)}), so you have not chosen how you will actually meet.",
                "Will you meet by video call, in person or by phone?"));
        }
    }

    private static void AddSuccessCriteria(List<Misalignment> found, ExpectationsAnswers mentor, ExpectationsAnswers mentee, string mentorName, string menteeName)
    {
        var mentorMissing = IsMissingSuccessCriteria(mentor.SuccessCriteria);
        var menteeMissing = IsMissingSuccessCriteria(mentee.SuccessCriteria);
        const string question = "What would you both accept, at the end, as a sign that this worked?";
        if (mentorMissing && menteeMissing)
        {
            found.Add(new Misalignment(MisalignmentKind.SuccessCriteriaMissing,
                "Neither of you has said yet how you will know at the end that this worked.", question));
        }
        else if (mentorMissing || menteeMissing)
        {
            var (name, role) = mentorMissing ? (mentorName, PairRole.Mentor) : (menteeName, PairRole.Mentee);
            found.Add(new Misalignment(MisalignmentKind.SuccessCriteriaMissing,
                $"{Capital(name)} has not said yet how you will know at the end that this worked.", question)
            {
                About = role,
            });
        }
    }

    /// <summary>How much contact between meetings an answer means: none &lt; quick questions &lt; anytime.</summary>
    private static int Rank(string betweenMeetings) => betweenMeetings switch
    {
        ExpectationChoices.Anytime => 2,
        ExpectationChoices.QuickQuestions => 1,
        _ => 0,
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
