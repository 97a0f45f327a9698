using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class ConsultationTests(Apps apps)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The village's part of the roll-up page (villages come after the communes).</summary>
    private static string VillageArea(string html, int village)
    {
        var villages = html[html.IndexOf("id=\"villages\"", StringComparison.Ordinal)..];
        var start = villages.IndexOf($"data-area=\"{village}\"", StringComparison.Ordinal);
        if (start < 0) return "";
        return villages[start..villages.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static async Task<int> PlanAsync(HiveApp app, HttpClient client, int village, string facilitators)
    {
        var script = await app.WithDbAsync(db => db.ScriptVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());
        var before = await app.WithDbAsync(db => db.Consultations.MaxAsync(c => (int?)c.Id)) ?? 0;
        var response = await client.PostFormAsync("/Consultations/New", new()
        {
            ["Input.VillageId"] = village.ToString(), ["Input.PlannedOn"] = Iso(TestClock.Today), ["Input.ScriptVersionId"] = script.ToString(),
            ["Input.Facilitators"] = facilitators, ["Input.PreBrief"] = "Roles agreed", ["Input.Counts[Parents]"] = "14", ["Input.Counts[Children]"] = "9",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await app.WithDbAsync(db => db.Consultations.Where(c => c.Id > before && c.VillageId == village).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_demo_has_Ou_Char_s_eleven_consultations_of_2021_and_2022(string provider)
    {
        var app = await apps.Get(provider);
        var rows = await app.WithDbAsync(db => db.Consultations.Where(c => c.CreatedBy == "ouchar.senior" && c.HeldOn < new DateOnly(2023, 1, 1))
            .Select(c => new { c.HeldOn, c.Village!.Commune!.Code, Migration = c.Entries.Count(e => e.Themes.HasFlag(Themes.MigrationLeavingChildren)) }).ToListAsync());
        rows.Count.ShouldBe(DemoConsultations.Count);
        rows.ShouldAllBe(r => r.Code == DemoGeography.OuCharCode && r.Migration > 0);
        rows.Max(r => r.HeldOn).ShouldBe(new DateOnly(2022, 3, 29));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_senior_plans_the_village_worker_captures_and_once_held_the_themes_roll_up_and_the_need_shows_as_a_gap(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030906");
        var senior = await app.As("ouchar.senior");
        var id = await PlanAsync(app, senior, village, "ouchar.senior, ouchar.vbsw2");
        var page = $"/Consultations/{id}";

        // ouchar.vbsw2 works villages 4 to 6: captures. ouchar.vbsw1 (villages 1 to 3) and Svay Pao do not see it; the chief reads only.
        var worker = await app.As("ouchar.vbsw2");
        (await worker.PostFormAsync(page, new()
        {
            ["Entry.Column"] = "NeedsToHappen", ["Entry.Text"] = "Shelter after the floods", ["Entry.Themes"] = "ChildLabour", ["Entry.ServiceNeeded"] = "DisasterRelief",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await worker.PostFormAsync(page, new() { ["Entry.Column"] = "WorkingWell", ["Entry.Text"] = "Monks open the pagoda", ["Entry.Themes"] = "MonksSupport" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await (await app.As("ouchar.vbsw1")).GetHtmlAsync(page, HttpStatusCode.NotFound);
        await (await app.As("svaypao.ccwc")).GetHtmlAsync(page, HttpStatusCode.NotFound);
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Consultations")).ShouldNotContain($"/Consultations/{id}\"");
        var chief = await app.As("ouchar.chief");
        (await chief.GetHtmlAsync(page)).ShouldContain("Shelter after the floods");
        (await chief.PostFormAsync(page, new() { ["Entry.Column"] = "WorkingWell", ["Entry.Text"] = "x" }, formPage: "/Consultations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Planned only: not yet in the roll-up, nor on the gaps page.
        var gapsUrl = $"/Services/Gaps?village={village}";
        (await senior.GetHtmlAsync(gapsUrl)).ShouldNotContain("data-category=\"DisasterRelief\"");
        VillageArea(await chief.GetHtmlAsync("/Consultations/Summary"), village).ShouldNotContain("data-theme=\"ChildLabour\"");

        (await senior.PostFormAsync($"{page}?handler=Held", new() { ["HeldOn"] = Iso(TestClock.Today), ["Version"] = "0" }, formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Id == id))).Status.ShouldBe(ConsultationStatus.Held);

        var area = VillageArea(await chief.GetHtmlAsync("/Consultations/Summary"), village);
        area.ShouldContain("data-theme=\"ChildLabour\"");
        area.ShouldContain("data-category=\"DisasterRelief\"");
        // The roll-up counts every held consultation of the village: the demo's and this one.
        var themes = await app.WithDbAsync(db => db.ConsultationEntries.Where(e => e.Consultation!.VillageId == village && e.Consultation.Status == ConsultationStatus.Held)
            .Select(e => e.Themes).ToListAsync());
        var monks = themes.Count(t => t.HasFlag(Themes.MonksSupport));
        monks.ShouldBeGreaterThanOrEqualTo(1);
        area.ShouldContain($"data-theme=\"MonksSupport\" data-count=\"{monks}\"");
        area.ShouldContain($"data-theme=\"Alcohol\" data-count=\"{themes.Count(t => t.HasFlag(Themes.Alcohol))}\"");

        var gaps = await senior.GetHtmlAsync(gapsUrl);
        gaps.ShouldContain("class=\"text-danger fw-bold gap\" data-category=\"DisasterRelief\"");
        gaps.ShouldContain("heard-needs");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_debrief_starts_the_next_script_version_and_the_consultation_keeps_the_version_it_used(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030902");
        var ccwc = await app.As("ouchar.ccwc");
        var id = await PlanAsync(app, ccwc, village, "ouchar.ccwc");
        var used = await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => new { c.ScriptVersionId, c.ScriptVersion!.Number, c.ScriptVersion.ScriptId, Questions = c.ScriptVersion.Questions.Count }).SingleAsync());
        var page = $"/Consultations/{id}";
        (await ccwc.PostFormAsync($"{page}?handler=Debrief", new() { ["Debrief"] = "Went well", ["NextScriptChanges"] = "Ask about floods", ["Version"] = "0" }, formPage: page))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = await ccwc.PostFormAsync($"{page}?handler=NextScript", [], formPage: page);
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var created = await app.WithDbAsync(db => db.ScriptVersions.Include(v => v.Questions).SingleAsync(v => v.FromConsultationId == id));
        created.Number.ShouldBe(used.Number + 1);
        created.ScriptId.ShouldBe(used.ScriptId);
        created.Changes.ShouldBe("Ask about floods");
        created.Questions.Count.ShouldBe(used.Questions);
        next.Headers.Location!.OriginalString.ShouldContain($"/Consultations/Scripts/{created.Id}");

        // The new version is still open: the planner adds a question. The used one refuses any change.
        var form = new Dictionary<string, string> { ["Changes"] = "Ask about floods" };
        var i = 0;
        foreach (var q in created.Questions.OrderBy(q => q.Column).ThenBy(q => q.Order))
        {
            form[$"Q[{i}].Column"] = q.Column.ToString(); form[$"Q[{i}].Kind"] = q.Kind.ToString(); form[$"Q[{i}].TextKm"] = q.TextKm; form[$"Q[{i}].TextEn"] = q.TextEn;
            i++;
        }
        form[$"Q[{i}].Column"] = "NotWorkingWell"; form[$"Q[{i}].Kind"] = "Amplifying"; form[$"Q[{i}].TextKm"] = "តើទឹកជំនន់ធ្វើឲ្យមានអ្វីខ្លះ?"; form[$"Q[{i}].TextEn"] = "What do the floods do?";
        (await ccwc.PostFormAsync($"/Consultations/Scripts/{created.Id}", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ccwc.PostFormAsync($"/Consultations/Scripts/{used.ScriptVersionId}", form, formPage: $"/Consultations/Scripts/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await app.WithDbAsync(async db =>
        {
            (await db.ScriptQuestions.CountAsync(q => q.VersionId == created.Id)).ShouldBe(used.Questions + 1);
            (await db.ScriptQuestions.CountAsync(q => q.VersionId == used.ScriptVersionId)).ShouldBe(used.Questions);
            (await db.Consultations.Where(c => c.Id == id).Select(c => c.ScriptVersionId).SingleAsync()).ShouldBe(used.ScriptVersionId);
        });
        // A second "next version" from the same consultation is refused: a newer version exists.
        (await ccwc.PostFormAsync($"{page}?handler=NextScript", [], formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ScriptVersions.CountAsync(v => v.FromConsultationId == id))).ShouldBe(1);
        // The consultation's page names the version it used and says a newer one exists.
        var html = await ccwc.GetHtmlAsync(page);
        html.ShouldContain($"/Consultations/Scripts/{used.ScriptVersionId}\"");
        html.ShouldContain($"/Consultations/Scripts/{created.Id}\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_plans_and_entries_are_refused_with_nothing_saved(string provider)
    {
        var app = await apps.Get(provider);
        var senior = await app.As("ouchar.senior");
        var svayPaoVillage = await app.VillageIdAsync("02030201");
        var ouChar = await app.VillageIdAsync("02030903");
        var script = await app.WithDbAsync(db => db.ScriptVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());
        var before = await app.WithDbAsync(db => db.Consultations.CountAsync());
        Dictionary<string, string> Plan(int village, string facilitators, string count = "3") => new()
        {
            ["Input.VillageId"] = village.ToString(), ["Input.PlannedOn"] = Iso(TestClock.Today), ["Input.ScriptVersionId"] = script.ToString(),
            ["Input.Facilitators"] = facilitators, ["Input.Counts[VillageChief]"] = count,
        };
        (await senior.PostFormAsync("/Consultations/New", Plan(svayPaoVillage, "ouchar.senior"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var unknown = await senior.PostFormAsync("/Consultations/New", Plan(ouChar, "ouchar.senior, nobody.here"));
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("nobody.here");
        (await senior.PostFormAsync("/Consultations/New", Plan(ouChar, "ouchar.senior", "-4"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.Consultations.CountAsync())).ShouldBe(before);

        var id = await PlanAsync(app, senior, ouChar, "ouchar.senior");
        var page = $"/Consultations/{id}";
        // A service only goes with "what needs to happen"; an unknown theme is refused.
        (await senior.PostFormAsync(page, new() { ["Entry.Column"] = "WorkingWell", ["Entry.Text"] = "Good school", ["Entry.ServiceNeeded"] = "Education" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await senior.PostFormAsync(page, new() { ["Entry.Column"] = "WorkingWell", ["Entry.Text"] = "Good school", ["Entry.Themes"] = "1073741824" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await senior.PostFormAsync(page, new() { ["Entry.Column"] = "NeedsToHappen", ["Entry.Text"] = " " })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await senior.PostFormAsync($"{page}?handler=Held", new() { ["HeldOn"] = Iso(TestClock.Today.AddDays(3)), ["Version"] = "0" }, formPage: page)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await app.WithDbAsync(async db =>
        {
            (await db.ConsultationEntries.CountAsync(e => e.ConsultationId == id)).ShouldBe(0);
            (await db.Consultations.SingleAsync(c => c.Id == id)).Status.ShouldBe(ConsultationStatus.Planned);
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Researchers_read_focus_groups_and_case_studies_but_a_withdrawn_consent_hides_the_study(string provider)
    {
        var app = await apps.Get(provider);
        var senior = await app.As("ouchar.senior");
        var household = await app.UniqueHouseholdAsync("02030902");
        var title = "Study " + DemoData.UniqueLatin();
        Dictionary<string, string> Study(string use, string version, int householdId) => new()
        {
            ["Input.HouseholdId"] = householdId.ToString(), ["Input.TitleKm"] = "ករណី " + title, ["Input.TitleEn"] = title, ["Input.TextKm"] = "រឿងរ៉ាវរបស់គ្រួសារនេះ", ["Input.TextEn"] = "The story",
            ["Input.ConsentGivenBy"] = "The mother", ["Input.ConsentOn"] = Iso(TestClock.Today), ["Input.Use"] = use, ["Input.Version"] = version,
        };
        // A household outside the writer's area is refused, nothing saved.
        var before = await app.WithDbAsync(db => db.CaseStudies.CountAsync());
        var svayPao = await app.SvayPaoHouseholdAsync();
        (await senior.PostFormAsync("/Research/CaseStudies", Study("Internal", "0", svayPao.Id))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.CaseStudies.CountAsync())).ShouldBe(before);

        (await senior.PostFormAsync("/Research/CaseStudies", Study("AnonymisedPublication", "0", household.Id))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithDbAsync(db => db.CaseStudies.Where(s => s.TitleEn == title).Select(s => s.Id).SingleAsync());
        var page = $"/Research/CaseStudies/{id}";
        var researcher = await app.As("researcher");
        (await researcher.GetHtmlAsync("/Research")).ShouldContain(page + "\"");
        var read = await researcher.GetHtmlAsync(page);
        read.ShouldContain("រឿងរ៉ាវរបស់គ្រួសារនេះ");
        read.ShouldNotContain(household.HeadLatin);
        (await senior.GetHtmlAsync(page)).ShouldContain(household.HeadLatin);
        (await researcher.PostFormAsync(page, Study("Internal", "0", household.Id), formPage: "/Research")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await senior.PostFormAsync(page, Study("Withdrawn", "0", household.Id))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await researcher.GetHtmlAsync("/Research")).ShouldNotContain(page + "\"");
        await researcher.GetHtmlAsync(page, HttpStatusCode.NotFound);
        await (await app.As("district.manager")).GetHtmlAsync(page, HttpStatusCode.NotFound);
        (await senior.GetHtmlAsync("/Research")).ShouldContain(page + "\"");
        // The demo's withdrawn study is hidden the same way.
        (await researcher.GetHtmlAsync("/Research")).ShouldNotContain(DemoConsultations.WithdrawnTitle);

        // A focus group: counted by group and sex; Svay Pao's CCWC does not see Ou Char's.
        var commune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var group = "Group " + DemoData.UniqueLatin();
        (await senior.PostFormAsync("/Research/FocusGroups", new()
        {
            ["Input.Title"] = group, ["Input.HeldOn"] = Iso(TestClock.Today), ["Input.CommuneId"] = commune.ToString(), ["Input.Facilitator"] = "ouchar.senior",
            ["Input.Counts[6]"] = "7", ["Input.Counts[7]"] = "3", ["Input.Themes"] = "MigrationLeavingChildren", ["Input.Quotes"] = "We want to stay together",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var fg = await app.WithDbAsync(db => db.FocusGroups.Include(f => f.Participants).SingleAsync(f => f.Title == group));
        fg.Participants.Sum(p => p.Count).ShouldBe(10);
        fg.Participants.Single(p => p.Sex == Sex.Female).Group.ShouldBe(ParticipantGroup.Parents);
        (await researcher.GetHtmlAsync($"/Research/FocusGroups/{fg.Id}")).ShouldContain("We want to stay together");
        await (await app.As("svaypao.ccwc")).GetHtmlAsync($"/Research/FocusGroups/{fg.Id}", HttpStatusCode.NotFound);
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Research")).ShouldNotContain(group);
    }
}
