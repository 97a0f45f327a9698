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

    /// <summary>The demo cohort's wave open today (the demo's third, by the commune clock).</summary>
    private static Task<int> OpenWaveAsync(HiveApp app) =>
        app.WithDbAsync(db => db.StudyWaves.Where(w => w.Cohort!.Name == DemoStudy.CohortName && w.PlannedFrom <= TestClock.Today && w.PlannedTo >= TestClock.Today)
            .Select(w => w.Id).SingleAsync());

    /// <summary>A participant of the wave open today not yet seen, in ouchar.vbsw1's villages, that no other test has taken.</summary>
    private static async Task<int> PendingAsync(HiveApp app)
    {
        var wave = await OpenWaveAsync(app);
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

    /// <summary>A new study made on its page by the researcher: its id and its questionnaire's (a draft first version).</summary>
    private static async Task<(int Study, int Questionnaire, int Draft)> NewStudyAsync(HiveApp app, HttpClient researcher, string name)
    {
        var created = await researcher.PostFormAsync("/Study/New", new() { ["NameKm"] = "ការសិក្សា " + name, ["NameEn"] = name, ["Purpose"] = "Testing the pages" });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await app.WithDbAsync(async db =>
        {
            var study = await db.Studies.Where(s => s.NameEn == name).Select(s => new { s.Id, Questionnaire = s.Questionnaires.Select(q => q.Id).Single() }).SingleAsync();
            var draft = await db.QuestionnaireVersions.Where(v => v.QuestionnaireId == study.Questionnaire).Select(v => new { v.Id, v.FrozenOn, v.Number }).SingleAsync();
            draft.FrozenOn.ShouldBeNull();
            draft.Number.ShouldBe(1);
            created.Headers.Location!.OriginalString.ShouldEndWith($"/Study/Studies/{study.Id}");
            return (study.Id, study.Questionnaire, draft.Id);
        });
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_researcher_makes_a_study_a_cohort_and_waves_on_pages_and_an_overlapping_window_is_refused(string provider)
    {
        var app = await apps.Get(provider);
        var researcher = await app.As("researcher");
        var name = "Pages study " + Guid.NewGuid().ToString("N")[..8];
        var (studyId, _, draftId) = await NewStudyAsync(app, researcher, name);
        var url = $"/Study/Studies/{studyId}";
        (await app.WithDbAsync(db => db.StudyQuestions.CountAsync(q => q.VersionId == draftId))).ShouldBe(StudyQuestions.Outcomes().Count);
        // Everyone who reads studies sees a study without a cohort; those who do not design may not add to it.
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync(url)).ShouldContain(name);
        var ccwc = await app.As("ouchar.ccwc");
        (await ccwc.PostFormAsync(url + "?handler=Cohort", new() { ["CommuneId"] = "1", ["CohortName"] = "x" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ccwc.GetAsync("/Study/New")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A cohort: Ou Char's households from the day its Hive began.
        var ouChar = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        (await researcher.PostFormAsync(url + "?handler=Cohort", new() { ["CommuneId"] = ouChar.ToString(CultureInfo.InvariantCulture), ["CohortName"] = "" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        // Other tests add and merge Ou Char households on the same app meanwhile: the cohort holds the commune's households
        // as they were at some moment between the two counts, and none of another commune.
        Task<int> OuCharHouseholdsAsync() => app.WithDbAsync(db => db.Households.CountAsync(h => h.Village!.CommuneId == ouChar && h.MergedIntoHouseholdId == null));
        var before = await OuCharHouseholdsAsync();
        (await researcher.PostFormAsync(url + "?handler=Cohort", new() { ["CommuneId"] = ouChar.ToString(CultureInfo.InvariantCulture), ["CohortName"] = "Ou Char at its start" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await OuCharHouseholdsAsync();
        var cohort = await app.WithDbAsync(db => db.StudyCohorts.Where(c => c.StudyId == studyId)
            .Select(c => new { c.Id, c.HiveStartYear, c.Rule, Members = c.Members.Count, Elsewhere = c.Members.Count(m => m.Household!.Village!.CommuneId != ouChar) }).SingleAsync());
        cohort.HiveStartYear.ShouldBe(2020);
        cohort.Rule.ShouldBe(StudyRules.HiveStartRule);
        cohort.Members.ShouldBeInRange(Math.Min(before, after), Math.Max(before, after));
        cohort.Elsewhere.ShouldBe(0);
        // The same commune twice is refused.
        (await researcher.PostFormAsync(url + "?handler=Cohort", new() { ["CommuneId"] = ouChar.ToString(CultureInfo.InvariantCulture), ["CohortName"] = "Again" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        // Now the study has a cohort in Ou Char: Svay Pao's users no longer see it.
        (await (await app.As("svaypao.ccwc")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        Dictionary<string, string> Wave(DateOnly from, DateOnly to) => new()
        {
            ["CohortId"] = cohort.Id.ToString(CultureInfo.InvariantCulture), ["PlannedFrom"] = Day(from), ["PlannedTo"] = Day(to), ["VersionId"] = draftId.ToString(CultureInfo.InvariantCulture),
        };
        var from = TestClock.Today.AddMonths(1);
        var to = from.AddMonths(3);
        // A draft may not be asked: publish it first.
        (await researcher.PostFormAsync(url + "?handler=Wave", Wave(from, to), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var questionnaireUrl = $"/Study/Questionnaires/{await app.WithDbAsync(db => db.QuestionnaireVersions.Where(v => v.Id == draftId).Select(v => v.QuestionnaireId).SingleAsync())}";
        (await researcher.PostFormAsync(questionnaireUrl + "?handler=Publish", new() { ["VersionId"] = draftId.ToString(CultureInfo.InvariantCulture) }, formPage: questionnaireUrl))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.QuestionnaireVersions.Where(v => v.Id == draftId).Select(v => v.FrozenOn).SingleAsync())).ShouldBe(TestClock.Today);

        (await researcher.PostFormAsync(url + "?handler=Wave", Wave(from, to), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var wave = await app.WithDbAsync(db => db.StudyWaves.Where(w => w.CohortId == cohort.Id)
            .Select(w => new { w.Id, w.Number, w.PlannedFrom, w.PlannedTo, Participants = w.Participants.Count, Pending = w.Participants.Count(p => p.Status == ParticipantStatus.Pending) }).SingleAsync());
        (wave.Number, wave.PlannedFrom, wave.PlannedTo).ShouldBe((1, from, to));
        wave.Participants.ShouldBe(cohort.Members);
        wave.Pending.ShouldBe(cohort.Members);

        // Overlapping the first wave, or ending before it starts: refused with its message, nothing saved.
        var overlap = await researcher.PostFormAsync(url + "?handler=Wave", Wave(to, to.AddMonths(2)), formPage: url);
        overlap.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await overlap.Content.ReadAsStringAsync()).ShouldContain("រយៈពេលនេះជាន់គ្នាជាមួយជុំផ្សេងទៀតនៃការសិក្សានេះ");
        (await researcher.PostFormAsync(url + "?handler=Wave", Wave(to.AddMonths(5), to.AddMonths(4)), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.StudyWaves.CountAsync(w => w.CohortId == cohort.Id))).ShouldBe(1);
        // A second wave after the first.
        (await researcher.PostFormAsync(url + "?handler=Wave", Wave(to.AddMonths(12), to.AddMonths(14)), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.StudyWaves.Where(w => w.CohortId == cohort.Id).OrderBy(w => w.Number).Select(w => w.Number).ToListAsync())).ShouldBe([1, 2]);

        // The first wave's window changes while nobody was seen in it (not onto the second wave's); then it stays.
        var windowUrl = $"/Study/Waves/{wave.Id}/Window";
        (await researcher.PostFormAsync(windowUrl, new() { ["PlannedFrom"] = Day(from), ["PlannedTo"] = Day(to.AddMonths(13)) })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await researcher.PostFormAsync(windowUrl, new() { ["PlannedFrom"] = Day(from.AddDays(7)), ["PlannedTo"] = Day(to.AddDays(7)) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.StudyWaves.Where(w => w.Id == wave.Id).Select(w => w.PlannedFrom).SingleAsync())).ShouldBe(from.AddDays(7));
        await app.WithDbAsync(async db =>
        {
            var p = await db.WaveParticipants.Where(p => p.WaveId == wave.Id).OrderBy(p => p.Id).FirstAsync();
            (p.Status, p.StatusOn, p.Reason) = (ParticipantStatus.Refused, from.AddDays(8), "test");
            await db.SaveChangesAsync();
        });
        var asked = await researcher.PostFormAsync(windowUrl, new() { ["PlannedFrom"] = Day(from), ["PlannedTo"] = Day(to) });
        asked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.StudyWaves.Where(w => w.Id == wave.Id).Select(w => w.PlannedFrom).SingleAsync())).ShouldBe(from.AddDays(7));
        (await ccwc.GetAsync(windowUrl)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_draft_questionnaire_is_edited_on_its_page_and_a_published_version_is_refused_with_the_reason(string provider)
    {
        var app = await apps.Get(provider);
        var researcher = await app.As("researcher");
        var (_, questionnaire, draftId) = await NewStudyAsync(app, researcher, "Questionnaire study " + Guid.NewGuid().ToString("N")[..8]);
        var url = $"/Study/Questionnaires/{questionnaire}";
        var draft = draftId.ToString(CultureInfo.InvariantCulture);
        Task<List<StudyQuestion>> Questions(int version) => app.WithDbAsync(db => db.StudyQuestions.Where(q => q.VersionId == version).OrderBy(q => q.Order).ToListAsync());
        var count = (await Questions(draftId)).Count;

        var water = new Dictionary<string, string>
        {
            ["VersionId"] = draft, ["Code"] = "WaterSource", ["Type"] = "Choice", ["TextEn"] = "Where the household takes its water", ["TextKm"] = "គ្រួសារយកទឹកពីណា",
            ["Options"] = "Well|Well|អណ្តូង\nRiver|River|ទន្លេ", ["Unit"] = "",
        };
        (await researcher.PostFormAsync(url + "?handler=Add", water, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same code again, options not in three parts, no Khmer text: refused with nothing saved.
        foreach (var (field, bad) in new[] { ("Code", "WaterSource"), ("Options", "Well|Well"), ("TextKm", ""), ("Code", "2nd"), ("Type", "Colour") })
            (await researcher.PostFormAsync(url + "?handler=Add", new Dictionary<string, string>(water) { [field] = bad, ["Code"] = field == "Code" ? bad : "Other" }, formPage: url))
                .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, $"{field}={bad}");
        var questions = await Questions(draftId);
        questions.Count.ShouldBe(count + 1);
        var added = questions.Last();
        (added.Code, added.Order, added.Type).ShouldBe(("WaterSource", count + 1, QuestionType.Choice));
        added.AllowedOptions().Select(o => o.Code).ShouldBe(["Well", "River"]);

        // Change it to a number with a unit, move it up one place, then remove the first question after confirming.
        (await researcher.PostFormAsync(url + "?handler=Change", new Dictionary<string, string>(water)
        {
            ["QuestionId"] = added.Id.ToString(CultureInfo.InvariantCulture), ["Type"] = "Number", ["Unit"] = "minutes", ["TextEn"] = "Minutes to fetch water", ["Options"] = "",
        }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await researcher.PostFormAsync(url + "?handler=Move", new() { ["QuestionId"] = added.Id.ToString(CultureInfo.InvariantCulture), ["By"] = "-1" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var first = questions[0];
        (await researcher.GetHtmlAsync($"{url}?remove={first.Id}")).ShouldContain("id=\"confirm-remove\"");
        (await researcher.PostFormAsync(url + "?handler=Remove", new() { ["QuestionId"] = first.Id.ToString(CultureInfo.InvariantCulture) }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        questions = await Questions(draftId);
        questions.Count.ShouldBe(count);
        questions.Select(q => q.Order).ShouldBe(Enumerable.Range(1, count));
        questions.ShouldNotContain(q => q.Id == first.Id);
        var changed = questions.Single(q => q.Id == added.Id);
        (changed.Type, changed.Unit, changed.Options, changed.TextEn, changed.Order).ShouldBe((QuestionType.Number, "minutes", (string?)null, "Minutes to fetch water", count - 1));

        // Published, the version is frozen: a change is refused by the context and the page says why.
        (await researcher.PostFormAsync(url + "?handler=Publish", new() { ["VersionId"] = draft }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await researcher.PostFormAsync(url + "?handler=Change", new Dictionary<string, string>(water)
        {
            ["QuestionId"] = added.Id.ToString(CultureInfo.InvariantCulture), ["Code"] = "WaterMinutes", ["Type"] = "Number", ["Options"] = "",
        }, formPage: url);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("កំណែនេះបានផ្សព្វផ្សាយ (បង្កក) ហើយ");
        (await researcher.PostFormAsync(url + "?handler=Remove", new() { ["QuestionId"] = added.Id.ToString(CultureInfo.InvariantCulture) }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await researcher.PostFormAsync(url + "?handler=Add", new Dictionary<string, string>(water) { ["Code"] = "Late" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Questions(draftId)).Select(q => (q.Id, q.Code, q.Order)).ShouldBe(questions.Select(q => (q.Id, q.Code, q.Order)));

        // The next draft copies the published version; one draft at a time.
        (await researcher.PostFormAsync(url + "?handler=NextDraft", new() { ["Latest"] = "1" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = await app.WithDbAsync(db => db.QuestionnaireVersions.Where(v => v.QuestionnaireId == questionnaire && v.Number == 2).Select(v => new { v.Id, v.FrozenOn }).SingleAsync());
        next.FrozenOn.ShouldBeNull();
        (await Questions(next.Id)).Select(q => q.Code).ShouldBe(questions.Select(q => q.Code));
        (await researcher.PostFormAsync(url + "?handler=NextDraft", new() { ["Latest"] = "2" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync(v => v.QuestionnaireId == questionnaire))).ShouldBe(2);
        // Those who do not design may not edit.
        (await (await app.As("ouchar.ccwc")).PostFormAsync(url + "?handler=Publish", new() { ["VersionId"] = next.Id.ToString(CultureInfo.InvariantCulture) }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_interview_outside_its_waves_window_is_refused_with_nothing_saved(string provider)
    {
        var app = await apps.Get(provider);
        // The second wave ran in 2023: by the commune clock it is closed.
        var wave = await WaveAsync(app, 2);
        var before = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.WaveId == wave && p.Household!.Village!.Code == "02030901").OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Status, p.StatusOn, p.Version, Answers = p.Answers.Count }).FirstAsync());
        var worker = await app.As("ouchar.ccwc");
        var url = $"/Study/Interview/{before.Id}";
        (await worker.GetHtmlAsync(url)).ShouldContain("id=\"wave-closed\"");
        foreach (var on in new[] { TestClock.Today, new DateOnly(2023, 3, 1) })
        {
            var refused = await worker.PostFormAsync(url, new() { ["On"] = Day(on), ["SeenVersion"] = before.Version.ToString(CultureInfo.InvariantCulture), ["q.DailyIncomeUsd"] = "5", ["q.Wellbeing"] = "6" });
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, Day(on));
            (await refused.Content.ReadAsStringAsync()).ShouldContain("ជុំទី 2 ទទួលការសម្ភាសន៍តែពី");
            (await worker.PostFormAsync(url + "?handler=Status", new() { ["NewStatus"] = "Moved", ["On"] = Day(on), ["Reason"] = "ទៅថៃ", ["SeenVersion"] = before.Version.ToString(CultureInfo.InvariantCulture) }, formPage: url))
                .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        }
        var after = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.Id == before.Id).Select(p => new { p.Id, p.Status, p.StatusOn, p.Version, Answers = p.Answers.Count }).SingleAsync());
        after.ShouldBe(before);

        // In the wave open today, a day before its window opened is refused too.
        var open = await PendingAsync(app);
        var openFrom = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.Id == open).Select(p => p.Wave!.PlannedFrom).SingleAsync());
        (await worker.PostFormAsync($"/Study/Interview/{open}", new() { ["On"] = Day(openFrom.AddDays(-1)), ["SeenVersion"] = "0", ["q.Wellbeing"] = "6" }, formPage: $"/Study/Interview/{open}"))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.StudyAnswers.CountAsync(a => a.ParticipantId == open))).ShouldBe(0);
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
