using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

// Not in parallel with each other: the criteria tests create new checklist versions, which the screening tests read.
[Collection("Screening checklist")]
public sealed class ReferralTests(Apps apps)
{
    private static Dictionary<string, string> Form(int village, string givenLatin, string? match = null, Guid? key = null) => new()
    {
        ["ClientId"] = (key ?? Guid.NewGuid()).ToString(),
        ["Input.VillageId"] = village.ToString(),
        ["Input.Children[0].FamilyNameKm"] = "តេស្ត",
        ["Input.Children[0].GivenNameKm"] = "ឧទាហរណ៍",
        ["Input.Children[0].FamilyNameLatin"] = "Test",
        ["Input.Children[0].GivenNameLatin"] = givenLatin,
        ["Input.Children[0].Sex"] = "Female",
        ["Input.Children[0].AgeYears"] = "9",
        ["Input.Children[0].Match"] = match ?? "new",
        ["Input.Concerns"] = "ParentsMigrating",
        ["Input.ConcernNote"] = "ឪពុកម្ដាយទៅធ្វើការនៅថៃ",
        ["Input.Urgency"] = "Soon",
        ["Input.Channel"] = "InPerson",
        ["Input.Consent"] = "Given",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_referred_childs_school_status_is_what_the_referrer_said_and_never_assumed(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030901");
        var client = await app.As("ouchar.vbsw1");
        (await client.GetHtmlAsync("/Referrals/New")).ShouldContain("name=\"Input.Children[0].SchoolStatus\"");
        var unsaid = DemoData.UniqueLatin();
        (await client.PostFormAsync("/Referrals/New", Form(village, unsaid))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var said = DemoData.UniqueLatin();
        var form = Form(village, said);
        form["Input.Children[0].SchoolStatus"] = "DroppedOut";
        (await client.PostFormAsync("/Referrals/New", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var statuses = await app.WithDbAsync(db => db.Persons.Where(p => p.GivenNameLatin == unsaid || p.GivenNameLatin == said)
            .ToDictionaryAsync(p => p.GivenNameLatin!, p => p.SchoolStatus));
        // A 9-year-old is not "not of school age": without an answer the status is not known.
        statuses[unsaid].ShouldBe(SchoolStatus.Unknown);
        statuses[said].ShouldBe(SchoolStatus.DroppedOut);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_community_member_refers_a_new_child_and_sees_only_the_status(string provider)
    {
        var app = await apps.Get(provider);
        var latin = DemoData.UniqueLatin();
        var village = await app.VillageIdAsync("02030901");
        var member = await app.As("ouchar.member1");
        var response = await member.PostFormAsync("/Referrals/New", Form(village, latin));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var referral = await app.WithDbAsync(db => db.Referrals.Include(r => r.Children).ThenInclude(c => c.Person)
            .SingleAsync(r => r.Children.Any(c => c.Person!.GivenNameLatin == latin)));
        referral.EnteredBy.ShouldBe("ouchar.member1");
        referral.Status.ShouldBe(ReferralStatus.Received);
        referral.Concerns.ShouldBe(Concerns.ParentsMigrating);
        response.Headers.Location!.OriginalString.ShouldBe($"/Referrals/{referral.Id}");

        var own = await member.GetHtmlAsync($"/Referrals/{referral.Id}");
        own.ShouldContain("id=\"referral-status\"");
        own.ShouldNotContain("ឪពុកម្ដាយទៅធ្វើការនៅថៃ"); // the concern note is for the workers
        var list = await member.GetHtmlAsync("/Referrals");
        list.ShouldContain($"/Referrals/{referral.Id}\"");

        // Another member's or worker's referral is not the member's to see.
        var other = await app.WithDbAsync(db => db.Referrals.Where(r => r.EnteredBy != "ouchar.member1" && r.Village!.Code == "02030901").Select(r => r.Id).FirstAsync());
        await member.GetHtmlAsync($"/Referrals/{other}", HttpStatusCode.NotFound);
        (await member.GetHtmlAsync("/Referrals")).ShouldNotContain($"/Referrals/{other}\"");
        await member.GetHtmlAsync($"/Referrals/{referral.Id}/Screening", HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_same_form_sent_twice_makes_one_referral(string provider)
    {
        var app = await apps.Get(provider);
        var latin = DemoData.UniqueLatin();
        var village = await app.VillageIdAsync("02030902");
        var key = Guid.NewGuid();
        var client = await app.As("ouchar.vbsw1");
        var sends = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostFormAsync("/Referrals/New", Form(village, latin, key: key))));
        sends.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        sends.Select(r => r.Headers.Location!.OriginalString).Distinct().Count().ShouldBe(1);
        (await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.IdempotencyKey == key))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Persons.CountAsync(p => p.GivenNameLatin == latin))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_child_already_registered_is_suggested_and_can_be_linked(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var person = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id)
            .Select(p => new { p.Id, p.FamilyNameKm, p.GivenNameKm, p.GivenNameLatin }).SingleAsync());
        var village = await app.VillageIdAsync("02030901");
        var client = await app.As("ouchar.vbsw1");
        // Typed a little differently: the Latin name in capitals with a trailing h.
        var form = Form(village, person.GivenNameLatin!.ToUpperInvariant() + "h");
        form["Input.Children[0].FamilyNameKm"] = person.FamilyNameKm;
        form["Input.Children[0].GivenNameKm"] = person.GivenNameKm;
        form.Remove("Input.Children[0].Match");
        form.Remove("Input.Children[0].AgeYears");
        var refused = await client.PostFormAsync("/Referrals/New", form);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain($"value=\"{person.Id}\"");
        html.ShouldContain("សូមជ្រើសរើសកុមារដដែលខាងលើ");

        form["Input.Children[0].Match"] = person.Id.ToString();
        var linked = await client.PostFormAsync("/Referrals/New", form);
        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var referral = await app.WithDbAsync(db => db.Referrals.Include(r => r.Children).OrderByDescending(r => r.Id).FirstAsync(r => r.Children.Any(c => c.PersonId == person.Id)));
        referral.HouseholdId.ShouldBe(household.Id);
        (await app.WithDbAsync(db => db.Persons.CountAsync(p => p.HouseholdId == household.Id))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_community_members_duplicate_check_shows_no_registered_persons_details_while_a_worker_sees_the_candidates(string provider)
    {
        var app = await apps.Get(provider);
        // An adult already registered (the head of a household), as in the issue: the member must learn nothing of them.
        var household = await app.UniqueHouseholdAsync("02030901");
        var person = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id)
            .Select(p => new { p.Id, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin }).SingleAsync());
        var village = await app.VillageIdAsync("02030901");
        var form = Form(village, person.GivenNameLatin!);
        form["Input.Children[0].FamilyNameKm"] = person.FamilyNameKm;
        form["Input.Children[0].GivenNameKm"] = person.GivenNameKm;
        form["Input.Children[0].FamilyNameLatin"] = person.FamilyNameLatin ?? "";
        form["Input.Phone"] = household.Phone;
        form.Remove("Input.Children[0].Match");
        form.Remove("Input.Children[0].AgeYears");
        form["Input.ConcernNote"] = "member-check-" + Guid.NewGuid().ToString("N");

        // The worker sees who may be the same child, and the household by its phone.
        var worker = await (await (await app.As("ouchar.vbsw1")).PostFormAsync("/Referrals/New?handler=Check", form)).Content.ReadAsStringAsync();
        worker.ShouldContain($"value=\"{person.Id}\"");
        worker.ShouldContain(household.HeadKm);
        worker.ShouldContain($"value=\"{household.Id}\"");

        // The community member learns only that the child (and the phone) may be known.
        var member = await app.As("ouchar.member1");
        var check = await member.PostFormAsync("/Referrals/New?handler=Check", form);
        check.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await check.Content.ReadAsStringAsync();
        html.ShouldContain("maybe-known");
        html.ShouldContain("id=\"phone-maybe-known\"");
        html.ShouldNotContain($"value=\"{person.Id}\"");
        html.ShouldNotContain($"value=\"{household.Id}\"");
        html.ShouldNotContain(household.HeadKm);
        html.ShouldNotContain("duplicates");
        html.ShouldNotContain("គ្រួសាររបស់ ");
        html.ShouldNotContain("ឆ្នាំ ·");
        // Linking a registered child or household by hand is refused; the referral as typed goes through, the worker decides.
        var linked = new Dictionary<string, string>(form) { ["Input.Children[0].Match"] = person.Id.ToString() };
        var refused = await member.PostFormAsync("/Referrals/New", linked);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("មានតែបុគ្គលិកសង្គមកិច្ចទេ ដែលអាចភ្ជាប់ការបញ្ជូន");
        var byHousehold = new Dictionary<string, string>(form) { ["Input.HouseholdId"] = household.Id.ToString() };
        (await member.PostFormAsync("/Referrals/New", byHousehold)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var note = form["Input.ConcernNote"];
        (await app.WithDbAsync(db => db.Referrals.AnyAsync(r => r.ConcernNote == note))).ShouldBeFalse();
        (await member.PostFormAsync("/Referrals/New", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sent = await app.WithDbAsync(db => db.Referrals.Include(r => r.Children).SingleAsync(r => r.ConcernNote == note));
        sent.HouseholdId.ShouldNotBe(household.Id);
        sent.Children.ShouldNotContain(c => c.PersonId == person.Id);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_referral_without_a_child_or_village_or_outside_the_area_is_refused_and_not_saved(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");
        // Each refused form carries a note of its own: none of them may be found saved (other tests add referrals meanwhile).
        var note = "refused-" + Guid.NewGuid().ToString("N");
        var noChild = Form(await app.VillageIdAsync("02030901"), "x");
        noChild["Input.ConcernNote"] = note;
        foreach (var k in noChild.Keys.Where(k => k.StartsWith("Input.Children", StringComparison.Ordinal)).ToList()) noChild.Remove(k);
        (await (await client.PostFormAsync("/Referrals/New", noChild)).Content.ReadAsStringAsync()).ShouldContain("សូមដាក់ឈ្មោះកុមារយ៉ាងហោចណាស់ម្នាក់។");
        var noVillage = Form(0, DemoData.UniqueLatin());
        noVillage.Remove("Input.VillageId");
        noVillage["Input.ConcernNote"] = note;
        (await (await client.PostFormAsync("/Referrals/New", noVillage)).Content.ReadAsStringAsync()).ShouldContain("ត្រូវបំពេញព័ត៌មាននេះ។");
        var elsewhere = Form(await app.VillageIdAsync("02030201"), DemoData.UniqueLatin());
        elsewhere["Input.ConcernNote"] = note;
        (await (await client.PostFormAsync("/Referrals/New", elsewhere)).Content.ReadAsStringAsync()).ShouldContain("ភូមិនេះមិនស្ថិតក្នុងតំបន់របស់អ្នកទេ។");
        (await app.WithDbAsync(db => db.Referrals.AnyAsync(r => r.ConcernNote == note))).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Screening_against_the_proposal_needs_a_reason_and_crisis_opens_a_case(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var referralId = await app.NewReferralAsync(household.Id, "ouchar.member1");
        var client = await app.As("ouchar.vbsw1");
        var criteria = await app.WithDbAsync(db => db.ScreeningCriteriaVersions.Include(v => v.Criteria).OrderByDescending(v => v.Number).FirstAsync());
        var migration = criteria.Criteria.Single(c => c.Order == 1).Id;
        var url = $"/Referrals/{referralId}/Screening";
        var score = await client.PostFormAsync(url + "?handler=Score", new() { ["Input.Met"] = migration.ToString() }, formPage: url);
        (await score.Content.ReadAsStringAsync()).ShouldContain("id=\"proposal\"");

        // The checklist proposes no further action (score 3); the worker says crisis, first without a reason.
        var form = new Dictionary<string, string> { ["Input.Met"] = migration.ToString(), ["Input.Decision"] = "CrisisResponse", ["Input.Priority"] = "High", ["Input.OpenCase"] = "true" };
        var refused = await client.PostFormAsync(url, form);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("សូមសរសេរមូលហេតុដែលអ្នកសម្រេចខុសពីការស្នើ។");
        (await app.WithDbAsync(db => db.Screenings.AnyAsync(s => s.ReferralId == referralId))).ShouldBeFalse();

        form["Input.OverrideReason"] = "ក្មេងនៅម្នាក់ឯងពេលយប់";
        (await client.PostFormAsync(url, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var screening = await app.WithDbAsync(db => db.Screenings.SingleAsync(s => s.ReferralId == referralId));
        screening.ProposedDecision.ShouldBe(ScreeningDecision.NoFurtherAction);
        screening.Decision.ShouldBe(ScreeningDecision.CrisisResponse);
        screening.Score.ShouldBe(3);
        screening.CriteriaVersionId.ShouldBe(criteria.Id);
        screening.OverrideReason.ShouldBe("ក្មេងនៅម្នាក់ឯងពេលយប់");
        var @case = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.ReferralId == referralId));
        @case.Tier.ShouldBe(Tier.Crisis);
        @case.RiskLevel.ShouldBe(Priority.High);
        @case.Status.ShouldBe(CaseStatus.Open);
        @case.LeadWorker.ShouldBe("ouchar.vbsw1");
        (await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.Status).SingleAsync())).ShouldBe(ReferralStatus.InSupport);
        // The change history shows the screening's status change to the commune's supervisors only.
        (await (await app.As("ouchar.senior")).GetHtmlAsync($"/Referrals/{referralId}")).ShouldContain("id=\"history\"");
        (await client.GetHtmlAsync($"/Referrals/{referralId}")).ShouldNotContain("id=\"history\"");
        // The referrer sees the new status, nothing more.
        (await (await app.As("ouchar.member1")).GetHtmlAsync($"/Referrals/{referralId}")).ShouldContain("កំពុងគាំទ្រ");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_Ou_Char_inbox_holds_the_programmes_64_referrals_and_16_high_risk_cases(string provider)
    {
        var app = await apps.Get(provider);
        // The programme's year (the demo's other years are DemoHistory's).
        var (from, to) = (DemoReferrals.OuChar.From, DemoReferrals.OuChar.To);
        var seeded = await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.Village!.Commune!.Code == DemoGeography.OuCharCode && r.ReceivedAt >= from && r.ReceivedAt < to && r.Children.All(c => c.Person!.FamilyNameLatin != "Test")
            // The 64 came from the village networks; the after-school programme's absence follow-up adds one more of its own.
            && !db.AbsenceFollowUps.Any(f => f.ReferralId == r.Id)));
        seeded.ShouldBe(64);
        var seededHighRisk = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.Village!.Commune!.Code == DemoGeography.OuCharCode && c.RiskLevel == Priority.High && c.LeadWorker == "ouchar.senior"
            && c.Referral!.Children.All(ch => ch.Person!.FamilyNameLatin != "Test")));
        seededHighRisk.ShouldBe(16);
        // Other tests add Ou Char referrals and cases meanwhile: the page's figures lie between the counts before and after it.
        Task<int> All() => app.WithDbAsync(db => db.Referrals.CountAsync(r => r.Village!.Commune!.Code == DemoGeography.OuCharCode));
        Task<int> Open() => app.WithDbAsync(db => db.Cases.CountAsync(c => c.Village!.Commune!.Code == DemoGeography.OuCharCode && c.RiskLevel == Priority.High && c.Status != CaseStatus.Closed));
        var (allBefore, openBefore) = (await All(), await Open());
        var html = await (await app.As("ouchar.ccwc")).GetHtmlAsync("/Referrals");
        var (allAfter, openAfter) = (await All(), await Open());
        Shown(html, "ការបញ្ជូន ").ShouldBeInRange(allBefore, allAfter);
        Shown(html, "ករណីហានិភ័យខ្ពស់កំពុងបើក ").ShouldBeInRange(Math.Min(openBefore, openAfter), Math.Max(openBefore, openAfter));
        Task<int> SvayPao() => app.WithDbAsync(db => db.Referrals.CountAsync(r => r.Village!.Commune!.Code == DemoGeography.SvayPaoCode));
        var svayPaoBefore = await SvayPao();
        var svayPao = await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Referrals");
        Shown(svayPao, "ការបញ្ជូន ").ShouldBeInRange(svayPaoBefore, await SvayPao());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_inbox_filters_by_status_urgency_and_age(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.ccwc");
        // Other tests add and screen Ou Char referrals meanwhile: the page's figure lies between the counts before and after it.
        Task<int> Waiting() => app.WithDbAsync(db => db.Referrals.CountAsync(r => r.Village!.Commune!.Code == DemoGeography.OuCharCode && r.Status == ReferralStatus.Received));
        var before = await Waiting();
        var shown = Shown(await client.GetHtmlAsync("/Referrals?status=Received"), "ការបញ្ជូន ");
        var after = await Waiting();
        shown.ShouldBeInRange(Math.Min(before, after), Math.Max(before, after));
        (await client.GetHtmlAsync("/Referrals?urgency=ImmediateDanger&sort=urgency")).ShouldContain("id=\"referrals\"");
        (await client.GetHtmlAsync("/Referrals?age=0-5&p=2")).ShouldContain("id=\"referral-count\"");
        (await client.GetHtmlAsync("/Referrals?status=Nonsense&age=x&p=-4")).ShouldContain("id=\"referral-count\"");
    }

    /// <summary>The number the page shows after the label.</summary>
    private static int Shown(string html, string label)
    {
        var at = html.IndexOf(label, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, label);
        return int.Parse(new string(html[(at + label.Length)..].TakeWhile(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }
}
