using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Exports;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Study;

/// <summary>
/// One wave's participants in the caller's scope with their status, paged and filtered by status and village. Those
/// who may read the registry see the household's head; a researcher sees the export's pseudonym instead.
/// </summary>
[Authorize(Policy = Policies.StudyRead)]
public sealed class WaveModel(HiveDbContext db, CurrentUser me, Pseudonyms pseudonyms) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "status")]
    public ParticipantStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "village")]
    public int? VillageId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public sealed record Row(int Id, string Household, string VillageKm, string VillageEn, ParticipantStatus Status, DateOnly? On, string? Reason);

    public int Id { get; private set; }
    public int Number { get; private set; }
    public string CohortName { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public StudyQueries.WaveCounts Counts { get; private set; } = StudyQueries.WaveCounts.Empty;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");
    public bool MayInterview => me.IsInAnyRole(Roles.StudyInterviewers);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (Status is { } s && !Enum.IsDefined(s)) return BadRequest();
        var scope = me.Scope;
        var wave = await db.CohortsIn(scope).AsNoTracking().SelectMany(c => c.Waves).Where(w => w.Id == id)
            .Select(w => new { w.Number, w.Cohort!.Name, w.PlannedFrom, w.PlannedTo }).FirstOrDefaultAsync();
        if (wave is null) return NotFound();
        (Id, Number, CohortName, From, To) = (id, wave.Number, wave.Name, wave.PlannedFrom, wave.PlannedTo);
        PageNumber = Pager.Clamp(PageNumber);
        Villages = await db.VillageOptionsAsync(scope);
        Counts = (await StudyQueries.CountsAsync(db, scope, [id])).GetValueOrDefault(id, StudyQueries.WaveCounts.Empty);
        var participants = db.ParticipantsIn(scope).AsNoTracking().Where(p => p.WaveId == id);
        if (Status is { } status) participants = participants.Where(p => p.Status == status);
        if (VillageId is { } v) participants = participants.Where(p => p.Household!.VillageId == v);
        var total = await participants.CountAsync();
        var rows = await participants.OrderBy(p => p.Household!.Village!.Code).ThenBy(p => p.HouseholdId)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new { p.Id, p.HouseholdId, Head = Household.Shown(p.Household!.HeadNameKm), p.Household.Village!.NameKm, p.Household.Village.NameEn, p.Status, p.StatusOn, p.Reason })
            .ToListAsync();
        var named = me.IsInAnyRole(Roles.RegistryReaders);
        if (!named) await pseudonyms.LoadAsync();
        Rows = rows.Select(r => new Row(r.Id, named ? r.Head ?? "–" : pseudonyms.Of("household", r.HouseholdId), r.NameKm, r.NameEn, r.Status, r.StatusOn,
            named ? r.Reason : null)).ToList();
        Pager = new Pager(PageNumber, PageSize, total, p => Url.Page("/Study/Wave", new { id, status = Status, village = VillageId, p })!);
        return Page();
    }
}
