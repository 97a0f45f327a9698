using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Referrals;

/// <summary>A referral: all of it for workers; for the member who made it, only what they entered and its status.</summary>
[Authorize(Policy = Policies.ReferralList)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, AuditLog audit) : PageModel
{
    public View Referral { get; private set; } = null!;
    public bool IsWorker { get; private set; }
    public bool CanScreen { get; private set; }
    /// <summary>The case opened from this referral, when this user may open its page (else no link: it would say "Not allowed").</summary>
    public int? CaseLink { get; private set; }
    public ReferralOutcome Outcome { get; private set; }
    public IReadOnlyList<AuditRow>? History { get; private set; }

    public sealed record View(int Id, DateTime ReceivedAt, ReferralStatus Status, Urgency Urgency, Consent Consent, ReferralChannel Channel,
        Concerns Concerns, string? ConcernNote, string EnteredBy, string? ReferrerName, string? ReferrerPhone, int HouseholdId,
        string VillageKm, string VillageEn, IReadOnlyList<(int Id, string NameKm)> Children,
        ScreeningDecision? Decision, Priority? Priority, int? Score, string? ScreenedBy, int? CaseId);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        IsWorker = me.IsInAnyRole(Roles.ReferralWorkers);
        CanScreen = me.IsInAnyRole(Roles.Screeners);
        var found = await db.ReferralsFor(me).AsNoTracking().Where(r => r.Id == id)
            .Select(r => new
            {
                r.Id, r.ReceivedAt, r.Status, r.Urgency, r.Consent, r.Channel, r.Concerns, r.ConcernNote, r.EnteredBy, r.ReferrerName, r.ReferrerPhone,
                r.HouseholdId, VillageKm = r.Village!.NameKm, VillageEn = r.Village.NameEn,
                // A lookup per child, not a join: see Cases/CasePage/Details.
                Children = r.Children.Select(c => new { c.PersonId, Name = db.Persons.Where(p => p.Id == c.PersonId).Select(p => p.FamilyNameKm + " " + p.GivenNameKm).FirstOrDefault() }).ToList(),
                Decision = r.Screening != null ? (ScreeningDecision?)r.Screening.Decision : null,
                Priority = r.Screening != null ? (Priority?)r.Screening.Priority : null,
                Score = r.Screening != null ? (int?)r.Screening.Score : null,
                ScreenedBy = r.Screening != null ? r.Screening.ScreenedBy : null,
                CaseId = db.Cases.Where(c => c.ReferralId == r.Id).Select(c => (int?)c.Id).FirstOrDefault(),
                CaseStatus = db.Cases.Where(c => c.ReferralId == r.Id).Select(c => (CaseStatus?)c.Status).FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
        if (found is null) return NotFound();
        Referral = new View(found.Id, found.ReceivedAt, found.Status, found.Urgency, found.Consent, found.Channel, found.Concerns, found.ConcernNote,
            found.EnteredBy, found.ReferrerName, found.ReferrerPhone, found.HouseholdId, found.VillageKm, found.VillageEn,
            found.Children.Where(c => c.Name != null).Select(c => (c.PersonId, c.Name!)).ToList(), found.Decision, found.Priority, found.Score, found.ScreenedBy, found.CaseId);
        Outcome = ReferralOutcomes.Of(found.Status, found.Decision, found.CaseStatus);
        if (found.CaseId is { } caseId && me.IsInAnyRole(Roles.CaseReaders) && await db.CasesFor(me).AnyAsync(c => c.Id == caseId))
            CaseLink = caseId;
        if (me.IsInAnyRole(Roles.AuditReaders))
            History = await AuditHistory.OfRecordAsync(db, "Referral", id);
        await audit.RecordReadAsync("Referral", id);
        return Page();
    }
}
