using System.Text.Json;
using Azure.Data.Tables;
using MentorBot.Features.CheckIns;
using MentorBot.Features.DataRights;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Tests.DataRights;

public sealed class TableRulesTests
{
    private const string Tenant = "0000aaaa-1111-4222-8333-444455556666";
    private const string OtherTenant = "9999aaaa-1111-4222-8333-444455556666";
    private const string Me = "11111111-aaaa-4bbb-8ccc-000000000001";
    private const string Partner = "11111111-aaaa-4bbb-8ccc-000000000002";

    [Fact]
    public void Every_table_the_bot_uses_has_exactly_one_rule()
    {
        var missing = TableNames.All.Where(t => TableRules.For(t) is null).ToList();
        Assert.True(missing.Count == 0, $"Tables without a data-rights rule in TableRules: {string.Join(", ", missing)}");
        Assert.Equal(TableRules.All.Count, TableRules.All.Select(r => r.Table).Distinct().Count());
        Assert.Equal(TableNames.All.Count, TableRules.ForAllTables().Count());
    }

    [Fact]
    public void A_table_without_a_rule_is_named_when_all_tables_are_scanned()
    {
        Assert.Null(TableRules.For("SomethingNew"));
    }

    [Fact]
    public void Only_my_own_check_in_is_exported_and_both_go_when_I_am_erased()
    {
        var scope = Scope();
        var rule = TableRules.For(TableNames.CheckIns)!;
        var mine = CheckIn(Me, "mentee");
        var theirs = CheckIn(Partner, "mentor");

        Assert.True(scope.MayExport(rule, mine));
        Assert.False(scope.MayExport(rule, theirs));
        Assert.True(scope.IsErased(rule, theirs)); // pair-scoped: the pair goes with the person
    }

    [Fact]
    public void Lifecycle_rows_are_exported_only_for_my_role()
    {
        var scope = Scope();
        var rule = TableRules.For(TableNames.Lifecycle)!;
        Assert.True(scope.MayExport(rule, new TableEntity(TableKey.Escape($"{Tenant}|pair-1"), TableKey.Escape("midpoint/mentee"))));
        Assert.False(scope.MayExport(rule, new TableEntity(TableKey.Escape($"{Tenant}|pair-1"), TableKey.Escape("midpoint/mentor"))));
        Assert.False(scope.MayExport(rule, new TableEntity(TableKey.Escape($"{Tenant}|pair-1"), TableKey.Escape("eoc"))));
        Assert.False(scope.MayExport(rule, new TableEntity(TableKey.Escape($"{Tenant}|pair-9"), TableKey.Escape("midpoint/mentee"))));
    }

    [Fact]
    public void Rematch_requests_go_only_to_their_requester_and_alerts_never()
    {
        var scope = Scope();
        var requests = TableRules.For(TableNames.RematchRequests)!;
        var byPartner = new TableEntity(TableKey.Escape($"{Tenant}|pair-1"), "r1") { ["RequesterId"] = Partner };
        Assert.False(scope.MayExport(requests, byPartner));
        Assert.True(scope.MayExport(requests, new TableEntity(TableKey.Escape($"{Tenant}|pair-1"), "r2") { ["RequesterId"] = Me }));
        var alert = new TableEntity($"{Tenant}|program", "a1") { ["PairId"] = "pair-1", ["Alert"] = $"{{\"who\":\"{Me}\"}}" };
        Assert.False(scope.MayExport(TableRules.For(TableNames.Alerts)!, alert));
    }

    [Fact]
    public void A_person_is_named_by_whole_identifiers_only()
    {
        var scope = new PersonScope(Tenant, Me, ["max@contoso.com", "29:max-1"], []);
        Assert.True(scope.IsNamedIn(new TableEntity("p", "r") { ["Data"] = $"{{\"id\":\"{Me.ToUpperInvariant()}\"}}" }));
        Assert.True(scope.IsNamedIn(new TableEntity(TableKey.Escape($"{Tenant}|{Me}"), "r")));
        Assert.True(scope.IsNamedIn(new TableEntity("p", "r") { ["Upn"] = "Max@Contoso.com" }));
        Assert.True(scope.IsNamedIn(new TableEntity("p", "r") { ["Link"] = "https://teams.microsoft.com/l/chat/0/0?users=max%40contoso.com&x=1" }));
        Assert.True(scope.IsNamedIn(new TableEntity("p", "r") { ["Link"] = "users=max%2540contoso.com" }));
        Assert.True(scope.IsNamedIn(new TableEntity("p", "r") { ["Card"] = "{\"text\":\"ask max@contoso.com.\"}" }));
        Assert.False(scope.IsNamedIn(new TableEntity("p", "r") { ["Data"] = $"{Me}0 and x{Me}" }));
        Assert.False(scope.IsNamedIn(new TableEntity("p", "r") { ["Upn"] = "max@contoso.com.au" }));
        Assert.Equal("by [erased].", scope.Scrub("by max@contoso.com."));
    }

    [Fact]
    public void A_word_or_the_tenant_id_is_never_an_identifier_and_only_an_object_id_names_a_person()
    {
        Assert.Throws<ArgumentException>(() => new PersonScope(Tenant, "the", [], []));
        Assert.Throws<ArgumentException>(() => new PersonScope(Tenant, Tenant, [], []));
        var scope = new PersonScope(Tenant, Me, [Tenant, "", null], []);
        Assert.False(scope.IsNamedIn(new TableEntity(TableKey.Escape($"{Tenant}|program"), "r") { ["TenantId"] = Tenant }));
    }

    [Fact]
    public void Rows_of_another_tenant_are_never_erased_or_exported()
    {
        var scope = Scope();
        var rule = TableRules.For(TableNames.PairMembers)!;
        var mine = new TableEntity(TableKey.Escape($"{Tenant}|{Me}"), "pair-1");
        var elsewhere = new TableEntity(TableKey.Escape($"{OtherTenant}|{Me}"), "pair-1");
        Assert.True(scope.IsErased(rule, mine));
        Assert.False(scope.IsErased(rule, elsewhere));
        Assert.False(scope.MayExport(rule, elsewhere));
        Assert.False(scope.IsErased(TableRules.For(TableNames.ConversationReferences)!,
            new TableEntity("user", Me) { ["TenantId"] = OtherTenant }));
    }

    private static PersonScope Scope()
    {
        var pair = new Pair
        {
            TenantId = Tenant, ProgramId = "program", PairId = "pair-1",
            Mentor = new Person(Partner, "Mia", null, null), Mentee = new Person(Me, "Max", null, null),
            Start = new DateOnly(2027, 1, 4), PlannedEnd = new DateOnly(2027, 7, 4),
        };
        return new PersonScope(Tenant, Me, [], [pair]);
    }

    private static TableEntity CheckIn(string personId, string role) =>
        new(TableKey.Escape($"{Tenant}|pair-1"), TableKey.Escape($"meeting-1|{role}"))
        {
            ["Answer"] = JsonSerializer.Serialize(new CheckInAnswer
            {
                TenantId = Tenant, PairId = "pair-1", MeetingKey = "meeting-1", PersonId = personId, Role = role,
                Structure = CheckInRating.WorkingWell, Need = null, Differently = null,
            }),
        };
}
