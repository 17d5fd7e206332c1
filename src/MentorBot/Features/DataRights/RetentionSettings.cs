namespace MentorBot.Features.DataRights;

/// <summary>Settings of data retention ("Retention" section).</summary>
public sealed class RetentionSettings
{
    public const int DefaultClosedPairDays = 365;

    /// <summary>How many days a closed pair and everything recorded for it are kept before they are removed.</summary>
    public int ClosedPairDays { get; set; } = DefaultClosedPairDays;
}
