using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    private const int PageSize = 20;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public sealed record Row(int Id, string Name, string PlaceKm, string PlaceEn, int Capacity, int Enrolled, int OpenFollowUps, string ProjectOfficer);

    public async Task OnGetAsync(int page = 1)
    {
        page = Pager.Clamp(page);
        var today = clock.Today;
        var query = db.ProgrammesIn(me.Scope).AsNoTracking();
        var holdsPlace = EnrolmentRules.HoldsPlaceOn.Sql(today);
        var total = await query.CountAsync();
        Rows = await query.OrderBy(p => p.Name).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new Row(p.Id, p.Name,
                p.Village != null ? p.Village.NameKm : p.Commune!.NameKm, p.Village != null ? p.Village.NameEn : p.Commune!.NameEn,
                p.Capacity,
                // Children, not enrolments: a child carried over to next year holds a place in both years until this one ends.
                db.Enrolments.Where(holdsPlace).Where(e => e.ProgrammeId == p.Id).Select(e => e.PersonId).Distinct().Count(),
                db.AbsenceFollowUps.Count(f => f.Status == FollowUpStatus.Open && f.Enrolment!.ProgrammeId == p.Id),
                p.ProjectOfficer))
            .ToListAsync();
        Pager = new Pager(page, PageSize, total, n => Pager.WithPage(Url.Page("/Programmes/Index")!, n));
    }
}
