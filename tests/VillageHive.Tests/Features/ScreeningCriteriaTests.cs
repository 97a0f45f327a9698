using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Other tests screen referrals with the current version at the same time: these tests read the current number
/// before and expect exactly one more, and keep the checklist's meaning (same weights and thresholds).
/// </summary>
// Not in parallel with each other: the criteria tests create new checklist versions, which the screening tests read.
[Collection("Screening checklist")]
public sealed class ScreeningCriteriaTests(Apps apps)
{
    private static Task<ScreeningCriteriaVersion> CurrentAsync(HiveApp app) =>
        app.WithDbAsync(db => db.ScreeningCriteriaVersions.AsNoTracking().Include(v => v.Criteria).OrderByDescending(v => v.Number).FirstAsync());

    /// <summary>The form as the page would post it: the version's criteria, then the given extra rows.</summary>
    private static Dictionary<string, string> Form(ScreeningCriteriaVersion v, params (string Km, string En, string Weight)[] extra)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.BasedOn"] = v.Number.ToString(CultureInfo.InvariantCulture),
            ["Input.EarlyInterventionFrom"] = v.EarlyInterventionFrom.ToString(CultureInfo.InvariantCulture),
            ["Input.CrisisFrom"] = v.CrisisFrom.ToString(CultureInfo.InvariantCulture),
        };
        var i = 0;
        foreach (var c in v.Criteria.OrderBy(c => c.Order))
        {
            fields[$"Input.Criteria[{i}].TextKm"] = c.TextKm;
            fields[$"Input.Criteria[{i}].TextEn"] = c.TextEn;
            fields[$"Input.Criteria[{i}].Weight"] = c.Weight.ToString(CultureInfo.InvariantCulture);
            if (c.ForcesCrisis) fields[$"Input.Criteria[{i}].ForcesCrisis"] = "true";
            i++;
        }
        foreach (var (km, en, weight) in extra)
        {
            fields[$"Input.Criteria[{i}].TextKm"] = km;
            fields[$"Input.Criteria[{i}].TextEn"] = en;
            fields[$"Input.Criteria[{i}].Weight"] = weight;
            i++;
        }
        return fields;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Saving_makes_the_next_version_and_earlier_screenings_keep_theirs(string provider)
    {
        var app = await apps.Get(provider);
        var before = await CurrentAsync(app);
        var household = await app.UniqueHouseholdAsync("02030904");
        var referral = await app.NewReferralAsync(household.Id, "ouchar.member1");
        var screening = await app.WithDbAsync(async db =>
        {
            var s = new Screening
            {
                ReferralId = referral, CriteriaVersionId = before.Id, MetCriteria = [before.Criteria[0].Id], Score = before.Criteria[0].Weight,
                ScreenedBy = "ouchar.vbsw1", ScreenedAt = TestClock.UtcNow,
            };
            db.Screenings.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        var text = "Test " + Guid.NewGuid().ToString("N")[..8];

        // A CCWC focal person changes the checklist for the whole installation.
        var response = await (await app.As("ouchar.ccwc")).PostFormAsync("/Admin/ScreeningCriteria", Form(before, ("កុមារគ្មានអ្នកថែទាំ", text, "0")));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await CurrentAsync(app);
        after.Number.ShouldBe(before.Number + 1);
        after.CreatedBy.ShouldBe("ouchar.ccwc");
        after.Criteria.Count.ShouldBe(before.Criteria.Count + 1);
        after.Criteria.OrderBy(c => c.Order).Last().TextEn.ShouldBe(text);
        (after.EarlyInterventionFrom, after.CrisisFrom).ShouldBe((before.EarlyInterventionFrom, before.CrisisFrom));
        // The earlier version is untouched and the screening still points at it.
        (await app.WithDbAsync(db => db.Screenings.Where(s => s.Id == screening).Select(s => s.CriteriaVersionId).SingleAsync())).ShouldBe(before.Id);
        (await app.WithDbAsync(db => db.ScreeningCriteria.CountAsync(c => c.VersionId == before.Id))).ShouldBe(before.Criteria.Count);

        var html = await (await app.As("admin")).GetHtmlAsync("/Admin/ScreeningCriteria");
        html.ShouldContain(text);
        html.ShouldContain($"កំណែទី {after.Number}");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_input_is_refused_with_messages_in_Khmer_and_nothing_is_saved(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("admin");
        var before = await CurrentAsync(app);

        var fields = Form(before, ("ការងារកុមារ", "", "25"), ("", "", "abc"));
        fields["Input.EarlyInterventionFrom"] = "9";
        fields["Input.CrisisFrom"] = "4";
        var response = await client.PostFormAsync("/Admin/ScreeningCriteria", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("ពិន្ទុឆ្លើយតបវិបត្តិត្រូវខ្ពស់ជាងពិន្ទុអន្តរាគមន៍ទាន់ពេល។");
        html.ShouldContain("ទម្ងន់ត្រូវនៅចន្លោះ ០ និង ២០។");
        html.ShouldContain("ត្រូវបំពេញព័ត៌មាននេះ។");
        // What was typed is still on the form.
        html.ShouldContain("ការងារកុមារ");

        // Every criterion removed: a checklist needs one.
        var empty = new Dictionary<string, string>
        {
            ["Input.BasedOn"] = before.Number.ToString(CultureInfo.InvariantCulture), ["Input.Criteria[0].TextKm"] = "", ["Input.Criteria[0].TextEn"] = "",
            ["Input.EarlyInterventionFrom"] = "4", ["Input.CrisisFrom"] = "9",
        };
        response = await client.PostFormAsync("/Admin/ScreeningCriteria", empty);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("សូមរក្សាលក្ខណៈវិនិច្ឆ័យយ៉ាងហោចណាស់មួយ។");

        // A text over 300 characters.
        var tooLong = Form(before);
        tooLong["Input.Criteria[0].TextEn"] = new string('x', 301);
        response = await client.PostFormAsync("/Admin/ScreeningCriteria", tooLong);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("អត្ថបទនេះវែងពេក។");

        (await app.WithDbAsync(db => db.ScreeningCriteriaVersions.CountAsync(v => v.CreatedBy == "admin" && v.Number > before.Number))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_village_social_worker_may_not_change_the_checklist(string provider)
    {
        var app = await apps.Get(provider);
        var before = await CurrentAsync(app);
        var client = await app.As("ouchar.vbsw1");
        await client.GetHtmlAsync("/Admin/ScreeningCriteria", HttpStatusCode.Forbidden);
        var response = await client.PostFormAsync("/Admin/ScreeningCriteria", Form(before, ("ក", "x", "1")), formPage: "/");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.ScreeningCriteriaVersions.AnyAsync(v => v.CreatedBy == "ouchar.vbsw1"))).ShouldBeFalse();
    }
}
