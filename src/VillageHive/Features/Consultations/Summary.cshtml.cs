using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Consultations;

/// <summary>
/// What the held consultations heard, rolled up per commune and per village: how often each danger and strength theme
/// came up, and the kinds of service people said were needed (the same needs show on /Services/Gaps).
/// </summary>
[Authorize(Policy = Policies.ConsultationRead)]
public sealed class SummaryModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public IReadOnlyList<Area> Communes { get; private set; } = [];
    public IReadOnlyList<Area> Villages { get; private set; } = [];

    public sealed record Area(int Id, string NameKm, string NameEn, int Consultations, DateOnly? Last,
        IReadOnlyList<(Themes Theme, int Count)> Themes, IReadOnlyList<(ServiceCategory Category, int Count)> Needs);

    public async Task OnGetAsync()
    {
        var held = db.ConsultationsIn(me.Scope).AsNoTracking().Where(c => c.Status == ConsultationStatus.Held);
        var consultations = await held
            .Select(c => new { c.Id, c.VillageId, c.HeldOn, c.Village!.CommuneId, c.Village.Code, VKm = c.Village.NameKm, VEn = c.Village.NameEn, CKm = c.Village.Commune!.NameKm, CEn = c.Village.Commune.NameEn })
            .ToListAsync();
        var entries = await db.ConsultationEntries.AsNoTracking().Where(e => held.Select(c => c.Id).Contains(e.ConsultationId))
            .Select(e => new { e.ConsultationId, e.Themes, e.ServiceNeeded, e.Column }).ToListAsync();

        Area Roll(int id, string km, string en, IReadOnlyCollection<int> ids)
        {
            var mine = entries.Where(e => ids.Contains(e.ConsultationId)).ToList();
            var needs = mine.Where(e => e.Column == ConsultationColumn.NeedsToHappen && e.ServiceNeeded is not null)
                .GroupBy(e => e.ServiceNeeded!.Value).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key).ToList();
            return new Area(id, km, en, ids.Count, consultations.Where(c => ids.Contains(c.Id)).Max(c => c.HeldOn),
                ThemeList.RollUp(mine.Select(e => e.Themes)), needs);
        }

        Communes = consultations.GroupBy(c => new { c.CommuneId, c.CKm, c.CEn }).OrderBy(g => g.Key.CEn)
            .Select(g => Roll(g.Key.CommuneId, g.Key.CKm, g.Key.CEn, g.Select(c => c.Id).ToList())).ToList();
        Villages = consultations.GroupBy(c => new { c.VillageId, c.Code, c.VKm, c.VEn }).OrderBy(g => g.Key.Code)
            .Select(g => Roll(g.Key.VillageId, g.Key.VKm, g.Key.VEn, g.Select(c => c.Id).ToList())).ToList();
    }
}
