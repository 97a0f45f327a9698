using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// The demo's longitudinal study: Ou Char's cohort at its Hive's start (October 2020), a systematic sample of the
/// register with the families that agreed to research, interviewed at a baseline wave (2021) and a second wave
/// (2023) with the first questionnaire version (the outcome indicators). Some households refused, moved, were not
/// found or died; a few of the second wave are not yet seen. Adds rows only: no existing demo row changes.
/// </summary>
public static class DemoStudy
{
    public const string StudyNameEn = "Village Hive longitudinal study";
    public const string CohortName = "Ou Char 2020";

    public static async Task SeedAsync(HiveDbContext db, int communeId, HiveClock clock)
    {
        var hive = await db.Hives.AsNoTracking().Where(h => h.CommuneId == communeId).Select(h => new { h.CoCreationFrom, h.OperatingFrom }).FirstAsync();
        var start = hive.CoCreationFrom ?? hive.OperatingFrom ?? new DateOnly(2020, 10, 1);
        var households = await db.Households.AsNoTracking().Where(h => h.Village!.CommuneId == communeId && h.MergedIntoHouseholdId == null)
            .OrderBy(h => h.Id).Select(h => h.Id).ToListAsync();
        var researching = await db.ConsentRecords.AsNoTracking().Where(c => c.Use == ConsentUse.Research && c.PersonId == null && c.Household!.Village!.CommuneId == communeId)
            .Select(c => c.HouseholdId).Distinct().ToListAsync();
        var members = households.Where((_, i) => i % 5 == 0).Union(researching).Order().ToList();
        var now = clock.UtcNow;

        var version = new QuestionnaireVersion { Number = 1, CreatedAt = now, CreatedBy = "researcher", FrozenOn = new DateOnly(2021, 2, 1), Questions = StudyQuestions.Outcomes() };
        var study = new ResearchStudy
        {
            NameEn = StudyNameEn,
            NameKm = "ការសិក្សាតាមដានរយៈពេលវែងនៃគម្រោង Village Hive",
            Purpose = "An evidence base across the lifespan of the Village Hive project, to support the Government in scaling into other districts.",
            CreatedAt = now,
            Questionnaires = [new Questionnaire { Name = "Household outcomes", Versions = [version] }],
        };
        var cohort = new StudyCohort
        {
            Study = study,
            CommuneId = communeId,
            Name = CohortName,
            Rule = "Every fifth household of the commune's register when its Hive began, and the families who agreed to research",
            HiveStartYear = start.Year,
            Members = members.Select(id => new CohortMember { HouseholdId = id, JoinedOn = start }).ToList(),
        };
        db.StudyCohorts.Add(cohort);
        await db.SaveChangesAsync();

        var random = new Random(2021);
        var gone = new HashSet<int>();
        foreach (var (number, from, to) in new[] { (1, new DateOnly(2021, 2, 1), new DateOnly(2021, 5, 31)), (2, new DateOnly(2023, 2, 1), new DateOnly(2023, 5, 31)) })
        {
            var wave = new StudyWave { Cohort = cohort, CohortId = cohort.Id, Number = number, PlannedFrom = from, PlannedTo = to, QuestionnaireVersionId = version.Id };
            foreach (var householdId in members)
            {
                var roll = random.Next(100);
                var status = gone.Contains(householdId) ? ParticipantStatus.NotFound
                    : number == 1 ? (roll < 93 ? ParticipantStatus.Completed : roll < 97 ? ParticipantStatus.Refused : ParticipantStatus.NotFound)
                    : roll < 80 ? ParticipantStatus.Completed : roll < 85 ? ParticipantStatus.Moved : roll < 89 ? ParticipantStatus.Refused
                    : roll < 92 ? ParticipantStatus.NotFound : roll < 94 ? ParticipantStatus.Deceased : ParticipantStatus.Pending;
                // Families who agreed to research were all seen.
                if (researching.Contains(householdId) && status != ParticipantStatus.Pending) status = ParticipantStatus.Completed;
                if (status is ParticipantStatus.Moved or ParticipantStatus.Deceased) gone.Add(householdId);
                var on = from.AddDays(random.Next(to.DayNumber - from.DayNumber));
                var participant = new WaveParticipant
                {
                    HouseholdId = householdId,
                    Status = status,
                    StatusOn = status == ParticipantStatus.Pending ? null : on,
                    Reason = status switch
                    {
                        ParticipantStatus.Refused => "មិនចង់ចូលរួមទៀតទេ",
                        ParticipantStatus.Moved => "គ្រួសារបានផ្លាស់ទៅប្រទេសថៃ",
                        ParticipantStatus.NotFound => "រកមិនឃើញផ្ទះ ទោះបីមកសួរបីដងក៏ដោយ",
                        ParticipantStatus.Deceased => "មេគ្រួសារទទួលមរណភាព",
                        _ => null,
                    },
                    RecordedBy = status == ParticipantStatus.Pending ? null : random.Next(2) == 0 ? "ouchar.vbsw1" : "ouchar.vbsw2",
                    RecordedAt = status == ParticipantStatus.Pending ? null : clock.StartOfDayUtc(on),
                };
                if (status == ParticipantStatus.Completed) participant.Answers = Answers(version.Questions, number, random);
                wave.Participants.Add(participant);
            }
            db.StudyWaves.Add(wave);
            await db.SaveChangesAsync();
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>Plausible answers: the second wave a little better off than the baseline.</summary>
    internal static List<StudyAnswer> Answers(List<StudyQuestion> questions, int wave, Random random)
    {
        var better = wave > 1 ? 1 : 0;
        var children = random.Next(0, 4);
        var enrolled = Math.Max(0, children - (better == 1 ? 0 : random.Next(2)));
        var attending = Math.Max(0, enrolled - random.Next(2 - better));
        StudyAnswer Number(string code, decimal value) => new() { QuestionId = questions.Single(q => q.Code == code).Id, NumberHundredths = (long)(value * 100) };
        StudyAnswer Choice(string code, string value) => new() { QuestionId = questions.Single(q => q.Code == code).Id, Choice = value };
        StudyAnswer YesNo(string code, bool value) => new() { QuestionId = questions.Single(q => q.Code == code).Id, YesNo = value };
        return
        [
            Number("DailyIncomeUsd", random.Next(3, 9) + better * random.Next(2, 7) + random.Next(4) * 0.25m),
            Number("MonthlySavingsUsd", better * random.Next(0, 40)),
            Choice("FoodSecurity", ((FoodSecurity)Math.Max(0, random.Next(1, 4) - better)).ToString()),
            Number("ChildrenOfSchoolAge", children),
            Number("ChildrenEnrolled", enrolled),
            Number("ChildrenAttending", attending),
            Choice("Violence", ((Frequency)Math.Max(0, random.Next(0, 3) - better)).ToString()),
            Choice("Alcohol", ((Frequency)Math.Max(0, random.Next(0, 3) - better)).ToString()),
            YesNo("ParentMigrated", random.Next(3) == 0),
            YesNo("AllChildrenBirthRegistered", random.Next(3) < 1 + better),
            Choice("Housing", ((HousingSafety)Math.Max(0, random.Next(0, 3) - better)).ToString()),
            Number("Wellbeing", Math.Min(10, random.Next(3, 7) + better * 2)),
        ];
    }
}
