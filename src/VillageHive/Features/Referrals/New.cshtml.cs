using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Hotline;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Referrals;

/// <summary>
/// The front door: a child (or children) at risk, their household, what worries the referrer. Works without
/// JavaScript: "check" shows possible existing records, and each new child must be linked or confirmed as new.
/// </summary>
[Authorize(Policy = Policies.Refer)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l, LinkGenerator links) : PageModel
{
    public const int MaxChildren = 8;

    [BindProperty] public ReferralInput Input { get; set; } = new();
    /// <summary>New per render (or the hotline call's key); the referral's IdempotencyKey, so a form sent twice makes one referral.</summary>
    [BindProperty] public Guid ClientId { get; set; }

    /// <summary>The hotline call this referral is made from ("Turn into a referral"); carried in a hidden field.</summary>
    [BindProperty(SupportsGet = true)] public int? HotlineCall { get; set; }
    public DateTime? HotlineCallReceivedAt { get; private set; }

    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    /// <summary>Possible existing records for each child slot; only for those who may see the registry.</summary>
    public Dictionary<int, List<Suggestion>> Suggestions { get; } = [];
    public IReadOnlyList<Suggestion> HouseholdsByPhone { get; private set; } = [];
    /// <summary>
    /// For those who may not see the registry (the Community Network): the child slots that may match someone already
    /// registered, and whether the phone belongs to a registered household; no name, age or household is shown.
    /// </summary>
    public HashSet<int> MaybeKnown { get; } = [];
    public bool PhoneMaybeKnown { get; private set; }
    public bool SeesRegistry => me.IsInAnyRole(Roles.RegistryReaders);

    public sealed record Suggestion(int PersonId, int HouseholdId, string NameKm, string? NameLatin, int? Age, string VillageKm, string VillageEn, string? HeadKm, double Score);

    public async Task<IActionResult> OnGetAsync()
    {
        ClientId = Guid.NewGuid();
        Villages = await db.VillageOptionsAsync(me.Scope);
        if (Villages.Count == 1) Input.VillageId = Villages[0].Id;
        if (HotlineCall is not { } callId) return Page();

        var call = await db.CallsFor(me).AsNoTracking().Where(c => c.Id == callId)
            .Select(c => new { c.ReceivedAt, c.CallerName, c.CallerPhone, c.Summary, c.Location, c.VillageId, c.Urgency, c.ReferralId })
            .FirstOrDefaultAsync();
        if (call is null) return NotFound();
        if (call.ReferralId is not null) return AlreadyReferred();
        ClientId = HotlineQueries.ReferralKey(callId);
        Input.VillageId = call.VillageId ?? Input.VillageId;
        Input.Urgency = call.Urgency;
        Input.Channel = ReferralChannel.Hotline;
        Input.ReferrerName = TypedText.OrNull(call.CallerName);
        Input.ReferrerPhone = call.CallerPhone;
        Input.ConcernNote = call.Summary;
        Input.Address = call.Location;
        HotlineCallReceivedAt = call.ReceivedAt;
        return Page();
    }

    /// <summary>Adds a slot for another child, keeping everything typed.</summary>
    public async Task<IActionResult> OnPostAddChildAsync()
    {
        ModelState.Clear();
        if (Input.Children.Count < MaxChildren) Input.Children.Add(new ChildInput());
        await PrepareAsync();
        return Page();
    }

    /// <summary>Shows possible existing records without submitting.</summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        ModelState.Clear();
        await PrepareAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ClientId == Guid.Empty) ClientId = Guid.NewGuid();
        if (HotlineCall is { } callId)
        {
            var call = await db.CallsFor(me).AsNoTracking().Where(c => c.Id == callId).Select(c => new { c.ReferralId }).FirstOrDefaultAsync();
            if (call is null) return NotFound();
            // One referral per call, whoever turns it and however often: the key comes from the call.
            ClientId = HotlineQueries.ReferralKey(callId);
            var callKey = ClientId;
            var made = await db.Referrals.AsNoTracking().Where(r => r.IdempotencyKey == callKey).Select(r => (int?)r.Id).FirstOrDefaultAsync();
            if (made is { } done)
            {
                await LinkHotlineCallAsync(done);
                return RedirectToPage("/Referrals/Details", new { id = done });
            }
            if (call.ReferralId is not null) return AlreadyReferred();
        }

        if (Input.Children.Count > MaxChildren) Input.Children = Input.Children.Take(MaxChildren).ToList();
        await PrepareAsync();
        if (!ModelState.IsValid) return Page();
        var record = SyncRecord.Online(ClientId, SyncKinds.Referral, me.UserName, clock.UtcNow);
        var prepared = new ReferralCapture.Prepared(Villages, Suggestions);
        var outcome = await SyncRunner.RunAsync(db, l, record, () => ReferralCapture.ApplyAsync(db, me, l, clock, links, Input, prepared, HotlineCall, record));
        if (this.Refusal(outcome, Page) is { } refused) return refused;
        var key = ClientId;
        var referralId = outcome switch
        {
            SyncOutcome.Applied a => a.EntityId,
            _ => await db.Referrals.AsNoTracking().Where(r => r.IdempotencyKey == key).Select(r => (int?)r.Id).FirstOrDefaultAsync(),
        };
        // An id already used for another kind of record (a tampered form): nothing was made here.
        if (referralId is null) return RedirectToPage("/Referrals/Index");
        await LinkHotlineCallAsync(referralId.Value);
        if (outcome is SyncOutcome.Applied) TempData["Flash"] = l["Referral.Received"].Value;
        return RedirectToPage("/Referrals/Details", new { id = referralId });
    }

    /// <summary>Points the call at its referral; a second save after the referral's, so it also repairs a link lost in between.</summary>
    private async Task LinkHotlineCallAsync(int referralId)
    {
        if (HotlineCall is not { } callId) return;
        var call = await db.HotlineCalls.FirstOrDefaultAsync(c => c.Id == callId);
        if (call is null || call.ReferralId is not null) return;
        call.ReferralId = referralId;
        await db.SaveChangesAsync();
    }

    private RedirectToPageResult AlreadyReferred()
    {
        TempData["Flash"] = l["Hotline.AlreadyReferred"].Value;
        return RedirectToPage("/Hotline/Index");
    }

    /// <summary>Villages for the form and possible existing records for every child typed so far.</summary>
    private async Task PrepareAsync()
    {
        var prepared = await ReferralCapture.PrepareAsync(db, me.Scope, clock, Input);
        Villages = prepared.Villages;
        var sees = SeesRegistry;
        foreach (var (i, found) in prepared.Suggestions)
        {
            if (sees) Suggestions[i] = found;
            else if (found.Count > 0) MaybeKnown.Add(i);
        }
        var phone = NameSearch.NormalisePhone(Input.Phone);
        if (phone.Length >= 6 && !sees)
        {
            PhoneMaybeKnown = await db.HouseholdsIn(me.Scope).AnyAsync(h => h.Phone == phone);
        }
        else if (phone.Length >= 6)
        {
            HouseholdsByPhone = await db.HouseholdsIn(me.Scope).AsNoTracking().Where(h => h.Phone == phone).Take(5)
                .Select(h => new Suggestion(0, h.Id, "", null, null, h.Village!.NameKm, h.Village.NameEn,
                    Household.Shown(h.HeadNameKm), 1))
                .ToListAsync();
        }
    }

}
