using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.ScreeningCriteria;

/// <summary>
/// The screening checklist in force and its history. Saving never edits a version: it adds version N+1, so every
/// screening keeps the weights and thresholds it was scored with.
/// </summary>
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Empty rows offered under the current criteria for new ones.</summary>
    private const int BlankRows = 3;

    [BindProperty]
    public CriteriaInput Input { get; set; } = new();

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public VersionRow? Current => Versions.Count > 0 ? Versions[0] : null;
    public bool Stale { get; private set; }

    public sealed record VersionRow(int Number, DateTime CreatedAt, string CreatedBy, int EarlyInterventionFrom, int CrisisFrom,
        int Screenings, IReadOnlyList<CriterionRow> Criteria);

    public sealed record CriterionRow(string TextKm, string TextEn, int Weight, bool ForcesCrisis);

    public sealed class CriteriaInput
    {
        public List<CriterionInput> Criteria { get; set; } = [];

        [Display(Name = "Criteria.EarlyInterventionFrom")]
        public int? EarlyInterventionFrom { get; set; }

        [Display(Name = "Criteria.CrisisFrom")]
        public int? CrisisFrom { get; set; }

        /// <summary>The version number the form was made from; another save in between makes this edit stale.</summary>
        public int BasedOn { get; set; }
    }

    public sealed class CriterionInput
    {
        [Display(Name = "Criteria.TextKm")]
        public string? TextKm { get; set; }

        [Display(Name = "Criteria.TextEn")]
        public string? TextEn { get; set; }

        [Display(Name = "Criteria.Weight")]
        public int? Weight { get; set; }

        public bool ForcesCrisis { get; set; }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        // A new installation has no version yet: the form starts from the programme's checklist.
        var start = Current ?? ToRow(ScreeningScorer.DefaultVersion(clock.UtcNow), 0);
        Input = new CriteriaInput
        {
            BasedOn = Current?.Number ?? 0,
            EarlyInterventionFrom = start.EarlyInterventionFrom,
            CrisisFrom = start.CrisisFrom,
            Criteria = start.Criteria
                .Select(c => new CriterionInput { TextKm = c.TextKm, TextEn = c.TextEn, Weight = c.Weight, ForcesCrisis = c.ForcesCrisis })
                .Concat(Enumerable.Range(0, BlankRows).Select(_ => new CriterionInput()))
                .ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var rows = Input.Criteria.Select(c => new CriteriaRules.Draft(c.TextKm, c.TextEn, c.Weight, c.ForcesCrisis)).ToList();
        foreach (var (field, key) in CriteriaRules.Validate(rows, Input.EarlyInterventionFrom, Input.CrisisFrom))
        {
            var name = field.Length == 0 ? "" : "Input." + field;
            // A value that did not bind already has its message; one message per field is enough.
            if (ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0) continue;
            ModelState.AddModelError(name, l[key]);
        }
        if (!ModelState.IsValid) return Page();
        var currentNumber = Current?.Number ?? 0;
        if (Input.BasedOn != currentNumber)
        {
            MarkStale(currentNumber);
            return Page();
        }
        db.ScreeningCriteriaVersions.Add(CriteriaRules.NextVersion(currentNumber, rows, Input.EarlyInterventionFrom!.Value, Input.CrisisFrom!.Value,
            me.UserName, clock.UtcNow));
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Someone saved the same version number at the same moment (the number is unique).
            db.ChangeTracker.Clear();
            await LoadAsync();
            MarkStale(Current?.Number ?? 0);
            return Page();
        }
        TempData["Flash"] = string.Format(l["Criteria.Saved"], currentNumber + 1);
        return RedirectToPage("/Admin/ScreeningCriteria/Index");
    }

    private void MarkStale(int currentNumber)
    {
        Stale = true;
        ModelState.Remove("Input.BasedOn");
        Input.BasedOn = currentNumber;
    }

    private async Task LoadAsync()
    {
        Versions = await db.ScreeningCriteriaVersions.AsNoTracking()
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.CreatedAt, v.CreatedBy, v.EarlyInterventionFrom, v.CrisisFrom,
                db.Screenings.Count(s => s.CriteriaVersionId == v.Id),
                v.Criteria.OrderBy(c => c.Order).Select(c => new CriterionRow(c.TextKm, c.TextEn, c.Weight, c.ForcesCrisis)).ToList()))
            .ToListAsync();
    }

    private static VersionRow ToRow(ScreeningCriteriaVersion v, int screenings) =>
        new(v.Number, v.CreatedAt, v.CreatedBy, v.EarlyInterventionFrom, v.CrisisFrom, screenings,
            v.Criteria.OrderBy(c => c.Order).Select(c => new CriterionRow(c.TextKm, c.TextEn, c.Weight, c.ForcesCrisis)).ToList());
}
