using MentorBot.Testing;
using MentorBot.Trial;

// The local trial's Microsoft Graph on a free loopback port. Prints "GRAPH_BASE_URL=<url>" (and writes the URL to
// the file named by --url-file) once it answers, then serves until stdin closes, SIGTERM or Ctrl+C.
string? urlFile = null;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--url-file")
    {
        urlFile = args[i + 1];
    }
}

await using var graph = await GraphStandIn.StartAsync();
foreach (var person in DemoPeople.All)
{
    graph.AddUser(new GraphUser(person.Id, person.Name, person.Upn, person.Upn)
    {
        GivenName = person.GivenName,
        Surname = person.Surname,
        JobTitle = person.JobTitle,
        ProxyAddresses = ["SMTP:" + person.Upn],
    });
}

// Alex (the Playground's current user) mentors Mia; their meeting started 29 minutes ago and ends in a minute,
// so its check-in comes a minute or two into the trial (with the program's CheckInDelayMinutes set to 1).
var now = DateTimeOffset.UtcNow;
var calendar = new DemoCalendar(graph);
var meeting = DemoCalendar.Meeting("demo-meeting-1", "Mentoring: Alex / Mia", now.AddMinutes(-29), now.AddMinutes(1), DemoPeople.Alex, DemoPeople.Mia);
calendar.Add(DemoPeople.Alex.Id, meeting);
calendar.Add(DemoPeople.Mia.Id, meeting);

if (urlFile is not null)
{
    await File.WriteAllTextAsync(urlFile, graph.BaseUrl);
}

Console.WriteLine($"GRAPH_BASE_URL={graph.BaseUrl}");
Console.WriteLine($"The demo meeting ends at {now.AddMinutes(1):HH:mm:ss} UTC.");

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.TrySetResult();
});
await stop.Task;
