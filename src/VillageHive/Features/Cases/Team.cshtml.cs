using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Notifications;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// The lead worker and supervisors add and remove team members among the workers covering the case's village; a
/// supervisor passes the lead to another of them, with a reason, recorded on the case's timeline.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class TeamModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? NewLead { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public bool MayReassign { get; private set; }

    public CaseHeading Heading { get; private set; } = null!;
    public string LeadWorker { get; private set; } = "";
    public IReadOnlyList<CaseTeamMember> Members { get; private set; } = [];
    public IReadOnlyList<StaffOption> Candidates { get; private set; } = [];
    public IReadOnlyList<StaffOption> Staff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!Manages(header)) return Forbid();
        await PrepareAsync(header);
        return Page();
    }

    /// <summary>Adds a member.</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!Manages(header)) return Forbid();
        await PrepareAsync(header);
        if (string.IsNullOrEmpty(UserName) || Candidates.All(c => c.UserName != UserName))
        {
            ModelState.AddModelError(nameof(UserName), l["Validation.Required"]);
            return Page();
        }
        db.CaseTeamMembers.Add(new CaseTeamMember
        {
            CaseId = id, UserName = UserName, Role = CaseTeamRole.Member, AddedAt = clock.UtcNow, AddedBy = me.UserName,
        });
        // Refused only when someone else added the same member at the same moment (the key is case + user): shown either way.
        await db.SaveOrRefuseAsync();
        return RedirectToPage("/Cases/Team", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!Manages(header)) return Forbid();
        var member = await db.CaseTeamMembers.FirstOrDefaultAsync(t => t.CaseId == id && t.UserName == UserName);
        if (member is null)
        {
            await PrepareAsync(header);
            ModelState.AddModelError(nameof(UserName), l["Validation.Required"]);
            return Page();
        }
        db.CaseTeamMembers.Remove(member);
        await db.SaveChangesAsync();
        return RedirectToPage("/Cases/Team", new { id });
    }

    /// <summary>A supervisor passes the lead to another worker of the case's village; the old lead stays on the team.</summary>
    public async Task<IActionResult> OnPostLeadAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.Actor.Supervisor) return Forbid();
        await PrepareAsync(header);
        var to = NewLead ?? "";
        var refusal = CaseAssignments.Refusal(header.Status, header.LeadWorker, to, Staff.Any(s => s.UserName == to), Reason);
        if (refusal is not null)
        {
            ModelState.AddModelError(refusal == "Assign.ReasonRequired" || refusal == "Validation.TooLong" ? nameof(Reason) : nameof(NewLead), l[refusal]);
            return Page();
        }
        var c = await db.Cases.Include(x => x.Team).FirstAsync(x => x.Id == id);
        db.ExpectVersion(c, header.Version);
        var now = clock.UtcNow;
        db.CaseAssignments.Add(CaseAssignments.Assign(c, [], to, me.UserName, Reason!, now, handover: false));
        await db.PeopleAsync([to], me.UserName, NotificationSubject.CaseAssigned, id, null, now);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError(nameof(NewLead), l["Concurrency.Changed"]);
            return Page();
        }
        return RedirectToPage("/Cases/Team", new { id });
    }

    private bool Manages(CaseHeader header) =>
        header.Actor.Supervisor || (me.IsInAnyRole(Roles.CaseWorkers) && header.LeadWorker == me.UserName);

    private async Task PrepareAsync(CaseHeader header)
    {
        Heading = await CaseHeading.LoadAsync(db, header);
        MayReassign = header.Actor.Supervisor && header.Status != CaseStatus.Closed;
        LeadWorker = header.LeadWorker;
        Members = await db.CaseTeamMembers.AsNoTracking().Where(t => t.CaseId == header.Id).OrderBy(t => t.AddedAt).ToListAsync();
        Staff = await db.StaffCoveringAsync(CaseAssignments.LeadRoles, header.VillageId);
        var taken = Members.Select(m => m.UserName).Append(header.LeadWorker).ToHashSet();
        Candidates = Staff.Where(s => !taken.Contains(s.UserName)).DistinctBy(s => s.UserName).ToList();
    }

    public string NameOf(string userName) => Staff.FirstOrDefault(s => s.UserName == userName)?.DisplayName ?? userName;
}
