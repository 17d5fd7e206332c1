using MentorBot.Features.CheckIns;

namespace MentorBot.Tests.CheckIns;

public sealed class AfterQuietHoursKeyTests
{
    private const string Key = "pair-1/meeting-1/20261211T0209Z";
    private static readonly DateTimeOffset Morning = new(2026, 12, 12, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_check_in_put_off_night_after_night_keeps_a_key_of_one_length()
    {
        var key = Key;
        var keys = new List<string>();
        for (var night = 0; night < 30; night++)
        {
            key = CheckInDueJob.AfterQuietHoursKey(key, Morning.AddDays(night));
            keys.Add(key);
        }

        Assert.All(keys, k => Assert.Equal(keys[0].Length, k.Length));
        Assert.All(keys, k => Assert.StartsWith(Key + "/after-quiet-hours/", k, StringComparison.Ordinal));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_key_names_the_time_the_check_in_waits_for() =>
        Assert.Equal(Key + "/after-quiet-hours/20261212T0700Z", CheckInDueJob.AfterQuietHoursKey(Key, Morning));
}
