using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Notifications;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support;

/// <summary>
/// A case's material support and monthly support payments at a glance, and the request for support. Recording a
/// handover (<see cref="DisburseModel"/>) and the monthly payments (<c>Schedules/</c>) are pages of their own; their
/// short forms sit on this page and post there.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CaseSupportModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class RequestInput
    {
        public SupportItem Item { get; set; }
        public string? Description { get; set; }
        public int Quantity { get; set; } = 1;
        public string? UnitCost { get; set; }
        public Currency Currency { get; set; }
    }

    [BindProperty] public RequestInput Input { get; set; } = new();

    public CaseHeader? Case { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<ScheduleRow> Schedules { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public sealed record Row(int Id, SupportItem Item, string? Description, int Quantity, Currency Currency, long UnitCostMinor, long AmountMinor,
        SupportStatus Status, string RequestedBy, DateTime RequestedAt, string? DecidedBy, string? DecisionNote, DateOnly? DisbursedOn,
        string? ReceivedBy, string? ReceiptNote, DateOnly? PeriodStart, int Version);

    public sealed record ScheduleRow(int Id, Currency Currency, long AmountMinor, DateOnly StartOn, DateOnly? EndOn, string? EndReason,
        ScheduleStatus Status, string RequestedBy, string? DecidedBy, int Payments, int Version);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Case = await db.LoadAsync(me, id);
        if (Case is null) return NotFound();
        await LoadAsync(Case);
        return Page();
    }

    /// <summary>A worker asks for material support; an approver decides on the approvals page.</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        (Case, var refused) = await db.ForWorkAsync(me, id);
        if (Case is null) return refused!;
        if (!Enum.IsDefined(Input.Item)) ModelState.AddModelError("Input.Item", l["Validation.Invalid"]);
        if (Input.Description?.Length > 500) ModelState.AddModelError("Input.Description", l["Validation.TooLong"]);
        if (Input.Item == SupportItem.Other && string.IsNullOrWhiteSpace(Input.Description))
            ModelState.AddModelError("Input.Description", l["Validation.Required"]);
        if (!Money.TryParse(Input.UnitCost, out var unitCost)) ModelState.AddModelError("Input.UnitCost", l["Validation.Number"]);
        else if (ModelState.IsValid && Money.AmountRefusal(Input.Quantity, unitCost, Input.Currency) is { } refusal)
            ModelState.AddModelError("Input.UnitCost", l[refusal]);
        ModelState.RefuseUnlessTakesWork(Case, l);
        if (!ModelState.IsValid)
        {
            await LoadAsync(Case);
            return Page();
        }
        db.MaterialSupportRequests.Add(new MaterialSupportRequest
        {
            CaseId = id, HouseholdId = Case.HouseholdId, Item = Input.Item, Description = TypedText.OrNull(Input.Description), Quantity = Input.Quantity,
            Currency = Input.Currency, UnitCostMinor = Money.ToMinor(unitCost, Input.Currency),
            AmountMinor = Money.ToMinor(Money.Total(Input.Quantity, unitCost, Input.Currency), Input.Currency),
            Status = SupportStatus.Requested, RequestedBy = me.UserName, RequestedAt = clock.UtcNow,
        });
        await db.StaffCoveringAsync(Roles.SupportApprovers, Case.VillageId, me.UserName, NotificationSubject.SupportRequested, id, null, clock.UtcNow);
        await db.SaveChangesAsync();
        return this.BackToSupport(id, saved: true, l["Support.Requested"].Value);
    }

    private async Task LoadAsync(CaseHeader c)
    {
        Today = clock.Today;
        Rows = await db.MaterialSupportRequests.AsNoTracking().Where(r => r.CaseId == c.Id)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(200)
            .Select(r => new Row(r.Id, r.Item, r.Description, r.Quantity, r.Currency, r.UnitCostMinor, r.AmountMinor, r.Status, r.RequestedBy,
                r.RequestedAt, r.DecidedBy, r.DecisionNote, r.DisbursedOn, r.ReceivedBy, r.ReceiptNote, r.PeriodStart, r.Version))
            .ToListAsync();
        Schedules = await db.SupportPaymentSchedules.AsNoTracking().Where(s => s.CaseId == c.Id).OrderByDescending(s => s.Id)
            .Select(s => new ScheduleRow(s.Id, s.Currency, s.AmountMinor, s.StartOn, s.EndOn, s.EndReason, s.Status, s.RequestedBy, s.DecidedBy,
                db.MaterialSupportRequests.Count(r => r.ScheduleId == s.Id), s.Version))
            .ToListAsync();
    }
}
