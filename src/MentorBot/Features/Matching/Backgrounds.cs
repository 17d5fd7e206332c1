namespace MentorBot.Features.Matching;

/// <summary>
/// Backgrounds a cohort may ask about (optional, "prefer not to say" by leaving it empty). Only these labels are
/// stored and shown, to coordinators only.
/// </summary>
public static class Backgrounds
{
    public static IReadOnlyList<(string Key, string Label)> All { get; } =
    [
        ("career-changer", "changed careers"),
        ("first-generation", "first in their family at university"),
        ("career-break", "returned after a career break"),
        ("carer", "parent or carer"),
        ("moved-countries", "moved countries for work"),
        ("non-degree", "came in without a degree"),
    ];

    public static bool IsKnown(string key) => All.Any(b => b.Key == key);

    public static string Label(string key) => All.FirstOrDefault(b => b.Key == key).Label ?? key;
}
