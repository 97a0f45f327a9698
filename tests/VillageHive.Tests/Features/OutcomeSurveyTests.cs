using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Outcome surveys and consent on a household's outcomes page, asked for from a case at review or closure.</summary>
public sealed class OutcomeSurveyTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_closure_survey_asked_for_from_the_case_is_saved_with_its_case_and_shown_over_time(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030902", "ouchar.vbsw1");
        var household = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.HouseholdId).SingleAsync());
        var worker = await app.As("ouchar.vbsw1");
        (await worker.GetHtmlAsync($"/Cases/{caseId}/Close")).ShouldContain($"/Registry/Households/{household}/Outcomes?caseId={caseId}&amp;occasion=Closure");
        var url = $"/Registry/Households/{household}/Outcomes";
        var form = await worker.GetHtmlAsync($"{url}?caseId={caseId}&occasion=Closure");
        form.ShouldContain("<option value=\"Closure\" selected=\"selected\">");
        form.ShouldContain($"<option value=\"{caseId}\" selected=\"selected\">");

        var response = await worker.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Survey.SurveyedOn"] = TestClock.Today.ToString("yyyy-MM-dd"), ["Survey.Occasion"] = "Closure", ["Survey.CaseId"] = caseId.ToString(),
            ["Survey.Currency"] = "USD", ["Survey.DailyIncome"] = "12.50", ["Survey.MonthlySavings"] = "40", ["Survey.Wellbeing"] = "7",
            ["Survey.FoodSecurity"] = "Secure", ["Survey.Violence"] = "None", ["Survey.Housing"] = "Safe",
        }, formPage: url);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.WithDbAsync(db => db.OutcomeSurveys.Where(s => s.HouseholdId == household).ToListAsync());
        var survey = saved.ShouldHaveSingleItem();
        survey.CaseId.ShouldBe(caseId);
        survey.Occasion.ShouldBe(SurveyOccasion.Closure);
        survey.DailyIncomeMinor.ShouldBe(1250);
        survey.RecordedBy.ShouldBe("ouchar.vbsw1");
        decimal.Parse(Figures.Of(await worker.GetHtmlAsync(url))[$"income-{survey.Id}"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(12.50m);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_bad_survey_is_refused_in_the_users_language_and_nothing_is_saved(string provider)
    {
        var app = await apps.Get(provider);
        var household = (await app.UniqueHouseholdAsync("02030901")).Id;
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Registry/Households/{household}/Outcomes";
        var response = await worker.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Survey.SurveyedOn"] = TestClock.Today.AddDays(3).ToString("yyyy-MM-dd"), ["Survey.Occasion"] = "Review",
            ["Survey.Currency"] = "USD", ["Survey.DailyIncome"] = "-5", ["Survey.Wellbeing"] = "42", ["Survey.ChildrenAttending"] = "3", ["Survey.ChildrenEnrolled"] = "1",
        }, formPage: url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("field-validation-error");
        html.ShouldContain("survey-form");
        (await app.WithDbAsync(db => db.OutcomeSurveys.CountAsync(s => s.HouseholdId == household))).ShouldBe(0);
        // Outside the worker's villages the household does not exist for them; a chief may read but not record.
        var other = (await app.UniqueHouseholdAsync("02030905")).Id;
        await worker.GetHtmlAsync($"/Registry/Households/{other}/Outcomes", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Consent_is_kept_as_history_and_the_latest_answer_counts(string provider)
    {
        var app = await apps.Get(provider);
        var household = (await app.UniqueHouseholdAsync("02030901")).Id;
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Registry/Households/{household}/Outcomes";
        foreach (var (given, on) in new[] { ("true", -20), ("false", -2) })
        {
            var response = await worker.PostFormAsync(url + "?handler=Consent", new Dictionary<string, string>
            {
                ["Consent.Use"] = "Research", ["Consent.Given"] = given, ["Consent.AnsweredOn"] = TestClock.Today.AddDays(on).ToString("yyyy-MM-dd"),
                ["Consent.Said"] = "Asked at a home visit",
            }, formPage: url);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var answers = await app.WithDbAsync(db => db.ConsentRecords.Where(c => c.HouseholdId == household && c.Use == ConsentUse.Research).ToListAsync());
        answers.Count.ShouldBe(2);
        var page = await worker.GetHtmlAsync(url);
        var latest = System.Text.RegularExpressions.Regex.Match(page, "id=\"consent-research\">([^<]*)<").Groups[1].Value;
        var noText = System.Text.RegularExpressions.Regex.Match(page, "<option value=\"false\"[^>]*>([^<]*)<").Groups[1].Value;
        latest.ShouldBe(noText);
    }
}
