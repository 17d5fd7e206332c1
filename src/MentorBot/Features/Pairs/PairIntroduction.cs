using MentorBot.Cards;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Pairs;

/// <summary>The first message each party gets: who their partner is, for how long, and what happens next.</summary>
public static class PairIntroduction
{
    public static Activity For(Pair pair, PairRole role, MentorshipProgram program) => CardJson.ToMessage(Card(pair, role, program));

    public static AdaptiveCard Card(Pair pair, PairRole role, MentorshipProgram program)
    {
        var partner = pair.PartnerOf(role);
        var partnerRole = role == PairRole.Mentor ? "mentee" : "mentor";
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"Your {partnerRole}: {partner.Name}"),
                new TextBlock($"You're part of {program.Name}, from {pair.Start:d MMMM yyyy} to {pair.PlannedEnd:d MMMM yyyy}."
                    + (pair.Focus is null ? string.Empty : $" Focus: {pair.Focus}.")),
                new TextBlock("Good mentoring starts with clear expectations. I'll ask you a few short questions; your partner answers the same ones, and then I'll show you both where you agree and where to talk."),
                TextBlock.Subtle("If you'd ever like a different match, type \"rematch\" here. Your partner is never told who asked."),
            ],
            FallbackText = $"Your {partnerRole}: {partner.Name}",
        };
    }
}
