using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Every test merges persons it created itself (the database is shared with tests running in parallel), in villages
/// 4 to 6 of Ou Char so that the household counts of ouchar.vbsw1's villages that other tests read do not move.
/// </summary>
public sealed class PersonMergeTests(Apps apps)
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static Task<int> HeadAsync(HiveApp app, int household) =>
        app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household).Select(p => p.Id).SingleAsync());

    private static Task<HttpResponseMessage> MergeAsync(HttpClient client, int keep, int duplicate, string confirm = "true") =>
        client.PostFormAsync($"/Admin/Persons/Merge?keep={keep}&duplicate={duplicate}",
            new() { ["Keep"] = S(keep), ["Duplicate"] = S(duplicate), ["Confirm"] = confirm }, formPage: "/Admin/Persons/Merge?q=x");

    private static Task<int> MergesOfAsync(HiveApp app, params int[] ids) =>
        app.WithDbAsync(db => db.PersonMerges.CountAsync(m => ids.Contains(m.KeptPersonId) || ids.Contains(m.MergedPersonId)));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Merging_moves_referrals_and_history_to_the_kept_person_and_hides_the_duplicate(string provider)
    {
        var app = await apps.Get(provider);
        var keptHousehold = await app.UniqueHouseholdAsync("02030904");
        var dupHousehold = await app.UniqueHouseholdAsync("02030905");
        var earlier = await app.UniqueHouseholdAsync("02030906");
        var kept = await HeadAsync(app, keptHousehold.Id);
        var duplicate = await HeadAsync(app, dupHousehold.Id);
        // The duplicate has a referral of its own, one shared with the kept record, and a move in its history.
        var ownReferral = await app.NewReferralAsync(dupHousehold.Id, "ouchar.member1");
        var (sharedReferral, move) = await app.WithDbAsync(async db =>
        {
            var village = await db.Households.Where(h => h.Id == keptHousehold.Id).Select(h => h.VillageId).SingleAsync();
            var referral = new Referral
            {
                HouseholdId = keptHousehold.Id, VillageId = village, EnteredBy = "ouchar.member1", Channel = ReferralChannel.School,
                Concerns = Concerns.OutOfSchool, ReceivedAt = TestClock.UtcNow, IdempotencyKey = Guid.NewGuid(),
                Children = [new() { PersonId = kept }, new() { PersonId = duplicate }],
            };
            var m = new PersonMove { PersonId = duplicate, FromHouseholdId = earlier.Id, ToHouseholdId = dupHousehold.Id, MovedOn = new DateOnly(2024, 1, 1), RecordedBy = "ouchar.vbsw1", RecordedAt = TestClock.UtcNow };
            db.Referrals.Add(referral);
            db.PersonMoves.Add(m);
            await db.SaveChangesAsync();
            return (referral.Id, m.Id);
        });
        var client = await app.As("admin");

        // Found by name, then both side by side.
        var found = await client.GetHtmlAsync("/Admin/Persons/Merge?q=" + Uri.EscapeDataString(dupHousehold.HeadLatin));
        found.ShouldContain($"#{duplicate} ");
        var compare = await client.GetHtmlAsync($"/Admin/Persons/Merge?keep={kept}&duplicate={duplicate}");
        compare.ShouldContain(keptHousehold.HeadKm);
        compare.ShouldContain(dupHousehold.HeadKm);
        compare.ShouldContain("name=\"Confirm\"");

        var response = await MergeAsync(client, kept, duplicate);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/Registry/Persons/{kept}");
        var links = await app.WithDbAsync(db => db.ReferralChildren.Where(c => c.PersonId == kept || c.PersonId == duplicate)
            .Select(c => new { c.ReferralId, c.PersonId }).ToListAsync());
        links.Where(l => l.PersonId == duplicate).ShouldBeEmpty();
        links.Select(l => l.ReferralId).Order().ShouldBe(new[] { ownReferral, sharedReferral }.Order());
        (await app.WithDbAsync(db => db.PersonMoves.Where(m => m.Id == move).Select(m => m.PersonId).SingleAsync())).ShouldBe(kept);
        var marked = await app.WithDbAsync(db => db.Persons.IgnoreQueryFilters().Where(p => p.Id == duplicate).Select(p => new { p.MergedIntoPersonId, p.HouseholdId }).SingleAsync());
        marked.MergedIntoPersonId.ShouldBe(kept);
        (await app.WithDbAsync(db => db.Persons.Where(p => p.Id == kept).Select(p => p.HouseholdId).SingleAsync())).ShouldBe(keptHousehold.Id);
        var record = await app.WithDbAsync(db => db.PersonMerges.SingleAsync(m => m.MergedPersonId == duplicate));
        record.KeptPersonId.ShouldBe(kept);
        record.MergedBy.ShouldBe("admin");
        record.MergedSnapshot.ShouldContain(dupHousehold.HeadLatin.Split(' ')[1]);

        // Hidden from its household's page and from the search; the kept record tells where it came from.
        (await client.GetHtmlAsync($"/Registry/Households/{dupHousehold.Id}")).ShouldNotContain(dupHousehold.HeadLatin);
        (await client.GetHtmlAsync("/Registry/Households?q=" + Uri.EscapeDataString(dupHousehold.HeadLatin))).ShouldNotContain($"/Registry/Households/{dupHousehold.Id}\"");
        await client.GetHtmlAsync($"/Registry/Persons/{duplicate}", HttpStatusCode.NotFound);
        var keptPage = await client.GetHtmlAsync($"/Registry/Persons/{kept}");
        keptPage.ShouldContain($"បានបញ្ចូលពីកំណត់ត្រា #{duplicate}");
        keptPage.ShouldContain("ដោយ admin");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_person_is_not_merged_into_itself_nor_is_a_merged_record_merged_again(string provider)
    {
        var app = await apps.Get(provider);
        var a = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var b = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var c = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var client = await app.As("admin");

        var response = await MergeAsync(client, a, a);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ត្រូវតែជាកំណត់ត្រាពីរផ្សេងគ្នា");

        // Not confirmed, or a confirmation that is not a yes: nothing happens.
        foreach (var confirm in new[] { "", "false", "abc" })
        {
            response = await MergeAsync(client, a, b, confirm);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, confirm);
        }
        (await MergesOfAsync(app, a, b, c)).ShouldBe(0);

        (await MergeAsync(client, a, b)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var (keep, dup) in new[] { (c, b), (b, c) })
        {
            response = await MergeAsync(client, keep, dup);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("ត្រូវបានបញ្ចូលទៅក្នុងកំណត់ត្រាផ្សេងរួចហើយ");
        }
        (await MergesOfAsync(app, a, b, c)).ShouldBe(1);
        (await app.WithDbAsync(db => db.Persons.IgnoreQueryFilters().Where(p => p.Id == b).Select(p => p.MergedIntoPersonId).SingleAsync())).ShouldBe(a);
        (await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.Id == c))).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Only_an_administrator_merges_persons(string provider)
    {
        var app = await apps.Get(provider);
        var a = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var b = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        foreach (var user in new[] { "ouchar.ccwc", "district.manager", "ouchar.vbsw1", "svaypao.ccwc" })
        {
            var client = await app.As(user);
            await client.GetHtmlAsync($"/Admin/Persons/Merge?keep={a}&duplicate={b}", HttpStatusCode.Forbidden);
            var response = await client.PostFormAsync($"/Admin/Persons/Merge?keep={a}&duplicate={b}",
                new() { ["Keep"] = S(a), ["Duplicate"] = S(b), ["Confirm"] = "true" }, formPage: "/");
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
        (await MergesOfAsync(app, a, b)).ShouldBe(0);
    }
}
