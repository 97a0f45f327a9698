using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Consultations;

/// <summary>The village consultations in the user's area, newest first.</summary>
[Authorize(Policy = Policies.ConsultationRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public int? Village { get; set; }
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public sealed record Row(int Id, string VillageKm, string VillageEn, DateOnly PlannedOn, DateOnly? HeldOn, ConsultationStatus Status, string Script, int ScriptNumber, int Entries);

    public async Task<IActionResult> OnGetAsync(int page = 1)
    {
        page = Pager.Clamp(page);
        Villages = await db.VillageOptionsAsync(me.Scope);
        if (Village is { } v && Villages.All(o => o.Id != v)) Village = null;
        var list = db.ConsultationsIn(me.Scope).AsNoTracking();
        if (Village is { } village) list = list.Where(c => c.VillageId == village);
        var total = await list.CountAsync();
        Rows = await list.OrderByDescending(c => c.PlannedOn).ThenByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Village!.NameKm, c.Village.NameEn, c.PlannedOn, c.HeldOn, c.Status, c.ScriptVersion!.Script!.Name, c.ScriptVersion.Number, c.Entries.Count))
            .ToListAsync();
        Pager = new Pager(page, PageSize, total, n => Pager.WithPage(Url.Page("/Consultations/Index", new { village = Village })!, n));
        return Page();
    }
}
