using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Exports;

namespace VillageHive.Features.Study;

/// <summary>
/// The study's answers for the de-identified research export, read from the same answers table as the commune
/// report: in long form (one row per participant per question), in wide form (one row per participant per wave, a
/// column per question code) and a codebook naming every column of the wide form.
/// </summary>
public static class StudyExport
{
    public sealed record LongRow(string Household, string VillageCode, int CommuneStartYear, int Wave, string QuestionCode, string Value, string? Unit);

    public sealed record CodebookRow(string Name, string LabelEn, string LabelKm, string Type, string? Unit, string? AllowedValues);

    /// <summary>The wide form's columns before the question codes, as the codebook describes them.</summary>
    public static readonly IReadOnlyList<CodebookRow> FixedColumns =
    [
        new("Household", "Pseudonymous household id, the same in every export", "លេខសម្គាល់គ្រួសារក្លែងក្លាយ ដូចគ្នាគ្រប់ការនាំចេញ", "text", null, null),
        new("VillageCode", "Village code of the gazetteer", "លេខកូដភូមិតាមបញ្ជីឈ្មោះភូមិ", "text", null, null),
        new("CommuneStartYear", "Year the commune's Hive began", "ឆ្នាំដែលហាយរបស់ឃុំបានចាប់ផ្តើម", "number", "year", null),
        new("Wave", "Wave number within the cohort", "លេខរៀងជុំនៃការសិក្សាក្នុងក្រុមគោលដៅ", "number", null, null),
        new("Status", "The household's status in the wave", "ស្ថានភាពគ្រួសារក្នុងជុំនៃការសិក្សា", "choice", null, string.Join(" | ", Enum.GetNames<ParticipantStatus>())),
        new("InterviewMonth", "Month of the interview or of the status", "ខែនៃការសម្ភាសន៍ ឬនៃស្ថានភាព", "text", "yyyy-MM", null),
    ];

    public sealed record Sheets(ExportFile.Sheet LongForm, ExportFile.Sheet WideForm, ExportFile.Sheet Codebook, int AnswerCount, int ParticipantCount);

    /// <param name="db">The database.</param>
    /// <param name="households">The households that may be exported (in scope, latest research consent yes).</param>
    /// <param name="waveId">One wave only, or every wave.</param>
    /// <param name="pseudonyms">The export's pseudonyms, loaded or not.</param>
    public static async Task<Sheets> BuildAsync(HiveDbContext db, IQueryable<int> households, int? waveId, Pseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        await pseudonyms.LoadAsync();
        var participants = db.WaveParticipants.AsNoTracking().Where(p => households.Contains(p.HouseholdId));
        if (waveId is { } w) participants = participants.Where(p => p.WaveId == w);
        var people = await participants.OrderBy(p => p.Wave!.Cohort!.HiveStartYear).ThenBy(p => p.WaveId).ThenBy(p => p.HouseholdId)
            .Select(p => new { p.Id, p.HouseholdId, p.Household!.Village!.Code, p.Wave!.Cohort!.HiveStartYear, p.Wave.Number, p.Status, p.StatusOn, p.Wave.QuestionnaireVersionId })
            .ToListAsync();
        var answers = await db.StudyAnswers.AsNoTracking().Where(a => participants.Select(p => p.Id).Contains(a.ParticipantId))
            .OrderBy(a => a.ParticipantId).ThenBy(a => a.Question!.Order)
            .Select(a => new { a.ParticipantId, a.Question!.Code, a.Question.Unit, Answer = a })
            .ToListAsync();
        var versionIds = people.Select(p => p.QuestionnaireVersionId).Distinct().ToList();
        var questions = (await db.StudyQuestions.AsNoTracking().Where(q => versionIds.Contains(q.VersionId)).ToListAsync())
            .GroupBy(q => q.Code).Select(g => g.OrderByDescending(q => q.VersionId).First())
            .OrderBy(q => q.Order).ThenBy(q => q.Code, StringComparer.Ordinal).ToList();

        var byParticipant = people.ToDictionary(p => p.Id);
        var longRows = answers.Select(a =>
        {
            var p = byParticipant[a.ParticipantId];
            return new LongRow(pseudonyms.Of("household", p.HouseholdId), p.Code, p.HiveStartYear, p.Number, a.Code, a.Answer.Value(), a.Unit);
        }).ToList();

        var answersOf = answers.ToLookup(a => a.ParticipantId);
        var columns = FixedColumns.Select(c => c.Name).Concat(questions.Select(q => q.Code)).ToList();
        var wideRows = people.Select(p =>
        {
            var cells = new object?[columns.Count];
            cells[0] = pseudonyms.Of("household", p.HouseholdId);
            cells[1] = p.Code;
            cells[2] = p.HiveStartYear;
            cells[3] = p.Number;
            cells[4] = p.Status.ToString();
            cells[5] = p.StatusOn?.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            foreach (var a in answersOf[p.Id])
            {
                var column = columns.IndexOf(a.Code);
                cells[column] = a.Answer.Number is { } n ? n : a.Answer.Value();
            }
            return cells;
        }).ToList();

        var codebook = FixedColumns.Concat(questions.Select(q => new CodebookRow(q.Code, q.TextEn, q.TextKm, q.Type.ToString().ToLowerInvariant(), q.Unit, Allowed(q)))).ToList();
        return new Sheets(
            ExportFile.SheetOf("StudyAnswers", longRows),
            new ExportFile.Sheet("StudyWide", columns, wideRows),
            ExportFile.SheetOf("StudyCodebook", codebook),
            longRows.Count, people.Count);
    }

    private static string? Allowed(StudyQuestion q) => q.Type switch
    {
        QuestionType.Number when q.Min is not null || q.Max is not null => $"{q.Min?.ToString(CultureInfo.InvariantCulture) ?? ""}–{q.Max?.ToString(CultureInfo.InvariantCulture) ?? ""}",
        QuestionType.YesNo or QuestionType.Choice or QuestionType.Frequency => string.Join(" | ", q.AllowedOptions().Select(o => $"{o.Code} ({o.En})")),
        _ => null,
    };
}
