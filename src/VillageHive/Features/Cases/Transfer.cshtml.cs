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
/// A supervisor hands a case to another commune's team; a supervisor of that commune accepts (choosing the village
/// and lead worker) or rejects with a note. Either way the case goes back to the status it had.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class TransferModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public int? ToCommuneId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public int? VillageId { get; set; }
    [BindProperty] public string? LeadWorker { get; set; }
    [BindProperty] public string? Note { get; set; }

    public CaseHeading Heading { get; private set; } = null!;
    public CaseTransfer? Pending { get; private set; }
    public bool MayAsk { get; private set; }
    public bool MayDecide { get; private set; }
    public IReadOnlyList<Commune> Communes { get; private set; } = [];
    public IReadOnlyList<Village> Villages { get; private set; } = [];
    public IReadOnlyList<StaffOption> Workers { get; private set; } = [];
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!await PrepareAsync(header)) return Forbid();
        Version = header.Version;
        return Page();
    }

    /// <summary>The request.</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!await PrepareAsync(header) || !MayAsk) return Forbid();
        if (ToCommuneId is not { } to || Communes.All(c => c.Id != to)) ModelState.AddModelError(nameof(ToCommuneId), l["Validation.Required"]);
        if (Reason is { Length: > 2000 }) ModelState.AddModelError(nameof(Reason), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();
        if (Version != header.Version)
        {
            Conflict = true;
            Version = header.Version;
            return Page();
        }
        var now = clock.UtcNow;
        var facts = await db.FactsAsync(id);
        var c = await db.Cases.FirstAsync(x => x.Id == id);
        db.ExpectVersion(c, Version);
        var before = c.Status;
        if (db.TryMove(c, CaseStatus.Transferred, header.Actor, facts, me.UserName, TypedText.OrNull(Reason), now) is { } refusal)
        {
            ModelState.AddModelError(refusal == "Case.Move.ReasonRequired" ? nameof(Reason) : "", l[refusal]);
            return Page();
        }
        db.CaseTransfers.Add(new CaseTransfer
        {
            CaseId = id, FromVillageId = c.VillageId, ToCommuneId = ToCommuneId!.Value, StatusBefore = before,
            RequestedBy = me.UserName, RequestedAt = now, Reason = Reason!.Trim(),
        });
        await db.StaffOfCommuneAsync(Roles.CaseSupervisors, ToCommuneId!.Value, me.UserName, NotificationSubject.TransferRequested, id, null, now);
        return await SaveAsync(id, "Case.Transfer.Asked");
    }

    public async Task<IActionResult> OnPostAcceptAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!await PrepareAsync(header) || !MayDecide) return Forbid();
        if (VillageId is not { } v || Villages.All(x => x.Id != v)) ModelState.AddModelError(nameof(VillageId), l["Validation.Required"]);
        if (string.IsNullOrEmpty(LeadWorker) || Workers.All(w => w.UserName != LeadWorker)) ModelState.AddModelError(nameof(LeadWorker), l["Validation.Required"]);
        if (Note is { Length: > 2000 }) ModelState.AddModelError(nameof(Note), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();
        var (c, transfer) = await DecideAsync(id, accepted: true);
        c.VillageId = VillageId!.Value;
        c.LeadWorker = LeadWorker!;
        // The old commune's team hands over: the receiving team is built by its own lead.
        db.CaseTeamMembers.RemoveRange(c.Team);
        await db.PeopleAsync([c.LeadWorker], me.UserName, NotificationSubject.CaseAssigned, id, null, transfer.DecidedAt!.Value);
        await db.PeopleAsync([transfer.RequestedBy], me.UserName, NotificationSubject.TransferAccepted, id, null, transfer.DecidedAt!.Value);
        return await EndAsync(id, c, transfer, TypedText.OrNull(Note) ?? transfer.Reason, "Case.Transfer.Accepted");
    }

    public async Task<IActionResult> OnPostRejectAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!await PrepareAsync(header) || !MayDecide) return Forbid();
        if (string.IsNullOrWhiteSpace(Note)) ModelState.AddModelError(nameof(Note), l["Validation.Required"]);
        else if (Note.Length > 2000) ModelState.AddModelError(nameof(Note), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();
        var (c, transfer) = await DecideAsync(id, accepted: false);
        await db.PeopleAsync([transfer.RequestedBy], me.UserName, NotificationSubject.TransferRejected, id, null, transfer.DecidedAt!.Value);
        // The receiving supervisor no longer sees the case after this: back to the list.
        var result = await EndAsync(id, c, transfer, Note!.Trim(), "Case.Transfer.Rejected");
        return result is RedirectToPageResult ? RedirectToPage("/Cases/Index") : result;
    }

    private async Task<(Case, CaseTransfer)> DecideAsync(int id, bool accepted)
    {
        var transfer = await db.CaseTransfers.FirstAsync(t => t.Id == Pending!.Id);
        transfer.Accepted = accepted;
        transfer.DecidedBy = me.UserName;
        transfer.DecidedAt = clock.UtcNow;
        transfer.DecisionNote = TypedText.OrNull(Note);
        var c = await db.Cases.Include(x => x.Team).FirstAsync(x => x.Id == id);
        db.ExpectVersion(c, Version);
        return (c, transfer);
    }

    /// <summary>The case goes back to the stage it left; if it is no longer waiting, someone changed it meanwhile.</summary>
    private async Task<IActionResult> EndAsync(int id, Case c, CaseTransfer transfer, string? reason, string doneKey)
    {
        if (CaseWorkflow.EndTransfer(c, transfer.StatusBefore, me.UserName, reason, transfer.DecidedAt!.Value) is not { } record)
        {
            Conflict = true;
            return Page();
        }
        db.CaseTransitions.Add(record);
        return await SaveAsync(id, doneKey);
    }

    private async Task<IActionResult> SaveAsync(int id, string doneKey)
    {
        if (!await db.TrySaveAsync())
        {
            Conflict = true;
            return Page();
        }
        TempData["Flash"] = l[doneKey].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    /// <summary>False when this user neither may ask for a transfer nor decide one.</summary>
    private async Task<bool> PrepareAsync(CaseHeader header)
    {
        Heading = await CaseHeading.LoadAsync(db, header);
        MayAsk = header.Actor.Supervisor && CaseWorkflow.IsWorking(header.Status);
        MayDecide = header.MayDecideTransfer;
        if (header.Status == CaseStatus.Transferred)
            Pending = await db.CaseTransfers.AsNoTracking().Include(t => t.ToCommune)
                .Where(t => t.CaseId == header.Id && t.Accepted == null).OrderByDescending(t => t.Id).FirstOrDefaultAsync();
        if (MayAsk)
            Communes = await db.Communes.AsNoTracking()
                .Where(c => c.Id != header.CommuneId && c.Hive != null && c.Hive.Status >= HiveStatus.Operating)
                .OrderBy(c => c.Code).ToListAsync();
        if (MayDecide && Pending is not null)
        {
            Villages = await db.Villages.AsNoTracking().Where(v => v.CommuneId == Pending.ToCommuneId).OrderBy(v => v.Code).ToListAsync();
            var districtId = await db.Communes.Where(c => c.Id == Pending.ToCommuneId).Select(c => c.DistrictId).FirstAsync();
            // Workers of the receiving commune: anyone whose scope covers one of its villages.
            Workers = (await db.StaffAsync(Roles.CaseWorkers))
                .Where(s => Villages.Any(v => s.Scope.Includes(v.Id, v.CommuneId, districtId))).ToList();
        }
        return header.Actor.Supervisor || MayDecide;
    }
}
