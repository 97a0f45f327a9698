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

/// <summary>Requests and payment schedules waiting for a CCWC focal person or Senior social worker, each approving up to their limit.</summary>
[Authorize(Policy = Policies.SupportApprove)]
public sealed class ApprovalsModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<Row> Requests { get; private set; } = [];
    public IReadOnlyList<Row> Schedules { get; private set; } = [];
    public IReadOnlyDictionary<Currency, long?> Limits { get; private set; } = new Dictionary<Currency, long?>();

    public sealed record Row(int Id, int CaseId, SupportItem? Item, string? Description, int Quantity, Currency Currency, long AmountMinor,
        string RequestedBy, DateTime RequestedAt, string VillageKm, string VillageEn, int Version);

    [BindProperty] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostApproveAsync() => DecideRequestAsync(true);
    public Task<IActionResult> OnPostRejectAsync() => DecideRequestAsync(false);
    public Task<IActionResult> OnPostApproveScheduleAsync() => DecideScheduleAsync(true);
    public Task<IActionResult> OnPostRejectScheduleAsync() => DecideScheduleAsync(false);

    private async Task<IActionResult> DecideRequestAsync(bool approve)
    {
        var cases = db.CasesFor(me).Select(c => c.Id);
        var r = await db.MaterialSupportRequests.FirstOrDefaultAsync(x => x.Id == Id && cases.Contains(x.CaseId));
        if (r is null) return NotFound();
        var limit = await db.LimitAsync(me, r.Currency);
        var refusal = r.Version != Version ? "Concurrency.Changed"
            : SupportRules.ApprovalRefusal(r.Status, r.RequestedBy, me.UserName, r.AmountMinor, limit, approve)
              ?? (Note?.Length > 500 ? "Validation.TooLong" : null);
        if (refusal is not null) return await RefusedAsync(refusal);
        r.Status = approve ? SupportStatus.Approved : SupportStatus.Rejected;
        r.DecidedBy = me.UserName;
        r.DecidedAt = clock.UtcNow;
        r.DecisionNote = TypedText.OrNull(Note);
        return await SaveAsync(r, approve);
    }

    private async Task<IActionResult> DecideScheduleAsync(bool approve)
    {
        var cases = db.CasesFor(me).Select(c => c.Id);
        var s = await db.SupportPaymentSchedules.FirstOrDefaultAsync(x => x.Id == Id && cases.Contains(x.CaseId));
        if (s is null) return NotFound();
        var limit = await db.LimitAsync(me, s.Currency);
        var refusal = s.Version != Version ? "Concurrency.Changed"
            : SupportRules.ScheduleApprovalRefusal(s.Status, s.RequestedBy, me.UserName, s.AmountMinor, limit, approve);
        if (refusal is not null) return await RefusedAsync(refusal);
        s.Status = approve ? ScheduleStatus.Approved : ScheduleStatus.Rejected;
        s.DecidedBy = me.UserName;
        s.DecidedAt = clock.UtcNow;
        return await SaveAsync(s, approve);
    }

    /// <summary>A refusal is answered 409 with the list and the reason; nothing is changed.</summary>
    private async Task<IActionResult> RefusedAsync(string key)
    {
        ModelState.AddModelError("", l[key]);
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult> SaveAsync(object entity, bool approved)
    {
        db.ExpectVersion(entity, Version);
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            return await RefusedAsync("Concurrency.Changed");
        }
        TempData["Flash"] = l[approved ? "Support.ApprovedSaved" : "Support.RejectedSaved"].Value;
        return RedirectToPage("/Support/Approvals");
    }

    private async Task LoadAsync()
    {
        var cases = db.CasesFor(me).Select(c => c.Id);
        Requests = await db.MaterialSupportRequests.AsNoTracking()
            .Where(r => r.Status == SupportStatus.Requested && cases.Contains(r.CaseId))
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Take(100)
            .Select(r => new Row(r.Id, r.CaseId, r.Item, r.Description, r.Quantity, r.Currency, r.AmountMinor, r.RequestedBy, r.RequestedAt,
                r.Case!.Village!.NameKm, r.Case.Village.NameEn, r.Version))
            .ToListAsync();
        Schedules = await db.SupportPaymentSchedules.AsNoTracking()
            .Where(s => s.Status == ScheduleStatus.Requested && cases.Contains(s.CaseId))
            .OrderBy(s => s.RequestedAt).ThenBy(s => s.Id).Take(100)
            .Select(s => new Row(s.Id, s.CaseId, null, null, 1, s.Currency, s.AmountMinor, s.RequestedBy, s.RequestedAt,
                s.Case!.Village!.NameKm, s.Case.Village.NameEn, s.Version))
            .ToListAsync();
        var limits = new Dictionary<Currency, long?>();
        foreach (var c in Enum.GetValues<Currency>()) limits[c] = await db.LimitAsync(me, c);
        Limits = limits;
    }
}
