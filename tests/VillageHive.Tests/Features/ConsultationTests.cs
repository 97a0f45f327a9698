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

    private static Dictionary<string, string> PlanForm(int village, DateOnly on, int script, string facilitators, int version, string parents = "14") => new()
    {
        ["Input.VillageId"] = village.ToString(), ["Input.PlannedOn"] = Iso(on), ["Input.ScriptVersionId"] = script.ToString(),
        ["Input.Facilitators"] = facilitators, ["Input.PreBrief"] = "Changed roles", ["Input.Counts[Parents]"] = parents, ["Input.Counts[Elders]"] = "6",
        ["Input.Version"] = version.ToString(),
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_plan_is_edited_until_the_consultation_is_held_and_then_refused_with_the_reason(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030904");
        var other = await app.VillageIdAsync("02030905");
        var senior = await app.As("ouchar.senior");
        var id = await PlanAsync(app, senior, village, "ouchar.senior");
        var script = await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.ScriptVersionId).SingleAsync());
        var plan = $"/Consultations/{id}/Plan";
        (await senior.GetHtmlAsync($"/Consultations/{id}")).ShouldContain(plan + "\"");
        (await senior.GetHtmlAsync(plan)).ShouldContain("id=\"plan-form\"");

        var on = TestClock.Today.AddDays(12);
        (await senior.PostFormAsync(plan, PlanForm(other, on, script, "ouchar.senior, ouchar.vbsw2", 0))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.WithDbAsync(db => db.Consultations.Include(c => c.Participants).SingleAsync(c => c.Id == id));
        saved.VillageId.ShouldBe(other);
        saved.PlannedOn.ShouldBe(on);
        saved.Facilitators.ShouldBe("ouchar.senior, ouchar.vbsw2");
        saved.PreBrief.ShouldBe("Changed roles");
        saved.Participants.OrderBy(p => p.Group).Select(p => (p.Group, p.Count)).ShouldBe([(ParticipantGroup.Parents, 14), (ParticipantGroup.Elders, 6)]);
        saved.Version.ShouldBe(1);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Consultation" && a.EntityId == id.ToString() && a.Action == "Update" && a.UserName == "ouchar.senior")))
            .ShouldBeGreaterThanOrEqualTo(1);

        // A form shown before that change is refused (version check) and changes nothing.
        var stale = await senior.PostFormAsync(plan, PlanForm(village, on.AddDays(1), script, "ouchar.senior", 0));
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await senior.GetHtmlAsync(stale.Headers.Location!.OriginalString)).ShouldContain("flash-error");
        (await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Id == id))).PlannedOn.ShouldBe(on);
        // Only a participant count changes: still checked and saved.
        (await senior.PostFormAsync(plan, PlanForm(other, on, script, "ouchar.senior, ouchar.vbsw2", 1, parents: "20"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ConsultationParticipants.SingleAsync(p => p.ConsultationId == id && p.Group == ParticipantGroup.Parents))).Count.ShouldBe(20);
        (await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Id == id))).Version.ShouldBe(2);

        // A village worker and the chief may not change plans.
        (await (await app.As("ouchar.vbsw2")).GetAsync(plan)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await senior.PostFormAsync($"/Consultations/{id}?handler=Held", new() { ["HeldOn"] = Iso(TestClock.Today), ["Version"] = "2" }, formPage: $"/Consultations/{id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var locked = await senior.GetHtmlAsync(plan);
        locked.ShouldContain("id=\"plan-locked\"");
        locked.ShouldNotContain("id=\"plan-form\"");
        (await senior.GetHtmlAsync($"/Consultations/{id}")).ShouldNotContain(plan + "\"");
        var refused = await senior.PostFormAsync(plan, PlanForm(village, on, script, "ouchar.senior", 3));
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("id=\"plan-locked\"");
        var after = await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Id == id));
        (after.VillageId, after.Facilitators, after.Status).ShouldBe((other, "ouchar.senior, ouchar.vbsw2", ConsultationStatus.Held));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Facilitators_are_the_commune_s_active_workers_and_older_typed_names_keep_showing(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030906");
        var senior = await app.As("ouchar.senior");
        var script = await app.WithDbAsync(db => db.ScriptVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());
        var before = await app.WithDbAsync(db => db.Consultations.CountAsync());
        // The form offers the commune's workers by display name, not Svay Pao's.
        var shown = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "ouchar.vbsw2" || u.UserName == "svaypao.vbsw1").ToDictionaryAsync(u => u.UserName!, u => u.DisplayName));
        var form = await senior.GetHtmlAsync("/Consultations/New");
        form.ShouldContain("value=\"ouchar.vbsw2\"");
        form.ShouldContain(System.Net.WebUtility.HtmlEncode(shown["ouchar.vbsw2"]));
        form.ShouldNotContain("value=\"svaypao.vbsw1\"");
        foreach (var bad in new[] { "ouchar.senior, svaypao.vbsw1", "Made Up Name", "" })
        {
            var response = await senior.PostFormAsync("/Consultations/New", PlanForm(village, TestClock.Today, script, bad, 0));
            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, bad);
            var html = await response.Content.ReadAsStringAsync();
            if (bad.Length > 0) html.ShouldContain(bad.Contains("svaypao", StringComparison.Ordinal) ? "svaypao.vbsw1" : "Made Up Name");
        }
        (await app.WithDbAsync(db => db.Consultations.CountAsync())).ShouldBe(before);

        // An older plan with a typed name shows it as typed, keeps it on edit, and refuses a new outsider.
        var id = await PlanAsync(app, senior, village, "ouchar.senior");
        await app.WithDbAsync(async db =>
        {
            var c = await db.Consultations.SingleAsync(x => x.Id == id);
            c.Facilitators = "Typed Sokha, ouchar.senior";
            await db.SaveChangesAsync();
        });
        var seniorName = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "ouchar.senior").Select(u => u.DisplayName).SingleAsync());
        var details = await senior.GetHtmlAsync($"/Consultations/{id}");
        details.ShouldContain("Typed Sokha");
        details.ShouldContain(System.Net.WebUtility.HtmlEncode(seniorName));
        var plan = $"/Consultations/{id}/Plan";
        (await senior.GetHtmlAsync(plan)).ShouldContain("value=\"Typed Sokha\" checked");
        var version = await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        (await senior.PostFormAsync(plan, PlanForm(village, TestClock.Today, script, "Typed Sokha, svaypao.ccwc", version))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await senior.PostFormAsync(plan, PlanForm(village, TestClock.Today, script, "Typed Sokha, Another Typed", version))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await senior.PostFormAsync(plan, PlanForm(village, TestClock.Today, script, "Typed Sokha, ouchar.vbsw2", version))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Id == id))).Facilitators.ShouldBe("Typed Sokha, ouchar.vbsw2");

        // A focus group's facilitator is chosen the same way.
        var commune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var groups = await app.WithDbAsync(db => db.FocusGroups.CountAsync());
        foreach (var bad in new[] { "svaypao.ccwc", "Made Up Name" })
            (await senior.PostFormAsync("/Research/FocusGroups", new()
            {
                ["Input.Title"] = "Group " + DemoData.UniqueLatin(), ["Input.HeldOn"] = Iso(TestClock.Today), ["Input.CommuneId"] = commune.ToString(), ["Input.Facilitator"] = bad,
            })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, bad);
        (await app.WithDbAsync(db => db.FocusGroups.CountAsync())).ShouldBe(groups);
        var fg = await app.WithDbAsync(db => db.FocusGroups.Where(f => f.Facilitator == "ouchar.senior").Select(f => f.Id).FirstAsync());
        (await senior.GetHtmlAsync($"/Research/FocusGroups/{fg}")).ShouldContain(System.Net.WebUtility.HtmlEncode(seniorName));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_commune_report_shows_the_year_s_consultations_per_village_and_focus_groups_by_group_and_sex(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var chief = await app.As("ouchar.chief");
        foreach (var year in new[] { 2021, 2022 })
        {
            var from = new DateOnly(year, 1, 1);
            var to = from.AddYears(1);
            var perVillage = await app.WithDbAsync(db => db.Consultations.Where(c => c.Village!.CommuneId == ouChar && c.Status == ConsultationStatus.Held && c.HeldOn >= from && c.HeldOn < to)
                .GroupBy(c => c.VillageId).Select(g => new { g.Key, N = g.Count() }).ToListAsync());
            perVillage.ShouldNotBeEmpty();
            var html = await chief.GetHtmlAsync($"/Reports/Commune/{ouChar}/{year}");
            var section = html[html.IndexOf("id=\"report-consultations\"", StringComparison.Ordinal)..html.IndexOf("id=\"report-study\"", StringComparison.Ordinal)];
            section.ShouldNotContain("no-consultations");
            foreach (var v in perVillage)
                section.ShouldMatch($"(?s)data-area=\"{v.Key}\">.*?data-figure=\"consultations-held\">{v.N}<");
            // Every demo consultation heard parents leaving for Thailand: the danger heard most.
            section.ShouldContain("data-theme=\"MigrationLeavingChildren\"");
            section.ShouldContain("no-focus-groups");
        }

        // 2023: the demo's focus groups of Ou Char, counted by group and sex; no names.
        var people = await app.WithDbAsync(db => db.FocusGroupParticipants.Where(p => db.FocusGroups.Any(f => f.Id == p.FocusGroupId && f.CommuneId == ouChar && f.HeldOn >= new DateOnly(2023, 1, 1) && f.HeldOn < new DateOnly(2024, 1, 1)))
            .GroupBy(p => new { p.Group, p.Sex }).Select(g => new { g.Key.Group, g.Key.Sex, N = g.Sum(p => p.Count) }).ToListAsync());
        people.ShouldNotBeEmpty();
        var report = await chief.GetHtmlAsync($"/Reports/Commune/{ouChar}/2023");
        foreach (var g in people.GroupBy(p => p.Group))
        {
            report.ShouldMatch($"(?s)data-group=\"{g.Key}\">.*?data-figure=\"focus-women\">{g.Where(p => p.Sex == Sex.Female).Sum(p => p.N)}<.*?data-figure=\"focus-men\">{g.Where(p => p.Sex == Sex.Male).Sum(p => p.N)}<");
        }
        report.ShouldNotContain("Families of Ou Char");
        Figures.Of(report).Number("referrals").ShouldBe(64);

        // A year with none says so, in English too; Svay Pao's report never shows Ou Char's consultations.
        var english = await app.SignInAsync("ouchar.chief", Db.DemoPassword);
        await english.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/");
        var empty = await english.GetHtmlAsync($"/Reports/Commune/{ouChar}/2019");
        empty.ShouldContain("No consultation was held this year.");
        empty.ShouldContain("No focus group was held this year.");
        var svayPao = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.SvayPaoCode).Select(c => c.Id).SingleAsync());
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync($"/Reports/Commune/{svayPao}/2021")).ShouldContain("no-consultations");
    }
}
