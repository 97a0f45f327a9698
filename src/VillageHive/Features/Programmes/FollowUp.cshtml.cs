using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Referrals;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>
/// One follow-up: the reason found, the action taken and the outcome. A child-protection concern (or the outcome
/// "referred to a social worker") opens a referral for the child's household in the same save, once.
/// </summary>
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class FollowUpModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public FollowUpInput Input { get; set; } = new();
    public View Item { get; private set; } = null!;
    public bool MayRun { get; private set; }
    public IReadOnlyList<(string, string, string)> Conflict { get; private set; } = [];

    public static readonly Concerns[] ConcernChoices =
        [Concerns.Violence, Concerns.AbuseOrExploitation, Concerns.ChildWorking, Concerns.AlcoholOrDrugs, Concerns.ParentsMigrating, Concerns.LeftWithRelatives, Concerns.OutOfSchool, Concerns.Other];

    public sealed record View(int Id, int ProgrammeId, string ProgrammeName, int PersonId, int HouseholdId, string NameKm, string? NameLatin,
        DateOnly FromDate, int Days, FollowUpStatus Status, int? ReferralId, string? ClosedBy, DateTime? ClosedAt);

    public sealed class FollowUpInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "FollowUp.Reason")]
        public AbsenceReason? Reason { get; set; }

        [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "FollowUp.Action")]
        public string? ActionTaken { get; set; }

        [Display(Name = "FollowUp.Outcome")]
        public FollowUpOutcome? Outcome { get; set; }

        /// <summary>The follow-up found a child-protection concern: open a referral now.</summary>
        public bool Concern { get; set; }

        public List<Concerns> Concerns { get; set; } = [];

        [Display(Name = "Referral.Urgency")]
        public Urgency Urgency { get; set; } = Urgency.Soon;

        public int Version { get; set; }
    }

    /// <summary>One referral per follow-up, whoever saves and however often: the key comes from the follow-up (a version-8 GUID).</summary>
    public static Guid ReferralKey(int followUpId) =>
        new(followUpId, 0x6162, unchecked((short)0x8000), 0x80, 0x00, 0x73, 0x65, 0x6e, 0x63, 0x65, 0x00);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var f = await LoadAsync(id);
        if (f is null) return NotFound();
        Input.Reason = f.Reason;
        Input.ActionTaken = f.ActionTaken;
        Input.Outcome = f.Outcome;
        Input.Version = f.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var f = await LoadAsync(id);
        if (f is null) return NotFound();
        if (!MayRun) return Forbid();
        var refer = Input.Concern || Input.Outcome == FollowUpOutcome.ReferredToSocialWorker;
        var concerns = Input.Concerns.Where(ConcernChoices.Contains).Aggregate(Concerns.None, (a, c) => a | c);
        if (refer && f.ReferralId is null && concerns == Concerns.None)
            ModelState.AddModelError("Input.Concerns", l["FollowUp.ConcernRequired"]);
        if (!ModelState.IsValid) return Page();

        var now = clock.UtcNow;
        db.ExpectVersion(f, Input.Version);
        f.Reason = Input.Reason;
        f.ActionTaken = string.IsNullOrWhiteSpace(Input.ActionTaken) ? null : Input.ActionTaken.Trim();
        f.Outcome = Input.Outcome;
        if (f.Outcome is not null && f.Status == FollowUpStatus.Open)
        {
            f.Status = FollowUpStatus.Closed;
            f.ClosedBy = me.UserName;
            f.ClosedAt = now;
        }
        if (refer && f.ReferralId is null)
        {
            var household = await db.Households.FirstAsync(h => h.Id == Item.HouseholdId);
            var key = ReferralKey(f.Id);
            var existing = await db.Referrals.Where(r => r.IdempotencyKey == key).Select(r => (int?)r.Id).FirstOrDefaultAsync();
            if (existing is { } done) f.ReferralId = done;
            else
                f.Referral = await ReferralIntake.AddAsync(db, household, [Item.PersonId], ReferralChannel.School, concerns,
                    f.ActionTaken ?? l.Label(f.Reason!.Value), Input.Urgency, me.UserName, key, now);
        }
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            var theirs = await db.AbsenceFollowUps.AsNoTracking().FirstAsync(x => x.Id == id);
            Conflict =
            [
                (l["FollowUp.Reason"], Input.Reason is { } r ? l.Label(r) : "–", theirs.Reason is { } tr ? l.Label(tr) : "–"),
                (l["FollowUp.Outcome"], Input.Outcome is { } o ? l.Label(o) : "–", theirs.Outcome is { } to ? l.Label(to) : "–"),
                (l["FollowUp.Action"], Input.ActionTaken ?? "", theirs.ActionTaken ?? ""),
            ];
            Input.Version = theirs.Version;
            return Page();
        }
        TempData["Flash"] = f.ReferralId is not null && refer ? l["FollowUp.Referred"].Value : l["FollowUp.Saved"].Value;
        return RedirectToPage("/Programmes/FollowUps", new { id = Item.ProgrammeId });
    }

    private async Task<AbsenceFollowUp?> LoadAsync(int id)
    {
        MayRun = me.MayRun();
        var view = await db.FollowUpsIn(me.Scope).AsNoTracking().Where(f => f.Id == id)
            .Select(f => new View(f.Id, f.Enrolment!.ProgrammeId, f.Enrolment.Programme!.Name, f.Enrolment.PersonId, f.Enrolment.Person!.HouseholdId,
                f.Enrolment.Person.FamilyNameKm + " " + f.Enrolment.Person.GivenNameKm, f.Enrolment.Person.FamilyNameLatin + " " + f.Enrolment.Person.GivenNameLatin,
                f.FromDate, f.Days, f.Status, f.ReferralId, f.ClosedBy, f.ClosedAt))
            .FirstOrDefaultAsync();
        if (view is null) return null;
        Item = view;
        return await db.AbsenceFollowUps.FirstAsync(f => f.Id == id);
    }
}
