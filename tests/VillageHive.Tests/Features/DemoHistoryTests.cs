using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The demo lives through today (<see cref="DemoHistory"/>): years of work around the seeds' fixed 2023.</summary>
public sealed class DemoHistoryTests(Apps apps)
{
    private static Task<int> CommuneAsync(HiveApp app, string code) =>
        app.WithDbAsync(db => db.Communes.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_year_from_2022_to_this_one_has_referrals_in_Ou_Chars_report_and_2024_and_2025_a_whole_years_work(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await CommuneAsync(app, DemoGeography.OuCharCode);
        var chief = await app.As("ouchar.chief");
        for (var year = 2022; year <= TestClock.Today.Year; year++)
        {
            var figures = Figures.Of(await chief.GetHtmlAsync($"/Reports/Commune/{ouChar}/{year}"));
            figures.Number("referrals").ShouldBeGreaterThan(0, $"{year}");
            // The dashboard's year: no year without activity since 2022.
            var dashboard = Figures.Of(await chief.GetHtmlAsync($"/Dashboard?area=Communes:{ouChar}&year={year}"));
            dashboard.Number("received-total").ShouldBeGreaterThan(0, $"dashboard {year}");
            dashboard.Number("screened-total").ShouldBeGreaterThan(0, $"dashboard {year}");
        }
        foreach (var year in new[] { 2024, 2025 })
        {
            var figures = Figures.Of(await chief.GetHtmlAsync($"/Reports/Commune/{ouChar}/{year}"));
            figures.Number("referrals").ShouldBeGreaterThanOrEqualTo(30, $"{year}: three a month");
            figures.Number("cases").ShouldBeGreaterThan(0, $"{year}");
            figures.Number("closed").ShouldBeGreaterThan(0, $"{year}");
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            var paid = await app.WithDbAsync(db => db.MaterialSupportRequests.CountAsync(r => r.Case!.Village!.CommuneId == ouChar
                && r.Status == SupportStatus.Disbursed && r.DisbursedOn >= from && r.DisbursedOn < to));
            paid.ShouldBeGreaterThan(0, $"{year}: support paid");
            (await app.WithDbAsync(db => db.CommuneBudgets.AnyAsync(b => b.CommuneId == ouChar && b.Year == year))).ShouldBeTrue($"{year}: a budget");
        }
        // The seeds' year stays where the seeds put it.
        var report2023 = Figures.Of(await chief.GetHtmlAsync($"/Reports/Commune/{ouChar}/2023"));
        report2023.Number("referrals").ShouldBe(64);
        report2023.Number("high-risk").ShouldBe(16);
        report2023.Number("children-in-programmes").ShouldBe(41);

        var svayPao = await CommuneAsync(app, DemoGeography.SvayPaoCode);
        var ccwc = await app.As("svaypao.ccwc");
        Figures.Of(await ccwc.GetHtmlAsync($"/Reports/Commune/{svayPao}/2025")).Number("referrals").ShouldBeGreaterThanOrEqualTo(20);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_years_cases_are_each_closed_through_moves_the_state_machine_allows_and_nothing_of_them_is_due_today(string provider)
    {
        var app = await apps.Get(provider);
        var quiet = TestClock.UtcNow.AddDays(-DemoHistory.QuietDays);
        var (from, to) = (DemoReferrals.OuChar.From, DemoReferrals.OuChar.To);
        var history = await app.WithDbAsync(db => db.Cases.AsNoTracking()
            .Where(c => (c.Village!.Commune!.Code == DemoGeography.OuCharCode && (c.Referral!.ReceivedAt < from || c.Referral.ReceivedAt >= to)
                    || c.Village!.Commune!.Code == DemoGeography.SvayPaoCode && c.Referral!.ReceivedAt >= DemoReferrals.SvayPao.To)
                && c.Referral!.ReceivedAt < quiet)
            .Select(c => new
            {
                c.Id, c.Status, c.ClosedAt, c.Tier,
                Moves = db.CaseTransitions.Where(t => t.CaseId == c.Id).OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new { t.From, t.To, t.Reason }).ToList(),
                Closure = db.CaseClosures.Where(x => x.CaseId == c.Id).Select(x => x.Status).FirstOrDefault(),
                Open = db.CaseTasks.Count(t => t.CaseId == c.Id && t.DoneAt == null),
            })
            .ToListAsync());
        history.Count.ShouldBeGreaterThanOrEqualTo(20);
        history.ShouldAllBe(c => c.Tier == Tier.EarlyIntervention);
        foreach (var c in history)
        {
            c.Status.ShouldBe(CaseStatus.Closed, $"case {c.Id}");
            c.ClosedAt.ShouldNotBeNull();
            c.ClosedAt!.Value.ShouldBeLessThan(quiet, $"case {c.Id} closed before the last month");
            c.Closure.ShouldBe(ClosureStatus.Approved, $"case {c.Id}");
            c.Open.ShouldBe(0, $"case {c.Id}: no task left open");
            var at = CaseStatus.Open;
            foreach (var t in c.Moves)
            {
                t.From.ShouldBe(at, $"case {c.Id}");
                var move = CaseWorkflow.Find(t.From, t.To);
                move.ShouldNotBeNull($"case {c.Id}: {t.From} → {t.To}");
                if (move.NeedsReason) t.Reason.ShouldNotBeNullOrWhiteSpace();
                at = t.To;
            }
            at.ShouldBe(CaseStatus.Closed, $"case {c.Id}");
        }
    }
}
