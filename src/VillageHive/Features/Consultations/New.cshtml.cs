using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Consultations;

/// <summary>A page showing the plan form (the _PlanForm partial).</summary>
public interface IPlanPage
{
    PlanForm Form { get; }
    PlanInput Input { get; }
}

/// <summary>Plans a consultation of one village: date, facilitators (the commune's workers), participant groups, script version, pre-brief.</summary>
[Authorize(Policy = Policies.ConsultationPlan)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel, IPlanPage
{
    [BindProperty] public PlanInput Input { get; set; } = new();
    public PlanForm Form { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Form = await PlanForm.LoadAsync(db, me.Scope);
        if (Form.Workers.Any(w => w.UserName == me.UserName)) Input.Facilitators = [me.UserName];
        Input.PlannedOn = clock.Today.AddDays(7);
        Input.ScriptVersionId = Form.Scripts.Count > 0 ? Form.Scripts[0].Id : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Form = await PlanForm.LoadAsync(db, me.Scope);
        var facilitators = await Form.CheckAsync(db, Input, ModelState, l);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var consultation = new Consultation { Status = ConsultationStatus.Planned, CreatedBy = me.UserName, CreatedAt = clock.UtcNow };
        PlanForm.Apply(consultation, Input, facilitators);
        db.Consultations.Add(consultation);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved) return StatusCode(StatusCodes.Status409Conflict);
        return RedirectToPage("/Consultations/Details", new { id = consultation.Id });
    }
}
