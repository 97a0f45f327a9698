using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;

namespace VillageHive.Features.Dashboard;

/// <summary>
/// The figures of the dashboards and the commune impact report: one method per block, each one or two grouped SQL
/// queries filtered by the scope (never rows loaded and counted in memory).
/// </summary>
public static class DashboardQueries
{
    public sealed record ReferralMonth(int Year, int Month, int Received, int Screened);

    public sealed record TierRiskCount(Tier Tier, Priority Risk, int Count);

    public sealed record TierMove(int Year, int Month, Tier From, Tier To, int Count);

    public sealed record VillageCount(string VillageKm, string VillageEn, int Count);

    public sealed record Overdue(int OpenCases, int OverdueCases, IReadOnlyList<VillageCount> ByVillage);

    public sealed record Closures(int Closed, int GoalsMet);

    /// <summary>
    /// Averages and counts over one survey per household. Income and savings are in US cents (riel at
    /// <see cref="OutcomeMoney.RielPerUsd"/>); the counts are households.
    /// </summary>
    public sealed record OutcomeSummary(int Households, double? DailyIncomeCents, double? MonthlySavingsCents, double? Wellbeing,
        int FoodInsecure, int ChildrenEnrolled, int ChildrenAttending, int Violence, int Alcohol, int ParentMigrated,
        int BirthsRegistered, int UnsafeHousing);

    public sealed record BeforeAfter(OutcomeSummary Before, OutcomeSummary After);

    /// <summary>
    /// What the commune ran and gave in the period: children enrolled in a programme at any time in it, activity
    /// sessions held and their attendance (people and counted guests), absence follow-ups opened, service referrals
    /// delivered, and material support given (items and total in whole riel and in US cents).
    /// </summary>
    public sealed record ProgrammesAndSupport(int ChildrenInProgrammes, int SessionsHeld, int SessionAttendance, int AbsenceFollowUps,
        int ServicesDelivered, int SupportGiven, long SupportRiel, long SupportUsdCents);

    /// <summary>Service referrals sent in the period and those delivered in it, per service category.</summary>
    public sealed record CategoryCount(ServiceCategory Category, int Sent, int Delivered);

    /// <summary>
    /// One currency's material support in a year: the budget the communes set aside (null when the area is smaller than
    /// a commune, whose budget is the commune's), what was paid and what is approved but not yet paid.
    /// </summary>
    public sealed record BudgetLine(Currency Currency, long? BudgetMinor, long SpentMinor, long CommittedMinor);

    /// <summary>
    /// Attendance in one month: programme register marks (all marks and those present) and activity sessions held with
    /// the people and counted guests who came.
    /// </summary>
    public sealed record AttendanceMonth(int Year, int Month, int Marked, int Present, int Sessions, int SessionAttendance)
    {
        /// <summary>Share of register marks that were "present", in whole percent; null when nothing was marked.</summary>
        public int? PresentPercent => Marked == 0 ? null : (int)Math.Round(100.0 * Present / Marked, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Where the children with a recorded care arrangement live: with their family (parents or kin) and in residential
    /// care on a day, and how many were reintegrated into their family in a calendar year (<see cref="CareRules"/>).
    /// </summary>
    public sealed record CareFigures(DateOnly On, int Year, int WithFamily, int InResidentialCare, int Reintegrated);

    private static IQueryable<Case> Cases(HiveDbContext db, Scope scope) => db.Cases.InScope(scope, c => c.Village!);

    /// <summary>A programme of a village counts in that village's scope; a commune-wide one in its commune's.</summary>
    private static IQueryable<int> ProgrammeIds(HiveDbContext db, Scope scope)
    {
        var communes = db.Communes.Where(scope.CommunePredicate()).Select(c => c.Id);
        var programmes = scope.Level == ScopeLevel.Villages
            ? db.Programmes.Where(p => p.VillageId != null && scope.AreaIds.Contains(p.VillageId.Value))
            : db.Programmes.Where(p => communes.Contains(p.CommuneId));
        return programmes.Select(p => p.Id);
    }

    public static Task<List<CategoryCount>> ServicesByCategoryAsync(HiveDbContext db, Scope scope, DateOnly from, DateOnly to, HiveClock clock)
    {
        var sentFrom = clock.StartOfDayUtc(from);
        var sentTo = clock.StartOfDayUtc(to);
        return db.ServiceReferrals.Where(scope.Contains<ServiceReferral>(r => r.Case!.Village!))
            .Where(r => (r.SentAt >= sentFrom && r.SentAt < sentTo) || (r.DeliveredOn >= from && r.DeliveredOn < to))
            .GroupBy(r => r.Service!.Category)
            .OrderBy(g => g.Key)
            .Select(g => new CategoryCount(g.Key,
                g.Count(r => r.SentAt >= sentFrom && r.SentAt < sentTo),
                g.Count(r => r.DeliveredOn >= from && r.DeliveredOn < to)))
            .ToListAsync();
    }

    /// <summary>
    /// Material support against the communes' budgets for a calendar year, counted as the ledger counts it
    /// (paid in the year it was paid, committed in the year it was approved).
    /// </summary>
    public static async Task<List<BudgetLine>> SupportAgainstBudgetAsync(HiveDbContext db, Scope scope, int year)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var firstDay = new DateOnly(year, 1, 1);
        var nextYear = firstDay.AddYears(1);
        var requests = db.MaterialSupportRequests.Where(scope.Contains<MaterialSupportRequest>(r => r.Case!.Village!));
        var spent = await requests.Where(r => r.Status == SupportStatus.Disbursed && r.DisbursedOn >= firstDay && r.DisbursedOn < nextYear)
            .GroupBy(r => r.Currency).Select(g => new { Currency = g.Key, Sum = g.Sum(r => r.AmountMinor) }).ToListAsync();
        var committed = await requests.Where(r => r.Status == SupportStatus.Approved && r.DecidedAt >= from && r.DecidedAt < to)
            .GroupBy(r => r.Currency).Select(g => new { Currency = g.Key, Sum = g.Sum(r => r.AmountMinor) }).ToListAsync();
        var budgets = scope.Level == ScopeLevel.Villages
            ? null
            : await db.CommuneBudgets.Where(b => b.Year == year && db.Communes.Where(scope.CommunePredicate()).Select(c => c.Id).Contains(b.CommuneId))
                .GroupBy(b => b.Currency).Select(g => new { Currency = g.Key, Sum = g.Sum(b => b.AmountMinor) }).ToListAsync();
        return Enum.GetValues<Currency>().Select(c => new BudgetLine(c,
                budgets?.Where(b => b.Currency == c).Sum(b => b.Sum),
                spent.Where(x => x.Currency == c).Sum(x => x.Sum),
                committed.Where(x => x.Currency == c).Sum(x => x.Sum)))
            .ToList();
    }

    /// <summary>Programme register marks and activity attendance per month of the period; months without any are zeros.</summary>
    public static async Task<List<AttendanceMonth>> AttendancePerMonthAsync(HiveDbContext db, Scope scope, DateOnly from, DateOnly to)
    {
        var programmeIds = ProgrammeIds(db, scope);
        var marks = await db.ProgrammeAttendance
            .Where(a => programmeIds.Contains(a.Enrolment!.ProgrammeId) && a.Date >= from && a.Date < to)
            .GroupBy(a => new { a.Date.Year, a.Date.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Marked = g.Count(), Present = g.Count(a => a.Status == AttendanceStatus.Present) })
            .ToListAsync();
        var sessions = db.ActivitySessions.InScope(scope, s => s.Village!).Where(s => s.Date >= from && s.Date < to);
        var held = await sessions.GroupBy(s => new { s.Date.Year, s.Date.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync();
        var came = await db.SessionAttendance.Where(a => sessions.Select(s => s.Id).Contains(a.SessionId))
            .GroupBy(a => new { a.Session!.Date.Year, a.Session.Date.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Sum(a => a.PersonId != null ? 1 : a.GuestCount) })
            .ToListAsync();
        var months = new List<AttendanceMonth>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m < to; m = m.AddMonths(1))
        {
            var mark = marks.Where(x => x.Year == m.Year && x.Month == m.Month).ToList();
            months.Add(new AttendanceMonth(m.Year, m.Month, mark.Sum(x => x.Marked), mark.Sum(x => x.Present),
                held.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.Count),
                came.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.Count)));
        }
        return months;
    }

    public static async Task<ProgrammesAndSupport> ProgrammesAndSupportAsync(HiveDbContext db, Scope scope, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var programmeIds = ProgrammeIds(db, scope);
        var children = await db.Enrolments
            .Where(EnrolmentRules.ActiveDuring.Sql(new Period(from, to))).Where(e => programmeIds.Contains(e.ProgrammeId))
            .Select(e => e.PersonId).Distinct().CountAsync();
        var sessions = db.ActivitySessions.InScope(scope, s => s.Village!).Where(s => s.Date >= from && s.Date < to);
        var sessionsHeld = await sessions.CountAsync();
        var attendance = await db.SessionAttendance.Where(a => sessions.Select(s => s.Id).Contains(a.SessionId))
            .SumAsync(a => a.PersonId != null ? 1 : a.GuestCount);
        var followUps = await db.AbsenceFollowUps
            .CountAsync(f => programmeIds.Contains(f.Enrolment!.ProgrammeId) && f.FromDate >= from && f.FromDate < to);
        var delivered = await db.ServiceReferrals.Where(scope.Contains<ServiceReferral>(r => r.Case!.Village!))
            .CountAsync(r => r.DeliveredOn >= from && r.DeliveredOn < to);
        var given = await db.MaterialSupportRequests.Where(scope.Contains<MaterialSupportRequest>(r => r.Case!.Village!))
            .Where(r => r.Status == SupportStatus.Disbursed && r.DisbursedOn >= from && r.DisbursedOn < to)
            .GroupBy(r => r.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Total = g.Sum(r => r.AmountMinor) })
            .ToListAsync();
        return new ProgrammesAndSupport(children, sessionsHeld, attendance, followUps, delivered, given.Sum(g => g.Count),
            given.Where(g => g.Currency == Currency.KHR).Sum(g => g.Total), given.Where(g => g.Currency == Currency.USD).Sum(g => g.Total));
    }

    /// <summary>
    /// Children in the area (the village of their household) by their arrangement on <paramref name="on"/>, and those
    /// reintegrated in the year; each child counted once.
    /// </summary>
    public static async Task<CareFigures> CareAsync(HiveDbContext db, Scope scope, DateOnly on, int year)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var arrangements = db.CareArrangements.Where(scope.Contains<CareArrangement>(a => a.Person!.Household!.Village!));
        var current = arrangements.Where(CareRules.CurrentOn.Sql(on));
        var withFamily = await current.Where(CareRules.WithFamily.Sql).Select(a => a.PersonId).Distinct().CountAsync();
        var residential = await current.Where(CareRules.InResidentialCare.Sql).Select(a => a.PersonId).Distinct().CountAsync();
        var from = new DateOnly(year, 1, 1);
        var reintegrated = await arrangements.Where(CareRules.ReintegratedDuring.Sql(new Period(from, from.AddYears(1))))
            .Select(a => a.PersonId).Distinct().CountAsync();
        return new CareFigures(on, year, withFamily, residential, reintegrated);
    }

    /// <summary>Referrals received and screenings done in each month of the period; months without any are zeros.</summary>
    public static async Task<List<ReferralMonth>> ReferralsPerMonthAsync(HiveDbContext db, Scope scope, DateOnly fromDay, DateOnly toDay, HiveClock clock)
    {
        var from = clock.StartOfDayUtc(fromDay);
        var to = clock.StartOfDayUtc(toDay);
        // Months of the commune's calendar: a referral at 20:00 UTC on 31 March arrived on 1 April in Phnom Penh.
        var offset = clock.UtcOffset.TotalMinutes;
        var received = await db.Referrals.InScope(scope, r => r.Village!)
            .Where(r => r.ReceivedAt >= from && r.ReceivedAt < to)
            .Select(r => r.ReceivedAt.AddMinutes(offset))
            .GroupBy(at => new { at.Year, at.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync();
        var screened = await db.Screenings.Where(scope.Contains<Screening>(s => s.Referral!.Village!))
            .Where(s => s.ScreenedAt >= from && s.ScreenedAt < to)
            .Select(s => s.ScreenedAt.AddMinutes(offset))
            .GroupBy(at => new { at.Year, at.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync();
        var months = new List<ReferralMonth>();
        for (var m = new DateOnly(fromDay.Year, fromDay.Month, 1); m < toDay; m = m.AddMonths(1))
        {
            months.Add(new ReferralMonth(m.Year, m.Month,
                received.Where(r => r.Year == m.Year && r.Month == m.Month).Sum(r => r.Count),
                screened.Where(r => r.Year == m.Year && r.Month == m.Month).Sum(r => r.Count)));
        }
        return months;
    }

    /// <summary>How many referrals were received in the period.</summary>
    public static Task<int> ReferralCountAsync(HiveDbContext db, Scope scope, DateTime from, DateTime to) =>
        db.Referrals.InScope(scope, r => r.Village!).CountAsync(r => r.ReceivedAt >= from && r.ReceivedAt < to);

    /// <summary>Cases not closed today, by tier and risk level.</summary>
    public static Task<List<TierRiskCount>> OpenCasesByTierAndRiskAsync(HiveDbContext db, Scope scope) =>
        Cases(db, scope).Where(CaseRules.Open.Sql)
            .GroupBy(c => new { c.Tier, c.RiskLevel })
            .Select(g => new TierRiskCount(g.Key.Tier, g.Key.RiskLevel, g.Count()))
            .ToListAsync();

    /// <summary>Cases opened in the period, by the tier and risk level they have now.</summary>
    public static Task<List<TierRiskCount>> CasesOpenedByTierAndRiskAsync(HiveDbContext db, Scope scope, DateTime from, DateTime to) =>
        Cases(db, scope).Where(c => c.OpenedAt >= from && c.OpenedAt < to)
            .GroupBy(c => new { c.Tier, c.RiskLevel })
            .Select(g => new TierRiskCount(g.Key.Tier, g.Key.RiskLevel, g.Count()))
            .ToListAsync();

    /// <summary>Reviews that moved a case to another tier, by month and move (down the tiers is what the Hive aims for).</summary>
    public static async Task<List<TierMove>> TierMovesAsync(HiveDbContext db, Scope scope, DateOnly from, DateOnly to)
    {
        var cases = Cases(db, scope).Select(c => c.Id);
        return await db.CaseReviews
            .Where(r => cases.Contains(r.CaseId) && r.TierBefore != r.TierAfter && r.ReviewedOn >= from && r.ReviewedOn < to)
            .GroupBy(r => new { r.ReviewedOn.Year, r.ReviewedOn.Month, r.TierBefore, r.TierAfter })
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
            .Select(g => new TierMove(g.Key.Year, g.Key.Month, g.Key.TierBefore, g.Key.TierAfter, g.Count()))
            .ToListAsync();
    }

    /// <summary>Open cases, and those with work past due (<see cref="CaseAccess.Overdue"/>), by village.</summary>
    public static async Task<Overdue> OverdueAsync(HiveDbContext db, Scope scope, DateOnly today)
    {
        var open = await Cases(db, scope).CountAsync(CaseRules.Open.Sql);
        var byVillage = await Cases(db, scope).Where(CaseAccess.Overdue(db, today))
            .GroupBy(c => new { c.Village!.Code, c.Village.NameKm, c.Village.NameEn })
            .OrderBy(g => g.Key.Code)
            .Select(g => new VillageCount(g.Key.NameKm, g.Key.NameEn, g.Count()))
            .ToListAsync();
        return new Overdue(open, byVillage.Sum(v => v.Count), byVillage);
    }

    /// <summary>
    /// Approved closures in the period (not reopened), and how many met their goals: closed because the safety goals were met or
    /// the family is self-reliant, with no goal recorded as partly met or not met.
    /// </summary>
    public static async Task<Closures> ClosuresAsync(HiveDbContext db, Scope scope, DateOnly from, DateOnly to)
    {
        var cases = Cases(db, scope).Select(c => c.Id);
        var row = await db.CaseClosures
            .Where(x => cases.Contains(x.CaseId) && x.Status == ClosureStatus.Approved && x.ReopenedAt == null && x.ClosedOn >= from && x.ClosedOn < to)
            .GroupBy(x => 1)
            .Select(g => new
            {
                Closed = g.Count(),
                Met = g.Count(x => (x.Reason == ClosureReason.SafetyGoalsMet || x.Reason == ClosureReason.FamilySelfReliant)
                    && !x.GoalOutcomes.Any(o => o.Outcome != GoalOutcome.Met)),
            })
            .ToListAsync();
        // One group at most (none when there is no closure).
        return new Closures(row.Sum(r => r.Closed), row.Sum(r => r.Met));
    }

    /// <summary>
    /// For cases closed in the period whose household has at least two outcome surveys: the household's first survey
    /// (before) against its latest (after).
    /// </summary>
    public static async Task<BeforeAfter> OutcomesBeforeAfterAsync(HiveDbContext db, Scope scope, DateTime from, DateTime to)
    {
        var pairs = Cases(db, scope)
            .Where(c => c.Status == CaseStatus.Closed && c.ClosedAt >= from && c.ClosedAt < to)
            .Select(c => new
            {
                First = db.OutcomeSurveys.Where(s => s.HouseholdId == c.HouseholdId)
                    .OrderBy(s => s.SurveyedOn).ThenBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefault(),
                Last = db.OutcomeSurveys.Where(s => s.HouseholdId == c.HouseholdId)
                    .OrderByDescending(s => s.SurveyedOn).ThenByDescending(s => s.Id).Select(s => (int?)s.Id).FirstOrDefault(),
            })
            .Where(p => p.First != null && p.First != p.Last);
        var before = await SummariseAsync(db.OutcomeSurveys.Where(s => pairs.Select(p => p.First).Contains(s.Id)));
        var after = await SummariseAsync(db.OutcomeSurveys.Where(s => pairs.Select(p => p.Last).Contains(s.Id)));
        return new BeforeAfter(before, after);
    }

    private static async Task<OutcomeSummary> SummariseAsync(IQueryable<OutcomeSurvey> surveys) =>
        (await surveys.GroupBy(s => 1)
            .Select(g => new OutcomeSummary(
                g.Count(),
                g.Average(s => s.Currency == Currency.USD ? (double?)s.DailyIncomeMinor : (double?)s.DailyIncomeMinor / OutcomeMoney.RielPerUsCent),
                g.Average(s => s.Currency == Currency.USD ? (double?)s.MonthlySavingsMinor : (double?)s.MonthlySavingsMinor / OutcomeMoney.RielPerUsCent),
                g.Average(s => (double?)s.Wellbeing),
                g.Count(s => s.FoodSecurity == FoodSecurity.Moderate || s.FoodSecurity == FoodSecurity.Severe),
                g.Sum(s => s.ChildrenEnrolled ?? 0),
                g.Sum(s => s.ChildrenAttending ?? 0),
                g.Count(s => s.Violence == Frequency.Some || s.Violence == Frequency.Frequent),
                g.Count(s => s.Alcohol == Frequency.Some || s.Alcohol == Frequency.Frequent),
                g.Count(s => s.ParentMigrated == true),
                g.Count(s => s.AllChildrenBirthRegistered == true),
                g.Count(s => s.Housing == HousingSafety.Unsafe)))
            .ToListAsync()).SingleOrDefault()
        ?? new OutcomeSummary(0, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0);
}
