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

/// <summary>Records that approved support was handed over: when, to whom, and what receipt the family gave.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class DisburseModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public int Version { get; set; }
    [BindProperty] public DateOnly? DisbursedOn { get; set; }
    [BindProperty] public string? ReceivedBy { get; set; }
    [BindProperty] public string? ReceiptNote { get; set; }

    public CaseHeader? Case { get; private set; }
    public MaterialSupportRequest? Support { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int requestId)
    {
        if (await LoadAsync(id, requestId) is { } refused) return refused;
        Version = Support!.Version;
        DisbursedOn = clock.Today;
        // Only approved support is handed over; the page says so before anyone types.
        if (Support.Status != SupportStatus.Approved)
            ModelState.AddModelError("", l[Support.Status == SupportStatus.Disbursed ? "Support.AlreadyDisbursed" : "Support.NotApproved"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int requestId)
    {
        if (await LoadAsync(id, requestId) is { } refused) return refused;
        var r = Support!;
        if (ReceivedBy?.Length > 200) ModelState.AddModelError(nameof(ReceivedBy), l["Validation.TooLong"]);
        if (ReceiptNote?.Length > 500) ModelState.AddModelError(nameof(ReceiptNote), l["Validation.TooLong"]);
        if (r.Version != Version) ModelState.AddModelError("", l["Concurrency.Changed"]);
        else if (SupportRules.DisbursementRefusal(r.Status, DisbursedOn, ReceivedBy, clock.Today) is { } refusal)
            ModelState.AddModelError("", l[refusal]);
        if (!ModelState.IsValid) return Page();
        r.Status = SupportStatus.Disbursed;
        r.DisbursedOn = DisbursedOn;
        r.ReceivedBy = ReceivedBy!.Trim();
        r.ReceiptNote = TypedText.OrNull(ReceiptNote);
        r.DisbursementRecordedBy = me.UserName;
        db.ExpectVersion(r, Version);
        var saved = await db.TrySaveAsync();
        return this.BackToSupport(id, saved, saved ? l["Support.DisbursedSaved"].Value : l["Concurrency.Changed"].Value);
    }

    private async Task<IActionResult?> LoadAsync(int id, int requestId)
    {
        (Case, var refused) = await db.ForWorkAsync(me, id);
        if (Case is null) return refused;
        Support = await db.MaterialSupportRequests.FirstOrDefaultAsync(x => x.Id == requestId && x.CaseId == id);
        return Support is null ? NotFound() : null;
    }
}
