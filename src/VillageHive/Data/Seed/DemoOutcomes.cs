using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// Outcome surveys, consent answers and case stories for Ou Char's high-risk cases, as the programme's 2023 report tells
/// them: a mother whose daily income rose from $6 to $50, a family saving $400 a month, families stepping down from
/// crisis. Most families agree to anonymous use; a few refuse, and their story never reaches a report.
/// </summary>
public static class DemoOutcomes
{
    /// <summary>The household of the success story (income $6 → $50 a day): its case is closed in 2023.</summary>
    public const string SuccessStoryTitle = "ពី ៦ ដុល្លារ ដល់ ៥០ ដុល្លារ ក្នុងមួយថ្ងៃ";

    /// <summary>A story whose family refused use in reports: written, selected for 2023, never shown.</summary>
    public const string RefusedStoryTitle = "រឿងដែលគ្រួសារមិនយល់ព្រមចែករំលែក";

    public static async Task SeedAsync(HiveDbContext db, int communeId, HiveClock clock)
    {
        var cases = await db.Cases.Where(c => c.Village!.CommuneId == communeId && c.RiskLevel == Priority.High)
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).ToListAsync();
        var now = clock.UtcNow;
        var random = new Random(2023);
        // The case history (reviews, closure) is DemoCases'; the surveys follow it. The success story is the closed case's.
        var successCase = cases.FirstOrDefault(c => c.Status == CaseStatus.Closed) ?? cases.FirstOrDefault();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var opened = clock.DayOf(c.OpenedAt);
            var success = c == successCase;
            var closes = c.Status == CaseStatus.Closed && c.ClosedAt is not null;
            var children = random.Next(1, 4);
            db.OutcomeSurveys.Add(Survey(c, opened, SurveyOccasion.Intake, dailyUsd: success ? 6 : random.Next(3, 9), savingsUsd: 0,
                FoodSecurity.Severe - (random.Next(2)), children, attending: Math.Max(0, children - 1 - random.Next(2)),
                random.Next(2) == 0 ? Frequency.Frequent : Frequency.Some, random.Next(3) == 0 ? Frequency.Frequent : Frequency.Some,
                migrated: random.Next(3) != 0, births: random.Next(2) == 0, HousingSafety.Unsafe - random.Next(2), wellbeing: random.Next(2, 5), now));
            if (closes)
            {
                var closed = clock.DayOf(c.ClosedAt!.Value);
                var reviewed = opened.AddDays((closed.DayNumber - opened.DayNumber) / 2);
                db.OutcomeSurveys.Add(Survey(c, reviewed, SurveyOccasion.Review, dailyUsd: success ? 20 : random.Next(8, 14), savingsUsd: success ? 100 : random.Next(10, 40),
                    FoodSecurity.Mild, children, attending: children, Frequency.Some, Frequency.Some, migrated: false, births: true,
                    HousingSafety.NeedsRepair, wellbeing: random.Next(5, 7), now));
                db.OutcomeSurveys.Add(Survey(c, closed, SurveyOccasion.Closure, dailyUsd: success ? 50 : random.Next(12, 20), savingsUsd: success ? 400 : random.Next(40, 90),
                    FoodSecurity.Secure, children, attending: children, Frequency.None, success ? Frequency.None : Frequency.Some, migrated: false, births: true,
                    HousingSafety.Safe, wellbeing: success ? 9 : random.Next(7, 9), now));
            }
            // Two families refuse use in reports, three refuse research; everyone else agrees.
            var reports = i < cases.Count - 2;
            var research = i < cases.Count - 3;
            db.ConsentRecords.Add(Consent(c, ConsentUse.Reports, reports, opened, reports ? "ម្តាយយល់ព្រម ដោយមិនបញ្ចេញឈ្មោះ" : "គ្រួសារមិនយល់ព្រម", now));
            db.ConsentRecords.Add(Consent(c, ConsentUse.Research, research, opened, research ? "ឪពុកម្តាយយល់ព្រមចូលរួមការសិក្សា" : "មិនចង់ចូលរួមការសិក្សា", now));
        }
        if (cases.Count >= 2)
        {
            db.CaseStories.Add(Story(successCase!, SuccessStoryTitle,
                "ម្តាយម្នាក់ដែលមានកូនបីនាក់ រកចំណូលបានប្រហែល ៦ ដុល្លារក្នុងមួយថ្ងៃ ហើយគ្រោងនឹងទុកកូនៗនៅជាមួយជីដូន ដើម្បីទៅធ្វើការនៅប្រទេសថៃ។ " +
                "ជាមួយបណ្តាញគ្រួសារ និងបុគ្គលិកសង្គមកិច្ចរបស់ភូមិឃ្មុំ គាត់បានធ្វើផែនការ ចូលរួមក្រុមសន្សំប្រាក់ និងចាប់ផ្តើមលក់បន្លែ។ " +
                "នៅចុងឆ្នាំ គាត់រកបានប្រហែល ៥០ ដុល្លារក្នុងមួយថ្ងៃ គ្រួសារសន្សំបាន ៤០០ ដុល្លារក្នុងមួយខែ ហើយកូនៗនៅផ្ទះ និងទៅសាលារៀន។", now));
            db.CaseStories.Add(Story(cases.First(c => c != successCase), "កុមារត្រឡប់ទៅសាលារៀនវិញ",
                "បងប្អូនប្រុសពីរនាក់បានឈប់រៀនដើម្បីធ្វើការនៅចម្ការ។ ជីដូន គ្រូបង្រៀន និងមេភូមិបានព្រមព្រៀងគ្នាថាអ្នកណាធ្វើអ្វី។ " +
                "ឥឡូវនេះ ក្មេងប្រុសទាំងពីរទៅសាលារៀនរាល់ថ្ងៃ ហើយគ្រួសារលែងត្រូវការប្រាក់ឧបត្ថម្ភទៀតហើយ។", now));
            db.CaseStories.Add(Story(cases[^1], RefusedStoryTitle, "គ្រួសារនេះមិនបានយល់ព្រមឱ្យប្រើរឿងរបស់ពួកគេទេ។", now));
        }
        await db.SaveChangesAsync();
    }

    private static OutcomeSurvey Survey(Case c, DateOnly on, SurveyOccasion occasion, int dailyUsd, int savingsUsd, FoodSecurity food, int children,
        int attending, Frequency violence, Frequency alcohol, bool migrated, bool births, HousingSafety housing, int wellbeing, DateTime now) => new()
    {
        HouseholdId = c.HouseholdId, CaseId = c.Id, SurveyedOn = on, Occasion = occasion, Currency = Currency.USD,
        DailyIncomeMinor = dailyUsd * 100L, MonthlySavingsMinor = savingsUsd * 100L, FoodSecurity = food,
        ChildrenOfSchoolAge = children, ChildrenEnrolled = Math.Max(attending, children - 1), ChildrenAttending = attending,
        Violence = violence, Alcohol = alcohol, ParentMigrated = migrated, AllChildrenBirthRegistered = births, Housing = housing,
        Wellbeing = wellbeing, RecordedBy = c.LeadWorker, RecordedAt = now,
    };

    private static ConsentRecord Consent(Case c, ConsentUse use, bool given, DateOnly on, string said, DateTime now) => new()
    {
        HouseholdId = c.HouseholdId, Use = use, Given = given, AnsweredOn = on, Said = said, RecordedBy = c.LeadWorker, RecordedAt = now,
    };

    private static CaseStory Story(Case c, string title, string text, DateTime now) => new()
    {
        CaseId = c.Id, Title = title, Text = text, SelectedForYear = 2023, WrittenBy = c.LeadWorker, WrittenAt = now,
    };
}
