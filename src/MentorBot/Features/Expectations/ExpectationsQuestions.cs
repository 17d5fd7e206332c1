using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// The four questions of the design, split by role: what the mentee wants (and the skill gap), what the mentor can
/// offer (and its limits, including between meetings), how they will work together, and how they will know it worked.
/// </summary>
public static class ExpectationsQuestions
{
    public const string Goals = "goals";
    public const string SkillGap = "skill-gap";
    public const string Offer = "offer";
    public const string Limits = "limits";
    public const string BetweenMeetings = "between-meetings";
    public const string Frequency = "frequency";
    public const string Modes = "modes";
    public const string Rescheduling = "rescheduling";
    public const string Success = "success";

    /// <summary>Long enough for a real answer, short enough that the agreement card stays readable (and within Teams' size limit).</summary>
    public const int MaxAnswerLength = 500;

    public static IReadOnlyList<DialogStep> For(PairRole role, string partnerName) =>
        role == PairRole.Mentee ? [.. MenteeSteps(partnerName), .. SharedSteps()] : [.. MentorSteps(partnerName), .. SharedSteps()];

    private static IEnumerable<DialogStep> MenteeSteps(string mentor)
    {
        yield return new(Goals, Text("What do you want to learn or achieve through this mentorship?",
            "Think six months ahead: what would you like to be able to do, or to have done?",
            "e.g. lead a project on my own; move into a product role"));
        yield return new(SkillGap, Text("What is the specific skill gap you want to close?",
            "Be concrete: \"running a design review\" helps your mentor more than \"communication\".",
            "e.g. giving feedback to senior colleagues"));
        yield return new(BetweenMeetings, new ChoicePrompt($"Do you expect to be in touch with {mentor} between meetings?", ExpectationChoices.BetweenMeetings));
    }

    private static IEnumerable<DialogStep> MentorSteps(string mentee)
    {
        yield return new(Offer, Text($"What can you realistically offer {mentee}?",
            "Your experience, your network, feedback on real work... Realistic beats generous.",
            "e.g. feedback on presentations; introductions to the data team"));
        yield return new(Limits, Text("Where are the limits of your knowledge, time and availability?",
            "Saying it now is kinder than discovering it later.",
            "e.g. I don't know the sales side; I can give one hour a fortnight; away in August"));
        yield return new(BetweenMeetings, new ChoicePrompt($"Can {mentee} reach you between meetings?", ExpectationChoices.BetweenMeetings));
    }

    private static IEnumerable<DialogStep> SharedSteps()
    {
        yield return new(Frequency, new ChoicePrompt("How often would you like to meet?", ExpectationChoices.Frequencies));
        yield return new(Modes, new ChoicePrompt("How would you like to communicate?", ExpectationChoices.Modes) { AllowMultiple = true });
        yield return new(Rescheduling, Text("What should happen when one of you has to move a meeting?",
            "e.g. who reschedules, how much notice, whether a skipped meeting is simply skipped.",
            "e.g. whoever cancels proposes two new times within a week"));
        yield return new(Success, new TextPrompt("How will you know at the end that this mentorship worked?")
        {
            Help = "Something you could check, e.g. \"I have led two design reviews\". If you don't know yet, type \"skip\": I'll flag it so you can decide together.",
            Placeholder = "e.g. I run our team's retrospectives without help",
            MaxLength = MaxAnswerLength,
            IsOptional = true,
        });
    }

    private static TextPrompt Text(string question, string help, string placeholder) =>
        new(question) { Help = help, Placeholder = placeholder, MaxLength = MaxAnswerLength };
}
