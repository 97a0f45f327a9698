using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Consultations;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Research;

/// <summary>
/// An impact case study with the consent behind it. Readers who do not write studies see it only while consent is not
/// withdrawn, and see who it is about only with consent to a named publication.
/// </summary>
[Authorize(Policy = Policies.ResearchRead)]
public sealed class CaseStudyModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public CaseStudy? Existing { get; private set; }
    public bool MayWrite { get; private set; }
    /// <summary>Who it is about, when this reader may see it.</summary>
    public string? About { get; private set; }
    [BindProperty] public StudyInput Input { get; set; } = new();

    public sealed class StudyInput
    {
        public int? HouseholdId { get; set; }
        public int? PersonId { get; set; }
        public string? TitleKm { get; set; }
        public string? TitleEn { get; set; }
        public string? TextKm { get; set; }
        public string? TextEn { get; set; }
        public string? ConsentGivenBy { get; set; }
        public DateOnly? ConsentOn { get; set; }
        public CaseStudyUse Use { get; set; }
        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id, int? household)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Existing is null && !MayWrite) return Forbid();
        if (Existing is { } s)
            Input = new StudyInput
            {
                HouseholdId = s.HouseholdId, PersonId = s.PersonId, TitleKm = s.TitleKm, TitleEn = s.TitleEn, TextKm = s.TextKm, TextEn = s.TextEn,
                ConsentGivenBy = s.ConsentGivenBy, ConsentOn = s.ConsentOn, Use = s.Use, Version = s.Version,
            };
        else
        {
            Input.HouseholdId = household;
            Input.ConsentOn = clock.Today;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayWrite) return Forbid();
        void Check(bool ok, string field, string key)
        {
            if (!ok) ModelState.AddModelError($"Input.{field}", l[key]);
        }
        foreach (var (text, field, max) in new[] { (Input.TitleKm, nameof(Input.TitleKm), 200), (Input.TitleEn, nameof(Input.TitleEn), 200),
            (Input.TextKm, nameof(Input.TextKm), 4000), (Input.TextEn, nameof(Input.TextEn), 4000), (Input.ConsentGivenBy, nameof(Input.ConsentGivenBy), 200) })
        {
            Check(!string.IsNullOrWhiteSpace(text), field, "Validation.Required");
            Check(text is null || text.Length <= max, field, "Validation.TooLong");
        }
        Check(Input.ConsentOn is not null, nameof(Input.ConsentOn), "Validation.Required");
        Check(Input.ConsentOn is not { } d || d <= clock.Today, nameof(Input.ConsentOn), "Validation.DateInFuture");
        Check(Input.ConsentOn is not { } o || o.Year >= 2000, nameof(Input.ConsentOn), "Validation.DateTooOld");
        Check(Enum.IsDefined(Input.Use), nameof(Input.Use), "Validation.Invalid");
        // The household must be one of the user's; the person, one of that household.
        var household = Input.HouseholdId is { } h
            ? await db.Households.InScope(me.Scope, x => x.Village!).Where(x => x.Id == h).Select(x => (int?)x.Id).SingleOrDefaultAsync()
            : null;
        Check(household is not null, nameof(Input.HouseholdId), "Research.UnknownHousehold");
        if (Input.PersonId is { } p)
            Check(await db.Persons.AnyAsync(x => x.Id == p && x.HouseholdId == household), nameof(Input.PersonId), "Research.PersonNotInHousehold");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var row = Existing is null ? new CaseStudy { CreatedBy = me.UserName, CreatedAt = clock.UtcNow } : await db.CaseStudies.SingleAsync(s => s.Id == id);
        if (Existing is null) db.CaseStudies.Add(row);
        else db.ExpectVersion(row, Input.Version);
        row.HouseholdId = household!.Value;
        row.PersonId = Input.PersonId;
        row.TitleKm = Input.TitleKm!.Trim();
        row.TitleEn = Input.TitleEn!.Trim();
        row.TextKm = Input.TextKm!.Trim();
        row.TextEn = Input.TextEn!.Trim();
        row.ConsentGivenBy = Input.ConsentGivenBy!.Trim();
        row.ConsentOn = Input.ConsentOn!.Value;
        row.Use = Input.Use;
        var outcome = await db.SaveOrRefuseAsync();
        if (outcome == SaveOutcome.Changed)
        {
            TempData["Error"] = l["Consultation.ChangedMeanwhile"].Value;
            return RedirectToPage("/Research/CaseStudy", new { id });
        }
        if (outcome != SaveOutcome.Saved) return StatusCode(StatusCodes.Status409Conflict);
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Research/CaseStudy", new { id = row.Id });
    }

    private async Task<bool> LoadAsync(int? id)
    {
        MayWrite = me.IsInAnyRole(Roles.ResearchWriters);
        if (id is not { } i) return true;
        var studies = db.CaseStudiesIn(me.Scope).AsNoTracking();
        if (!MayWrite) studies = studies.Where(CaseStudyRules.Shareable);
        Existing = await studies.SingleOrDefaultAsync(s => s.Id == i);
        if (Existing is null) return false;
        if (MayWrite || CaseStudyRules.MayName(Existing.Use))
        {
            var head = await db.Households.Where(x => x.Id == Existing.HouseholdId).Select(x => new { x.HeadNameKm, x.HeadNameLatin }).SingleAsync();
            var person = Existing.PersonId is { } p
                ? await db.Persons.Where(x => x.Id == p).Select(x => x.FamilyNameKm + " " + x.GivenNameKm).SingleOrDefaultAsync()
                : null;
            About = string.Join(" · ", new[] { head.HeadNameKm, head.HeadNameLatin, person }.Where(x => !string.IsNullOrEmpty(x)));
        }
        return true;
    }
}
