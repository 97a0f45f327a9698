using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Features.Exports;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The longitudinal study: cohorts, waves and attrition in scope, frozen questionnaires, interviews and the research export.</summary>
public sealed class StudyTests(Apps apps)
{
    private static Task<int> WaveAsync(HiveApp app, int number) =>
        app.WithDbAsync(db => db.StudyWaves.Where(w => w.Cohort!.Name == DemoStudy.CohortName && w.Number == number).Select(w => w.Id).SingleAsync());

    /// <summary>A participant of the second wave not yet seen, in ouchar.vbsw1's villages, that no other test has taken.</summary>
    private static async Task<int> PendingAsync(HiveApp app)
    {
        var wave = await WaveAsync(app, 2);
        return await app.WithDbAsync(async db =>
        {
            var id = await db.WaveParticipants.Where(p => p.WaveId == wave && p.Status == ParticipantStatus.Pending).OrderBy(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync();
            if (id != 0) return id;
            // The demo's pending households may all be taken by earlier tests: add one more to the wave.
            var household = await db.CohortMembers.Where(m => m.Cohort!.Name == DemoStudy.CohortName && !db.WaveParticipants.Any(p => p.WaveId == wave && p.HouseholdId == m.HouseholdId))
                .Select(m => m.HouseholdId).FirstOrDefaultAsync();
            if (household == 0)
            {
                household = await db.Households.Where(h => h.Village!.Commune!.Code == DemoGeography.OuCharCode && !db.WaveParticipants.Any(p => p.WaveId == wave && p.HouseholdId == h.Id))
                    .OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();
            }
            var p = new WaveParticipant { WaveId = wave, HouseholdId = household };
            db.WaveParticipants.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_study_page_shows_the_cohort_and_its_waves_with_attrition_in_scope_only(string provider)
    {
        var app = await apps.Get(provider);
        var wave1 = await WaveAsync(app, 1);
        var counts = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.WaveId == wave1).GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var planned = counts.Sum(c => c.Count);
        var lost = counts.Where(c => StudyRules.IsLost(c.Key)).Sum(c => c.Count);
        lost.ShouldBeGreaterThan(0, "the demo's baseline has households lost to it");

        var html = await (await app.As("district.manager")).GetHtmlAsync("/Study");
        html.ShouldContain(DemoStudy.CohortName);
        html.ShouldContain($"<td data-count=\"planned\">{planned}</td>");
        html.ShouldContain($"<td data-count=\"attrition\">{StudyRules.AttritionPercent(planned, lost)}%</td>");

        // Another commune's users see no Ou Char cohort, its wave or its interviews.
        var svayPao = await app.As("svaypao.ccwc");
        (await svayPao.GetHtmlAsync("/Study")).ShouldNotContain(DemoStudy.CohortName);
        (await svayPao.GetAsync($"/Study/Waves/{wave1}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var participant = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.WaveId == wave1).Select(p => p.Id).FirstAsync());
        (await svayPao.GetAsync($"/Study/Interview/{participant}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A Village social worker's wave list holds only their villages' households.
        var vbsw = await app.As("ouchar.vbsw1");
        var waveHtml = await vbsw.GetHtmlAsync($"/Study/Waves/{wave1}");
        var inScope = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.WaveId == wave1).Select(p => new { p.Id, p.Household!.Village!.Code }).ToDictionaryAsync(x => x.Id, x => x.Code));
        var shown = System.Text.RegularExpressions.Regex.Matches(waveHtml, "id=\"participant-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        shown.ShouldNotBeEmpty();
        // ouchar.vbsw1 covers Ou Char's first three villages.
        shown.ShouldAllBe(id => string.CompareOrdinal(inScope[id], DemoGeography.OuCharCode + "03") <= 0);

        // A researcher sees pseudonyms, never the head's name.
        var first = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.WaveId == wave1).OrderBy(p => p.Household!.Village!.Code).ThenBy(p => p.HouseholdId)
            .Select(p => new { p.HouseholdId, p.Household!.HeadNameKm }).FirstAsync());
        var researcherHtml = await (await app.As("researcher")).GetHtmlAsync($"/Study/Waves/{wave1}");
        researcherHtml.ShouldNotContain(first.HeadNameKm);
        await using var services = app.Services.CreateAsyncScope();
        var pseudonyms = services.ServiceProvider.GetRequiredService<Pseudonyms>();
        await pseudonyms.LoadAsync();
        researcherHtml.ShouldContain(pseudonyms.Of("household", first.HouseholdId));
        (await (await app.As("ouchar.ccwc")).GetHtmlAsync($"/Study/Waves/{wave1}")).ShouldContain(first.HeadNameKm);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_frozen_version_cannot_change_and_a_new_version_starts_as_a_copy_of_the_last(string provider)
    {
        var app = await apps.Get(provider);
        var versionId = await app.WithDbAsync(db => db.StudyWaves.Where(w => w.Cohort!.Name == DemoStudy.CohortName && w.Number == 1).Select(w => w.QuestionnaireVersionId).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            var question = await db.StudyQuestions.Where(q => q.VersionId == versionId).OrderBy(q => q.Order).FirstAsync();
            question.TextEn = "Changed after the wave";
            (await db.SaveOrRefuseAsync()).ShouldBe(SaveOutcome.Refused);
        });
        await app.WithDbAsync(async db =>
        {
            db.StudyQuestions.Add(new StudyQuestion { VersionId = versionId, Order = 99, Code = "Added" + provider, TextEn = "x", TextKm = "x", Type = QuestionType.Text });
            (await db.SaveOrRefuseAsync()).ShouldBe(SaveOutcome.Refused);
        });
        await app.WithDbAsync(async db =>
        {
            var version = await db.QuestionnaireVersions.Include(v => v.Questions).SingleAsync(v => v.Id == versionId);
            version.FrozenOn = null;
            (await db.SaveOrRefuseAsync()).ShouldBe(SaveOutcome.Refused);
        });
        (await app.WithDbAsync(db => db.StudyQuestions.CountAsync(q => q.VersionId == versionId && q.TextEn == "Changed after the wave"))).ShouldBe(0);

        // A new version copies the last, and may change until a wave asks it.
        var (draftId, codes) = await app.WithDbAsync(async db =>
        {
            var last = await db.QuestionnaireVersions.Include(v => v.Questions).Where(v => v.QuestionnaireId == db.QuestionnaireVersions.Where(x => x.Id == versionId).Select(x => x.QuestionnaireId).First())
                .OrderByDescending(v => v.Number).FirstAsync();
            var draft = last.NextDraft("researcher", TestClock.UtcNow);
            db.QuestionnaireVersions.Add(draft);
            (await db.SaveOrRefuseAsync()).ShouldBe(SaveOutcome.Saved);
            return (draft.Id, last.Questions.OrderBy(q => q.Order).Select(q => q.Code).ToList());
        });
        await app.WithDbAsync(async db =>
        {
            var questions = await db.StudyQuestions.Where(q => q.VersionId == draftId).OrderBy(q => q.Order).ToListAsync();
            questions.Select(q => q.Code).ShouldBe(codes);
            questions[0].TextEn = "Income on a usual day, all earners";
            (await db.SaveOrRefuseAsync()).ShouldBe(SaveOutcome.Saved);
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_interview_saves_one_row_per_answer_and_bad_input_is_refused_with_nothing_saved(string provider)
    {
        var app = await apps.Get(provider);
        var id = await PendingAsync(app);
        var worker = await app.As("ouchar.ccwc");
        var url = $"/Study/Interview/{id}";
        var page = await worker.GetHtmlAsync(url);
        page.ShouldContain("name=\"q.DailyIncomeUsd\"");

        var good = new Dictionary<string, string>
        {
            ["On"] = TestClock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["SeenVersion"] = "0",
            ["q.DailyIncomeUsd"] = "7.5",
            ["q.MonthlySavingsUsd"] = "20",
            ["q.FoodSecurity"] = "Mild",
            ["q.ChildrenOfSchoolAge"] = "2",
            ["q.ChildrenEnrolled"] = "2",
            ["q.ChildrenAttending"] = "1",
            ["q.Violence"] = "None",
            ["q.Alcohol"] = "Some",
            ["q.ParentMigrated"] = "yes",
            ["q.AllChildrenBirthRegistered"] = "no",
            ["q.Housing"] = "NeedsRepair",
            ["q.Wellbeing"] = "6",
        };
        foreach (var (field, bad) in new[] { ("q.DailyIncomeUsd", "abc"), ("q.Wellbeing", "11"), ("q.FoodSecurity", "Rich"), ("q.ParentMigrated", "maybe"), ("q.DailyIncomeUsd", "-3"), ("On", "2099-01-01") })
        {
            var form = new Dictionary<string, string>(good) { [field] = bad };
            var refused = await worker.PostFormAsync(url, form, formPage: url);
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, $"{field}={bad}");
            (await app.WithDbAsync(db => db.StudyAnswers.CountAsync(a => a.ParticipantId == id))).ShouldBe(0);
            (await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.Id == id).Select(p => p.Status).SingleAsync())).ShouldBe(ParticipantStatus.Pending);
        }
        // Another status needs its reason.
        (await worker.PostFormAsync(url + "?handler=Status", new() { ["NewStatus"] = "Moved", ["On"] = good["On"], ["Reason"] = "", ["SeenVersion"] = "0" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var saved = await worker.PostFormAsync(url, good, formPage: url);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var answers = await app.WithDbAsync(db => db.StudyAnswers.Where(a => a.ParticipantId == id).Select(a => new { a.Question!.Code, a.NumberHundredths, a.YesNo, a.Choice }).ToListAsync());
        answers.Count.ShouldBe(12);
        answers.Select(a => a.Code).Distinct().Count().ShouldBe(12);
        answers.Single(a => a.Code == "DailyIncomeUsd").NumberHundredths.ShouldBe(750);
        answers.Single(a => a.Code == "ParentMigrated").YesNo.ShouldBe(true);
        answers.Single(a => a.Code == "Housing").Choice.ShouldBe("NeedsRepair");
        var participant = await app.WithDbAsync(db => db.WaveParticipants.SingleAsync(p => p.Id == id));
        participant.Status.ShouldBe(ParticipantStatus.Completed);
        participant.RecordedBy.ShouldBe("ouchar.ccwc");
        participant.StatusOn.ShouldBe(TestClock.Today);

        // Saving again (a correction) keeps one row per answer; an old page (stale version) is refused.
        (await worker.PostFormAsync(url, new Dictionary<string, string>(good) { ["SeenVersion"] = participant.Version.ToString(CultureInfo.InvariantCulture), ["q.Wellbeing"] = "7" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.StudyAnswers.CountAsync(a => a.ParticipantId == id))).ShouldBe(12);
        (await worker.PostFormAsync(url, good, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        // Readers who do not interview may not post; a researcher does not open interviews.
        (await (await app.As("researcher")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.As("district.manager")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Recording_a_status_moves_the_attrition(string provider)
    {
        var app = await apps.Get(provider);
        var id = await PendingAsync(app);
        var wave = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.Id == id).Select(p => p.WaveId).SingleAsync());
        var manager = await app.As("district.manager");
        static int Figure(string html, string name) =>
            int.Parse(System.Text.RegularExpressions.Regex.Match(html, $"data-count=\"{name}\">(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var before = await manager.GetHtmlAsync($"/Study/Waves/{wave}");

        var worker = await app.As("ouchar.senior");
        var url = $"/Study/Interview/{id}";
        (await worker.PostFormAsync(url + "?handler=Status", new() { ["NewStatus"] = "Moved", ["On"] = TestClock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Reason"] = "ទៅធ្វើការនៅថៃ", ["SeenVersion"] = "0" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await manager.GetHtmlAsync($"/Study/Waves/{wave}");
        Figure(after, "lost").ShouldBe(Figure(before, "lost") + 1);
        Figure(after, "pending").ShouldBe(Figure(before, "pending") - 1);
        Figure(after, "planned").ShouldBe(Figure(before, "planned"));
        var (planned, lost) = await app.WithDbAsync(async db => (
            await db.WaveParticipants.CountAsync(p => p.WaveId == wave),
            await db.WaveParticipants.CountAsync(p => p.WaveId == wave && p.Status != ParticipantStatus.Pending && p.Status != ParticipantStatus.Completed)));
        Figure(after, "attrition").ShouldBe(StudyRules.AttritionPercent(planned, lost));
        var moved = await app.WithDbAsync(db => db.WaveParticipants.SingleAsync(p => p.Id == id));
        moved.Status.ShouldBe(ParticipantStatus.Moved);
        moved.Reason.ShouldBe("ទៅធ្វើការនៅថៃ");
        moved.RecordedBy.ShouldBe("ouchar.senior");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_research_export_of_one_wave_has_a_row_per_participant_per_question_and_a_codebook_naming_every_column(string provider)
    {
        var app = await apps.Get(provider);
        var wave = await WaveAsync(app, 1);
        // Households whose latest research answer is yes; the others (no answer, or no) are never exported.
        var latest = await app.WithDbAsync(async db => (await db.ConsentRecords.Where(c => c.Use == ConsentUse.Research && c.PersonId == null)
            .Select(c => new { c.HouseholdId, c.Given, c.RecordedAt, c.Id }).ToListAsync())
            .GroupBy(c => c.HouseholdId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).First().Given));
        var participants = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.WaveId == wave)
            .Select(p => new { p.Id, p.HouseholdId, p.Status, Answers = p.Answers.Count }).ToListAsync());
        var exported = participants.Where(p => latest.GetValueOrDefault(p.HouseholdId)).ToList();
        var hidden = participants.Where(p => !latest.GetValueOrDefault(p.HouseholdId)).ToList();
        exported.ShouldNotBeEmpty();
        hidden.ShouldContain(p => latest.ContainsKey(p.HouseholdId), "a cohort household that refused research");
        hidden.ShouldContain(p => !latest.ContainsKey(p.HouseholdId), "a cohort household never asked");

        var researcher = await app.As("researcher");
        async Task<List<Dictionary<string, string>>> Table(string table)
        {
            var response = await researcher.GetAsync($"/Exports/Research?format=csv&table={table}&wave={wave}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return Csv(await response.Content.ReadAsByteArrayAsync());
        }
        var longRows = await Table("study");
        var wide = await Table("study-wide");
        var codebook = await Table("codebook");

        await using var services = app.Services.CreateAsyncScope();
        var pseudonyms = services.ServiceProvider.GetRequiredService<Pseudonyms>();
        await pseudonyms.LoadAsync();
        // Long form: exactly the answers of consenting participants, one row per participant and question.
        longRows.Count.ShouldBe(exported.Sum(p => p.Answers));
        longRows.GroupBy(r => (r["Household"], r["QuestionCode"])).ShouldAllBe(g => g.Count() == 1);
        longRows.ShouldAllBe(r => r["Wave"] == "1" && r["CommuneStartYear"] == "2020" && r["VillageCode"].StartsWith(DemoGeography.OuCharCode));
        foreach (var p in exported.Where(p => p.Answers > 0))
            longRows.Count(r => r["Household"] == pseudonyms.Of("household", p.HouseholdId)).ShouldBe(p.Answers);
        longRows.Where(r => r["QuestionCode"] == "DailyIncomeUsd").ShouldAllBe(r => r["Unit"] == "USD");
        longRows.First().Keys.ShouldBe(["Household", "VillageCode", "CommuneStartYear", "Wave", "QuestionCode", "Value", "Unit"]);

        // Wide form: a row per consenting participant, a column per question code; the codebook names every column.
        wide.Count.ShouldBe(exported.Count);
        var columns = wide[0].Keys.ToList();
        codebook.Select(c => c["Name"]).ShouldBe(columns);
        codebook.ShouldAllBe(c => c["LabelEn"].Length > 0 && c["LabelKm"].Length > 0 && c["Type"].Length > 0);
        columns.ShouldContain("Wellbeing");
        codebook.Single(c => c["Name"] == "FoodSecurity")["AllowedValues"].ShouldContain("Severe");

        var all = string.Join("\n", longRows.Concat(wide).SelectMany(r => r.Values));
        foreach (var p in hidden) all.ShouldNotContain(pseudonyms.Of("household", p.HouseholdId));

        // A wave out of the researcher's sight or a made-up table is refused.
        (await researcher.GetAsync("/Exports/Research?format=csv&table=study&wave=999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await researcher.GetAsync("/Exports/Research?format=csv&table=answers")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_commune_report_shows_the_waves_from_the_same_answers(string provider)
    {
        var app = await apps.Get(provider);
        var commune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var wave = await WaveAsync(app, 1);
        var html = await (await app.As("ouchar.ccwc")).GetHtmlAsync($"/Reports/Commune/{commune}/2023");
        html.ShouldContain("id=\"report-study\"");
        var completed = await app.WithDbAsync(db => db.WaveParticipants.CountAsync(p => p.WaveId == wave && p.Status == ParticipantStatus.Completed));
        html.ShouldContain($"data-wave=\"1\" data-figure=\"completed\">{completed}<");
        html.ShouldContain("data-wave=\"2\" data-figure=\"attrition\">");
        // 2020's report comes before the baseline: no wave yet.
        var before = await (await app.As("ouchar.ccwc")).GetHtmlAsync($"/Reports/Commune/{commune}/2020");
        before.ShouldNotContain("data-figure=\"completed\">");
    }

    private static List<Dictionary<string, string>> Csv(byte[] bytes)
    {
        var text = new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Fields(lines[0]);
        return lines.Skip(1).Select(Fields).Select(f => header.Zip(f).ToDictionary(x => x.First, x => x.Second)).ToList();
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
