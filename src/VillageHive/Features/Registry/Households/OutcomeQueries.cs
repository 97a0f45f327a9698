using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Registry.Households;

/// <summary>A household's outcome surveys as points over time, for its charts and tables.</summary>
public static class OutcomeQueries
{
    public sealed record Point(int Id, DateOnly On, SurveyOccasion Occasion, Currency Currency, long? DailyIncomeMinor, long? MonthlySavingsMinor,
        FoodSecurity? Food, int? SchoolAge, int? Enrolled, int? Attending, Frequency? Violence, Frequency? Alcohol, bool? ParentMigrated,
        bool? BirthsRegistered, HousingSafety? Housing, int? Wellbeing, string RecordedBy)
    {
        public decimal? IncomeUsd => DailyIncomeMinor is { } m ? Math.Round(OutcomeMoney.InUsd(m, Currency), 2) : null;
        public decimal? SavingsUsd => MonthlySavingsMinor is { } m ? Math.Round(OutcomeMoney.InUsd(m, Currency), 2) : null;
    }

    public static Task<List<Point>> PointsAsync(HiveDbContext db, int householdId) =>
        db.OutcomeSurveys.AsNoTracking().Where(s => s.HouseholdId == householdId)
            .OrderBy(s => s.SurveyedOn).ThenBy(s => s.Id)
            .Select(s => new Point(s.Id, s.SurveyedOn, s.Occasion, s.Currency, s.DailyIncomeMinor, s.MonthlySavingsMinor, s.FoodSecurity,
                s.ChildrenOfSchoolAge, s.ChildrenEnrolled, s.ChildrenAttending, s.Violence, s.Alcohol, s.ParentMigrated,
                s.AllChildrenBirthRegistered, s.Housing, s.Wellbeing, s.RecordedBy))
            .ToListAsync();
}
