using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce.Movements;

/// <summary>Records a worker joining, being transferred to the public sector, or leaving (the worker's page then links to the handover of their cases).</summary>
[Authorize(Policy = Policies.WorkforceRecord)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class MovementInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Workforce.Worker")]
        public string? Worker { get; set; }

        [Display(Name = "Workforce.MovementKind")]
        public StaffMovementKind Kind { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Workforce.MovementOn")]
        public DateOnly? On { get; set; }

        [StringLength(WorkforceRules.MaxNote, ErrorMessage = "Validation.TooLong"), Display(Name = "Workforce.Note")]
        public string? Note { get; set; }
    }

    [BindProperty] public MovementInput Input { get; set; } = new();
    public IReadOnlyList<WorkforceQueries.Worker> Workers { get; private set; } = [];

    public async Task OnGetAsync(string? worker)
    {
        Workers = await WorkerChoice.OptionsAsync(db, me, includeSelf: true);
        Input.Worker = Workers.Any(w => w.UserName == worker) ? worker : null;
        Input.On = clock.Today;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Workers = await WorkerChoice.OptionsAsync(db, me, includeSelf: true);
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", l["Validation.Invalid"]);
        if (Input.On is { } on && on > clock.Today) ModelState.AddModelError("Input.On", l["Validation.DateInFuture"]);
        var (worker, commune) = await WorkerChoice.ResolveAsync(db, me, Workers, Input.Worker, ModelState, "Input.Worker", l["Workforce.WorkerInvalid"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.StaffMovements.Add(new StaffMovement
        {
            CommuneId = commune, Worker = worker!.UserName, Kind = Input.Kind, On = Input.On!.Value,
            Note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim(), RecordedBy = me.UserName, RecordedAt = clock.UtcNow,
        });
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Workforce/Workers/Details", new { id = worker.Id });
    }
}
