using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The header search (/Search), the household list's search and the case list's, on the demo seed.</summary>
public sealed partial class SearchTests(Apps apps)
{
    [GeneratedRegex("href=\"/Registry/Persons/([0-9]+)\"")]
    private static partial Regex PersonLink();

    [GeneratedRegex("href=\"/Registry/Households/([0-9]+)\"")]
    private static partial Regex HouseholdLink();

    private static HashSet<string> Ids(Regex link, string html) => link.Matches(html).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Every household a list search finds, page after page.</summary>
    private static async Task<HashSet<string>> HouseholdsFoundAsync(HttpClient client, string query)
    {
        var found = new HashSet<string>();
        for (var p = 1; p <= 20; p++)
        {
            var html = await client.GetHtmlAsync($"/Registry/Households?q={Uri.EscapeDataString(query)}&p={p}");
            found.UnionWith(Ids(HouseholdLink(), html));
            if (!html.Contains("rel=\"next\"", StringComparison.Ordinal)) break;
        }
        return found;
    }

    [Theory]
    [InlineData(Db.Sqlite, "Srey", "Srei")]
    [InlineData(Db.Sqlite, "Chhim", "Chim")]
    [InlineData(Db.Sqlite, "Keo", "Kaev")]
    [InlineData(Db.Sqlite, "Keo", "kaew")]
    [InlineData(Db.Sqlite, "ស្រី", "ស\u17B8\u17D2\u179A")]
    [InlineData(Db.Postgres, "Srey", "Srei")]
    [InlineData(Db.Postgres, "Chhim", "Chim")]
    [InlineData(Db.Postgres, "Keo", "Kaev")]
    [InlineData(Db.Postgres, "Keo", "kaew")]
    [InlineData(Db.Postgres, "ស្រី", "ស\u17B8\u17D2\u179A")]
    public async Task A_spelling_variant_finds_the_people_the_usual_spelling_finds(string provider, string usual, string variant)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");

        var byUsual = await client.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString(usual));
        var byVariant = await client.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString(variant));
        byUsual.ShouldNotContain("id=\"search-more\"");
        var people = Ids(PersonLink(), byUsual);
        people.Count.ShouldBeGreaterThan(0);
        people.Except(Ids(PersonLink(), byVariant)).ShouldBeEmpty();

        var households = await HouseholdsFoundAsync(client, usual);
        households.Count.ShouldBeGreaterThan(0);
        households.Except(await HouseholdsFoundAsync(client, variant)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Exact_matches_come_before_spelling_variants(string provider)
    {
        var app = await apps.Get(provider);
        var letters = Letters();
        var (exact, _) = await ChildWithoutHeadAsync(app, "02030901", "Srey" + letters);
        var (variant, _) = await ChildWithoutHeadAsync(app, "02030901", "Srei" + letters);
        var client = await app.As("ouchar.vbsw1");
        var html = await client.GetHtmlAsync("/Search?q=Srey" + letters);
        var order = PersonLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        order.ShouldBe([exact.PersonId, variant.PersonId]);
        html.ShouldContain("id=\"search-people\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_child_just_referred_is_found_by_name_number_and_in_the_case_list(string provider)
    {
        var app = await apps.Get(provider);
        var letters = Letters();
        var (child, khmer) = await ChildWithoutHeadAsync(app, "02030901", "Chhim" + letters);
        var referralId = await app.NewReferralAsync(child.HouseholdId, "ouchar.vbsw1");
        var caseId = await app.WithDbAsync(async db =>
        {
            var c = new VillageHive.Domain.Case
            {
                ReferralId = referralId, HouseholdId = child.HouseholdId, VillageId = child.VillageId, Tier = Tier.Crisis,
                RiskLevel = Priority.High, Status = CaseStatus.Open, LeadWorker = "ouchar.vbsw1", OpenedAt = TestClock.UtcNow,
            };
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var client = await app.As("ouchar.vbsw1");

        // By a spelling of the child's name: the person, the referral and the case, one tap each.
        var found = await client.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString("Chim" + letters));
        found.ShouldContain($"href=\"/Registry/Persons/{child.PersonId}\"");
        found.ShouldContain($"href=\"/Referrals/{referralId}\"");
        found.ShouldContain($"href=\"/Cases/{caseId}\"");
        found.ShouldContain(khmer);
        (await client.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString(khmer))).ShouldContain($"href=\"/Cases/{caseId}\"");

        // By number: "#22" or "22".
        (await client.GetHtmlAsync($"/Search?q=%23{caseId}")).ShouldContain($"href=\"/Cases/{caseId}\"");
        (await client.GetHtmlAsync($"/Search?q={referralId}")).ShouldContain($"href=\"/Referrals/{referralId}\"");

        // The case list names the child (the household has no head) and finds the case by the child's name.
        var cases = await client.GetHtmlAsync("/Cases?q=" + Uri.EscapeDataString("chim" + letters) + "&mine=false");
        cases.ShouldContain($"href=\"/Cases/{caseId}\"");
        cases.ShouldContain(khmer);

        // Out of scope: another commune's worker finds nothing.
        var other = await app.As("svaypao.vbsw1");
        var none = await other.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString("Chhim" + letters));
        none.ShouldContain("id=\"search-empty\"");
        none.ShouldNotContain($"/Registry/Persons/{child.PersonId}\"");
        (await other.GetHtmlAsync($"/Search?q=%23{caseId}")).ShouldNotContain($"/Cases/{caseId}\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_search_finds_a_household_by_phone_and_says_when_nothing_matches(string provider)
    {
        var app = await apps.Get(provider);
        var (id, _, _, phone) = await app.UniqueHouseholdAsync("02030902");
        var client = await app.As("ouchar.vbsw1");
        (await client.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString(phone[..3] + " " + phone[3..]))).ShouldContain($"href=\"/Registry/Households/{id}\"");
        (await client.GetHtmlAsync("/Search")).ShouldContain("id=\"search-prompt\"");
        (await client.GetHtmlAsync("/Search?q=" + Letters() + Letters())).ShouldContain("id=\"search-empty\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_common_name_shows_the_best_and_asks_for_more_of_the_name(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("district.manager");
        var html = await client.GetHtmlAsync("/Search?q=sok");
        html.ShouldContain("id=\"search-more\"");
        PersonLink().Count(html).ShouldBe(VillageHive.Features.Search.IndexModel.Shown);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_search_text_is_answered_not_an_error(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");
        string[] values =
        [
            new string('x', 2_000), new string('ក', 600), "<script>alert('hive')</script>", "\"", "\"\"\"", "sok\" OR \"a", "NEAR(a b)", "*", "a*",
            "'; DROP TABLE \"Persons\"; --", "%", "_", "#", "##1", "#-1", "#99999999999999999999", "99999999999999999999", "\u0000\u200B\uFEFF",
            "ស្រី 👧🏽", "~", "-", "{SearchName}:a",
        ];
        foreach (var q in values)
        {
            foreach (var page in new[] { "/Search?q=", "/Registry/Households?q=", "/Cases?q=" })
            {
                var response = await client.GetAsync(page + Uri.EscapeDataString(q));
                response.StatusCode.ShouldBe(HttpStatusCode.OK, customMessage: page + q);
                (await response.Content.ReadAsStringAsync()).ShouldNotContain("<script>alert", customMessage: page + q);
            }
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Keys_made_by_older_rules_are_remade_after_a_migration(string provider)
    {
        var app = await apps.Get(provider);
        var letters = Letters();
        var (child, _) = await ChildWithoutHeadAsync(app, "02030903", "Kaew" + letters);
        // As the column was before the sound keys: the names only.
        var old = "tep kaew" + letters;
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == child.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchName, old)));
        var client = await app.As("ouchar.vbsw1");
        (await client.GetHtmlAsync("/Search?q=Keo" + letters)).ShouldNotContain($"/Registry/Persons/{child.PersonId}\"");

        (await app.WithDbAsync(db => VillageHive.Data.NameKeyRefresh.RunAsync(db))).ShouldBeGreaterThanOrEqualTo(1);
        var text = await app.WithDbAsync(db => db.Persons.Where(p => p.Id == child.PersonId).Select(p => p.SearchName).SingleAsync());
        text.ShouldContain(NameSearch.KeyMarker);
        (await client.GetHtmlAsync("/Search?q=Keo" + letters)).ShouldContain($"/Registry/Persons/{child.PersonId}\"");
        (await app.WithDbAsync(db => db.Persons.CountAsync(p => !p.SearchName.Contains(NameSearch.KeyMarker)))).ShouldBe(0);
    }

    /// <summary>Letters unlike any demo name.</summary>
    private static string Letters() => new(Enumerable.Range(0, 8).Select(_ => "bfgklmnprstvz"[Random.Shared.Next(13)]).ToArray());

    private sealed record Child(int PersonId, int HouseholdId, int VillageId);

    /// <summary>A household as a referral makes it: no head, one child, family name Tep (ទេព).</summary>
    private static async Task<(Child Child, string Khmer)> ChildWithoutHeadAsync(HiveApp app, string villageCode, string givenLatin)
    {
        var villageId = await app.VillageIdAsync(villageCode);
        var khmer = "ទេព " + new string(Enumerable.Range(0, 5).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A2)).ToArray());
        return await app.WithDbAsync(async db =>
        {
            var child = new Person { Sex = Sex.Female, RelationToHead = RelationToHead.Child, DateOfBirth = new DateOnly(2016, 2, 1), CreatedAt = TestClock.UtcNow };
            child.SetNames("ទេព", khmer[4..], "Tep", givenLatin);
            var household = new Household { VillageId = villageId, CreatedAt = TestClock.UtcNow, Members = [child] };
            db.Households.Add(household);
            await db.SaveChangesAsync();
            return (new Child(child.Id, household.Id, villageId), khmer);
        });
    }
}
