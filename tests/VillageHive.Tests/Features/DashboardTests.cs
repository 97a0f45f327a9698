using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class DashboardTests(Apps apps)
{
    private static readonly DateTime From2023 = TestClock.Clock.StartOfDayUtc(new DateOnly(2023, 1, 1));
    private static readonly DateTime To2023 = TestClock.Clock.StartOfDayUtc(new DateOnly(2024, 1, 1));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_commune_dashboard_shows_the_counts_in_the_data(string provider)
    {
        var app = await apps.Get(provider);
        var communeId = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var chief = await app.As("ouchar.chief");
        var url = $"/Dashboard?area=Communes:{communeId}&year=2023";

        // Other tests add open cases meanwhile: the page's count lies between a count before and one after.
        var today = TestClock.Today;
        var openBefore = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.Village!.CommuneId == communeId && c.Status != CaseStatus.Closed));
        var crisisHighBefore = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.Village!.CommuneId == communeId && c.Status != CaseStatus.Closed && c.Tier == Tier.Crisis && c.RiskLevel == Priority.High));
        var overdueBefore = await app.WithDbAsync(db => db.Cases.Where(c => c.Village!.CommuneId == communeId).Where(CaseAccess.Overdue(db, today)).CountAsync());
        var figures = Figures.Of(await chief.GetHtmlAsync(url));
        var openAfter = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.Village!.CommuneId == communeId && c.Status != CaseStatus.Closed));
        var crisisHighAfter = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.Village!.CommuneId == communeId && c.Status != CaseStatus.Closed && c.Tier == Tier.Crisis && c.RiskLevel == Priority.High));
        var overdueAfter = await app.WithDbAsync(db => db.Cases.Where(c => c.Village!.CommuneId == communeId).Where(CaseAccess.Overdue(db, today)).CountAsync());

        figures.Number("open-total").ShouldBeInRange(Math.Min(openBefore, openAfter), Math.Max(openBefore, openAfter));
        figures.Number("open-Crisis-High").ShouldBeInRange(Math.Min(crisisHighBefore, crisisHighAfter), Math.Max(crisisHighBefore, crisisHighAfter));
        figures.Number("overdue-total").ShouldBeInRange(Math.Min(overdueBefore, overdueAfter), Math.Max(overdueBefore, overdueAfter));

        // 2023 is history: its figures do not move.
        // Months of the commune's calendar (Phnom Penh), as the dashboard counts them.
        var received = (await app.WithDbAsync(db => db.Referrals.Where(r => r.Village!.CommuneId == communeId && r.ReceivedAt >= From2023 && r.ReceivedAt < To2023)
            .Select(r => r.ReceivedAt).ToListAsync()))
            .GroupBy(at => TestClock.DayOf(at).Month).Select(g => new { Month = g.Key, Count = g.Count() }).ToList();
        var screened = await app.WithDbAsync(db => db.Screenings.CountAsync(s => s.Referral!.Village!.CommuneId == communeId && s.ScreenedAt >= From2023 && s.ScreenedAt < To2023));
        for (var month = 1; month <= 12; month++)
            figures.Number($"received-2023-{month}").ShouldBe(received.Where(r => r.Month == month).Sum(r => r.Count), $"month {month}");
        figures.Number("received-total").ShouldBe(64);
        // What the commune ran and gave in 2023, counted straight from the rows.
        var from = new DateOnly(2023, 1, 1);
        var to = new DateOnly(2024, 1, 1);
        var children = await app.WithDbAsync(db => db.Enrolments.Where(e => e.Programme!.CommuneId == communeId && e.StartDate < to && (e.ExitDate == null || e.ExitDate > from))
            .Select(e => e.PersonId).Distinct().CountAsync());
        figures.Number("children-in-programmes").ShouldBe(children);
        children.ShouldBe(41);
        figures.Number("sessions-held").ShouldBe(await app.WithDbAsync(db => db.ActivitySessions.CountAsync(s => s.Village!.CommuneId == communeId && s.Date >= from && s.Date < to)));
        figures.Number("services-delivered").ShouldBe(await app.WithDbAsync(db => db.ServiceReferrals.CountAsync(r => r.Case!.Village!.CommuneId == communeId && r.DeliveredOn >= from && r.DeliveredOn < to)));
        figures.Number("screened-total").ShouldBe(screened);
        // Services by category, attendance per month and support against budget, each against its own count.
        var services = await app.WithDbAsync(db => db.ServiceReferrals.Where(r => r.Case!.Village!.CommuneId == communeId)
            .Select(r => new { r.Service!.Category, r.SentAt, r.DeliveredOn }).ToListAsync());
        figures.Number("service-sent-total").ShouldBe(services.Count(r => r.SentAt >= From2023 && r.SentAt < To2023));
        figures.Number("service-delivered-total").ShouldBe(services.Count(r => r.DeliveredOn >= from && r.DeliveredOn < to));
        foreach (var category in services.Where(r => r.DeliveredOn >= from && r.DeliveredOn < to).Select(r => r.Category).Distinct())
            figures.Number($"service-delivered-{category}").ShouldBe(services.Count(r => r.Category == category && r.DeliveredOn >= from && r.DeliveredOn < to));
        var marks = await app.WithDbAsync(db => db.ProgrammeAttendance.Where(a => a.Enrolment!.Programme!.CommuneId == communeId && a.Date >= from && a.Date < to)
            .Select(a => new { a.Date, a.Status }).ToListAsync());
        marks.ShouldNotBeEmpty();
        figures.Number("marked-total").ShouldBe(marks.Count);
        figures.Number("present-total").ShouldBe(marks.Count(m => m.Status == AttendanceStatus.Present));
        figures.Number("marked-2023-10").ShouldBe(marks.Count(m => m.Date.Month == 10));
        var came = await app.WithDbAsync(db => db.SessionAttendance.Where(a => a.Session!.Village!.CommuneId == communeId && a.Session.Date >= from && a.Session.Date < to)
            .SumAsync(a => a.PersonId != null ? 1 : a.GuestCount));
        figures.Number("came-total").ShouldBe(came);
        figures.Number("session-attendance").ShouldBe(came);
        var paid = await app.WithDbAsync(db => db.MaterialSupportRequests.Where(r => r.Case!.Village!.CommuneId == communeId && r.Status == SupportStatus.Disbursed
            && r.DisbursedOn >= from && r.DisbursedOn < to && r.Currency == Currency.KHR).SumAsync(r => r.AmountMinor));
        figures["paid-KHR"].ShouldBe(Money.Format(paid, Currency.KHR));
        var budget = await app.WithDbAsync(db => db.CommuneBudgets.Where(b => b.CommuneId == communeId && b.Year == 2023 && b.Currency == Currency.KHR).SumAsync(b => b.AmountMinor));
        figures["budget-KHR"].ShouldBe(Money.Format(budget, Currency.KHR));
        var moves = await app.WithDbAsync(db => db.CaseReviews.CountAsync(r => r.TierBefore == Tier.Crisis && r.TierAfter == Tier.EarlyIntervention
            && r.ReviewedOn.Year == 2023 && db.Cases.Any(c => c.Id == r.CaseId && c.Village!.CommuneId == communeId)));
        figures.Where(f => f.Key.StartsWith("move-2023-", StringComparison.Ordinal) && f.Key.EndsWith("-Crisis-EarlyIntervention", StringComparison.Ordinal))
            .Sum(f => int.Parse(f.Value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(moves);
        // The success story's family: income before and after for the cases closed in 2023.
        figures["outcome-income-after"].ShouldNotBe("–");
        decimal.Parse(figures["outcome-income-after"], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(decimal.Parse(figures["outcome-income-before"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_village_dashboard_counts_a_new_case_of_the_village_only(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030903");
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Dashboard?area=Villages:{village}";
        var before = Figures.Of(await worker.GetHtmlAsync(url)).Number("open-EarlyIntervention-Low");
        await app.NewCaseAsync("02030903", "ouchar.vbsw1", tier: Tier.EarlyIntervention, risk: Priority.Low);
        var after = Figures.Of(await worker.GetHtmlAsync(url));
        after.Number("open-EarlyIntervention-Low").ShouldBeGreaterThan(before);
        var inDb = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.VillageId == village && c.Status != CaseStatus.Closed && c.Tier == Tier.EarlyIntervention && c.RiskLevel == Priority.Low));
        after.Number("open-EarlyIntervention-Low").ShouldBeLessThanOrEqualTo(inDb);
        after.Number("open-EarlyIntervention-Low").ShouldBeGreaterThanOrEqualTo(before + 1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_area_outside_the_scope_is_not_found_and_another_commune_sees_its_own_numbers(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var ouCharVillage = await app.VillageIdAsync("02030901");
        var svayPao = await app.As("svaypao.ccwc");
        await svayPao.GetHtmlAsync($"/Dashboard?area=Communes:{ouChar}", HttpStatusCode.NotFound);
        await svayPao.GetHtmlAsync($"/Dashboard?area=Villages:{ouCharVillage}", HttpStatusCode.NotFound);
        await svayPao.GetHtmlAsync("/Dashboard?area=nonsense", HttpStatusCode.NotFound);
        // A Village social worker chooses among villages, not the whole commune.
        await (await app.As("ouchar.vbsw1")).GetHtmlAsync($"/Dashboard?area=Communes:{ouChar}", HttpStatusCode.NotFound);
        var own = Figures.Of(await svayPao.GetHtmlAsync("/Dashboard?year=2023"));
        var svayPao2023 = await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.Village!.Commune!.Code == DemoGeography.SvayPaoCode && r.ReceivedAt >= From2023 && r.ReceivedAt < To2023));
        own.Number("received-total").ShouldBe(svayPao2023);
        svayPao2023.ShouldNotBe(64);
        await (await app.As("researcher")).GetHtmlAsync("/Dashboard", HttpStatusCode.Forbidden);
        await (await app.As("ouchar.member1")).GetHtmlAsync("/Dashboard", HttpStatusCode.Forbidden);
    }
}
