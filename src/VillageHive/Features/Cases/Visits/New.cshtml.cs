using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Visits;

/// <summary>Records a home or school visit: who was seen, whether the child was seen alone, what was observed.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(Name = "Input")] public VisitInput Input { get; set; } = new();

    public int Id { get; private set; }
    public bool Frozen { get; private set; }

    public sealed class VisitInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Visit.VisitedOn")]
        public DateOnly? VisitedOn { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Visit.Place")]
        public string? Place { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Visit.WhoWasSeen")]
        public string? WhoWasSeen { get; set; }

        public bool ChildSeenAlone { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Visit.Observations")]
        public string? Observations { get; set; }

        [Range(SafetyScale.Min, SafetyScale.Max, ErrorMessage = "Assessment.ScaleRange"), Display(Name = "Assessment.WorkerScale")]
        public int? WorkerScale { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Frozen = CaseWork.Frozen(header);
        Input.VisitedOn = CaseWork.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Frozen = CaseWork.Frozen(header);
        if (Frozen) ModelState.AddModelError("", l[CaseWork.FrozenKey]);
        if (Input.VisitedOn > CaseWork.Today(clock)) ModelState.AddModelError("Input.VisitedOn", l["Validation.DateInFuture"]);
        if (Input.VisitedOn is null || Input.Place is null || Input.WhoWasSeen is null || Input.Observations is null)
            ModelState.AddModelError("", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        db.Visits.Add(new Visit
        {
            CaseId = id, VisitedOn = Input.VisitedOn!.Value, Place = Input.Place!.Trim(), WhoWasSeen = Input.WhoWasSeen!.Trim(),
            ChildSeenAlone = Input.ChildSeenAlone, Observations = Input.Observations!.Trim(), WorkerScale = Input.WorkerScale,
            RecordedBy = me.UserName, RecordedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return Redirect(CaseWork.CasePage(id, "visits"));
    }
}
