using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Services.Referrals;

/// <summary>
/// One referral as its provider sees it: the child's first name and age, the village, the service, what is asked and
/// who to call. Nothing else of the case (no assessment, no notes) is loaded. A referral to another organisation is a 404.
/// </summary>
[Authorize(Policy = Policies.ServiceInbox)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record View(int Id, string? ChildGivenKm, string? ChildGivenLatin, int? Age, string VillageKm, string VillageEn,
        string ServiceKm, string ServiceEn, string Request, ServiceReferralStatus Status, DateTime SentAt, DateOnly RespondBy,
        string WorkerName, string? WorkerPhone, string? DeclineReason, bool ForCapacity, DateOnly? DeliveredOn, string? Outcome, int Version);

    public View? Referral { get; private set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool NoCapacity { get; set; }
    [BindProperty] public DateOnly? DeliveredOn { get; set; }
    [BindProperty] public string? Outcome { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Referral = await LoadAsync(id);
        // Most deliveries are marked on the day: the date starts at today (issue 19, one tap fewer).
        DeliveredOn ??= clock.Today;
        return Referral is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(int id) => MoveAsync(id, ServiceReferralStatus.Accepted);
    public Task<IActionResult> OnPostDeclineAsync(int id) => MoveAsync(id, ServiceReferralStatus.Declined);
    public Task<IActionResult> OnPostDeliverAsync(int id) => MoveAsync(id, ServiceReferralStatus.Delivered);

    private async Task<IActionResult> MoveAsync(int id, ServiceReferralStatus to)
    {
        var providerId = await db.ProviderIdAsync(me);
        var r = await db.ServiceReferrals.FirstOrDefaultAsync(x => x.Id == id && providerId != null && x.Service!.ProviderId == providerId);
        if (r is null) return NotFound();
        foreach (var (field, key) in ProviderAnswer.Problems(r, to, Version, Reason, DeliveredOn, Outcome, clock.Today))
            ModelState.AddModelError(field, l[key]);
        if (!ModelState.IsValid)
        {
            Referral = await LoadAsync(id);
            return Page();
        }
        await ProviderAnswer.ApplyAsync(db, r, to, Reason, NoCapacity, DeliveredOn, Outcome, me.UserName, clock.UtcNow);
        db.ExpectVersion(r, Version);
        if (!await db.TrySaveAsync())
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            db.ChangeTracker.Clear();
            Referral = await LoadAsync(id);
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Services/Referrals/Details", new { id });
    }

    private async Task<View?> LoadAsync(int id)
    {
        var providerId = await db.ProviderIdAsync(me);
        if (providerId is null) return null;
        var today = clock.Today;
        var row = await db.ServiceReferrals.AsNoTracking()
            .Where(r => r.Id == id && r.Service!.ProviderId == providerId)
            .Select(r => new
            {
                r.Id, GivenKm = r.Person != null ? r.Person.GivenNameKm : null, GivenLatin = r.Person != null ? r.Person.GivenNameLatin : null,
                Dob = r.Person != null ? r.Person.DateOfBirth : null, Year = r.Person != null ? r.Person.EstimatedBirthYear : null,
                r.Case!.Village!.NameKm, r.Case.Village.NameEn, ServiceKm = r.Service!.NameKm, ServiceEn = r.Service.NameEn, r.Request, r.Status,
                r.SentAt, r.RespondBy, r.SentBy,
                Worker = db.Users.Where(u => u.UserName == r.SentBy).Select(u => new { u.DisplayName, u.PhoneNumber }).FirstOrDefault(),
                r.DeclineReason, r.DeclinedForCapacity, r.DeliveredOn, r.Outcome, r.Version,
            })
            .FirstOrDefaultAsync();
        if (row is null) return null;
        return new View(row.Id, row.GivenKm, row.GivenLatin, Person.Age(row.Dob, row.Year, today), row.NameKm, row.NameEn, row.ServiceKm, row.ServiceEn,
            row.Request, row.Status, row.SentAt, row.RespondBy, row.Worker?.DisplayName ?? row.SentBy, row.Worker?.PhoneNumber,
            row.DeclineReason, row.DeclinedForCapacity, row.DeliveredOn, row.Outcome, row.Version);
    }
}
