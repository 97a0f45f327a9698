using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The MoSVY forms 1–6 of a case: filled from the case, the missing fields kept, form 2's scores over time.</summary>
public sealed class CaseFormsTests(Apps apps)
{
    private const string TooLong = "អត្ថបទនេះវែងពេក។";
    private const string DateInFuture = "កាលបរិច្ឆេទមិនអាចនៅពេលអនាគតបានទេ។";
    private const string AllDomains = "សូមដាក់ពិន្ទុគ្រប់បន្ទាត់ទាំងកុមារ និងគ្រួសារ។";
    private const string ScoreRange = "ពិន្ទុគឺពី ១ ដល់ ៤។";
    private const string CouldClose = "ពិន្ទុបង្ហាញថាករណីអាចបិទបាន";
    private const string NotYet = "ពិន្ទុមិនទាន់បង្ហាញថាគួរបិទករណីនៅឡើយទេ";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A case with an approved assessment, an agreed plan with an action, a visit, a care arrangement and a proposed closure.</summary>
    private static async Task<int> FullCaseAsync(HiveApp app)
    {
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        await app.WithDbAsync(async db =>
        {
            var now = TestClock.UtcNow;
            var today = TestClock.Today;
            var child = await db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Referral!.Children).Select(ch => ch.PersonId).FirstAsync();
            db.Assessments.Add(new Assessment
            {
                CaseId = caseId, Number = 1, AssessedOn = today.AddDays(-40), Status = AssessmentStatus.Approved, CreatedBy = "ouchar.vbsw1", CreatedAt = now,
                Strengths = "Grandmother walks the children to school", NextSteps = "Father stops drinking at home", WorkerScale = 4,
            });
            var plan = new SupportPlan { CaseId = caseId, Number = 1, Status = PlanStatus.Approved, CreatedBy = "ouchar.vbsw1", CreatedAt = now, AgreedOn = today.AddDays(-30), PresentAtAgreement = "Grandmother, village chief" };
            plan.Goals.Add(new PlanGoal { Order = 1, Text = "The children are never left alone at night" });
            plan.Actions.Add(new PlanAction { GoalOrder = 1, Order = 1, Text = "Aunt sleeps at the house when the father works nights", OwnerKind = ActionOwnerKind.Worker, OwnerWorker = "ouchar.vbsw1", DueOn = today.AddDays(10) });
            db.SupportPlans.Add(plan);
            db.Visits.Add(new Visit { CaseId = caseId, VisitedOn = today.AddDays(-5), Place = "home", WhoWasSeen = "grandmother and Sokha", Observations = "Rice in the pot, children at school", RecordedBy = "ouchar.vbsw1", RecordedAt = now });
            db.CareArrangements.Add(new CareArrangement { PersonId = child, Type = CareType.Grandparents, StartedOn = today.AddDays(-60), Reason = CareReason.ParentsMigrated, RecordedBy = "ouchar.vbsw1", RecordedAt = now });
            db.CaseClosures.Add(new CaseClosure { CaseId = caseId, Status = ClosureStatus.Proposed, ClosedOn = today, Reason = ClosureReason.SafetyGoalsMet, Note = "Safe with grandmother", ClosedBy = "ouchar.vbsw1", RecordedAt = now, FinalWorkerScale = 8 });
            await db.SaveChangesAsync();
        });
        return caseId;
    }

    private static Dictionary<string, string> Scoring(DateOnly on, int child, int family)
    {
        var fields = new Dictionary<string, string> { ["ScoredOn"] = Day(on) };
        foreach (var d in WellbeingDomains.Child) fields[$"Scores[{d}]"] = child.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var d in WellbeingDomains.Family) fields[$"Scores[{d}]"] = family.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return fields;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Each_form_is_filled_from_what_the_case_holds(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await FullCaseAsync(app);
        var head = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Household!.HeadNameKm).SingleAsync());
        var worker = await app.As("ouchar.vbsw1");

        var list = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms");
        for (var n = 1; n <= 6; n++) list.ShouldContain($"id=\"form-{n}\"");
        // Nothing answered yet: form 1 lacks its four asked fields, form 2 its scoring.
        list.ShouldContain("យោបល់របស់អ្នកកាន់ករណីចំពោះតម្រូវការ");
        list.ShouldContain("មិនទាន់មានការដាក់ពិន្ទុ");

        var one = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/1");
        one.ShouldContain("ទម្រង់ទី១៖ ព័ត៌មានបឋម");
        one.ShouldContain(head);
        one.ShouldContain($"href=\"/Cases/{caseId}/Forms/1/Pdf\"");
        one.ShouldContain("ក្រីក្រខ្លាំង គ្មានអាហារ"); // the referral's concern, ticked
        one.ShouldContain("☑");
        var three = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/3");
        three.ShouldContain("Aunt sleeps at the house when the father works nights");
        three.ShouldContain("The children are never left alone at night");
        three.ShouldContain("Grandmother walks the children to school");
        var four = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/4");
        four.ShouldContain("id=\"care-options\"");
        four.ShouldContain("ជីដូនជីតា");
        var five = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/5");
        five.ShouldContain("Rice in the pot, children at school");
        var six = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/6");
        six.ShouldContain("Safe with grandmother");
        six.ShouldContain("កុមារ និងគ្រួសារមិនទាន់ត្រូវបានដាក់ពិន្ទុ");

        // Only forms 1 to 6 exist, and only the PDF handler.
        await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/7", HttpStatusCode.NotFound);
        await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/0", HttpStatusCode.NotFound);
        await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/1/Nothing", HttpStatusCode.NotFound);
        await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/9/Edit", HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "Case" && e.EntityId == caseId.ToString() && e.Action == "Read" && e.UserName == "ouchar.vbsw1"))).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Missing_fields_are_asked_once_validated_kept_and_audited(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await FullCaseAsync(app);
        var worker = await app.As("ouchar.vbsw1");
        var edit = $"/Cases/{caseId}/Forms/1/Edit";

        var response = await worker.PostFormAsync(edit, new()
        {
            ["Answers[Interviewees]"] = "Grandmother and the child",
            ["Answers[WorkerView]"] = "Sokha needs a safe adult at night\nand help with school fees",
            ["Answers[ChildAndGuardianView]"] = "  ",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/Cases/{caseId}/Forms/1");
        var answers = await app.WithDbAsync(db => db.FormAnswers.AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync());
        answers.Select(a => a.Field).Order().ShouldBe(["Interviewees", "WorkerView"]);
        answers.ShouldAllBe(a => a.Form == 1 && a.AnsweredBy == "ouchar.vbsw1");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "FormAnswer" && e.Action == "Create" && e.UserName == "ouchar.vbsw1"))).ShouldBe(2);
        var one = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/1");
        // Kept with its line break (the page encodes it as &#xA;; pre-wrap shows it).
        one.ShouldContain("Sokha needs a safe adult at night&#xA;and help with school fees");
        (await worker.GetHtmlAsync(edit)).ShouldContain("Grandmother and the child");

        // Too long, a date in the future, a date that is no date: the form again with the message, nothing saved.
        response = await worker.PostFormAsync(edit, new() { ["Answers[Interviewees]"] = new string('ក', 201), ["Answers[WorkerView]"] = "changed" });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain(TooLong);
        (await app.WithDbAsync(db => db.FormAnswers.Where(a => a.CaseId == caseId && a.Field == "WorkerView").Select(a => a.Answer).SingleAsync())).ShouldStartWith("Sokha");
        response = await worker.PostFormAsync($"/Cases/{caseId}/Forms/6/Edit", new() { ["Answers[FamilyInformedOn]"] = Day(TestClock.Today.AddDays(3)), ["Answers[CaseHistory]"] = "story" });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain(DateInFuture);
        response = await worker.PostFormAsync($"/Cases/{caseId}/Forms/5/Edit", new() { ["Answers[NextFollowUpOn]"] = "31/02/2020" });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.FormAnswers.CountAsync(a => a.CaseId == caseId))).ShouldBe(2);

        // A later save changes one answer and an emptied box removes its answer.
        (await worker.PostFormAsync(edit, new() { ["Answers[Interviewees]"] = "", ["Answers[WorkerView]"] = "Sokha is safe now" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answers = await app.WithDbAsync(db => db.FormAnswers.AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync());
        answers.Select(a => (a.Field, a.Answer)).ShouldBe([("WorkerView", "Sokha is safe now")]);
        (await worker.GetHtmlAsync($"/Cases/{caseId}/Forms")).ShouldContain("អ្នកផ្ដល់បទសម្ភាសន៍");

        // A commune official reads the case only through a conference; a community member may not fill in anything.
        (await (await app.As("ouchar.member1")).GetAsync(edit)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Form_2_scores_are_kept_over_time_charted_and_closing_is_only_advice(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await FullCaseAsync(app);
        var worker = await app.As("ouchar.vbsw1");
        var page = $"/Cases/{caseId}/Forms/Scores";

        // Every domain is needed, each 1 to 4; nothing is saved otherwise.
        var missing = Scoring(TestClock.Today.AddDays(-20), 1, 2);
        missing.Remove($"Scores[{WellbeingDomains.Family[^1]}]");
        var response = await worker.PostFormAsync(page, missing);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain(AllDomains);
        response = await worker.PostFormAsync(page, Scoring(TestClock.Today.AddDays(-20), 5, 2));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain(ScoreRange);
        (await worker.PostFormAsync(page, Scoring(TestClock.Today.AddDays(1), 2, 2))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.WellbeingScorings.CountAsync(s => s.CaseId == caseId))).ShouldBe(0);

        // First scoring: 11×1 + 12×2 = 35, below 48. The closure page says not yet, and the closure may still be proposed.
        var first = Scoring(TestClock.Today.AddDays(-20), 1, 2);
        first[$"Comments[{WellbeingDomains.Child[0]}]"] = "Eats once a day";
        response = await worker.PostFormAsync(page, first);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/Cases/{caseId}/Forms/2");
        (await worker.GetHtmlAsync($"/Cases/{caseId}/Close")).ShouldContain(NotYet);

        // Second scoring: 11×3 + 12×2 = 57. The first one stays as it was.
        (await worker.PostFormAsync(page, Scoring(TestClock.Today, 3, 2))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var scorings = await app.WithDbAsync(db => db.WellbeingScorings.AsNoTracking().Include(s => s.Scores).Where(s => s.CaseId == caseId).OrderBy(s => s.ScoredOn).ToListAsync());
        scorings.Count.ShouldBe(2);
        scorings[0].ScoredOn.ShouldBe(TestClock.Today.AddDays(-20));
        scorings[0].Scores.Count.ShouldBe(23);
        (scorings[0].ChildTotal + scorings[0].FamilyTotal).ShouldBe(35);
        scorings[0].Scores.Single(s => s.Domain == WellbeingDomains.Child[0]).Comment.ShouldBe("Eats once a day");
        (scorings[1].ChildTotal + scorings[1].FamilyTotal).ShouldBe(57);

        var two = await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/2");
        two.ShouldContain("id=\"scorings\"");
        two.ShouldContain("<strong>57</strong> / 92");
        var casePage = await worker.GetHtmlAsync($"/Cases/{caseId}");
        casePage.ShouldContain("id=\"wellbeing-chart\"");
        casePage.ShouldContain("<polyline class=\"total\"");
        (await worker.GetHtmlAsync($"/Cases/{caseId}/Close")).ShouldContain(CouldClose);
        (await worker.GetHtmlAsync($"/Cases/{caseId}/Forms/6")).ShouldContain(CouldClose);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_communes_users_get_404_for_every_form_address(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await FullCaseAsync(app);
        foreach (var user in new[] { "svaypao.vbsw1", "svaypao.ccwc" })
        {
            var client = await app.As(user);
            foreach (var url in new[] { $"/Cases/{caseId}/Forms", $"/Cases/{caseId}/Forms/2", $"/Cases/{caseId}/Forms/2/Pdf", $"/Cases/{caseId}/Forms/1/Edit", $"/Cases/{caseId}/Forms/Scores" })
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{user} {url}");
            (await client.PostFormAsync($"/Cases/{caseId}/Forms/1/Edit", new() { ["Answers[WorkerView]"] = "x" }, formPage: "/Cases"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostFormAsync($"/Cases/{caseId}/Forms/Scores", Scoring(TestClock.Today, 4, 4), formPage: "/Cases"))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await app.WithDbAsync(db => db.FormAnswers.CountAsync(a => a.CaseId == caseId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.WellbeingScorings.CountAsync(a => a.CaseId == caseId))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_form_downloads_as_a_pdf_with_the_case_text(string provider)
    {
        var app = await apps.Get(provider);
        if (!File.Exists("/usr/bin/chromium"))
        {
            if (Apps.InCi) throw new InvalidOperationException("CI=true but /usr/bin/chromium is missing");
            Assert.Skip("Chromium is not installed at /usr/bin/chromium: the PDF cannot be printed here.");
        }
        var caseId = await FullCaseAsync(app);
        var worker = await app.As("ouchar.vbsw1");
        var response = await worker.GetAsync($"/Cases/{caseId}/Forms/5/Pdf", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToHashSet();
        words.ShouldContain("Rice");
        words.ShouldContain("pot,");
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Export" && a.EntityType == "CaseForm" && a.EntityId == $"{caseId}/5" && a.UserName == "ouchar.vbsw1"))).ShouldBeTrue();
    }
}
