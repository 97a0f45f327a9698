using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce.Training;

/// <summary>Records a worker's course of one curriculum module: dates, trainer, assessment result.</summary>
[Authorize(Policy = Policies.WorkforceRecord)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class TrainingInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Workforce.Worker")]
        public string? Worker { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Workforce.Module")]
        public int? ModuleId { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Workforce.StartedOn")]
        public DateOnly? StartedOn { get; set; }

        [Display(Name = "Workforce.CompletedOn")]
        public DateOnly? CompletedOn { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(WorkforceRules.MaxTrainer, ErrorMessage = "Validation.TooLong"), Display(Name = "Workforce.Trainer")]
        public string? Trainer { get; set; }

        [Display(Name = "Workforce.Result")]
        public TrainingResult Result { get; set; }
    }

    [BindProperty] public TrainingInput Input { get; set; } = new();
    public IReadOnlyList<WorkforceQueries.Worker> Workers { get; private set; } = [];
    public IReadOnlyList<TrainingModule> Modules { get; private set; } = [];

    public async Task OnGetAsync(string? worker)
    {
        await LoadAsync();
        Input.Worker = Workers.Any(w => w.UserName == worker) ? worker : null;
        Input.StartedOn = clock.Today;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!Enum.IsDefined(Input.Result)) ModelState.AddModelError("Input.Result", l["Validation.Invalid"]);
        if (Input.ModuleId is { } m && Modules.All(x => x.Id != m)) ModelState.AddModelError("Input.ModuleId", l["Validation.Invalid"]);
        var (worker, commune) = await WorkerChoice.ResolveAsync(db, me, Workers, Input.Worker, ModelState, "Input.Worker", l["Workforce.WorkerInvalid"]);
        if (!ModelState.IsValid) return Refused();
        var record = new TrainingRecord
        {
            CommuneId = commune, Worker = worker!.UserName, ModuleId = Input.ModuleId!.Value, StartedOn = Input.StartedOn!.Value,
            CompletedOn = Input.CompletedOn, Trainer = Input.Trainer!.Trim(), Result = Input.Result,
            RecordedBy = me.UserName, RecordedAt = clock.UtcNow,
        };
        foreach (var (field, key) in WorkforceRules.Refusals(record, clock.Today))
            ModelState.AddModelError($"Input.{field}", l[key]);
        if (!ModelState.IsValid) return Refused();
        db.TrainingRecords.Add(record);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Refused();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Workforce/Workers/Details", new { id = worker.Id });
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync()
    {
        Workers = await WorkerChoice.OptionsAsync(db, me, includeSelf: true);
        Modules = await db.TrainingModules.AsNoTracking().OrderBy(m => m.Order).ToListAsync();
    }
}
