// Every card the bot can send, rendered with realistic sample data. The tests in this project validate each
// sample with tools/cards/validate-cards.mjs (the official adaptivecards package plus Teams rules) and check
// its version and size.
//
// TO ADD A CARD
//   1. Add "YourCard.Create" (declaring type + method name) to Covers. A public static method in MentorBot
//      that returns AdaptiveCard and is not listed there fails CatalogTests.
//   2. Add a section below (a private method yielding samples) and one line for it in All(). Give a sample for
//      every state or variant the card has, with awkward data from SampleData (long names, unicode, long text).
//   3. Sample names become file names: lowercase letters, digits and dashes, unique, "feature-variant".
//   A card built inline (not through a static factory) cannot be found by reflection: prefer moving it into a
//   factory; until then, render an equivalent here and say where it lives.
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Closure;
using MentorBot.Features.Escalations;
using MentorBot.Features.Cadence;
using MentorBot.Features.Expectations;
using MentorBot.Features.PairHealth;
using MentorBot.Features.Help;
using MentorBot.Features.Lifecycle;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Registration;
using MentorBot.Features.Rematch;
using MentorBot.Features.Welcome;
using MentorBot.Protocol.Schema;

namespace MentorBot.Cards.Tests;

public static class CardSamples
{
    /// <summary>The card factories (DeclaringType.Method) the samples below exercise.</summary>
    public static IReadOnlyList<string> Covers { get; } =
    [
        "HelpCard.Create",
        "WelcomeCard.Create",
        "PromptCard.Render",
        "PromptCard.Answered",
        "ProgramCard.Create",
        "MoveProgramCard.Create",
        "AlertCard.Create",
        "PairIntroduction.Card",
        "CheckInCard.Create",
        "CheckInCard.Thanks",
        "CheckInPartnerCard.Create",
        "PreMeetingNoteCard.Create",
        "ClosureCard.Create",
        "RematchRequestCard.Create",
        "RematchCoordinatorCard.Create",
        "RematchCoordinatorCard.NeedsNewMatch",
        "AgreementCard.Create",
        "AgreementConfirmedCard.Create",
        "CohortCard.Form",
        "CohortCard.Saved",
        "CohortCard.List",
        "RegisterPairCard.Form",
        "RegisterPairCard.Registered",
        "ImportReportCard.Create",
        "CadenceNudgeCard.Create",
        "PairHealthCard.Create",
        "RedesignCard.Working",
        "RedesignCard.Transition",
        "RedesignCard.Answered",
        "MidpointFacilitationCard.Create",
        "ContinueCard.Create",
        "ContinueCard.Done",
        "SharedClosureCard.Create",
        "ReportCard.Create",
        "FailureCard.Create",
        "DownloadCard.Create",
        "PeerReminderCard.Create",
        "AccountabilityCard.Create",
        "AccountabilityCard.Thanks",
        "CohortDigestCard.Create",
        "BaselineCard.Create",
        "BaselineCard.Thanks",
        "DataRightsCards.MyData",
        "DataRightsCards.ConfirmErase",
        "DataRightsCards.Erased",
        "SuggestionsCard.Create",
        "CohortMatchCard.Create",
        "CohortMatchCard.Confirmed",
        "ProfileQuestionsCard.Create",
        "ProfileQuestionsCard.Saved",
        "MatchLearningCard.Create",
    ];

    public static IEnumerable<(string Name, AdaptiveCard Card)> All() =>
        Help()
            .Concat(Welcome())
            .Concat(Prompts())
            .Concat(Programs())
            .Concat(Escalations())
            .Concat(Pairs())
            .Concat(CheckIns())
            .Concat(Closure())
            .Concat(Rematch())
            .Concat(Expectations())
            .Concat(Registration())
            .Concat(CadenceAndHealth())
            .Concat(Lifecycle())
            .Concat(Reports())
            .Concat(MentorCohorts())
            .Concat(DataRights())
            .Concat(MatchingSamples.All());

    private static IEnumerable<(string Name, AdaptiveCard Card)> Help()
    {
        var commands = SampleData.Commands();
        yield return ("help-personal", HelpCard.Create(commands, ConversationTypes.Personal));
        yield return ("help-group-chat", HelpCard.Create(commands, ConversationTypes.GroupChat));
        yield return ("help-channel", HelpCard.Create(commands, ConversationTypes.Channel));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Welcome()
    {
        yield return ("welcome-personal", WelcomeCard.Create(ConversationTypes.Personal, SampleData.LongName));
        yield return ("welcome-personal-unicode-name", WelcomeCard.Create(ConversationTypes.Personal, SampleData.UnicodeName));
        yield return ("welcome-personal-no-name", WelcomeCard.Create(ConversationTypes.Personal, null));
        yield return ("welcome-group-chat", WelcomeCard.Create(ConversationTypes.GroupChat, SampleData.CjkName));
        yield return ("welcome-channel", WelcomeCard.Create(ConversationTypes.Channel, null));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Prompts()
    {
        var dialog = new SampleDialog();
        var answered = SampleDialog.StateAt(0);
        var steps = dialog.Steps(answered);

        yield return ("prompt-text-first-step", PromptCard.Render(dialog, SampleDialog.StateAt(0), steps[0], steps.Count, SampleData.UserId, null));
        yield return ("prompt-choice-with-problem", PromptCard.Render(dialog, SampleDialog.StateAt(1, ("goals", SampleData.LongText)), steps[1], steps.Count, SampleData.UserId,
            "\"sometimes\" is not one of the answers. 1. Every week  2. Every two weeks  3. Once a month"));
        yield return ("prompt-multi-choice-previous-answer", PromptCard.Render(dialog, SampleDialog.StateAt(2, ("topics", "topic-1,topic-5,topic-12")), steps[2], steps.Count, SampleData.UserId, null));
        yield return ("prompt-optional-text-previous-answer", PromptCard.Render(dialog, SampleDialog.StateAt(3, ("private", SampleData.LongText)), steps[3], steps.Count, SampleData.UserId, null));
        yield return ("prompt-answered", PromptCard.Answered(steps[1].Prompt.Question, "Every two weeks, 随时 if needed 🙂"));
        yield return ("prompt-answered-long", PromptCard.Answered(steps[0].Prompt.Question, SampleData.LongText + SampleData.LongText));
        yield return ("prompt-answered-skipped", PromptCard.Answered(steps[3].Prompt.Question, string.Empty));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Programs()
    {
        yield return ("program-set-up", ProgramCard.Create(SampleData.Program(), $"{SampleData.ProgramName} is set up"));
        yield return ("program-move-confirm", MoveProgramCard.Create(SampleData.Program()));
        yield return ("program-settings-no-channel-name", ProgramCard.Create(SampleData.Program(channelName: null), "Program settings"));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Escalations()
    {
        IReadOnlyList<string> viewers = ["29:1a2b3c-coordinator", "29:4d5e6f-coordinator"];
        yield return ("alert-open", AlertCard.Create(SampleData.Alert(AlertState.Open), viewers));
        yield return ("alert-open-for-a-coordinator", AlertCard.Create(SampleData.Alert(AlertState.Open), viewers, forCoordinator: true));
        yield return ("alert-acknowledged", AlertCard.Create(SampleData.Alert(AlertState.Acknowledged), viewers));
        yield return ("alert-resolved", AlertCard.Create(SampleData.Alert(AlertState.Resolved), []));
        yield return ("alert-open-minimal", AlertCard.Create(SampleData.Alert(AlertState.Open) with
        {
            PairDescription = null,
            Details = null,
            Parties = [],
        }, []));
        yield return ("alerts-list-50-open", OpenAlertsList(Enumerable.Range(0, 50).Select(i => SampleData.Alert(i % 2 == 0 ? AlertState.Open : AlertState.Acknowledged, i)).ToList()));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Pairs()
    {
        yield return ("pair-introduction-mentor", PairIntroduction.Card(SampleData.Pair(), PairRole.Mentor, SampleData.Program()));
        yield return ("pair-introduction-mentee", PairIntroduction.Card(SampleData.Pair(), PairRole.Mentee, SampleData.Program()));
        yield return ("pair-introduction-no-focus", PairIntroduction.Card(SampleData.Pair() with { Focus = null }, PairRole.Mentee, SampleData.Program()));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> CheckIns()
    {
        var pair = SampleData.Pair();
        var meeting = "AAMkAGI2TG93AAA=/2025-11-03T14:00:00Z";
        var when = "on Monday 3 November at 14:00 — “Quarterly goals & career chat 🚀”";
        var open = SampleData.CheckIn(pair.Mentor.Id, keepPrivate: false, wantsHelp: false);
        var hidden = SampleData.CheckIn(pair.Mentee.Id, keepPrivate: true, wantsHelp: true);

        yield return ("checkin-personal", CheckInCard.Create(pair, meeting, when, pair.Mentee.Id, []));
        yield return ("checkin-pair-chat-none-answered", CheckInCard.Create(pair, meeting, when, null, []));
        yield return ("checkin-pair-chat-both-answered", CheckInCard.Create(pair, meeting, when, null, [open, hidden]));
        yield return ("checkin-thanks-shared", CheckInCard.Thanks(open, pair, [open], inPairChat: false));
        yield return ("checkin-thanks-private-wants-help-pair-chat", CheckInCard.Thanks(hidden, pair, [open, hidden], inPairChat: true));

        var followUps = new Dictionary<PairRole, IReadOnlyList<OpenRequest>>
        {
            [PairRole.Mentor] = [new OpenRequest(RequestKind.Need, "earlier", SampleData.CheckIn(pair.Mentor.Id, false, false).Need!.Text!, false, 1)],
            [PairRole.Mentee] = [new OpenRequest(RequestKind.Need, "earlier", "more time on system design", false, 0),
                new OpenRequest(RequestKind.Differently, "earlier", "send the agenda a day before", false, 0)],
        };
        yield return ("checkin-personal-with-follow-ups", CheckInCard.Create(pair, meeting, when, pair.Mentee.Id, [], followUps));
        yield return ("checkin-pair-chat-with-follow-ups", CheckInCard.Create(pair, meeting, when, null, [open], followUps));
        yield return ("checkin-partner-shared", CheckInPartnerCard.Create(pair, open, when));
        yield return ("checkin-partner-only-structure", CheckInPartnerCard.Create(pair, open with { Need = null, Differently = null, Note = null, Structure = CheckInRating.NotWorking }, when));
        yield return ("checkin-partner-private", CheckInPartnerCard.Create(pair, hidden, when));
        yield return ("checkin-partner-no-upn", CheckInPartnerCard.Create(pair with { Mentor = pair.Mentor with { Upn = null } }, open, when));
        yield return ("premeeting-note-focus-and-requests", PreMeetingNoteCard.Create(pair, PairRole.Mentor, when, "get ready for a staff engineer role", followUps, PreMeetingNoteCard.OpeningQuestions[0]));
        yield return ("premeeting-note-requests-only", PreMeetingNoteCard.Create(pair, PairRole.Mentee, when, null, followUps, PreMeetingNoteCard.OpeningQuestions[1]));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Closure()
    {
        foreach (var reason in Enum.GetValues<ClosureReason>())
        {
            yield return ($"closure-{reason.ToString().ToLowerInvariant()}", ClosureCard.Create(SampleData.Pair(), PairRole.Mentee, reason));
        }
    }

    /// <summary>
    /// The card AlertsCommand.HandleAsync builds inline ("alerts" in a coordinators channel), rendered the same way.
    /// Moving it into a factory (e.g. OpenAlertsCard.Create) would let this sample call the real code.
    /// </summary>
    private static AdaptiveCard OpenAlertsList(List<EscalationAlert> open) => new()
    {
        Body =
        [
            TextBlock.Heading($"Open alerts: {SampleData.ProgramName}"),
            new FactSet(open.Select(a => new Fact(a.RaisedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                $"{a.Reason} — {a.PairDescription ?? "program"} ({a.State.ToString().ToLowerInvariant()})")).ToList()),
        ],
        FallbackText = $"{open.Count} open alerts",
    };

    private static IEnumerable<(string Name, AdaptiveCard Card)> Rematch()
    {
        var pair = SampleData.Pair();
        var request = new RematchRequest
        {
            TenantId = SampleData.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            RequestId = "0123456789abcdef0123",
            RequesterId = pair.Mentor.Id,
            RequesterName = pair.Mentor.Name,
            RequesterUpn = pair.Mentor.Upn,
            Role = PairRole.Mentor,
            PairDescription = pair.Description,
            Category = "communication",
            Details = SampleData.LongText + SampleData.LongText,
            Urgency = "urgent",
            RequestedAt = SampleData.Now,
        };
        var decided = request with { DecidedAt = SampleData.Now.AddDays(2), DecidedBy = SampleData.RtlName };
        IReadOnlyList<string> viewers = ["29:1a2b3c-coordinator"];
        yield return ("rematch-requester-open", RematchRequestCard.Create(request, pair.Mentee.Name));
        yield return ("rematch-requester-open-no-details", RematchRequestCard.Create(request with { Details = null, Category = "other", Urgency = "can-wait" }, pair.Mentee.Name));
        yield return ("rematch-requester-withdrawn", RematchRequestCard.Create(request with { State = RematchState.Withdrawn }, pair.Mentee.Name));
        yield return ("rematch-requester-kept", RematchRequestCard.Create(decided with { State = RematchState.Kept }, pair.Mentee.Name));
        yield return ("rematch-requester-rematched", RematchRequestCard.Create(decided with { State = RematchState.Rematched }, pair.Mentee.Name));
        yield return ("rematch-coordinator-open", RematchCoordinatorCard.Create(request, viewers));
        yield return ("rematch-coordinator-open-for-a-coordinator", RematchCoordinatorCard.Create(request, viewers, forCoordinator: true));
        yield return ("rematch-coordinator-open-no-upn", RematchCoordinatorCard.Create(request with { RequesterUpn = null, Details = null, Role = PairRole.Mentee, RequesterName = SampleData.UnicodeName }, viewers, forCoordinator: true));
        yield return ("rematch-coordinator-kept", RematchCoordinatorCard.Create(decided with { State = RematchState.Kept }, viewers, forCoordinator: true));
        yield return ("rematch-coordinator-rematched", RematchCoordinatorCard.Create(decided with { State = RematchState.Rematched }, viewers, forCoordinator: true));
        yield return ("rematch-coordinator-withdrawn", RematchCoordinatorCard.Create(request with { State = RematchState.Withdrawn }, viewers, forCoordinator: true));
        yield return ("rematch-needs-new-match", RematchCoordinatorCard.NeedsNewMatch(pair, SampleData.ProgramName));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Expectations()
    {
        var pair = SampleData.Pair();
        var mentor = new ExpectationsAnswers
        {
            Role = PairRole.Mentor,
            Offer = SampleData.LongText,
            Limits = "No mobile experience; one hour every two weeks; away in August — 8月は不在",
            BetweenMeetings = ExpectationChoices.NoContact,
            Frequency = ExpectationChoices.Monthly,
            Modes = [ExpectationChoices.Email, ExpectationChoices.Phone],
            Rescheduling = "Whoever cancels proposes two new times",
            SuccessCriteria = "idk",
            AnsweredAt = SampleData.Now,
        };
        var mentee = new ExpectationsAnswers
        {
            Role = PairRole.Mentee,
            Goals = SampleData.LongText,
            SkillGap = "Giving \"critical\" feedback to senior engineers <without> *drama* & with care",
            BetweenMeetings = ExpectationChoices.Anytime,
            Frequency = ExpectationChoices.Weekly,
            Modes = [ExpectationChoices.Chat, ExpectationChoices.Video, ExpectationChoices.InPerson],
            Rescheduling = "Move it within the same week",
            SuccessCriteria = "I run two design reviews on my own — مراجعتان",
            AnsweredAt = SampleData.Now,
        };
        var agreement = new ExpectationsAgreement
        {
            TenantId = SampleData.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            Version = 3,
            MentorName = pair.Mentor.Name,
            MenteeName = pair.Mentee.Name,
            Mentor = mentor,
            Mentee = mentee,
            Differences = MisalignmentRules.Find(mentor, mentee, pair.Mentor.Name, pair.Mentee.Name),
            RevisedBy = PairRole.Mentee,
            CreatedAt = SampleData.Now,
        };
        var oneConfirmed = agreement with
        {
            Confirmations = [new AgreementConfirmation(PairRole.Mentor, pair.Mentor.Id, SampleData.Now)],
            Settlements = [new Settlement(PairRole.Mentor, (SampleData.LongText + SampleData.LongText)[..AgreementCard.MaxSettlementLength], SampleData.Now)],
        };
        var confirmed = oneConfirmed with
        {
            Confirmations = [.. oneConfirmed.Confirmations, new AgreementConfirmation(PairRole.Mentee, pair.Mentee.Id, SampleData.Now.AddHours(3))],
            Settlements = [.. oneConfirmed.Settlements, new Settlement(PairRole.Mentee, "Every two weeks by video; quick questions by chat are fine 🙂", SampleData.Now)],
        };
        var longest = new string('検', ExpectationsQuestions.MaxAnswerLength);
        var longestMentor = mentor with { Offer = longest, Limits = longest, Rescheduling = longest, SuccessCriteria = longest };
        var longestMentee = mentee with { Goals = longest, SkillGap = longest, Rescheduling = longest, SuccessCriteria = longest };

        yield return ("agreement-differences-awaiting-both", AgreementCard.Create(agreement, isCurrent: true));
        yield return ("agreement-one-confirmed-with-note", AgreementCard.Create(oneConfirmed, isCurrent: true));
        yield return ("agreement-confirmed-by-both", AgreementCard.Create(confirmed, isCurrent: true));
        yield return ("agreement-replaced-version", AgreementCard.Create(oneConfirmed, isCurrent: false));
        yield return ("agreement-no-differences-first-version", AgreementCard.Create(agreement with
        {
            Version = 1,
            RevisedBy = null,
            Mentor = mentee with { Role = PairRole.Mentor, Goals = null, SkillGap = null, Offer = "Reviews", Limits = "Time" },
            Differences = [],
        }, isCurrent: true));
        yield return ("agreement-longest-answers", AgreementCard.Create(confirmed with
        {
            Mentor = longestMentor,
            Mentee = longestMentee,
            Differences = MisalignmentRules.Find(longestMentor, longestMentee, pair.Mentor.Name, pair.Mentee.Name),
            Settlements = [new Settlement(PairRole.Mentor, longest[..AgreementCard.MaxSettlementLength], SampleData.Now), new Settlement(PairRole.Mentee, longest[..AgreementCard.MaxSettlementLength], SampleData.Now)],
        }, isCurrent: true));
        yield return ("agreement-confirmed-first-phase", AgreementConfirmedCard.Create(confirmed with { Version = 1 }, firstAgreement: true));
        yield return ("agreement-confirmed-revision", AgreementConfirmedCard.Create(confirmed, firstAgreement: false));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Registration()
    {
        var program = SampleData.Program();
        var cohorts = Enumerable.Range(0, 20).Select(i => SampleCohort(i)).ToList();
        yield return ("cohort-form", CohortCard.Form(program));
        yield return ("cohort-form-with-name", CohortCard.Form(program, SampleData.UnicodeName));
        yield return ("cohort-saved", CohortCard.Saved(cohorts[0], program));
        yield return ("cohort-saved-minimal", CohortCard.Saved(cohorts[1] with { MatchingCriteria = null, Start = null, PlannedEnd = null }, program));
        yield return ("cohorts-list-20", CohortCard.List(program, cohorts));
        yield return ("register-pair-form", RegisterPairCard.Form(program, cohorts.Take(5).ToList()));
        yield return ("register-pair-form-no-cohorts", RegisterPairCard.Form(program, []));
        yield return ("register-pair-registered", RegisterPairCard.Registered(SampleData.Pair(), program, cohorts[0].Name));
        yield return ("register-pair-registered-no-cohort-no-focus", RegisterPairCard.Registered(SampleData.Pair() with { Focus = null }, program, null));

        var mixed = new ImportReport("pairs — «Cohort B» 2025 🚀.csv",
        [
            new(2, SampleData.LongName, SampleData.UnicodeName, ImportOutcome.Created, null),
            new(3, "maximiliane.vonhohenzollern@contoso.com", "nobody@contoso.com", ImportOutcome.Skipped, "no one called 'nobody@contoso.com' was found in your organisation (mentee)"),
            new(4, SampleData.CjkName, SampleData.RtlName, ImportOutcome.AlreadyRegistered, "imported 2025-10-01"),
            new(5, "", "zoe@contoso.com", ImportOutcome.Skipped, "the mentor is missing; start \"01/03/2027\" is not a date written as yyyy-mm-dd"),
            new(6, new string('x', 300) + "@contoso.com", "a@contoso.com", ImportOutcome.Skipped, SampleData.LongText),
        ]);
        yield return ("import-report-mixed", ImportReportCard.Create(mixed, 0));

        var full = new ImportReport("pairs.csv", Enumerable.Range(0, 500).Select(i => new ImportRowResult(i + 2,
            $"{SampleData.LongName} {i}", $"{SampleData.UnicodeName} {i}", (ImportOutcome)(i % 3),
            i % 3 == 2 ? "Maximiliane Alexandra von Hohenzollern-Sigmaringen-Wüstenrot already mentors 3, the program's capacity per mentor" : null)).ToList());
        yield return ("import-report-500-rows-first", ImportReportCard.Create(full, 0));
        yield return ("import-report-500-rows-last", ImportReportCard.Create(full, ImportReportCard.CardCount(full) - 1));
    }

    private static Cohort SampleCohort(int index) => new()
    {
        TenantId = SampleData.TenantId,
        ProgramId = "graduate-2025-engineering",
        CohortId = $"cohort-{index}",
        Name = index == 0 ? "Spring 2027 — Engineering & Data «B» 🌱" : $"{SampleData.CjkName} cohort {index}",
        Start = new DateOnly(2027, 1, 1).AddDays(index * 14),
        PlannedEnd = new DateOnly(2027, 7, 1).AddDays(index * 14),
        Training = index % 2 == 0 ? MentorTraining.Substantive : MentorTraining.BriefOrientation,
        MatchingCriteria = SampleData.LongText,
        ExplicitGoalsRequired = index % 2 == 0,
    };

    private static IEnumerable<(string Name, AdaptiveCard Card)> CadenceAndHealth()
    {
        var pair = SampleData.Pair();
        yield return ("cadence-nudge-mentor", CadenceNudgeCard.Create(pair, PairRole.Mentor, TimeSpan.FromDays(7), TimeSpan.FromDays(12)));
        yield return ("cadence-nudge-no-address", CadenceNudgeCard.Create(
            pair with { Mentee = pair.Mentee with { Upn = null, Mail = null } }, PairRole.Mentor, TimeSpan.FromDays(30), TimeSpan.FromDays(50)));
        var levels = Enum.GetValues<HealthLevel>();
        var rows = Enumerable.Range(0, 80)
            .Select(i => (pair with { PairId = $"pair-{i}" }, new HealthAssessment(levels[i % levels.Length], "no meeting for 23 days (agreed every 7) — " + SampleData.UnicodeName)))
            .ToList();
        yield return ("pair-health-many", PairHealthCard.Create(SampleData.Program().Name, rows, 60));
        yield return ("pair-health-one", PairHealthCard.Create("Sales mentoring", rows.Take(1).ToList(), 60));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Lifecycle()
    {
        var pair = SampleData.Pair() with { Focus = SampleData.LongText };
        yield return ("lifecycle-working", RedesignCard.Working(pair));
        yield return ("lifecycle-transition", RedesignCard.Transition(pair));
        yield return ("lifecycle-answered", RedesignCard.Answered("Our focus now", [new Fact("Focus", SampleData.LongText)], SampleData.UnicodeName));
        yield return ("lifecycle-midpoint-facilitation", MidpointFacilitationCard.Create(pair, "0123456789abcdef01234567"));
        yield return ("lifecycle-continue", ContinueCard.Create(pair));
        yield return ("lifecycle-continue-done", ContinueCard.Done(pair, SampleData.RtlName));
        yield return ("lifecycle-closure-no-agreement", SharedClosureCard.Create(pair, null, 0, null));
        var agreement = new ExpectationsAgreement
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            Version = 1,
            MentorName = pair.Mentor.Name,
            MenteeName = pair.Mentee.Name,
            Mentor = new ExpectationsAnswers { Role = PairRole.Mentor, SuccessCriteria = SampleData.LongText },
            Mentee = new ExpectationsAnswers { Role = PairRole.Mentee, SuccessCriteria = "Lead a design review 🚀", Goals = SampleData.LongText },
        };
        var plan = new RedesignAnswers("Transition", new Dictionary<string, string> { [RedesignCard.ConsolidateInput] = SampleData.LongText }, SampleData.CjkName, SampleData.Now);
        yield return ("lifecycle-closure-with-agreement", SharedClosureCard.Create(pair, agreement, 14, plan));
    }

    // Reports: ReportCard.Create is the card clients without charts (Teams mobile) show: each chart's place holds its
    // FactSet or Table fallback. The charts themselves are put in those places by
    // MentorBot.Features.Reports.Charts.ChartCardJson, which the validator cannot judge until it knows Chart.* elements
    // (tests/MentorBot.Tests/Reports/ReportCardTests checks that every chart carries exactly this fallback).
    private static IEnumerable<(string Name, AdaptiveCard Card)> Reports()
    {
        var small = Features.Reports.ProgramReport.Compute(ReportInputs(3, 3));
        yield return ("report-three-cohorts", Features.Reports.ReportCard.Create(SampleData.ProgramName, small));
        yield return ("report-failures-three-cohorts", Features.Reports.FailureCard.Create(SampleData.ProgramName, small));
        var many = Features.Reports.ProgramReport.Compute(ReportInputs(12, 4));
        yield return ("report-twelve-cohorts", Features.Reports.ReportCard.Create(SampleData.ProgramName, many));
        yield return ("report-failures-twelve-cohorts", Features.Reports.FailureCard.Create(SampleData.ProgramName, many));
        var tiny = Features.Reports.ProgramReport.Compute(ReportInputs(1, 2));
        yield return ("report-program-too-small", Features.Reports.ReportCard.Create("Sales mentoring", tiny));
        yield return ("report-download", Features.Reports.DownloadCard.Create("graduate-2025-engineering-report-2027-03-01.csv",
            new Uri("https://mentorbot.contoso.com/downloads/q8Xb2mV0cJ7yZ1rT5nL3kP9sW4dF6hG8jK0aE2uI4oA"), TimeSpan.FromMinutes(15)));
    }

    private static readonly string[] ReportRoles = ["mentor", "mentee"];

    /// <summary>Cohorts of <paramref name="pairsPerCohort"/> pairs with every kind of data; the last cohort has 2 pairs (suppressed).</summary>
    private static Features.Reports.ReportInputs ReportInputs(int cohorts, int pairsPerCohort)
    {
        var all = Enumerable.Range(0, cohorts).Select(SampleCohort).ToList();
        var stages = Enum.GetValues<PairStage>();
        string[] reasons = ["completed", "concluded-early", "rematched", "withdrawn"];
        var pairs = all.SelectMany((c, ci) => Enumerable.Range(0, ci == cohorts - 1 && cohorts > 1 ? 2 : pairsPerCohort).Select(i => SampleData.Pair() with
        {
            PairId = $"{c.CohortId}-{i}",
            CohortId = c.CohortId,
            Mentor = SampleData.Pair().Mentor with { Id = $"mentor-{c.CohortId}-{i}" },
            Mentee = SampleData.Pair().Mentee with { Id = $"mentee-{c.CohortId}-{i}" },
            Start = new DateOnly(2025, 6, 1),
            Stage = stages[i % stages.Length],
            ClosedReason = stages[i % stages.Length] == PairStage.Closed ? reasons[ci % reasons.Length] : null,
        })).ToList();
        return new Features.Reports.ReportInputs
        {
            Now = SampleData.Now,
            Cohorts = all,
            Pairs = pairs,
            ExpectationsConfirmed = pairs.Where((_, i) => i % 2 == 0).Select(p => p.PairId).ToHashSet(),
            CheckIns = pairs.SelectMany(p => new[] { SampleData.CheckIn(p.Mentor.Id, false, false) with { PairId = p.PairId }, SampleData.CheckIn(p.Mentee.Id, true, true) with { PairId = p.PairId } }).ToList(),
            Alerts = pairs.Select((p, i) => SampleData.Alert(AlertState.Open, i) with { PairId = p.PairId, Cause = i % 2 == 0 ? "checkin-not-working" : "cadence-below-agreed" }).ToList(),
            Outcomes = pairs.SelectMany(p => ReportRoles.Select((role, r) => new Outcome
            {
                TenantId = p.TenantId, ProgramId = p.ProgramId, PairId = p.PairId, PersonId = $"{role}-{p.PairId}", Role = role,
                CareerAdvancement = 3 + r, SkillDevelopment = 4, Satisfaction = 5 - r, SenseOfBelonging = 2 + (2 * r),
            })).ToList(),
            MidpointRatings = pairs.Select((p, i) => new Features.Reports.MidpointRating(p.PairId, "mentor", 1 + (i % 5))).ToList(),
            Accountability = pairs.Select((p, i) => new Features.MentorCohorts.AccountabilityAnswer
            {
                TenantId = p.TenantId, ProgramId = p.ProgramId, CohortId = p.CohortId, PairId = p.PairId, MentorId = p.Mentor.Id, Month = "2025-10",
                LearningFromMentee = i % 3 == 0 ? SampleData.LongText : $"How {SampleData.UnicodeName} plans a sprint", ShareAnonymously = i % 2 == 0,
            }).ToList(),
        };
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> MentorCohorts()
    {
        var pair = SampleData.Pair();
        yield return ("mentor-cohort-reminder", Features.MentorCohorts.PeerReminderCard.Create("Spring 2027 — Engineering & Data «B» 🌱", "2027-03"));
        yield return ("mentor-cohort-accountability", Features.MentorCohorts.AccountabilityCard.Create(pair, "2027-03"));
        var answer = new Features.MentorCohorts.AccountabilityAnswer
        {
            TenantId = pair.TenantId, ProgramId = pair.ProgramId, PairId = pair.PairId, MentorId = pair.Mentor.Id, Month = "2027-02",
            HowItIsGoing = 4, Challenge = SampleData.LongText, WhatWorked = $"Pairing with {SampleData.CjkName}", LearningFromMentee = SampleData.LongText,
        };
        yield return ("mentor-cohort-accountability-thanks-private", Features.MentorCohorts.AccountabilityCard.Thanks(answer));
        yield return ("mentor-cohort-accountability-thanks-shared", Features.MentorCohorts.AccountabilityCard.Thanks(answer with { ShareAnonymously = true }));
        yield return ("baseline-mentee", Features.MentorCohorts.BaselineCard.Create(pair with { Focus = SampleData.LongText }, PairRole.Mentee));
        yield return ("baseline-mentor-no-focus", Features.MentorCohorts.BaselineCard.Create(pair with { Focus = null }, PairRole.Mentor));
        yield return ("baseline-thanks", Features.MentorCohorts.BaselineCard.Thanks());
        yield return ("mentor-cohort-digest-empty", Features.MentorCohorts.CohortDigestCard.Create(SampleData.ProgramName, "2027-02", []));
        yield return ("mentor-cohort-digest-many", Features.MentorCohorts.CohortDigestCard.Create(SampleData.ProgramName, "2027-02",
            Enumerable.Range(0, 30).Select(i => answer with { PairId = $"pair-{i}", Challenge = $"{i}: {SampleData.LongText}", ShareAnonymously = true }).ToList()));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> DataRights()
    {
        var counts = new Dictionary<string, int> { ["CheckIns"] = 12, ["Pairs"] = 2, ["PairMembers"] = 2, ["Lifecycle"] = 3 };
        yield return ("data-rights-my-data", Features.DataRights.DataRightsCards.MyData("my-data-2027-03-01.json",
            new Uri("https://mentorbot.example.com/downloads/abc"), TimeSpan.FromMinutes(15), counts));
        yield return ("data-rights-my-data-empty", Features.DataRights.DataRightsCards.MyData("my-data-2027-03-01.json",
            new Uri("https://mentorbot.example.com/downloads/abc"), TimeSpan.FromMinutes(15), new Dictionary<string, int>()));
        yield return ("data-rights-confirm-erase", Features.DataRights.DataRightsCards.ConfirmErase("women-in-engineering-2027", "0f1e2d3c", "11111111-aaaa-4bbb-8ccc-000000000001",
            SampleData.UnicodeName, counts));
        yield return ("data-rights-erased", Features.DataRights.DataRightsCards.Erased(SampleData.UnicodeName, SampleData.CjkName, counts));
    }
}
