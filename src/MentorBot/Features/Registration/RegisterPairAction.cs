using System.Globalization;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Registration;

/// <summary>
/// "Register" on the people-picker card, by a coordinator. The pair id comes from the registration itself, so a second
/// press of the same card creates nothing and says that the pair exists.
/// </summary>
public sealed class RegisterPairAction : ICardActionHandler
{
    private readonly ProgramStore _programs;
    private readonly CohortStore _cohorts;
    private readonly PairRegistration _registration;

    public RegisterPairAction(ProgramStore programs, CohortStore cohorts, PairRegistration registration)
    {
        _programs = programs;
        _cohorts = cohorts;
        _registration = registration;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [RegisterPairCard.RegisterVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        var program = ProgramSubject.ProgramOf(turn);

        var mentor = Blank(action.Get("mentor")) ?? Blank(action.Get(RegisterPairCard.TypedAddress("mentor")));
        var mentee = Blank(action.Get("mentee")) ?? Blank(action.Get(RegisterPairCard.TypedAddress("mentee")));
        if (string.IsNullOrEmpty(mentor) || string.IsNullOrEmpty(mentee) || mentor.Contains(',', StringComparison.Ordinal) || mentee.Contains(',', StringComparison.Ordinal)
            || mentor.Length > PairCsv.MaxNameLength || mentee.Length > PairCsv.MaxNameLength)
        {
            turn.Answer(RegistrationMessages.Refused("choose one mentor and one mentee, or type each one's email address"));
            return;
        }

        if (!TryOptionalDate(action.Get("start"), out var start) || !TryOptionalDate(action.Get("end"), out var end))
        {
            turn.Answer(RegistrationMessages.Refused("the dates must be written as yyyy-mm-dd"));
            return;
        }

        var cohortId = Blank(action.Get("cohort"));
        var result = await _registration.RegisterAsync(
            new RegistrationRequest(program, mentor, mentee, cohortId, start, end, Blank(action.Get("focus")), turn.UserId!), cancellationToken).ConfigureAwait(false);
        if (result.Pair is not { } pair || !result.Created)
        {
            turn.Answer(RegistrationMessages.Describe(result, program));
            return;
        }

        var cohort = pair.CohortId is null ? null : await _cohorts.GetAsync(program.TenantId, program.ProgramId, pair.CohortId, cancellationToken).ConfigureAwait(false);
        CardReplies.ReplaceOrReply(turn, RegisterPairCard.Registered(pair, program, cohort?.Name));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryOptionalDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}
