using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// The demo study lives through today: a third wave of Ou Char's cohort, open from two months before the commune's
/// today to two months after, asking the published first version. Households that moved or died in an earlier wave keep
/// that status; about a third of the others are interviewed already, the rest wait. Adds rows only, and nothing when a
/// wave of the cohort already holds today.
/// </summary>
public static class DemoStudyToday
{
    public static async Task SeedAsync(HiveDbContext db, HiveClock clock)
    {
        var today = clock.Today;
        var cohort = await db.StudyCohorts.Where(c => c.Name == DemoStudy.CohortName)
            .Select(c => new { c.Id, Last = c.Waves.OrderByDescending(w => w.Number).Select(w => new { w.Id, w.Number, w.PlannedTo, w.QuestionnaireVersionId }).First() })
            .FirstOrDefaultAsync();
        if (cohort is null || await db.StudyWaves.AnyAsync(w => w.CohortId == cohort.Id && w.PlannedFrom <= today && w.PlannedTo >= today)) return;
        var month = new DateOnly(today.Year, today.Month, 1);
        var (from, to) = (month.AddMonths(-2), month.AddMonths(3).AddDays(-1));
        if (from <= cohort.Last.PlannedTo) return;
        var questions = await db.StudyQuestions.AsNoTracking().Where(q => q.VersionId == cohort.Last.QuestionnaireVersionId).OrderBy(q => q.Order).ToListAsync();
        var members = await db.CohortMembers.AsNoTracking().Where(m => m.CohortId == cohort.Id).OrderBy(m => m.HouseholdId).Select(m => m.HouseholdId).ToListAsync();
        var gone = await db.WaveParticipants.AsNoTracking().Where(p => p.Wave!.CohortId == cohort.Id && (p.Status == ParticipantStatus.Moved || p.Status == ParticipantStatus.Deceased))
            .Select(p => new { p.HouseholdId, p.Status, p.Reason }).ToListAsync();
        var random = new Random(2026);
        var wave = new StudyWave { CohortId = cohort.Id, Number = cohort.Last.Number + 1, PlannedFrom = from, PlannedTo = to, QuestionnaireVersionId = cohort.Last.QuestionnaireVersionId };
        foreach (var householdId in members)
        {
            var participant = new WaveParticipant { HouseholdId = householdId };
            if (gone.FirstOrDefault(g => g.HouseholdId == householdId) is { } left)
            {
                (participant.Status, participant.Reason, participant.StatusOn) = (left.Status, left.Reason, from);
            }
            else if (random.Next(3) == 0 && today > from)
            {
                participant.Status = ParticipantStatus.Completed;
                participant.StatusOn = from.AddDays(random.Next(today.DayNumber - from.DayNumber));
                participant.Answers = DemoStudy.Answers(questions, 3, random);
            }
            if (participant.Status != ParticipantStatus.Pending)
            {
                participant.RecordedBy = random.Next(2) == 0 ? "ouchar.vbsw1" : "ouchar.vbsw2";
                participant.RecordedAt = clock.StartOfDayUtc(participant.StatusOn!.Value);
            }
            wave.Participants.Add(participant);
        }
        db.StudyWaves.Add(wave);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
