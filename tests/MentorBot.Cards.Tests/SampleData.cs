using MentorBot.Conversations;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Cards.Tests;

/// <summary>
/// Realistic and awkward values for card samples: long names, non-Latin scripts, emoji, right-to-left text,
/// quotes and markdown-looking characters, so a card that only works with "Alice" and "Bob" shows up here.
/// </summary>
internal static class SampleData
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string UserId = "29:1a2b3c4d5e6f7g8h9i0jklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public const string LongName = "Maximiliane Alexandra von Hohenzollern-Sigmaringen-Wüstenrot";
    public const string UnicodeName = "Zoë Ñúñez-Đặng 🌱";
    public const string CjkName = "山田 花子";
    public const string RtlName = "نور الهدى";

    public const string ProgramName = "2025 Graduate Mentorship — Engineering & Data «Cohort B» 🚀";

    public const string LongText =
        "We met three times this month. My mentee wants to move into platform engineering but feels the goals we wrote " +
        "in week one no longer fit; we'd like a coordinator to help us re-scope. Quotes \"like this\", *asterisks*, " +
        "<angle brackets> & ampersands, and a second script: 我们需要帮助 — مساعدة. ";

    public static DateTimeOffset Now { get; } = new(2025, 11, 3, 14, 45, 0, TimeSpan.Zero);

    public static MentorshipProgram Program(string? channelName = "mentoring-coordinators-emea-☕") => new()
    {
        TenantId = TenantId,
        ProgramId = "graduate-2025-engineering",
        Name = ProgramName,
        Channel = new CoordinatorsChannel("https://smba.trafficmanager.net/emea/", "19:abcdef0123456789@thread.tacv2", "19:team@thread.tacv2", channelName),
        Settings = new ProgramSettings { ExpectationsReminderDays = [3, 7, 10, 21] },
        CreatedBy = LongName,
        CreatedAt = Now.AddDays(-40),
    };

    public static Pair Pair() => new()
    {
        TenantId = TenantId,
        ProgramId = "graduate-2025-engineering",
        PairId = "pair-0001",
        Mentor = new Person("8c5e6f1a-2b3d-4e5f-9a8b-7c6d5e4f3a2b", LongName, "maximiliane.vonhohenzollern@contoso.com", "maximiliane.vonhohenzollern@contoso.onmicrosoft.com"),
        Mentee = new Person("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", UnicodeName, null, "zoe.nunez-dang@contoso.com"),
        Start = new DateOnly(2025, 9, 1),
        PlannedEnd = new DateOnly(2026, 2, 28),
        Focus = "Moving from data analysis into platform engineering — 数据平台, on-call & \"production readiness\"",
        CreatedAt = Now.AddDays(-60),
        CreatedBy = CjkName,
    };

    public static CheckInAnswer CheckIn(string personId, bool keepPrivate, bool wantsHelp) => new()
    {
        TenantId = TenantId,
        PairId = "pair-0001",
        MeetingKey = "AAMkAGI2TG93AAA=/2025-11-03T14:00:00Z",
        PersonId = personId,
        Role = "mentor",
        Structure = CheckInRating.WorkingWell,
        Need = new CheckInRequest("more time on system design, and a walk through a real review of a pull request before the next release"),
        Differently = new CheckInRequest("send the agenda a day before"),
        Note = LongText,
        KeepPrivate = keepPrivate,
        WantsCoordinatorHelp = wantsHelp,
        AnsweredAt = Now,
    };

    public static EscalationAlert Alert(AlertState state, int index = 0) => new()
    {
        TenantId = TenantId,
        ProgramId = "graduate-2025-engineering",
        AlertId = $"checkin-couldbebetter-{index:D4}",
        Cause = "checkin.could-be-better",
        Reason = "“Could be better” twice in a row from the mentee",
        PairId = $"pair-{index:D4}",
        PairDescription = $"{LongName} (mentor) and {UnicodeName} (mentee)",
        Details = LongText,
        Parties =
        [
            new AlertParty("mentor", LongName, "maximiliane.vonhohenzollern@contoso.onmicrosoft.com"),
            new AlertParty("mentee", UnicodeName, "zoe.nunez-dang@contoso.com"),
            new AlertParty("observer", RtlName, null),
        ],
        RaisedAt = Now.AddHours(-index),
        State = state,
        AcknowledgedBy = state == AlertState.Open ? null : CjkName,
        ResolvedBy = state == AlertState.Resolved ? RtlName : null,
        ResolutionNote = state == AlertState.Resolved ? "Talked with both; new goals agreed and the midpoint brought forward. ✅" : null,
    };

    /// <summary>
    /// The Info of every command in MentorBot, as help would list them. Commands are constructed with empty
    /// dependencies just to read their Info; a command that needs its dependencies in the constructor is skipped.
    /// </summary>
    public static IReadOnlyList<CommandInfo> Commands()
    {
        var infos = new List<CommandInfo>();
        foreach (var type in typeof(ICommand).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommand).IsAssignableFrom(t)))
        {
            var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).FirstOrDefault();
            try
            {
                var arguments = constructor?.GetParameters().Select(p => p.ParameterType == typeof(TimeProvider) ? TimeProvider.System : null).ToArray();
                if (constructor?.Invoke(arguments) is ICommand command)
                {
                    infos.Add(command.Info);
                }
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // Needs real dependencies to construct; help still renders the others.
            }
        }

        infos.Add(new CommandInfo("expectations review", "Reopens your expectations agreement with your mentor or mentee so you can change it together.",
            CommandScopes.Personal | CommandScopes.GroupChat, "expectations review <pair name, e.g. \"Zoë Ñúñez-Đặng 🌱\">"));
        return infos;
    }
}
