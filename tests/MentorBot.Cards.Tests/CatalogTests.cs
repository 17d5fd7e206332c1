using System.Reflection;

namespace MentorBot.Cards.Tests;

/// <summary>A new card factory cannot ship without a sample, so it cannot ship unvalidated.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void Every_card_factory_in_MentorBot_has_samples_in_CardSamples()
    {
        var missing = Factories().Except(CardSamples.Covers).ToList();

        Assert.True(missing.Count == 0,
            $"Card factories without samples: {string.Join(", ", missing)}. Add them to CardSamples.Covers and render " +
            "each state of the card in CardSamples.All() (see the comment at the top of tests/MentorBot.Cards.Tests/CardSamples.cs).");
    }

    [Fact]
    public void Covers_names_only_factories_that_exist()
    {
        var stale = CardSamples.Covers.Except(Factories()).ToList();

        Assert.True(stale.Count == 0, $"CardSamples.Covers names factories that no longer exist: {string.Join(", ", stale)}. Remove them.");
    }

    /// <summary>Every public static method of MentorBot that returns a card, as "DeclaringType.Method".</summary>
    private static List<string> Factories() =>
        typeof(AdaptiveCard).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(AdaptiveCard))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
}
