using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Households of their own, in villages 4 to 6 of Ou Char (as <see cref="PersonMergeTests"/>).</summary>
public sealed class HouseholdMergeTests(Apps apps)
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> MergeAsync(HttpClient client, int keep, int duplicate, string confirm = "true") =>
        client.PostFormAsync($"/Admin/Households/Merge?keep={keep}&duplicate={duplicate}",
            new() { ["Keep"] = S(keep), ["Duplicate"] = S(duplicate), ["Confirm"] = confirm }, formPage: "/Admin/Households/Merge");

    private static Task<HttpResponseMessage> UndoAsync(HttpClient client, string merge) =>
        client.PostFormAsync($"/Admin/Households/Merge?handler=Undo&merge={merge}", [], formPage: "/Admin/Households/Merge");

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Merging_moves_members_referrals_and_consent_to_the_kept_household_and_an_undo_moves_them_back(string provider)
    {
        var app = await apps.Get(provider);
        var kept = await app.UniqueHouseholdAsync("02030905");
        var duplicate = await app.UniqueHouseholdAsync("02030905");
        var elsewhere = await app.UniqueHouseholdAsync("02030906");
        var referral = await app.NewReferralAsync(duplicate.Id, "ouchar.member1");
        var (member, consent, move) = await app.WithDbAsync(async db =>
        {
            var head = await db.Persons.Where(p => p.HouseholdId == duplicate.Id).Select(p => p.Id).SingleAsync();
            var c = new ConsentRecord { HouseholdId = duplicate.Id, Use = ConsentUse.Research, Given = true, Said = "yes", AnsweredOn = TestClock.Today, RecordedBy = "test", RecordedAt = TestClock.UtcNow };
            var m = new PersonMove { PersonId = head, FromHouseholdId = elsewhere.Id, ToHouseholdId = duplicate.Id, MovedOn = new DateOnly(2024, 1, 1), RecordedBy = "test", RecordedAt = TestClock.UtcNow };
            db.AddRange(c, m);
            await db.SaveChangesAsync();
            return (head, c.Id, m.Id);
        });
        var admin = await app.As("admin");
        (await admin.GetHtmlAsync("/Admin/Households/Merge?q=" + Uri.EscapeDataString(duplicate.HeadLatin))).ShouldContain($"#{duplicate.Id} ");
        var compare = await admin.GetHtmlAsync($"/Admin/Households/Merge?keep={kept.Id}&duplicate={duplicate.Id}");
        compare.ShouldContain(kept.HeadKm);
        compare.ShouldContain(duplicate.HeadKm);
        compare.ShouldContain("name=\"Confirm\"");

        var response = await MergeAsync(admin, kept.Id, duplicate.Id);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/Registry/Households/{kept.Id}");
        var after = await app.WithDbAsync(async db => new
        {
            Member = await db.Persons.Where(p => p.Id == member).Select(p => p.HouseholdId).SingleAsync(),
            Referral = await db.Referrals.Where(r => r.Id == referral).Select(r => r.HouseholdId).SingleAsync(),
            Consent = await db.ConsentRecords.Where(c => c.Id == consent).Select(c => c.HouseholdId).SingleAsync(),
            MovedTo = await db.PersonMoves.Where(m => m.Id == move).Select(m => m.ToHouseholdId).SingleAsync(),
            Hidden = await db.Households.IgnoreQueryFilters().Where(h => h.Id == duplicate.Id).Select(h => h.MergedIntoHouseholdId).SingleAsync(),
            Merge = await db.HouseholdMerges.SingleAsync(m => m.MergedHouseholdId == duplicate.Id),
        });
        after.Member.ShouldBe(kept.Id);
        after.Referral.ShouldBe(kept.Id);
        after.Consent.ShouldBe(kept.Id);
        after.MovedTo.ShouldBe(kept.Id);
        after.Hidden.ShouldBe(kept.Id);
        after.Merge.MergedBy.ShouldBe("admin");
        await admin.GetHtmlAsync($"/Registry/Households/{duplicate.Id}", HttpStatusCode.NotFound);
        (await admin.GetHtmlAsync($"/Registry/Households/{kept.Id}")).ShouldContain(duplicate.HeadLatin);
        // Merged once: merging it again is refused with the reason.
        response = await MergeAsync(admin, kept.Id, duplicate.Id);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ត្រូវបានបញ្ចូលទៅក្នុងកំណត់ត្រាផ្សេងរួចហើយ");

        response = await UndoAsync(admin, S(after.Merge.Id));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/Registry/Households/{duplicate.Id}");
        var undone = await app.WithDbAsync(async db => new
        {
            Member = await db.Persons.Where(p => p.Id == member).Select(p => p.HouseholdId).SingleAsync(),
            Referral = await db.Referrals.Where(r => r.Id == referral).Select(r => r.HouseholdId).SingleAsync(),
            Consent = await db.ConsentRecords.Where(c => c.Id == consent).Select(c => c.HouseholdId).SingleAsync(),
            MovedTo = await db.PersonMoves.Where(m => m.Id == move).Select(m => m.ToHouseholdId).SingleAsync(),
            KeptMembers = await db.Persons.CountAsync(p => p.HouseholdId == kept.Id),
            Shown = await db.Households.AnyAsync(h => h.Id == duplicate.Id),
            UndoneBy = await db.HouseholdMerges.Where(m => m.Id == after.Merge.Id).Select(m => m.UndoneBy).SingleAsync(),
        });
        undone.Member.ShouldBe(duplicate.Id);
        undone.Referral.ShouldBe(duplicate.Id);
        undone.Consent.ShouldBe(duplicate.Id);
        undone.MovedTo.ShouldBe(duplicate.Id);
        undone.KeptMembers.ShouldBe(1);
        undone.Shown.ShouldBeTrue();
        undone.UndoneBy.ShouldBe("admin");
        (await UndoAsync(admin, S(after.Merge.Id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Households_of_two_villages_or_one_household_twice_or_without_confirmation_are_not_merged(string provider)
    {
        var app = await apps.Get(provider);
        var a = await app.UniqueHouseholdAsync("02030904");
        var b = await app.UniqueHouseholdAsync("02030904");
        var other = await app.UniqueHouseholdAsync("02030906");
        var admin = await app.As("admin");

        var response = await MergeAsync(admin, a.Id, other.Id);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("គ្រួសារទាំងពីរនៅក្នុងភូមិផ្សេងគ្នា");
        response = await MergeAsync(admin, a.Id, a.Id);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("គ្រួសារដែលត្រូវរក្សា និងគ្រួសារស្ទួន ត្រូវតែជាកំណត់ត្រាពីរផ្សេងគ្នា");
        foreach (var confirm in new[] { "", "false", "abc" })
            (await MergeAsync(admin, a.Id, b.Id, confirm)).StatusCode.ShouldBe(HttpStatusCode.OK, confirm);
        response = await MergeAsync(admin, a.Id, 999_999_999);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("គ្មានគ្រួសារដែលមានលេខនេះក្នុងតំបន់របស់អ្នកទេ");
        foreach (var id in new[] { "0", "-1", "999999999", "abc" })
            ((int)(await UndoAsync(admin, id)).StatusCode).ShouldBeInRange(400, 499, id);
        var ids = new[] { a.Id, b.Id, other.Id };
        (await app.WithDbAsync(db => db.HouseholdMerges.CountAsync(m => ids.Contains(m.KeptHouseholdId) || ids.Contains(m.MergedHouseholdId)))).ShouldBe(0);
        (await app.WithDbAsync(db => db.Households.CountAsync(h => ids.Contains(h.Id)))).ShouldBe(3);
        foreach (var user in new[] { "ouchar.ccwc", "ouchar.vbsw1" })
            (await (await app.As(user)).PostFormAsync($"/Admin/Households/Merge", new() { ["Keep"] = S(a.Id), ["Duplicate"] = S(b.Id), ["Confirm"] = "true" }, formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
    }
}

/// <summary>
/// The registry's new household and new person forms suggest people already registered, as the referral form does. As
/// the CCWC focal person, whose scope is the commune (villages 5 and 6 are not ouchar.vbsw1's).
/// </summary>
public sealed class RegistryDuplicateTests(Apps apps)
{
    private sealed record Registered(int Id, string FamilyKm, string GivenKm, string FamilyLatin, string GivenLatin);

    /// <summary>
    /// A head of household with names of their own, family name too: the rule reads at most 3,000 candidates sharing a
    /// name part, and every test head is called "Test".
    /// </summary>
    private static async Task<Registered> RegisteredAsync(HiveApp app, string villageCode)
    {
        var household = await app.UniqueHouseholdAsync(villageCode);
        static string Khmer() => new(Enumerable.Range(0, 5).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A3)).ToArray());
        var names = new Registered(0, Khmer(), Khmer(), "Q" + DemoData.UniqueLatin(), DemoData.UniqueLatin());
        var id = await app.WithDbAsync(async db =>
        {
            var head = await db.Persons.SingleAsync(p => p.HouseholdId == household.Id);
            head.SetNames(names.FamilyKm, names.GivenKm, names.FamilyLatin, names.GivenLatin);
            await db.SaveChangesAsync();
            return head.Id;
        });
        return names with { Id = id };
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_new_household_whose_head_is_registered_already_shows_them_and_saves_only_when_told_it_is_new(string provider)
    {
        var app = await apps.Get(provider);
        var head = await RegisteredAsync(app, "02030905");
        var village = await app.VillageIdAsync("02030905");
        var client = await app.As("ouchar.ccwc");
        Dictionary<string, string> Form(string? notDuplicate)
        {
            var form = new Dictionary<string, string>
            {
                ["Household.VillageId"] = village.ToString(CultureInfo.InvariantCulture),
                ["Head.FamilyNameKm"] = head.FamilyKm, ["Head.GivenNameKm"] = head.GivenKm,
                ["Head.FamilyNameLatin"] = head.FamilyLatin, ["Head.GivenNameLatin"] = head.GivenLatin,
                ["Head.Sex"] = "Female", ["Head.DateOfBirth"] = "1980-05-01",
            };
            if (notDuplicate is not null) form["NotDuplicate"] = notDuplicate;
            return form;
        }
        int Count() => app.WithDbAsync(db => db.Persons.CountAsync(p => p.GivenNameLatin == head.GivenLatin)).GetAwaiter().GetResult();

        foreach (var notDuplicate in new string?[] { null, "false" })
        {
            var response = await client.PostFormAsync("/Registry/Households/New", Form(notDuplicate), formPage: "/Registry/Households/New");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("បុគ្គលនេះប្រហែលជាបានចុះឈ្មោះរួចហើយ");
            html.ShouldContain($"href=\"/Registry/Persons/{head.Id}\"");
            html.ShouldContain("name=\"NotDuplicate\"");
            // What was typed stays in the form.
            html.ShouldContain(head.GivenLatin);
        }
        var bad = await client.PostFormAsync("/Registry/Households/New", Form("abc"), formPage: "/Registry/Households/New");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        Count().ShouldBe(1);

        var saved = await client.PostFormAsync("/Registry/Households/New", Form("true"), formPage: "/Registry/Households/New");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Count().ShouldBe(2);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_new_member_registered_elsewhere_already_is_suggested_before_saving(string provider)
    {
        var app = await apps.Get(provider);
        var head = await RegisteredAsync(app, "02030906");
        var target = await app.UniqueHouseholdAsync("02030906");
        var client = await app.As("ouchar.ccwc");
        var form = new Dictionary<string, string>
        {
            ["Person.FamilyNameKm"] = head.FamilyKm, ["Person.GivenNameKm"] = head.GivenKm,
            ["Person.FamilyNameLatin"] = head.FamilyLatin, ["Person.GivenNameLatin"] = head.GivenLatin,
            ["Person.Sex"] = "Female", ["Person.AgeYears"] = (TestClock.Today.Year - 1980).ToString(CultureInfo.InvariantCulture),
            ["Person.RelationToHead"] = "Sibling",
        };
        var url = $"/Registry/Persons/New?householdId={target.Id}";

        var response = await client.PostFormAsync(url, form, formPage: url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"href=\"/Registry/Persons/{head.Id}\"");
        (await app.WithDbAsync(db => db.Persons.CountAsync(p => p.HouseholdId == target.Id))).ShouldBe(1);
        form["NotDuplicate"] = "true";
        (await client.PostFormAsync(url, form, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Persons.CountAsync(p => p.HouseholdId == target.Id))).ShouldBe(2);
    }
}
