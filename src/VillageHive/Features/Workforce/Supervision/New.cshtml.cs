using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce.Supervision;

/// <summary>
/// Records a supervision session held by the signed-in supervisor with one worker: the worker's open cases talked
/// through (those the supervisor may see), the actions agreed and when the next session is due. Without a worker, the
/// page lists the workers to choose from.
/// </summary>
[Authorize(Policy = Policies.WorkforceRecord)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Days to the next session the form suggests.</summary>
    public const int SuggestedInterval = 30;

    public sealed class SessionInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Workforce.Worker")]
        public string? Worker { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Workforce.HeldOn")]
        public DateOnly? HeldOn { get; set; }

        [Display(Name = "Workforce.CasesTalkedThrough")]
        public List<int> CaseIds { get; set; } = [];

        [Required(ErrorMessage = "Validation.Required"), StringLength(WorkforceRules.MaxActions, ErrorMessage = "Validation.TooLong"), Display(Name = "Workforce.AgreedActions")]
        public string? AgreedActions { get; set; }

        [Display(Name = "Workforce.NextOn")]
        public DateOnly? NextOn { get; set; }
    }

    [BindProperty] public SessionInput Input { get; set; } = new();
    public IReadOnlyList<WorkforceQueries.Worker> Workers { get; private set; } = [];
    public WorkforceQueries.Worker? Chosen { get; private set; }
    public IReadOnlyList<CaseOption> Cases { get; private set; } = [];

    public sealed record CaseOption(int Id, string Head, string VillageKm, string VillageEn, CaseStatus Status);

    public async Task OnGetAsync(string? worker)
    {
        await LoadAsync(worker);
        Input.Worker = Chosen?.UserName;
        Input.HeldOn = clock.Today;
        Input.NextOn = clock.Today.AddDays(SuggestedInterval);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync(Input.Worker);
        var (worker, commune) = await WorkerChoice.ResolveAsync(db, me, Workers, Input.Worker, ModelState, "Input.Worker", l["Workforce.WorkerInvalid"]);
        var ids = Input.CaseIds.Distinct().ToList();
        if (ids.Any(id => Cases.All(c => c.Id != id))) ModelState.AddModelError("Input.CaseIds", l["Validation.Invalid"]);
        if (!ModelState.IsValid) return Refused();
        var session = new SupervisionSession
        {
            CommuneId = commune, Supervisor = me.UserName, Worker = worker!.UserName, HeldOn = Input.HeldOn!.Value,
            AgreedActions = Input.AgreedActions!.Trim(), NextOn = Input.NextOn, RecordedBy = me.UserName, RecordedAt = clock.UtcNow,
            Cases = [.. ids.Select(id => new SupervisionCase { CaseId = id })],
        };
        foreach (var (field, key) in WorkforceRules.Refusals(session, clock.Today))
            ModelState.AddModelError($"Input.{field}", l[key]);
        if (!ModelState.IsValid) return Refused();
        db.SupervisionSessions.Add(session);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Refused();
        }
        TempData["Flash"] = l["Workforce.SupervisionSaved"].Value;
        return RedirectToPage("/Workforce/Supervision/Details", new { id = session.Id });
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(string? worker)
    {
        Workers = await WorkerChoice.OptionsAsync(db, me);
        Chosen = Workers.FirstOrDefault(w => w.UserName == worker);
        if (Chosen is null) return;
        var name = Chosen.UserName;
        // The worker's open cases (led or on the team of) among those the supervisor may see, in SQL.
        Cases = await db.CasesFor(me).AsNoTracking().Where(CaseRules.Open.Sql)
            .Where(c => c.LeadWorker == name || c.Team.Any(t => t.UserName == name))
            .OrderBy(c => c.Id)
            .Select(c => new CaseOption(c.Id, c.Household!.HeadNameKm, c.Village!.NameKm, c.Village.NameEn, c.Status))
            .ToListAsync();
    }
}
