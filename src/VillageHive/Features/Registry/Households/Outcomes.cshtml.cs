using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Registry.Households;

/// <summary>
/// A household's outcome surveys over time (a chart per indicator with a table of the same numbers), recording a
/// new survey, and the household's answers on consent to anonymous use in reports and research.
/// </summary>
public sealed class OutcomesModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class SurveyInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Outcome.SurveyedOn")]
        public DateOnly? SurveyedOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Outcome.Occasion")]
        public SurveyOccasion? Occasion { get; set; }

        [Display(Name = "Outcome.Case")]
        public int? CaseId { get; set; }

        [Display(Name = "Outcome.Currency")]
        public Currency Currency { get; set; } = Currency.USD;

        [Range(0, 1_000_000_000, ErrorMessage = "Validation.Invalid")]
        [Display(Name = "Outcome.DailyIncome")]
        public decimal? DailyIncome { get; set; }

        [Range(0, 1_000_000_000, ErrorMessage = "Validation.Invalid")]
        [Display(Name = "Outcome.MonthlySavings")]
        public decimal? MonthlySavings { get; set; }

        [Display(Name = "Outcome.FoodSecurity")]
        public FoodSecurity? FoodSecurity { get; set; }

        [Display(Name = "Outcome.ChildrenOfSchoolAge")]
        public int? ChildrenOfSchoolAge { get; set; }

        [Display(Name = "Outcome.ChildrenEnrolled")]
        public int? ChildrenEnrolled { get; set; }

        [Display(Name = "Outcome.ChildrenAttending")]
        public int? ChildrenAttending { get; set; }

        [Display(Name = "Outcome.Violence")]
        public Frequency? Violence { get; set; }

        [Display(Name = "Outcome.Alcohol")]
        public Frequency? Alcohol { get; set; }

        [Display(Name = "Outcome.ParentMigrated")]
        public bool? ParentMigrated { get; set; }

        [Display(Name = "Outcome.BirthsRegistered")]
        public bool? AllChildrenBirthRegistered { get; set; }

        [Display(Name = "Outcome.Housing")]
        public HousingSafety? Housing { get; set; }

        [Display(Name = "Outcome.Wellbeing")]
        public int? Wellbeing { get; set; }

        [StringLength(4000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Outcome.Note")]
        public string? Note { get; set; }
    }

    public sealed class ConsentInput
    {
        [Display(Name = "Consent.Person")]
        public int? PersonId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Consent.Use")]
        public ConsentUse? Use { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Consent.Answer")]
        public bool? Given { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Consent.AnsweredOn")]
        public DateOnly? AnsweredOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Consent.Said")]
        public string? Said { get; set; }
    }

    public sealed record ConsentRow(int Id, string? Person, ConsentUse Use, bool Given, DateOnly AnsweredOn, string Said, string RecordedBy);

    [BindProperty]
    public SurveyInput Survey { get; set; } = new();

    [BindProperty]
    public ConsentInput Consent { get; set; } = new();

    public int Id { get; private set; }
    public string? Head { get; private set; }
    public List<OutcomeQueries.Point> Points { get; private set; } = [];
    public List<ConsentRow> Consents { get; private set; } = [];
    public List<(int Id, string Label)> CaseOptions { get; private set; } = [];
    public List<(int Id, string Name)> People { get; private set; } = [];
    public bool MayRecord => me.IsInAnyRole(Roles.OutcomeRecorders);

    /// <summary>The latest household-level answer for a use: null when never asked.</summary>
    public bool? Latest(ConsentUse use) => Consents.Where(c => c.Use == use && c.Person is null).Select(c => (bool?)c.Given).FirstOrDefault();

    /// <param name="id">The household.</param>
    /// <param name="occasion">Chosen beforehand when the survey is asked for from a case (intake, review, closure).</param>
    /// <param name="caseId">The case the survey belongs to, when it is one of the household's.</param>
    public async Task<IActionResult> OnGetAsync(int id, SurveyOccasion? occasion, int? caseId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (occasion is { } o && Enum.IsDefined(o)) Survey.Occasion = o;
        if (caseId is { } c && CaseOptions.Any(x => x.Id == c)) Survey.CaseId = c;
        Survey.SurveyedOn = Today;
        Consent.AnsweredOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayRecord) return Forbid();
        Forget(nameof(Consent), typeof(ConsentInput));
        if (!ModelState.IsValid) return Page();
        if (Survey.CaseId is { } caseId && CaseOptions.All(c => c.Id != caseId))
            ModelState.AddModelError("Survey.CaseId", l["Validation.Invalid"]);
        foreach (var (field, value) in new (string, Enum?)[]
        {
            (nameof(SurveyInput.Occasion), Survey.Occasion), (nameof(SurveyInput.Currency), Survey.Currency), (nameof(SurveyInput.FoodSecurity), Survey.FoodSecurity),
            (nameof(SurveyInput.Violence), Survey.Violence), (nameof(SurveyInput.Alcohol), Survey.Alcohol), (nameof(SurveyInput.Housing), Survey.Housing),
        })
        {
            if (value is not null && !Enum.IsDefined(value.GetType(), value)) ModelState.AddModelError("Survey." + field, l["Validation.Invalid"]);
        }
        long? income = null, savings = null;
        if (Survey.DailyIncome is { } di && (income = OutcomeMoney.ToMinor(di, Survey.Currency)) is null)
            ModelState.AddModelError("Survey.DailyIncome", l["Validation.Invalid"]);
        if (Survey.MonthlySavings is { } ms && (savings = OutcomeMoney.ToMinor(ms, Survey.Currency)) is null)
            ModelState.AddModelError("Survey.MonthlySavings", l["Validation.Invalid"]);
        var survey = new OutcomeSurvey
        {
            HouseholdId = id,
            CaseId = Survey.CaseId,
            SurveyedOn = Survey.SurveyedOn!.Value,
            Occasion = Survey.Occasion!.Value,
            Currency = Survey.Currency,
            DailyIncomeMinor = income,
            MonthlySavingsMinor = savings,
            FoodSecurity = Survey.FoodSecurity,
            ChildrenOfSchoolAge = Survey.ChildrenOfSchoolAge,
            ChildrenEnrolled = Survey.ChildrenEnrolled,
            ChildrenAttending = Survey.ChildrenAttending,
            Violence = Survey.Violence,
            Alcohol = Survey.Alcohol,
            ParentMigrated = Survey.ParentMigrated,
            AllChildrenBirthRegistered = Survey.AllChildrenBirthRegistered,
            Housing = Survey.Housing,
            Wellbeing = Survey.Wellbeing,
            Note = string.IsNullOrWhiteSpace(Survey.Note) ? null : Survey.Note.Trim(),
            RecordedBy = me.UserName,
            RecordedAt = clock.UtcNow,
        };
        foreach (var (field, key) in survey.Validate(Today))
            ModelState.AddModelError("Survey." + field, l[key]);
        if (!ModelState.IsValid) return Page();
        db.OutcomeSurveys.Add(survey);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Registry/Households/Outcomes", new { id });
    }

    public async Task<IActionResult> OnPostConsentAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayRecord) return Forbid();
        Forget(nameof(Survey), typeof(SurveyInput));
        if (!ModelState.IsValid) return Page();
        if (Consent.Use is { } use && !Enum.IsDefined(use)) ModelState.AddModelError("Consent.Use", l["Validation.Invalid"]);
        if (Consent.PersonId is { } pid && People.All(p => p.Id != pid)) ModelState.AddModelError("Consent.PersonId", l["Validation.Invalid"]);
        if (Consent.AnsweredOn > Today) ModelState.AddModelError("Consent.AnsweredOn", l["Validation.DateInFuture"]);
        if (!ModelState.IsValid) return Page();
        db.ConsentRecords.Add(new ConsentRecord
        {
            HouseholdId = id,
            PersonId = Consent.PersonId,
            Use = Consent.Use!.Value,
            Given = Consent.Given!.Value,
            AnsweredOn = Consent.AnsweredOn!.Value,
            Said = Consent.Said!.Trim(),
            RecordedBy = me.UserName,
            RecordedAt = clock.UtcNow,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Registry/Households/Outcomes", pageHandler: null, new { id }, "consent");
    }

    /// <summary>
    /// Two forms bind on this page; the one not posted has nothing to validate. With none of its fields posted, the
    /// binder falls back to unprefixed names ("Use", not "Consent.Use"), so those go too.
    /// </summary>
    private void Forget(string prefix, Type input)
    {
        var names = input.GetProperties().Select(p => p.Name).ToHashSet();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal) || names.Contains(k)).ToList())
            ModelState.Remove(key);
    }

    private DateOnly Today => clock.Today;

    private async Task<bool> LoadAsync(int id)
    {
        var head = await db.HouseholdsIn(me.Scope).AsNoTracking().Where(h => h.Id == id)
            .Select(h => new { Head = Household.Shown(h.HeadNameKm) })
            .FirstOrDefaultAsync();
        if (head is null) return false;
        Id = id;
        Head = head.Head;
        Points = await OutcomeQueries.PointsAsync(db, id);
        Consents = await db.ConsentRecords.AsNoTracking().Where(c => c.HouseholdId == id)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
            .Select(c => new ConsentRow(c.Id, c.Person == null ? null : c.Person.FamilyNameKm + " " + c.Person.GivenNameKm, c.Use, c.Given, c.AnsweredOn, c.Said, c.RecordedBy))
            .ToListAsync();
        CaseOptions = (await db.CasesFor(me).AsNoTracking().Where(c => c.HouseholdId == id).OrderByDescending(c => c.OpenedAt)
            .Select(c => new { c.Id, c.OpenedAt, c.Tier }).ToListAsync())
            .Select(c => (c.Id, $"#{c.Id} · {c.OpenedAt:d} · {l.Label(c.Tier)}")).ToList();
        People = (await db.Persons.AsNoTracking().Where(p => p.HouseholdId == id && p.MergedIntoPersonId == null).OrderBy(p => p.RelationToHead)
            .Select(p => new { p.Id, Name = p.FamilyNameKm + " " + p.GivenNameKm }).ToListAsync())
            .Select(p => (p.Id, p.Name)).ToList();
        return true;
    }
}
