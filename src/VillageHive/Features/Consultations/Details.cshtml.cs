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
/// One consultation: its plan and script, what was heard in the three columns (captured by the workers of the
/// village), the day it was held, and the debrief that may start the script's next version.
/// </summary>
[Authorize(Policy = Policies.ConsultationRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Consultation C { get; private set; } = null!;
    public IReadOnlyList<ScriptQuestion> Questions { get; private set; } = [];
    public string ScriptName { get; private set; } = "";
    public int ScriptNumber { get; private set; }
    public int? NewerVersionId { get; private set; }
    public bool MayCapture { get; private set; }
    public bool MayPlan { get; private set; }
    /// <summary>The facilitators by display name (a name typed on an older plan as typed).</summary>
    public string FacilitatorsShown { get; private set; } = "";

    [BindProperty] public EntryInput Entry { get; set; } = new();
    [BindProperty] public DateOnly? HeldOn { get; set; }
    [BindProperty] public string? Debrief { get; set; }
    [BindProperty] public string? NextScriptChanges { get; set; }
    [BindProperty] public int Version { get; set; }

    public sealed class EntryInput
    {
        public ConsultationColumn Column { get; set; }
        public string? Text { get; set; }
        public List<Themes> Themes { get; set; } = [];
        public ServiceCategory? ServiceNeeded { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        HeldOn = C.HeldOn ?? clock.Today;
        Debrief = C.Debrief;
        NextScriptChanges = C.NextScriptChanges;
        Version = C.Version;
        return Page();
    }

    /// <summary>Adds one thing heard.</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayCapture) return Forbid();
        var text = Entry.Text?.Trim();
        if (string.IsNullOrEmpty(text)) ModelState.AddModelError("Entry.Text", l["Validation.Required"]);
        else if (text.Length > 500) ModelState.AddModelError("Entry.Text", l["Validation.TooLong"]);
        if (!Enum.IsDefined(Entry.Column)) ModelState.AddModelError("Entry.Column", l["Validation.Invalid"]);
        var themes = Entry.Themes.Aggregate(Themes.None, (a, t) => a | t);
        if (!ThemeList.IsValid(themes) || Entry.Themes.Any(t => t == Themes.None)) ModelState.AddModelError("Entry.Themes", l["Validation.Invalid"]);
        if (Entry.ServiceNeeded is { } s && (!Enum.IsDefined(s) || !ConsultationRules.MayNameService(Entry.Column)))
            ModelState.AddModelError("Entry.ServiceNeeded", l["Consultation.ServiceOnlyForNeeds"]);
        if (!ModelState.IsValid) return Refused();
        db.ConsultationEntries.Add(new ConsultationEntry
        {
            ConsultationId = id, Column = Entry.Column, Text = text!, Themes = themes, ServiceNeeded = Entry.ServiceNeeded,
            RecordedBy = me.UserName, RecordedAt = clock.UtcNow,
        });
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved) return StatusCode(StatusCodes.Status409Conflict);
        TempData["Flash"] = l["Consultation.EntryAdded"].Value;
        return RedirectToPage("/Consultations/Details", null, new { id }, "columns");
    }

    /// <summary>Marks the consultation held on a day.</summary>
    public async Task<IActionResult> OnPostHeldAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayCapture) return Forbid();
        if (HeldOn is not { } day) ModelState.AddModelError(nameof(HeldOn), l["Validation.Required"]);
        else if (ConsultationRules.HeldRefusal(C, day, clock.Today) is { } key) ModelState.AddModelError(nameof(HeldOn), l[key]);
        if (!ModelState.IsValid) return Refused();
        var row = await db.Consultations.SingleAsync(c => c.Id == id);
        db.ExpectVersion(row, Version);
        row.Status = ConsultationStatus.Held;
        row.HeldOn = HeldOn;
        return await SavedAsync(id);
    }

    /// <summary>The debrief: how it went and what to change in the next script.</summary>
    public async Task<IActionResult> OnPostDebriefAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayPlan) return Forbid();
        if (string.IsNullOrWhiteSpace(Debrief) && string.IsNullOrWhiteSpace(NextScriptChanges)) ModelState.AddModelError(nameof(Debrief), l["Validation.Required"]);
        if (Debrief?.Length > 4000) ModelState.AddModelError(nameof(Debrief), l["Validation.TooLong"]);
        if (NextScriptChanges?.Length > 4000) ModelState.AddModelError(nameof(NextScriptChanges), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Refused();
        var row = await db.Consultations.SingleAsync(c => c.Id == id);
        db.ExpectVersion(row, Version);
        row.Debrief = string.IsNullOrWhiteSpace(Debrief) ? null : Debrief.Trim();
        row.NextScriptChanges = string.IsNullOrWhiteSpace(NextScriptChanges) ? null : NextScriptChanges.Trim();
        return await SavedAsync(id);
    }

    /// <summary>Starts the script's next version from its latest one, carrying the debrief's changes; the planner edits it next.</summary>
    public async Task<IActionResult> OnPostNextScriptAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayPlan) return Forbid();
        // Only the debrief of a consultation on the script's latest version starts the next one (once).
        if (NewerVersionId is not null)
        {
            TempData["Error"] = l["Consultation.ScriptRace"].Value;
            return RedirectToPage("/Consultations/Details", new { id });
        }
        var scriptId = C.ScriptVersion!.ScriptId;
        var latest = await db.ScriptVersions.Include(v => v.Questions).Where(v => v.ScriptId == scriptId).OrderByDescending(v => v.Number).FirstAsync();
        var next = ConsultationRules.NextVersion(latest, latest.Number + 1, latest.Questions, C.NextScriptChanges, me.UserName, clock.UtcNow, id);
        db.ScriptVersions.Add(next);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            TempData["Error"] = l["Consultation.ScriptRace"].Value;
            return RedirectToPage("/Consultations/Details", new { id });
        }
        return RedirectToPage("/Consultations/Scripts", new { id = next.Id });
    }

    /// <summary>Removes an entry captured by mistake.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, int entryId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayPlan) return Forbid();
        var entry = await db.ConsultationEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.ConsultationId == id);
        if (entry is null) return NotFound();
        db.ConsultationEntries.Remove(entry);
        await db.SaveOrRefuseAsync();
        return RedirectToPage("/Consultations/Details", null, new { id }, "columns");
    }

    private Task<IActionResult> SavedAsync(int id) => this.SaveAndShowAsync(db, l, id, "/Consultations/Details");

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var c = await db.ConsultationsIn(me.Scope).AsNoTracking().AsSplitQuery()
            .Include(x => x.Village).Include(x => x.ScriptVersion!).ThenInclude(v => v.Script)
            .Include(x => x.Participants).Include(x => x.Entries.OrderBy(e => e.Id))
            .SingleOrDefaultAsync(x => x.Id == id);
        if (c is null) return false;
        C = c;
        ScriptName = c.ScriptVersion!.Script!.Name;
        ScriptNumber = c.ScriptVersion.Number;
        Questions = await db.ScriptQuestions.AsNoTracking().Where(q => q.VersionId == c.ScriptVersionId).OrderBy(q => q.Column).ThenBy(q => q.Order).ToListAsync();
        NewerVersionId = await db.ScriptVersions.Where(v => v.ScriptId == c.ScriptVersion.ScriptId && v.Number > c.ScriptVersion.Number)
            .OrderByDescending(v => v.Number).Select(v => (int?)v.Id).FirstOrDefaultAsync();
        MayCapture = me.IsInAnyRole(Roles.ConsultationCapturers);
        MayPlan = me.IsInAnyRole(Roles.ConsultationPlanners);
        FacilitatorsShown = await ConsultationQueries.ShownAsync(db, c.Facilitators);
        return true;
    }
}
