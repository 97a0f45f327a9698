using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support.Schedules;

/// <summary>
/// Creates the approved payments an approved schedule owes up to this month (at most one per month: unique index).
/// The page itself shows the months that would be created, before the worker confirms.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class PaymentsModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public CaseHeader? Case { get; private set; }
    public SupportPaymentSchedule? Schedule { get; private set; }
    public IReadOnlyList<DateOnly> Due { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int scheduleId)
    {
        if (await LoadAsync(id, scheduleId) is { } refused) return refused;
        if (Schedule!.Status is not (ScheduleStatus.Approved or ScheduleStatus.Ended)) ModelState.AddModelError("", l["Support.NotApproved"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int scheduleId)
    {
        if (await LoadAsync(id, scheduleId) is { } refused) return refused;
        var s = Schedule!;
        if (s.Status is not (ScheduleStatus.Approved or ScheduleStatus.Ended))
        {
            return this.BackToSupport(id, saved: false, l["Support.NotApproved"].Value);
        }
        var now = clock.UtcNow;
        foreach (var month in Due)
        {
            // Approved with the schedule: its approver checked the monthly amount against their limit.
            db.MaterialSupportRequests.Add(new MaterialSupportRequest
            {
                CaseId = id, HouseholdId = s.HouseholdId, Item = SupportItem.CashBasicNeeds, Quantity = 1, Currency = s.Currency,
                UnitCostMinor = s.AmountMinor, AmountMinor = s.AmountMinor, Status = SupportStatus.Approved, RequestedBy = s.RequestedBy,
                RequestedAt = now, DecidedBy = s.DecidedBy, DecidedAt = now, ScheduleId = s.Id, PeriodStart = month,
            });
        }
        // Someone pressed the button at the same moment: their payments stand (one payment a month: unique index).
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved) return this.BackToSupport(id, saved: false, l["Concurrency.Changed"].Value);
        return this.BackToSupport(id, saved: true, l["Support.PaymentsCreated"].Value);
    }

    private async Task<IActionResult?> LoadAsync(int id, int scheduleId)
    {
        (Case, var refused) = await db.ForWorkAsync(me, id);
        if (Case is null) return refused;
        Schedule = await db.ScheduleAsync(id, scheduleId);
        if (Schedule is null) return NotFound();
        var have = await db.MaterialSupportRequests.Where(r => r.ScheduleId == scheduleId).Select(r => r.PeriodStart).ToListAsync();
        Due = SupportRules.MonthsDue(Schedule.StartOn, Schedule.EndOn, clock.Today).Where(m => !have.Contains(m)).ToList();
        return null;
    }
}
