using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support.Schedules;

/// <summary>A worker asks for monthly support payments; an approver decides on the approvals page.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public Currency Currency { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }

    public CaseHeader? Case { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        (Case, var refused) = await db.ForWorkAsync(me, id);
        if (Case is null) return refused!;
        ModelState.RefuseUnlessTakesWork(Case, l);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        (Case, var refused) = await db.ForWorkAsync(me, id);
        if (Case is null) return refused!;
        if (!Money.TryParse(Amount, out var amount)) ModelState.AddModelError(nameof(Amount), l["Validation.Number"]);
        else if (ModelState.IsValid && Money.AmountRefusal(1, amount, Currency) is { } refusal)
            ModelState.AddModelError(nameof(Amount), l[refusal]);
        if (StartOn is null) ModelState.AddModelError(nameof(StartOn), l["Validation.Required"]);
        if (StartOn is { } s && (s.Year < 2000 || s.Year > 2100)) ModelState.AddModelError(nameof(StartOn), l["Validation.Invalid"]);
        ModelState.RefuseUnlessTakesWork(Case, l);
        if (!ModelState.IsValid) return Page();
        db.SupportPaymentSchedules.Add(new SupportPaymentSchedule
        {
            CaseId = id, HouseholdId = Case.HouseholdId, Currency = Currency, AmountMinor = Money.ToMinor(amount, Currency),
            StartOn = StartOn!.Value, Status = ScheduleStatus.Requested, RequestedBy = me.UserName, RequestedAt = clock.UtcNow,
        });
        await db.SaveChangesAsync();
        return this.BackToSupport(id, saved: true, l["Support.Requested"].Value);
    }
}
