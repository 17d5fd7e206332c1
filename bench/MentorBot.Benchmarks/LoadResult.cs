using MentorBot.Testing;

namespace MentorBot.Benchmarks;

/// <summary>
/// What one design did under the load, read from the channel stand-in's record of every call: a "help" reply is the
/// first help card to arrive in the typist's chat after the post; the fan-out is every delivery outside the pool's chats
/// (the new people's chats and the coordinator's report). A duplicate is a second delivery of the same activity to
/// the same conversation; lost counts what should have arrived and did not, and what is still left in storage.
/// </summary>
internal sealed record LoadResult(
    string Name,
    IReadOnlyList<double> ClickMs,
    IReadOnlyList<double> HelpMs,
    double CsvAnswerMs,
    int CsvStatus,
    int FanOut,
    double FanOutSeconds,
    double AllAcceptedPerSecondInSpan,
    int MessagesPerNewPersonMin,
    int MessagesPerNewPersonMax,
    int Duplicates,
    int Lost,
    string LostDetail,
    int RefusedByWindow,
    int RefusedAsEveryNth,
    long PeakPerSecond,
    bool Drained,
    int HelpsRepliedBeforeAnswer)
{
    public double FanOutPerSecond => FanOutSeconds > 0 ? FanOut / FanOutSeconds : 0;

    public static LoadResult From(
        string name, IReadOnlyList<RecordedConnectorCall> calls, TeamsRateLimits limits, DateTimeOffset started, DateTimeOffset finished,
        IReadOnlyList<LoadRun.Post> clicks, IReadOnlyList<LoadRun.Post> helps, LoadRun.Post csv, IReadOnlySet<string> poolChats,
        string coordinatorChat, IReadOnlyList<string> newPeopleChats, int pendingTurns, int deadJobs, bool drained)
    {
        var deliveries = calls.Where(c => c.Succeeded && c.Activity is not null && c.ReceivedAt >= started
            && c.Operation is ConnectorOperation.Send or ConnectorOperation.Reply or ConnectorOperation.CreateConversation).ToList();

        // The help card ("What I can do", HelpCard) is sent, not replied, to the person's chat: the first one there after the post.
        var helpCards = deliveries.Where(d => d.AllText.Contains("What I can do", StringComparison.Ordinal)).ToLookup(d => d.ConversationId ?? "", StringComparer.Ordinal);
        var answeredHelps = helps.Where(h => h.Status is >= 200 and < 300).ToList();
        var helpMs = answeredHelps
            .Select(h => helpCards[h.ConversationId].Where(d => d.ReceivedAt >= h.SentAt).Select(d => (double?)(d.ReceivedAt - h.SentAt).TotalMilliseconds).FirstOrDefault())
            .OfType<double>().Order().ToList();
        // Shows which design ran: today's sends the reply before the HTTP answer, the product after it.
        var repliedBeforeAnswer = answeredHelps.Count(h => helpCards[h.ConversationId].Any(d => d.ReceivedAt >= h.SentAt
            && d.ReceivedAt <= h.SentAt.AddMilliseconds(h.AnswerMs)));
        var helpsWithoutReply = helps.Count - helpMs.Count;
        var clickMs = clicks.Where(c => c.Status is >= 200 and < 300).Select(c => c.AnswerMs).Order().ToList();
        var clicksFailed = clicks.Count - clickMs.Count;

        var fanOut = deliveries.Where(d => !poolChats.Contains(ConversationIds.WithoutThread(d.ConversationId ?? ""))).ToList();
        var span = fanOut.Count > 1 ? (fanOut.Max(d => d.ReceivedAt) - fanOut.Min(d => d.ReceivedAt)).TotalSeconds : 0;
        var inSpan = fanOut.Count > 1
            ? calls.Count(c => c.Succeeded && c.ReceivedAt >= fanOut.Min(d => d.ReceivedAt) && c.ReceivedAt <= fanOut.Max(d => d.ReceivedAt))
            : 0;
        var perPerson = newPeopleChats.Select(chat => fanOut.Count(d => d.ConversationId == chat)).ToList();
        var peopleWithout = perPerson.Count(n => n == 0);
        var report = deliveries.Any(d => d.ConversationId == coordinatorChat && d.AllText.Contains(" created,", StringComparison.Ordinal));

        var duplicates = deliveries.GroupBy(d => d.ConversationId + "\n" + d.Activity!.ToJsonString(), StringComparer.Ordinal).Sum(g => g.Count() - 1);
        var lost = helpsWithoutReply + clicksFailed + peopleWithout + (report ? 0 : 1) + pendingTurns + deadJobs + (csv.Status is >= 200 and < 300 ? 0 : 1);
        var detail = $"help without reply {helpsWithoutReply}, clicks failed {clicksFailed}, new people without a message {peopleWithout}, " +
            $"report {(report ? "arrived" : "MISSING")}, turn rows left {pendingTurns}, jobs given up {deadJobs}, drained {(drained ? "yes" : "NO")} in {(finished - started).TotalSeconds:F0} s";
        return new LoadResult(name, clickMs, helpMs, csv.AnswerMs, csv.Status, fanOut.Count, span, span > 0 ? inSpan / span : 0,
            perPerson.Count == 0 ? 0 : perPerson.Min(), perPerson.Count == 0 ? 0 : perPerson.Max(), duplicates, lost, detail,
            limits.RefusedByWindow, limits.RefusedAsEveryNth, limits.PeakPerSecond, drained, repliedBeforeAnswer);
    }
}

/// <summary>Each figure beside its baseline and goal, with "met" or "NOT met" for the product.</summary>
internal static class LoadReport
{
    public static void Print(LoadResult todays, LoadResult product, LoadBench.Scale scale, int tenantLimit)
    {
        Console.WriteLine();
        Console.WriteLine($"{"figure",-44} {"today's design",22} {"product",22} {"goal",14} {"product"}");
        Row("click: POST -> HTTP answer, p50 ms", P(todays.ClickMs, 0.5), P(product.ClickMs, 0.5), "", null);
        Row("click: p99 ms", P(todays.ClickMs, 0.99), P(product.ClickMs, 0.99), "<= 300", P(product.ClickMs, 0.99) <= 300);
        Row("click: max ms", Max(todays.ClickMs), Max(product.ClickMs), "", null);
        Row("help: POST -> reply arrives, p50 ms", P(todays.HelpMs, 0.5), P(product.HelpMs, 0.5), "", null);
        Row("help: p99 ms", P(todays.HelpMs, 0.99), P(product.HelpMs, 0.99), "<= 2000", P(product.HelpMs, 0.99) <= 2000);
        Row("help: max ms", Max(todays.HelpMs), Max(product.HelpMs), "", null);
        Row($"{scale.CsvRows}-row CSV: POST -> HTTP answer ms", todays.CsvAnswerMs, product.CsvAnswerMs, "<= 2000", product.CsvAnswerMs <= 2000 && product.CsvStatus == 200);
        Text("fan-out: messages delivered", $"{todays.FanOut}", $"{product.FanOut}", "", null);
        Text("fan-out: span s", $"{todays.FanOutSeconds:F1}", $"{product.FanOutSeconds:F1}", "", null);
        Text("fan-out: messages per s (% of the 50/s tenant limit)", $"{todays.FanOutPerSecond:F1} ({todays.FanOutPerSecond / tenantLimit:P0})",
            $"{product.FanOutPerSecond:F1} ({product.FanOutPerSecond / tenantLimit:P0})", "", null);
        // The budget the fan-out can use: its creates (one per new person) count in it, and interactive replies go first.
        Text("tenant budget used in that span: accepted calls per s", $"{todays.AllAcceptedPerSecondInSpan:F1} ({todays.AllAcceptedPerSecondInSpan / tenantLimit:P0})",
            $"{product.AllAcceptedPerSecondInSpan:F1} ({product.AllAcceptedPerSecondInSpan / tenantLimit:P0})", ">= 85 %", product.AllAcceptedPerSecondInSpan / tenantLimit >= 0.85);
        Text("messages per new person (min-max)", $"{todays.MessagesPerNewPersonMin}-{todays.MessagesPerNewPersonMax}", $"{product.MessagesPerNewPersonMin}-{product.MessagesPerNewPersonMax}", "", null);
        Text("duplicates", $"{todays.Duplicates}", $"{product.Duplicates}", "0", product.Duplicates == 0);
        Text("lost", $"{todays.Lost}", $"{product.Lost}", "0", product.Lost == 0);
        Text("429s: over a window / every 20th", $"{todays.RefusedByWindow} / {todays.RefusedAsEveryNth}", $"{product.RefusedByWindow} / {product.RefusedAsEveryNth}", "", null);
        Text("peak calls in a sliding second", $"{todays.PeakPerSecond}", $"{product.PeakPerSecond}", "<= 50", null);
        Text("help cards that arrived before the HTTP answer", $"{todays.HelpsRepliedBeforeAnswer}", $"{product.HelpsRepliedBeforeAnswer}", "", null);
        Text("clicks / helps measured", $"{todays.ClickMs.Count} / {todays.HelpMs.Count}", $"{product.ClickMs.Count} / {product.HelpMs.Count}", "", null);
        Console.WriteLine($"lost, today's design: {todays.LostDetail}");
        Console.WriteLine($"lost, product: {product.LostDetail}");
    }

    private static void Row(string figure, double todays, double product, string goal, bool? met) =>
        Text(figure, $"{todays:F0}", $"{product:F0}", goal, met);

    private static void Text(string figure, string todays, string product, string goal, bool? met) =>
        Console.WriteLine($"{figure,-44} {todays,22} {product,22} {goal,14} {(met is null ? "" : met.Value ? "met" : "NOT met")}");

    private static double P(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static double Max(IReadOnlyList<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[^1];
}
