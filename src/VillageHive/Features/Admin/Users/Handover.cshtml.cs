using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Notifications;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Users;

/// <summary>
/// A worker leaves or goes on leave: every open case they lead, their places on case teams and their open tasks pass to
/// one colleague in one step, each case's change on its timeline. A case in a village the colleague does not work in
/// stays, and is listed, so that nothing is handed to someone who may not see it.
/// </summary>
public sealed class HandoverModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<CaseRow> Led { get; private set; } = [];
    public int Memberships { get; private set; }
    public int OpenTasks { get; private set; }
    public IReadOnlyList<StaffOption> Receivers { get; private set; } = [];
    public IReadOnlyList<CaseRow> Kept { get; private set; } = [];

    public sealed record CaseRow(int Id, string Head, string VillageKm, string VillageEn, CaseStatus Status, int VillageId, int CommuneId, int DistrictId);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var receiver = Receivers.FirstOrDefault(r => r.UserName == To);
        if (receiver is null) ModelState.AddModelError(nameof(To), l["Validation.Required"]);
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), l["Assign.ReasonRequired"]);
        else if (Reason.Length > CaseAssignments.MaxReason) ModelState.AddModelError(nameof(Reason), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();

        var now = clock.UtcNow;
        var mine = CasesInScope().Where(c => c.Status != CaseStatus.Closed && (c.LeadWorker == UserName || c.Team.Any(t => t.UserName == UserName)));
        var cases = await mine.Include(c => c.Team).Include(c => c.Village).ThenInclude(v => v!.Commune).ToListAsync();
        var ids = cases.Select(c => c.Id).ToList();
        var tasks = await db.CaseTasks.Where(t => ids.Contains(t.CaseId) && t.DoneAt == null && t.AssignedTo == UserName).ToListAsync();
        var kept = new List<int>();
        var led = new List<int?>();
        foreach (var c in cases)
        {
            if (!receiver!.Scope.Includes(c.VillageId, c.Village!.CommuneId, c.Village.Commune!.DistrictId))
            {
                kept.Add(c.Id);
                continue;
            }
            if (c.LeadWorker == UserName)
            {
                db.CaseAssignments.Add(CaseAssignments.Assign(c, tasks, receiver.UserName, me.UserName, Reason!, now, handover: true));
                led.Add(c.Id);
                continue;
            }
            // A team member: their place goes to the colleague (unless already on the case), their tasks with it.
            c.Team.RemoveAll(t => t.UserName == UserName);
            if (c.LeadWorker != receiver.UserName && c.Team.All(t => t.UserName != receiver.UserName))
                c.Team.Add(new CaseTeamMember { CaseId = c.Id, UserName = receiver.UserName, Role = CaseTeamRole.Member, AddedAt = now, AddedBy = me.UserName });
            foreach (var t in tasks.Where(t => t.CaseId == c.Id)) t.AssignedTo = receiver.UserName;
        }
        await db.PeopleAsync([receiver!.UserName], me.UserName, NotificationSubject.CaseAssigned, led, null, now);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            await LoadAsync(id);
            return Page();
        }
        TempData["Flash"] = string.Format(l["Handover.Done"], cases.Count - kept.Count, receiver!.DisplayName, kept.Count);
        return RedirectToPage("/Admin/Users/Handover", new { id });
    }

    /// <summary>The cases of the administrator's own area (a handover never reaches beyond it), in SQL.</summary>
    private IQueryable<Case> CasesInScope() => db.Cases.Where(me.Scope.Contains<Case>(c => c.Village!));

    private async Task<bool> LoadAsync(string id)
    {
        var setting = await UserAdminSetting.LoadAsync(db, me);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.UserName, u.DisplayName, u.ScopeLevel, u.ScopeAreaIds, RoleIds = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => ur.RoleId).ToList() })
            .FirstOrDefaultAsync();
        if (user?.UserName is null) return false;
        var roles = user.RoleIds.Select(setting.RoleName).OfType<string>().ToList();
        if (!UserAdministration.MayManage(setting.Actor, roles, new Scope(user.ScopeLevel, user.ScopeAreaIds), setting.Villages)) return false;
        UserName = user.UserName;
        DisplayName = user.DisplayName;
        var name = UserName;
        Led = await CasesInScope().Where(c => c.LeadWorker == name && c.Status != CaseStatus.Closed).OrderBy(c => c.Id)
            .Select(c => new CaseRow(c.Id, c.Household!.HeadNameKm, c.Village!.NameKm, c.Village.NameEn, c.Status, c.VillageId, c.Village.CommuneId, c.Village.Commune!.DistrictId))
            .ToListAsync();
        Memberships = await CasesInScope().CountAsync(c => c.Status != CaseStatus.Closed && c.Team.Any(t => t.UserName == name));
        OpenTasks = await db.CaseTasks.CountAsync(t => t.AssignedTo == name && t.DoneAt == null && CasesInScope().Any(c => c.Id == t.CaseId && c.Status != CaseStatus.Closed));
        // Only colleagues this administrator manages: a commune's CCWC does not see another commune's staff.
        Receivers = (await db.StaffAsync(CaseAssignments.LeadRoles))
            .Where(s => s.UserName != name && UserAdministration.MayManage(setting.Actor, [s.Role], s.Scope, setting.Villages))
            .DistinctBy(s => s.UserName).ToList();
        if (Receivers.FirstOrDefault(r => r.UserName == To) is { } chosen)
            Kept = Led.Where(c => !chosen.Scope.Includes(c.VillageId, c.CommuneId, c.DistrictId)).ToList();
        return true;
    }
}
