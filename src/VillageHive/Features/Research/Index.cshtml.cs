using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Consultations;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Research;

/// <summary>Focus groups and impact case studies in the user's area. Readers who do not write them never see a withdrawn study.</summary>
[Authorize(Policy = Policies.ResearchRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];
    public IReadOnlyList<StudyRow> Studies { get; private set; } = [];
    public bool MayWrite { get; private set; }

    public sealed record GroupRow(int Id, string Title, DateOnly HeldOn, string CommuneKm, string CommuneEn, int People);
    public sealed record StudyRow(int Id, string TitleKm, string TitleEn, CaseStudyUse Use, DateOnly ConsentOn);

    public async Task OnGetAsync()
    {
        MayWrite = me.IsInAnyRole(Roles.ResearchWriters);
        Groups = await db.FocusGroupsIn(me.Scope).AsNoTracking().OrderByDescending(f => f.HeldOn).Take(200)
            .Select(f => new GroupRow(f.Id, f.Title, f.HeldOn, f.Commune!.NameKm, f.Commune.NameEn, f.Participants.Sum(p => p.Count))).ToListAsync();
        var studies = db.CaseStudiesIn(me.Scope).AsNoTracking();
        if (!MayWrite) studies = studies.Where(CaseStudyRules.Shareable);
        Studies = await studies.OrderByDescending(s => s.ConsentOn).ThenByDescending(s => s.Id).Take(200)
            .Select(s => new StudyRow(s.Id, s.TitleKm, s.TitleEn, s.Use, s.ConsentOn)).ToListAsync();
    }
}
