using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Tasks;

/// <summary>Follow-up tasks of a case: open ones by due date, then the done ones; workers add and tick them off.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Done tasks shown under the open ones (the newest); the case page's timeline keeps the rest.</summary>
    private const int DoneShown = 30;

    [BindProperty(Name = "Input")] public TaskInput Input { get; set; } = new();
    [BindProperty(Name = "Done")] public DoneInput Done { get; set; } = new();

    public sealed class TaskInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Task.Text")]
        public string? Text { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Task.DueOn")]
        public DateOnly? DueOn { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Task.AssignedTo")]
        public string? AssignedTo { get; set; }
    }

    public sealed class DoneInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        public int? TaskId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        public int? Version { get; set; }
    }

    public int Id { get; private set; }
    public bool MayWork { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<string> Workers { get; private set; } = [];
    public IReadOnlyList<CaseTask> Open { get; private set; } = [];
    public IReadOnlyList<CaseTask> Closed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await LoadAsync(id);
        if (header is null) return NotFound();
        Input.AssignedTo = me.UserName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await LoadAsync(id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        ClearErrors("Done.");
        ModelState.RefuseUnlessTakesWork(header, l);
        if (Input.Text is null || Input.DueOn is null || Input.AssignedTo is null) ModelState.AddModelError("", l["Validation.Required"]);
        if (Input.AssignedTo is { } who && !Workers.Contains(who)) ModelState.AddModelError("Input.AssignedTo", l["Validation.Invalid"]);
        if (!ModelState.IsValid) return Page();
        db.CaseTasks.Add(new CaseTask
        {
            CaseId = id, Text = Input.Text!.Trim(), DueOn = Input.DueOn!.Value, AssignedTo = Input.AssignedTo!,
            CreatedBy = me.UserName, CreatedAt = clock.UtcNow,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Tasks/Index", new { id });
    }

    public async Task<IActionResult> OnPostDoneAsync(int id)
    {
        var header = await LoadAsync(id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        ClearErrors("Input.");
        Input.AssignedTo = me.UserName;
        ModelState.RefuseUnlessTakesWork(header, l);
        if (Done.TaskId is null || Done.Version is null) ModelState.AddModelError("", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        var task = await db.CaseTasks.FirstOrDefaultAsync(t => t.Id == Done.TaskId && t.CaseId == id);
        if (task is null) return NotFound();
        if (task.DoneAt is null)
        {
            task.DoneAt = clock.UtcNow;
            task.DoneBy = me.UserName;
            db.ExpectVersion(task, Done.Version!.Value);
            if (!await db.TrySaveAsync())
            {
                ModelState.AddModelError("", l["Concurrency.Changed"]);
                return Page();
            }
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Tasks/Index", new { id });
    }

    private void ClearErrors(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    private async Task<CaseHeader?> LoadAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return null;
        Id = id;
        MayWork = header.MayRecord;
        Today = clock.Today;
        Workers = CaseWork.Workers(header, me.UserName);
        var tasks = db.CaseTasks.AsNoTracking().Where(t => t.CaseId == id);
        Open = await tasks.Where(CaseRules.OpenTask.Sql).OrderBy(t => t.DueOn).ThenBy(t => t.Id).ToListAsync();
        Closed = await tasks.Where(t => t.DoneAt != null).OrderByDescending(t => t.DoneAt).Take(DoneShown).ToListAsync();
        return header;
    }
}
