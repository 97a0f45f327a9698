using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Consultations;

/// <summary>
/// Changes a consultation's plan (date, village, facilitators, participants, script version, pre-brief) until it is
/// held (<see cref="ConsultationRules.PlanEditRefusal"/>); then the page says why it no longer may.
/// </summary>
[Authorize(Policy = Policies.ConsultationPlan)]
public sealed class PlanModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel, IPlanPage
{
    [BindProperty] public PlanInput Input { get; set; } = new();
    public PlanForm Form { get; private set; } = null!;
    public Consultation C { get; private set; } = null!;
    /// <summary>Why the plan may not change (a text key), or null.</summary>
    public string? Locked { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new PlanInput
        {
            VillageId = C.VillageId, PlannedOn = C.PlannedOn, ScriptVersionId = C.ScriptVersionId, Facilitators = ConsultationQueries.Names(C.Facilitators),
            PreBrief = C.PreBrief, Counts = C.Participants.ToDictionary(p => p.Group, p => p.Count), Version = C.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Locked is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var facilitators = await Form.CheckAsync(db, Input, ModelState, l, C);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var row = await db.Consultations.Include(c => c.Participants).SingleAsync(c => c.Id == id);
        db.ExpectVersion(row, Input.Version);
        PlanForm.Apply(row, Input, facilitators);
        // A change of participants only still checks and bumps the consultation's version.
        if (db.Entry(row).State == EntityState.Unchanged) db.Entry(row).Property(c => c.PlannedOn).IsModified = true;
        return await this.SaveAndShowAsync(db, l, id, "/Consultations/Plan");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var c = await db.ConsultationsIn(me.Scope).AsNoTracking().Include(x => x.Village).Include(x => x.Participants).SingleOrDefaultAsync(x => x.Id == id);
        if (c is null) return false;
        C = c;
        Locked = ConsultationRules.PlanEditRefusal(c.Status);
        Form = await PlanForm.LoadAsync(db, me.Scope, c);
        return true;
    }
}
