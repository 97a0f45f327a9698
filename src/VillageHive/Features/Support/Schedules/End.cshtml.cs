using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support.Schedules;

/// <summary>Ends a schedule when a review finds the family's basic needs met; the reason is kept with it.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class EndModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? EndReason { get; set; }

    public CaseHeader? Case { get; private set; }
    public SupportPaymentSchedule? Schedule { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int scheduleId)
    {
        if (await LoadAsync(id, scheduleId) is { } refused) return refused;
        Version = Schedule!.Version;
        if (Schedule.Status != ScheduleStatus.Approved) ModelState.AddModelError("", l["Support.NotApproved"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int scheduleId)
    {
        if (await LoadAsync(id, scheduleId) is { } refused) return refused;
        var s = Schedule!;
        if (string.IsNullOrWhiteSpace(EndReason)) ModelState.AddModelError(nameof(EndReason), l["Validation.Required"]);
        else if (EndReason.Length > 2000) ModelState.AddModelError(nameof(EndReason), l["Validation.TooLong"]);
        if (s.Status != ScheduleStatus.Approved) ModelState.AddModelError("", l["Support.NotApproved"]);
        if (s.Version != Version) ModelState.AddModelError("", l["Concurrency.Changed"]);
        if (!ModelState.IsValid) return Page();
        s.Status = ScheduleStatus.Ended;
        s.EndOn = clock.Today;
        s.EndReason = EndReason!.Trim();
        db.ExpectVersion(s, Version);
        var saved = await db.TrySaveAsync();
        return this.BackToSupport(id, saved, l[saved ? "Form.Saved" : "Concurrency.Changed"].Value);
    }

    private async Task<IActionResult?> LoadAsync(int id, int scheduleId)
    {
        (Case, var refused) = await db.ForWorkAsync(me, id);
        if (Case is null) return refused;
        Schedule = await db.ScheduleAsync(id, scheduleId);
        return Schedule is null ? NotFound() : null;
    }
}
