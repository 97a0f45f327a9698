using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>The project officer's list: children absent long enough to be followed up, open ones first.</summary>
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class FollowUpsModel(HiveDbContext db, CurrentUser me) : PageModel
{
    private const int PageSize = 30;

    public ProgrammeQueries.ProgrammeHeader Programme { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public bool Closed { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public sealed record Row(int Id, string NameKm, string? NameLatin, DateOnly FromDate, int Days, FollowUpStatus Status, AbsenceReason? Reason, FollowUpOutcome? Outcome, int? ReferralId);

    public async Task<IActionResult> OnGetAsync(int id, int page = 1)
    {
        var header = await db.HeaderAsync(me.Scope, id);
        if (header is null) return NotFound();
        Programme = header;
        page = Pager.Clamp(page);
        var status = Closed ? FollowUpStatus.Closed : FollowUpStatus.Open;
        var query = db.AbsenceFollowUps.AsNoTracking().Where(f => f.Enrolment!.ProgrammeId == id && f.Status == status);
        var total = await query.CountAsync();
        Rows = await query.OrderByDescending(f => f.FromDate).ThenBy(f => f.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(f => new Row(f.Id, f.Enrolment!.Person!.FamilyNameKm + " " + f.Enrolment.Person.GivenNameKm,
                f.Enrolment.Person.FamilyNameLatin + " " + f.Enrolment.Person.GivenNameLatin, f.FromDate, f.Days, f.Status, f.Reason, f.Outcome, f.ReferralId))
            .ToListAsync();
        Pager = new Pager(page, PageSize, total, n => Pager.WithPage(Url.Page("/Programmes/FollowUps", new { id, closed = Closed })!, n));
        return Page();
    }
}
