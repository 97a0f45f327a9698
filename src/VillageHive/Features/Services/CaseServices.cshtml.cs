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

namespace VillageHive.Features.Services;

/// <summary>A case's service referrals: refer the family (from a plan action) to a service that covers its village; follow the answers.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CaseServicesModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ReferInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "ServiceReferral.Service")]
        public int? ServiceId { get; set; }

        [Display(Name = "ServiceReferral.PlanAction")]
        public int? PlanActionId { get; set; }

        [Display(Name = "ServiceReferral.Child")]
        public int? PersonId { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ServiceReferral.Request")]
        public string? Request { get; set; }
    }

    [BindProperty] public ReferInput Input { get; set; } = new();

    public CaseHeader? Case { get; private set; }
    public string VillageKm { get; private set; } = "";
    public string VillageEn { get; private set; } = "";
    public IReadOnlyList<Option> Services { get; private set; } = [];
    public IReadOnlyList<Option> Actions { get; private set; } = [];
    public IReadOnlyList<Option> Children { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public sealed record Option(int Id, string Text);
    public sealed record Row(int Id, string ServiceKm, string ServiceEn, string Provider, string? ProviderPhone, ServiceReferralStatus Status, DateTime SentAt,
        DateOnly RespondBy, string Request, string? DeclineReason, bool ForCapacity, DateOnly? DeliveredOn, string? Outcome, string? Action, int Version);

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
        await LoadAsync(Case);
        if (Input.ServiceId is { } s && Services.All(o => o.Id != s))
            ModelState.AddModelError("Input.ServiceId", l["ServiceReferral.NotCovering"]);
        if (Input.PlanActionId is { } a && Actions.All(o => o.Id != a))
            ModelState.AddModelError("Input.PlanActionId", l["Validation.Invalid"]);
        if (Input.PersonId is { } p && Children.All(o => o.Id != p))
            ModelState.AddModelError("Input.PersonId", l["Validation.Invalid"]);
        ModelState.RefuseUnlessTakesWork(Case, l);
        if (!ModelState.IsValid) return Page();
        var now = clock.UtcNow;
        db.ServiceReferrals.Add(new ServiceReferral
        {
            CaseId = id, ServiceId = Input.ServiceId!.Value, PlanActionId = Input.PlanActionId, PersonId = Input.PersonId,
            Request = Input.Request!.Trim(), Status = ServiceReferralStatus.Sent, SentBy = me.UserName, SentAt = now,
            RespondBy = ServiceReferralFlow.RespondBy(clock.DayOf(now)),
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["ServiceReferral.Sent"].Value;
        return RedirectToPage("/Services/CaseServices", new { id });
    }

    /// <summary>The worker closes a referral that is done with (delivered, declined or no longer needed).</summary>
    public async Task<IActionResult> OnPostCloseAsync(int id, int referralId, int version)
    {
        Case = await db.LoadAsync(me, id);
        if (Case is null) return NotFound();
        if (!Case.MayWork) return Forbid();
        var r = await db.ServiceReferrals.FirstOrDefaultAsync(x => x.Id == referralId && x.CaseId == id);
        if (r is null) return NotFound();
        var refusal = r.Version != version ? "Concurrency.Changed" : ServiceReferralFlow.Refusal(r.Status, ServiceReferralStatus.Closed, null, null);
        if (refusal is not null)
        {
            TempData["Error"] = l[refusal].Value;
            return RedirectToPage("/Services/CaseServices", new { id });
        }
        r.Status = ServiceReferralStatus.Closed;
        r.ClosedAt = clock.UtcNow;
        db.ExpectVersion(r, version);
        if (!await db.TrySaveAsync())
        {
            TempData["Error"] = l["Concurrency.Changed"].Value;
        }
        return RedirectToPage("/Services/CaseServices", new { id });
    }

    private async Task LoadAsync(CaseHeader c)
    {
        Today = clock.Today;
        var village = await db.Villages.AsNoTracking().Where(v => v.Id == c.VillageId).Select(v => new { v.NameKm, v.NameEn }).FirstAsync();
        VillageKm = village.NameKm;
        VillageEn = village.NameEn;
        var km = Localisation.IsKhmer;
        Services = (await db.Covering(c.VillageId).AsNoTracking().OrderBy(s => s.Tier).ThenBy(s => s.Category).ThenBy(s => s.NameEn)
                .Select(s => new { s.Id, s.NameKm, s.NameEn, Provider = s.Provider!.Name }).ToListAsync())
            .Select(s => new Option(s.Id, $"{(km ? s.NameKm : s.NameEn)} – {s.Provider}")).ToList();
        // Actions of the plan versions still in force (not superseded): an action owned by a service provider first.
        Actions = (await db.PlanActions.AsNoTracking()
                .Where(a => a.Plan!.CaseId == c.Id && a.Plan.Status != PlanStatus.Superseded && a.Status != ActionStatus.Dropped)
                .OrderByDescending(a => a.OwnerKind == ActionOwnerKind.ServiceProvider).ThenBy(a => a.DueOn)
                .Select(a => new { a.Id, a.Text, a.OwnerProvider }).ToListAsync())
            .Select(a => new Option(a.Id, a.OwnerProvider is null ? a.Text : $"{a.Text} ({a.OwnerProvider})")).ToList();
        var referralId = await db.Cases.Where(x => x.Id == c.Id).Select(x => x.ReferralId).FirstAsync();
        Children = (await db.ReferralChildren.AsNoTracking().Where(rc => rc.ReferralId == referralId)
                .Select(rc => new { rc.PersonId, rc.Person!.FamilyNameKm, rc.Person.GivenNameKm }).ToListAsync())
            .Select(p => new Option(p.PersonId, $"{p.FamilyNameKm} {p.GivenNameKm}")).ToList();
        Rows = await db.ServiceReferrals.AsNoTracking().Where(r => r.CaseId == c.Id)
            .OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id)
            .Select(r => new Row(r.Id, r.Service!.NameKm, r.Service.NameEn, r.Service.Provider!.Name, r.Service.Provider.Phone, r.Status, r.SentAt,
                r.RespondBy, r.Request, r.DeclineReason, r.DeclinedForCapacity, r.DeliveredOn, r.Outcome,
                r.PlanAction != null ? r.PlanAction.Text : null, r.Version))
            .Take(200)
            .ToListAsync();
    }
}
