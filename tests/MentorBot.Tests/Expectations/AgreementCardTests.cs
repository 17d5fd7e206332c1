using MentorBot.Cards;
using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;

namespace MentorBot.Tests.Expectations;

public sealed class AgreementCardTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static ExpectationsAgreement Agreement()
    {
        var mentor = new ExpectationsAnswers { Role = PairRole.Mentor, Offer = "Reviews", Limits = "Time", Frequency = ExpectationChoices.Monthly, Modes = ["video"], Rescheduling = "Move it", SuccessCriteria = "Max leads a review" };
        var mentee = new ExpectationsAnswers { Role = PairRole.Mentee, Goals = "Lead reviews", SkillGap = "Feedback", Frequency = ExpectationChoices.Weekly, Modes = ["video"], Rescheduling = "Same week", SuccessCriteria = "I lead two reviews" };
        return new ExpectationsAgreement
        {
            TenantId = "t",
            ProgramId = "p",
            PairId = "pair-1",
            Version = 2,
            MentorName = "Mia",
            MenteeName = "Max",
            Mentor = mentor,
            Mentee = mentee,
            Differences = MisalignmentRules.Find(mentor, mentee, "Mia", "Max"),
        };
    }

    private static string Text(AdaptiveCard card) => CardJson.Serialize(card);

    private static List<string> Verbs(AdaptiveCard card) => (card.Actions ?? []).OfType<ExecuteAction>().Select(a => a.Verb).ToList();

    [Fact]
    public void The_current_version_names_the_differences_with_the_advice_and_offers_confirm_and_revise()
    {
        var card = AgreementCard.Create(Agreement(), isCurrent: true);

        Assert.Contains("Max would like to meet weekly; Mia suggested monthly.", Text(card), StringComparison.Ordinal);
        Assert.Contains("prevents quiet resentment later", Text(card), StringComparison.Ordinal);
        Assert.Equal([AgreementCard.ConfirmVerb, AgreementCard.ReviseVerb], Verbs(card));
        var confirm = card.Actions!.OfType<ExecuteAction>().First();
        Assert.Equal(2, confirm.Data["version"]!.GetValue<int>());
        Assert.Contains(card.Body, e => e.Id == AgreementCard.SettlementInputId);
    }

    [Fact]
    public void A_confirmed_version_can_only_be_revised_and_a_replaced_one_not_pressed_at_all()
    {
        var agreement = Agreement() with
        {
            Confirmations = [new AgreementConfirmation(PairRole.Mentor, "m1", Now), new AgreementConfirmation(PairRole.Mentee, "m2", Now)],
        };

        Assert.Equal([AgreementCard.ReviseVerb], Verbs(AgreementCard.Create(agreement, isCurrent: true)));
        Assert.Null(AgreementCard.Create(Agreement(), isCurrent: false).Actions);
        Assert.Contains("replaced by a newer one", Text(AgreementCard.Create(Agreement(), isCurrent: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Who_confirmed_and_who_is_awaited_is_shown()
    {
        var agreement = Agreement() with { Confirmations = [new AgreementConfirmation(PairRole.Mentee, "m2", Now)] };

        Assert.Contains("Waiting for Mia to confirm; Max has confirmed.", Text(AgreementCard.Create(agreement, isCurrent: true)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_confirmation_says_ambiguity_is_normal_and_a_revision_does_not()
    {
        Assert.Contains("ambiguity is normal", Text(AgreementConfirmedCard.Create(Agreement(), firstAgreement: true)), StringComparison.Ordinal);
        Assert.DoesNotContain("ambiguity", Text(AgreementConfirmedCard.Create(Agreement(), firstAgreement: false)), StringComparison.Ordinal);
    }
}
