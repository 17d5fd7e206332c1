using MentorBot.Features.Reports.Downloads;

namespace MentorBot.Tests.Reports;

public sealed class DownloadDecisionTests
{
    private static readonly DateTimeOffset Issued = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly DownloadGrant Grant = new()
    {
        TenantId = "tenant",
        OwnerId = "cora-oid",
        FileName = "report.csv",
        ContentType = "text/csv",
        Content = "a,b",
        IssuedAt = Issued,
        ExpiresAt = Issued + DownloadStore.Lifetime,
    };

    [Fact]
    public void The_coordinator_it_was_issued_to_may_download_it_before_it_expires() =>
        Assert.Equal(DownloadVerdict.Allowed, DownloadDecision.Decide(Grant, "tenant", "CORA-OID", Issued.AddMinutes(14)));

    [Theory]
    [InlineData("tenant", "other-oid")]
    [InlineData("other-tenant", "cora-oid")]
    [InlineData("tenant", "")]
    [InlineData(null, null)]
    public void Anyone_else_is_refused(string? tenant, string? oid) =>
        Assert.Equal(DownloadVerdict.NotOwner, DownloadDecision.Decide(Grant, tenant, oid, Issued.AddMinutes(1)));

    [Fact]
    public void It_expires_after_fifteen_minutes_and_others_never_learn_that()
    {
        Assert.Equal(DownloadVerdict.Expired, DownloadDecision.Decide(Grant, "tenant", "cora-oid", Issued.AddMinutes(15)));
        Assert.Equal(DownloadVerdict.NotOwner, DownloadDecision.Decide(Grant, "tenant", "other-oid", Issued.AddHours(1)));
    }

    [Fact]
    public void An_unknown_link_is_unknown() =>
        Assert.Equal(DownloadVerdict.Unknown, DownloadDecision.Decide(null, "tenant", "cora-oid", Issued));
}
