using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Study;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Exports;

/// <summary>
/// The de-identified export for the longitudinal study: households whose latest answer on research use is yes,
/// without names, phone numbers, addresses or dates of birth (birth year and age only), geography down to the village,
/// and pseudonymous ids that stay the same from one export to the next. A person who refused is left out.
/// </summary>
[Authorize(Policy = Policies.ResearchExport)]
public sealed class ResearchModel(HiveDbContext db, CurrentUser me, AuditLog audit, Pseudonyms pseudonyms, HiveClock clock) : PageModel
{
    public sealed record HouseholdRow(string Household, string VillageCode, string Village, string Commune, IdPoorStatus IdPoor,
        int Members, int Cases, Tier? FirstTier, Tier? LatestTier);

    public sealed record PersonRow(string Person, string Household, string VillageCode, Sex Sex, int? BirthYear, int? AgeYears,
        RelationToHead RelationToHead, SchoolStatus SchoolStatus, BirthRegistration BirthRegistration, bool HasDisability);

    /// <summary>Survey month, not day: enough for the study, less to re-identify with.</summary>
    public sealed record SurveyRow(string Household, string VillageCode, string SurveyMonth, SurveyOccasion Occasion, Currency Currency,
        decimal? DailyIncome, decimal? DailyIncomeUsd, decimal? MonthlySavings, decimal? MonthlySavingsUsd, FoodSecurity? FoodSecurity,
        int? ChildrenOfSchoolAge, int? ChildrenEnrolled, int? ChildrenAttending, Frequency? Violence, Frequency? Alcohol,
        bool? ParentMigrated, bool? AllChildrenBirthRegistered, HousingSafety? Housing, int? Wellbeing);

    /// <param name="format">csv (one table) or xlsx (all of them).</param>
    /// <param name="table">The table of a CSV: households (the default), persons, surveys, study (the study's answers in
    /// long form), study-wide (a row per participant per wave) or codebook (the wide form's columns).</param>
    /// <param name="wave">The study's tables of one wave only.</param>
    public async Task<IActionResult> OnGetAsync(string? format, string? table, int? wave)
    {
        if (!ExportFile.IsFormat(format) || table is not (null or "households" or "persons" or "surveys" or "study" or "study-wide" or "codebook")) return BadRequest();
        if (wave is { } waveId && !await db.CohortsIn(me.Scope).AnyAsync(c => c.Waves.Any(w => w.Id == waveId))) return NotFound();
        var today = clock.Today;
        var consenting = db.Households.InScope(me.Scope, h => h.Village!)
            .Where(h => db.ConsentRecords
                .Where(c => c.HouseholdId == h.Id && c.PersonId == null && c.Use == ConsentUse.Research)
                .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
                .Select(c => (bool?)c.Given).FirstOrDefault() == true);
        await pseudonyms.LoadAsync();

        var households = (await consenting.AsNoTracking().OrderBy(h => h.Id)
            .Select(h => new
            {
                h.Id, h.Village!.Code, Village = h.Village.NameEn, Commune = h.Village.Commune!.NameEn, h.IdPoor, Members = h.Members.Count(),
                Cases = db.Cases.Count(c => c.HouseholdId == h.Id),
                FirstTier = db.Cases.Where(c => c.HouseholdId == h.Id).OrderBy(c => c.OpenedAt).Select(c => (Tier?)c.Tier).FirstOrDefault(),
                LatestTier = db.Cases.Where(c => c.HouseholdId == h.Id).OrderByDescending(c => c.OpenedAt).Select(c => (Tier?)c.Tier).FirstOrDefault(),
            })
            .ToListAsync())
            .Select(h => new HouseholdRow(pseudonyms.Of("household", h.Id), h.Code, h.Village, h.Commune, h.IdPoor, h.Members, h.Cases, h.FirstTier, h.LatestTier))
            .ToList();

        var persons = (await db.Persons.AsNoTracking()
            .Where(p => consenting.Select(h => h.Id).Contains(p.HouseholdId) && p.MergedIntoPersonId == null)
            .Where(p => db.ConsentRecords
                .Where(c => c.PersonId == p.Id && c.Use == ConsentUse.Research)
                .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
                .Select(c => (bool?)c.Given).FirstOrDefault() != false)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.HouseholdId, p.Household!.Village!.Code, p.Sex, p.DateOfBirth, p.EstimatedBirthYear, p.RelationToHead, p.SchoolStatus, p.BirthRegistration, p.HasDisability })
            .ToListAsync())
            .Select(p => new PersonRow(pseudonyms.Of("person", p.Id), pseudonyms.Of("household", p.HouseholdId), p.Code, p.Sex,
                p.DateOfBirth?.Year ?? p.EstimatedBirthYear, Person.Age(p.DateOfBirth, p.EstimatedBirthYear, today),
                p.RelationToHead, p.SchoolStatus, p.BirthRegistration, p.HasDisability))
            .ToList();

        var surveys = (await db.OutcomeSurveys.AsNoTracking()
            .Where(s => consenting.Select(h => h.Id).Contains(s.HouseholdId))
            .OrderBy(s => s.HouseholdId).ThenBy(s => s.SurveyedOn)
            .Select(s => new { s.HouseholdId, s.Household!.Village!.Code, s.SurveyedOn, Survey = s })
            .ToListAsync())
            .Select(x =>
            {
                var s = x.Survey;
                return new SurveyRow(pseudonyms.Of("household", x.HouseholdId), x.Code, x.SurveyedOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    s.Occasion, s.Currency,
                    s.DailyIncomeMinor is { } i ? Money.FromMinor(i, s.Currency) : null,
                    s.DailyIncomeMinor is { } iu ? Math.Round(OutcomeMoney.InUsd(iu, s.Currency), 2) : null,
                    s.MonthlySavingsMinor is { } m ? Money.FromMinor(m, s.Currency) : null,
                    s.MonthlySavingsMinor is { } mu ? Math.Round(OutcomeMoney.InUsd(mu, s.Currency), 2) : null,
                    s.FoodSecurity, s.ChildrenOfSchoolAge, s.ChildrenEnrolled, s.ChildrenAttending, s.Violence, s.Alcohol,
                    s.ParentMigrated, s.AllChildrenBirthRegistered, s.Housing, s.Wellbeing);
            })
            .ToList();

        var study = await StudyExport.BuildAsync(db, consenting.Select(h => h.Id), wave, pseudonyms);

        var sheets = new[]
        {
            ExportFile.SheetOf("Households", households),
            ExportFile.SheetOf("Persons", persons),
            ExportFile.SheetOf("Surveys", surveys),
            study.LongForm,
            study.WideForm,
            study.Codebook,
        };
        // CSV is one table: the one asked for, households by default.
        var first = table switch { "persons" => 1, "surveys" => 2, "study" => 3, "study-wide" => 4, "codebook" => 5, _ => 0 };
        var ordered = sheets.Skip(first).Concat(sheets.Take(first)).ToArray();
        await audit.RecordAsync("Export", "Research", me.Scope.Serialise(),
            new { Format = format, Table = table ?? "households", Wave = wave, Households = households.Count, Persons = persons.Count, Surveys = surveys.Count, StudyAnswers = study.AnswerCount });
        return ExportFile.Create(format!, "research-" + (format == "xlsx" ? "all" : table ?? "households"), ordered);
    }
}
