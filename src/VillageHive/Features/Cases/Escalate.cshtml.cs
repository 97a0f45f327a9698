using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// A Village social worker on the team asks the commune's supervisors to take on a case (one request at a time);
/// a Senior social worker or CCWC focal person accepts and becomes the lead worker, the previous lead stays on the team.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class EscalateModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    public CaseHeading Heading { get; private set; } = null!;
    public CaseEscalation? Pending { get; private set; }
    public bool MayAsk { get; private set; }
    public bool MayAccept { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!await PrepareAsync(header)) return Forbid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!await PrepareAsync(header) || !MayAsk) return Forbid();
        if (Pending is not null) ModelState.AddModelError("", l["Case.Escalate.AlreadyPending"]);
        else if (!CaseWorkflow.IsWorking(header.Status)) ModelState.AddModelError("", l["Case.Escalate.NotWorking"]);
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), l["Validation.Required"]);
        else if (Reason.Length > 2000) ModelState.AddModelError(nameof(Reason), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();
        db.CaseEscalations.Add(new CaseEscalation
        {
            CaseId = id, RequestedBy = me.UserName, RequestedAt = clock.UtcNow, Reason = Reason!.Trim(),
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Case.Escalate.Asked"].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    public async Task<IActionResult> OnPostAcceptAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!await PrepareAsync(header) || !MayAccept) return Forbid();
        if (Pending is null)
        {
            ModelState.AddModelError("", l["Case.Escalate.NonePending"]);
            return Page();
        }
        var now = clock.UtcNow;
        var escalation = await db.CaseEscalations.FirstAsync(e => e.Id == Pending.Id);
        escalation.AcceptedBy = me.UserName;
        escalation.AcceptedAt = now;
        var c = await db.Cases.Include(x => x.Team).FirstAsync(x => x.Id == id);
        var previous = c.LeadWorker;
        if (previous != me.UserName)
        {
            // The new lead leaves the member list; the previous lead joins it, so the worker who knows the family stays on.
            c.Team.RemoveAll(t => t.UserName == me.UserName);
            if (c.Team.All(t => t.UserName != previous))
                c.Team.Add(new CaseTeamMember { UserName = previous, Role = CaseTeamRole.Member, AddedAt = now, AddedBy = me.UserName });
            c.LeadWorker = me.UserName;
        }
        if (!await db.TrySaveAsync())
        {
            // Another supervisor accepted at the same moment.
            ModelState.AddModelError("", l["Case.ChangedBySomeoneElse"]);
            return Page();
        }
        TempData["Flash"] = l["Case.Escalate.Accepted"].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    /// <summary>False when this user neither may ask nor accept.</summary>
    private async Task<bool> PrepareAsync(CaseHeader header)
    {
        Heading = await CaseHeading.LoadAsync(db, header);
        Pending = await db.CaseEscalations.AsNoTracking().Where(e => e.CaseId == header.Id && e.AcceptedBy == null)
            .OrderBy(e => e.Id).FirstOrDefaultAsync();
        MayAsk = me.IsInRole(Roles.VillageSocialWorker) && header.Actor.OnTeam;
        MayAccept = header.Actor.Supervisor;
        return MayAsk || MayAccept;
    }
}
