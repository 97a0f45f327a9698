using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// Outcome surveys of the families in support over the five years: at intake, at each yearly review while the case is
/// open, at closure, and a year after closure; the answers improve on average from one survey to the next.
/// </summary>
public sealed class OutcomeGenerator : IScaleGenerator
{
    public void Generate(ScaleContext context, CommuneChunk chunk)
    {
        var r = chunk.RandomFor(context, 6);
        foreach (var c in chunk.Cases)
        {
            var worker = ScaleContext.WorkerFor(c.Household.Village);
            var children = c.Household.ChildIds.Length;
            var level = r.NextDouble() * 0.4; // 0 = worst, 1 = best; rises over the case
            void Survey(DateTime at, SurveyOccasion occasion)
            {
                if (at > context.Now) return;
                level = Math.Min(1, level + (r.NextDouble() * 0.3));
                var enrolled = (int)Math.Round(children * (0.5 + (level * 0.5)));
                context.Rows.Add(new OutcomeSurvey
                {
                    Id = context.Ids.Next<OutcomeSurvey>(),
                    HouseholdId = c.Household.Id,
                    CaseId = c.Id,
                    SurveyedOn = context.DayOf(at),
                    Occasion = occasion,
                    Currency = Currency.KHR,
                    DailyIncomeMinor = (long)(8_000 + (level * 30_000) + r.Next(0, 5_000)),
                    MonthlySavingsMinor = level < 0.3 ? 0 : (long)(level * 60_000),
                    FoodSecurity = level < 0.25 ? FoodSecurity.Severe : level < 0.5 ? FoodSecurity.Moderate : level < 0.75 ? FoodSecurity.Mild : FoodSecurity.Secure,
                    ChildrenOfSchoolAge = children,
                    ChildrenEnrolled = enrolled,
                    ChildrenAttending = Math.Max(0, enrolled - (level < 0.5 ? 1 : 0)),
                    Violence = level < 0.3 ? Frequency.Frequent : level < 0.6 ? Frequency.Some : Frequency.None,
                    Alcohol = level < 0.4 ? Frequency.Some : Frequency.None,
                    ParentMigrated = r.Next(3) == 0,
                    AllChildrenBirthRegistered = level > 0.4,
                    Housing = level < 0.3 ? HousingSafety.Unsafe : level < 0.7 ? HousingSafety.NeedsRepair : HousingSafety.Safe,
                    Wellbeing = (int)Math.Round(level * 10),
                    RecordedBy = worker,
                    RecordedAt = at.AddHours(2),
                });
            }
            Survey(c.OpenedAt.AddDays(r.Next(2, 10)), SurveyOccasion.Intake);
            var end = c.ClosedAt ?? context.Now;
            for (var at = c.OpenedAt.AddYears(1); at < end; at = at.AddYears(1))
                Survey(at, SurveyOccasion.Review);
            if (c.ClosedAt is { } closed)
            {
                Survey(closed, SurveyOccasion.Closure);
                Survey(closed.AddYears(1), SurveyOccasion.YearlyFollowUp);
            }
        }
    }
}
