using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support;

/// <summary>
/// A case's material support and support payments: request, see the decision, record the disbursement; a monthly
/// schedule whose payments are generated as approved requests until a review ends it.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CaseSupportModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    // The handlers validate by hand: each form posts only its own fields.
    public sealed class RequestInput
    {
        public SupportItem Item { get; set; }
        public string? Description { get; set; }
        public int Quantity { get; set; } = 1;
        public string? UnitCost { get; set; }
        public Currency Currency { get; set; }
    }

    public sealed class DisburseInput
    {
        public int RequestId { get; set; }
        public int Version { get; set; }
        public DateOnly? DisbursedOn { get; set; }
        public string? ReceivedBy { get; set; }
        public string? ReceiptNote { get; set; }
    }

    public sealed class ScheduleInput
    {
        public string? Amount { get; set; }
        public Currency Currency { get; set; }
        public DateOnly? StartOn { get; set; }
        public int ScheduleId { get; set; }
        public int Version { get; set; }
        public string? EndReason { get; set; }
    }

    [BindProperty] public RequestInput Input { get; set; } = new();
    [BindProperty] public DisburseInput Disburse { get; set; } = new();
    [BindProperty] public ScheduleInput Schedule { get; set; } = new();

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

    public async Task<IActionResult> OnPostAsync(int id)
    {
        Case = await db.LoadAsync(me, id);
        if (Case is null) return NotFound();
        if (!Case.MayWork) return Forbid();
        if (!Enum.IsDefined(Input.Item)) ModelState.AddModelError("Input.Item", l["Validation.Invalid"]);
        if (Input.Description?.Length > 500) ModelState.AddModelError("Input.Description", l["Validation.TooLong"]);
        if (Input.Item == SupportItem.Other && string.IsNullOrWhiteSpace(Input.Description))
            ModelState.AddModelError("Input.Description", l["Validation.Required"]);
        if (!Money.TryParse(Input.UnitCost, out var unitCost)) ModelState.AddModelError("Input.UnitCost", l["Validation.Number"]);
        else if (ModelState.IsValid && Money.AmountRefusal(Input.Quantity, unitCost, Input.Currency) is { } refusal)
            ModelState.AddModelError("Input.UnitCost", l[refusal]);
        if (Cases.CaseWork.Frozen(Case)) ModelState.AddModelError("", l[CaseRules.TakesNoWorkKey]);
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
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Support.Requested"].Value;
        return Redirect($"/Cases/{id}/Support");
    }

    public async Task<IActionResult> OnPostDisburseAsync(int id)
    {
        Case = await db.LoadAsync(me, id);
        if (Case is null) return NotFound();
        if (!Case.MayWork) return Forbid();
        var r = await db.MaterialSupportRequests.FirstOrDefaultAsync(x => x.Id == Disburse.RequestId && x.CaseId == id);
        if (r is null) return NotFound();
        var today = clock.Today;
        if (Disburse.ReceivedBy?.Length > 200) ModelState.AddModelError("Disburse.ReceivedBy", l["Validation.TooLong"]);
        if (Disburse.ReceiptNote?.Length > 500) ModelState.AddModelError("Disburse.ReceiptNote", l["Validation.TooLong"]);
        if (r.Version != Disburse.Version) ModelState.AddModelError("", l["Concurrency.Changed"]);
        else if (SupportRules.DisbursementRefusal(r.Status, Disburse.DisbursedOn, Disburse.ReceivedBy, today) is { } refusal)
            ModelState.AddModelError("", l[refusal]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(Case);
            return Page();
        }
        r.Status = SupportStatus.Disbursed;
        r.DisbursedOn = Disburse.DisbursedOn;
        r.ReceivedBy = Disburse.ReceivedBy!.Trim();
        r.ReceiptNote = TypedText.OrNull(Disburse.ReceiptNote);
        r.DisbursementRecordedBy = me.UserName;
        return await SaveAsync(r, Disburse.Version, id, "Support.DisbursedSaved");
    }

    public async Task<IActionResult> OnPostScheduleAsync(int id)
    {
        Case = await db.LoadAsync(me, id);
        if (Case is null) return NotFound();
        if (!Case.MayWork) return Forbid();
        if (!Money.TryParse(Schedule.Amount, out var amount)) ModelState.AddModelError("Schedule.Amount", l["Validation.Number"]);
        else if (ModelState.IsValid && Money.AmountRefusal(1, amount, Schedule.Currency) is { } refusal)
            ModelState.AddModelError("Schedule.Amount", l[refusal]);
        if (Schedule.StartOn is null) ModelState.AddModelError("Schedule.StartOn", l["Validation.Required"]);
        if (Schedule.StartOn is { } s && (s.Year < 2000 || s.Year > 2100)) ModelState.AddModelError("Schedule.StartOn", l["Validation.Invalid"]);
        if (Cases.CaseWork.Frozen(Case)) ModelState.AddModelError("", l[CaseRules.TakesNoWorkKey]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(Case);
            return Page();
        }
        db.SupportPaymentSchedules.Add(new SupportPaymentSchedule
        {
            CaseId = id, HouseholdId = Case.HouseholdId, Currency = Schedule.Currency, AmountMinor = Money.ToMinor(amount, Schedule.Currency),
            StartOn = Schedule.StartOn!.Value, Status = ScheduleStatus.Requested, RequestedBy = me.UserName, RequestedAt = clock.UtcNow,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Support.Requested"].Value;
        return Redirect($"/Cases/{id}/Support");
    }

    /// <summary>Creates the approved payments an approved schedule owes up to this month (at most one per month: unique index).</summary>
    public async Task<IActionResult> OnPostPaymentsAsync(int id)
    {
        Case = await db.LoadAsync(me, id);
        if (Case is null) return NotFound();
        if (!Case.MayWork) return Forbid();
        var s = await db.SupportPaymentSchedules.FirstOrDefaultAsync(x => x.Id == Schedule.ScheduleId && x.CaseId == id);
        if (s is null) return NotFound();
        if (s.Status is not (ScheduleStatus.Approved or ScheduleStatus.Ended))
        {
            TempData["Error"] = l["Support.NotApproved"].Value;
            return Redirect($"/Cases/{id}/Support");
        }
        var today = clock.Today;
        var have = await db.MaterialSupportRequests.Where(r => r.ScheduleId == s.Id).Select(r => r.PeriodStart).ToListAsync();
        var now = clock.UtcNow;
        foreach (var month in SupportRules.MonthsDue(s.StartOn, s.EndOn, today).Where(m => !have.Contains(m)))
        {
            // Approved with the schedule: its approver checked the monthly amount against their limit.
            db.MaterialSupportRequests.Add(new MaterialSupportRequest
            {
                CaseId = id, HouseholdId = s.HouseholdId, Item = SupportItem.CashBasicNeeds, Quantity = 1, Currency = s.Currency,
                UnitCostMinor = s.AmountMinor, AmountMinor = s.AmountMinor, Status = SupportStatus.Approved, RequestedBy = s.RequestedBy,
                RequestedAt = now, DecidedBy = s.DecidedBy, DecidedAt = now, ScheduleId = s.Id, PeriodStart = month,
            });
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone pressed the button at the same moment: their payments stand.
            TempData["Error"] = l["Concurrency.Changed"].Value;
            return Redirect($"/Cases/{id}/Support");
        }
        TempData["Flash"] = l["Support.PaymentsCreated"].Value;
        return Redirect($"/Cases/{id}/Support");
    }

    /// <summary>Ends a schedule when a review finds the family's basic needs met.</summary>
    public async Task<IActionResult> OnPostEndAsync(int id)
    {
        Case = await db.LoadAsync(me, id);
        if (Case is null) return NotFound();
        if (!Case.MayWork) return Forbid();
        var s = await db.SupportPaymentSchedules.FirstOrDefaultAsync(x => x.Id == Schedule.ScheduleId && x.CaseId == id);
        if (s is null) return NotFound();
        if (string.IsNullOrWhiteSpace(Schedule.EndReason)) ModelState.AddModelError("Schedule.EndReason", l["Validation.Required"]);
        else if (Schedule.EndReason.Length > 2000) ModelState.AddModelError("Schedule.EndReason", l["Validation.TooLong"]);
        if (s.Status != ScheduleStatus.Approved) ModelState.AddModelError("", l["Support.NotApproved"]);
        if (s.Version != Schedule.Version) ModelState.AddModelError("", l["Concurrency.Changed"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(Case);
            return Page();
        }
        s.Status = ScheduleStatus.Ended;
        s.EndOn = clock.Today;
        s.EndReason = Schedule.EndReason!.Trim();
        return await SaveAsync(s, Schedule.Version, id, "Form.Saved");
    }

    private async Task<IActionResult> SaveAsync(object entity, int version, int id, string flash)
    {
        db.ExpectVersion(entity, version);
        if (!await db.TrySaveAsync())
        {
            TempData["Error"] = l["Concurrency.Changed"].Value;
            return Redirect($"/Cases/{id}/Support");
        }
        TempData["Flash"] = l[flash].Value;
        return Redirect($"/Cases/{id}/Support");
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
