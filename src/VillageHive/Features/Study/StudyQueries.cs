using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Study;

/// <summary>The study's figures, each filtered by the caller's scope in SQL (the participant's household's village).</summary>
public static class StudyQueries
{
    /// <summary>A wave's participants by status: planned is every participant; attrition is the share lost to the wave.</summary>
    public sealed record WaveCounts(int Planned, int Pending, int Completed, int Refused, int Moved, int NotFound, int Deceased)
    {
        public static readonly WaveCounts Empty = new(0, 0, 0, 0, 0, 0, 0);
        public int Lost => Refused + Moved + NotFound + Deceased;
        public int AttritionPercent => StudyRules.AttritionPercent(Planned, Lost);
    }

    public static IQueryable<WaveParticipant> ParticipantsIn(this HiveDbContext db, Scope scope) =>
        db.WaveParticipants.InScope(scope, p => p.Household!.Village!);

    /// <summary>The cohorts of communes the scope reaches (a Village social worker's commune too: the counts are of their villages).</summary>
    public static IQueryable<StudyCohort> CohortsIn(this HiveDbContext db, Scope scope) =>
        db.StudyCohorts.Where(scope.ContainsCommune<StudyCohort>(c => c.Commune!));

    public static async Task<Dictionary<int, WaveCounts>> CountsAsync(HiveDbContext db, Scope scope, IReadOnlyCollection<int> waveIds)
    {
        var ids = waveIds.ToList();
        var rows = await db.ParticipantsIn(scope).AsNoTracking().Where(p => ids.Contains(p.WaveId))
            .GroupBy(p => new { p.WaveId, p.Status })
            .Select(g => new { g.Key.WaveId, g.Key.Status, Count = g.Count() })
            .ToListAsync();
        return rows.GroupBy(r => r.WaveId).ToDictionary(g => g.Key, g =>
        {
            int Of(ParticipantStatus s) => g.Where(r => r.Status == s).Sum(r => r.Count);
            return new WaveCounts(g.Sum(r => r.Count), Of(ParticipantStatus.Pending), Of(ParticipantStatus.Completed), Of(ParticipantStatus.Refused),
                Of(ParticipantStatus.Moved), Of(ParticipantStatus.NotFound), Of(ParticipantStatus.Deceased));
        });
    }

    /// <summary>One wave of a report: its counts and, per question code, a summary of the answers.</summary>
    public sealed record WaveSummary(int WaveId, int Number, string CohortName, int HiveStartYear, DateOnly PlannedFrom, DateOnly PlannedTo,
        WaveCounts Counts, IReadOnlyDictionary<string, AnswerSummary> Answers);

    /// <summary>
    /// The answers of a question in a wave: a number's average, the share answering yes, or the most common option
    /// with its share; <see cref="Answered"/> is how many answered.
    /// </summary>
    public sealed record AnswerSummary(QuestionType Type, string? Unit, int Answered, decimal? Average, int? YesPercent, StudyQuestion.Option? Top, int? TopPercent);

    public sealed record QuestionRow(string Code, string TextEn, string TextKm);

    public sealed record ReportSection(IReadOnlyList<WaveSummary> Waves, IReadOnlyList<QuestionRow> Questions);

    /// <summary>The waves of the area's cohorts planned to start by the end of the year, with their answers summarised in SQL.</summary>
    public static async Task<ReportSection> ReportAsync(HiveDbContext db, Scope area, int year)
    {
        ArgumentNullException.ThrowIfNull(db);
        var end = new DateOnly(year, 12, 31);
        var waves = await db.CohortsIn(area).AsNoTracking()
            .SelectMany(c => c.Waves)
            .Where(w => w.PlannedFrom <= end)
            .OrderBy(w => w.Cohort!.Name).ThenBy(w => w.Number)
            .Select(w => new { w.Id, w.Number, w.Cohort!.Name, w.Cohort.HiveStartYear, w.PlannedFrom, w.PlannedTo, w.QuestionnaireVersionId })
            .ToListAsync();
        if (waves.Count == 0) return new ReportSection([], []);
        var waveIds = waves.Select(w => w.Id).ToList();
        var versionIds = waves.Select(w => w.QuestionnaireVersionId).Distinct().ToList();
        var questions = await db.StudyQuestions.AsNoTracking().Where(q => versionIds.Contains(q.VersionId)).OrderBy(q => q.Order).ToListAsync();
        var counts = await CountsAsync(db, area, waveIds);
        var groups = await db.StudyAnswers.AsNoTracking()
            .Where(a => waveIds.Contains(a.Participant!.WaveId))
            .Where(area.Contains<StudyAnswer>(a => a.Participant!.Household!.Village!))
            .GroupBy(a => new { a.Participant!.WaveId, a.QuestionId, a.YesNo, a.Choice })
            .Select(g => new { g.Key.WaveId, g.Key.QuestionId, g.Key.YesNo, g.Key.Choice, Count = g.Count(), Numbers = g.Count(a => a.NumberHundredths != null), Sum = g.Sum(a => a.NumberHundredths ?? 0) })
            .ToListAsync();
        var summaries = waves.Select(w =>
        {
            var answers = new Dictionary<string, AnswerSummary>();
            foreach (var q in questions.Where(q => q.VersionId == w.QuestionnaireVersionId))
            {
                var rows = groups.Where(g => g.WaveId == w.Id && g.QuestionId == q.Id).ToList();
                var answered = rows.Sum(r => r.Count);
                if (answered == 0) continue;
                int Percent(int n) => (int)Math.Round(100m * n / answered, MidpointRounding.AwayFromZero);
                var numbers = rows.Sum(r => r.Numbers);
                var top = rows.Where(r => r.Choice is not null).OrderByDescending(r => r.Count).FirstOrDefault();
                answers[q.Code] = q.Type switch
                {
                    QuestionType.Number => new AnswerSummary(q.Type, q.Unit, answered, numbers == 0 ? null : Math.Round(rows.Sum(r => r.Sum) / 100m / numbers, 1), null, null, null),
                    QuestionType.YesNo => new AnswerSummary(q.Type, null, answered, null, Percent(rows.Where(r => r.YesNo == true).Sum(r => r.Count)), null, null),
                    QuestionType.Choice or QuestionType.Frequency when top is not null =>
                        new AnswerSummary(q.Type, null, answered, null, null, q.AllowedOptions().FirstOrDefault(o => o.Code == top.Choice), Percent(top.Count)),
                    _ => new AnswerSummary(q.Type, null, answered, null, null, null, null),
                };
            }
            return new WaveSummary(w.Id, w.Number, w.Name, w.HiveStartYear, w.PlannedFrom, w.PlannedTo, counts.GetValueOrDefault(w.Id, WaveCounts.Empty), answers);
        }).ToList();
        var rowsByCode = questions.GroupBy(q => q.Code).Select(g => g.OrderByDescending(q => q.VersionId).First())
            .OrderBy(q => q.Order).Select(q => new QuestionRow(q.Code, q.TextEn, q.TextKm)).ToList();
        return new ReportSection(summaries, rowsByCode);
    }

    /// <summary>A summary as the report shows it.</summary>
    public static string Shown(AnswerSummary? s, bool khmer, string yesFormat) => s switch
    {
        null => "–",
        { Type: QuestionType.Number, Average: { } avg } => avg.ToString("0.#", CultureInfo.InvariantCulture) + (s.Unit is { } u ? " " + u : ""),
        { Type: QuestionType.YesNo, YesPercent: { } y } => string.Format(CultureInfo.InvariantCulture, yesFormat, y),
        { Top: { } top, TopPercent: { } p } => $"{(khmer ? top.Km : top.En)} {p}%",
        _ => s.Answered.ToString(CultureInfo.InvariantCulture),
    };
}
