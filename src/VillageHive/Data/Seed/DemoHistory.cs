using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// The demo lives through today: around the seeds' fixed points (Ou Char's 2023, its 64 referrals and 16 high-risk cases;
/// Svay Pao's first year and a half), the years of steady work until the commune clock's today. Ou Char's operations began
/// in 2022 (its first referrals from May) and went on from 2024; Svay Pao's go on from July 2024. Every month brings a
/// few referrals from the Community Network, each screened within days; about one family in three meets the early
/// intervention criteria and gets a case, worked to its closure within the year (a sack of rice and, for every third,
/// school uniforms paid on the way, against the commune's budget for that year). Cases are opened only where they have
/// closed a month before today, and referrals stop a month before today: what is under way today stays exactly the
/// seeds' (the stages, overdue work and lists the demo and its tests know).
/// </summary>
public static class DemoHistory
{
    /// <summary>A stretch of months with its referrals a month.</summary>
    public sealed record Stretch(DateOnly From, DateOnly To, int PerMonth);

    public sealed record CommunePlan(string Code, DemoCases.Crew Crew, string Member, string Screener, string Approver, Stretch[] Stretches, int Seed);

    public static readonly CommunePlan OuChar = new(DemoGeography.OuCharCode, DemoCases.OuChar, "ouchar.member1", "ouchar.vbsw1", "ouchar.ccwc",
        [new(new DateOnly(2022, 5, 1), new DateOnly(2022, 12, 31), 3), new(new DateOnly(2024, 1, 1), DateOnly.MaxValue, 3)], 2030);

    public static readonly CommunePlan SvayPao = new(DemoGeography.SvayPaoCode, DemoCases.SvayPao, "svaypao.vbsw1", "svaypao.vbsw1", "svaypao.ccwc",
        [new(new DateOnly(2024, 7, 1), DateOnly.MaxValue, 2)], 2031);

    /// <summary>Referrals stop this many days before today, and every case has closed by then.</summary>
    public const int QuietDays = 30;

    public static async Task SeedAsync(HiveDbContext db, CommunePlan plan, ScreeningCriteriaVersion criteria, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        var today = clock.Today;
        var lastReferral = today.AddDays(-QuietDays);
        // A case opened on this day or before has closed a month before today.
        var lastOpening = lastReferral.AddDays(-DemoCases.DaysToClosure - 10);
        var villages = await db.Villages.Where(v => v.Commune!.Code == plan.Code).OrderBy(v => v.Code).ToListAsync();
        var villageIds = villages.Select(v => v.Id).ToList();
        var households = await db.Households.Include(h => h.Members).Where(h => villageIds.Contains(h.VillageId)).OrderBy(h => h.Id).ToListAsync();
        var random = new Random(plan.Seed);
        var referrals = new List<Referral>();
        var withCases = new List<Referral>();
        foreach (var stretch in plan.Stretches)
        {
            var to = stretch.To < lastReferral ? stretch.To : lastReferral;
            // Months in which a case can still close before today, then the months in which referrals are only screened.
            foreach (var (from, until, cases) in new[] { (stretch.From, Min(to, lastOpening), true), (Max(stretch.From, lastOpening.AddDays(1)), to, false) })
            {
                if (until < from) continue;
                var months = (until.Year - from.Year) * 12 + until.Month - from.Month + 1;
                var count = months * stretch.PerMonth;
                var built = DemoReferrals.Build(households, new DemoReferrals.Plan(count, 0, 0, clock.StartOfDayUtc(from), clock.StartOfDayUtc(until.AddDays(1)),
                    EarlyIntervention: cases ? count / 3 : 0), criteria, plan.Member, plan.Screener, random.Next(), clock);
                referrals.AddRange(built);
                if (cases) withCases.AddRange(built.Where(r => r.Screening?.Decision == ScreeningDecision.EarlyIntervention));
            }
        }
        db.Referrals.AddRange(referrals);
        await db.SaveChangesAsync();

        var opened = withCases.Select(r => CaseOpening.Open(r, r.Screening!.Decision, r.Screening.Priority, plan.Crew.Lead, r.Screening.ScreenedAt,
            clock.DayOf(r.Screening.ScreenedAt))).ToList();
        db.Cases.AddRange(opened);
        await db.SaveChangesAsync();
        DemoCases.AddClosed(db, plan.Crew, opened, households, villages, random.Next(), clock);
        await db.SaveChangesAsync();

        await AddPaymentsAsync(db, plan, opened, villages[0].CommuneId, clock);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A sack of rice in each case's first weeks and, for every third, two school uniforms: requested by the lead worker,
    /// approved by the commune's approver, paid within the year the case opened; and the commune's budget for each year
    /// before this one in which something was paid and that has none yet.
    /// </summary>
    private static async Task AddPaymentsAsync(HiveDbContext db, CommunePlan plan, List<Case> cases, int communeId, HiveClock clock)
    {
        var years = new HashSet<int>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var opened = clock.DayOf(c.OpenedAt);
            var paidOn = opened.AddDays(34).Year == opened.Year ? opened.AddDays(34) : opened.AddDays(1);
            if (paidOn.Year != opened.Year) continue;
            var asked = clock.StartOfDayUtc(paidOn.AddDays(-4)).AddHours(9);
            MaterialSupportRequest Paid(SupportItem item, int quantity, long unit) => new()
            {
                CaseId = c.Id, HouseholdId = c.HouseholdId, Item = item, Quantity = quantity, Currency = Currency.KHR, UnitCostMinor = unit,
                AmountMinor = quantity * unit, Status = SupportStatus.Disbursed, RequestedBy = plan.Crew.Lead, RequestedAt = asked,
                DecidedBy = plan.Approver, DecidedAt = asked.AddDays(1), DisbursedOn = paidOn, ReceivedBy = "Mother",
                ReceiptNote = "Thumbprint on the receipt form", DisbursementRecordedBy = plan.Crew.Lead,
            };
            db.MaterialSupportRequests.Add(Paid(SupportItem.Rice, 50, 3_000));
            if (i % 3 == 0) db.MaterialSupportRequests.Add(Paid(SupportItem.SchoolUniform, 2, 25_000));
            years.Add(paidOn.Year);
        }
        var budgeted = await db.CommuneBudgets.Where(b => b.CommuneId == communeId && b.Currency == Currency.KHR).Select(b => b.Year).ToListAsync();
        // This year's budget is the demo's own (DemoServices).
        foreach (var year in years.Where(y => y < clock.Today.Year && !budgeted.Contains(y)))
        {
            db.CommuneBudgets.Add(new CommuneBudget
            {
                CommuneId = communeId, Year = year, Currency = Currency.KHR, AmountMinor = 20_000_000, SetBy = "admin",
                SetAt = clock.StartOfDayUtc(new DateOnly(year, 1, 1)),
            });
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
