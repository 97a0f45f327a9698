using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce.Supervision;

/// <summary>One supervision session; the cases discussed link to their pages when the reader may open them.</summary>
[Authorize(Policy = Policies.WorkforceRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public SupervisionSession Session { get; private set; } = null!;
    public string? WorkerId { get; private set; }
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];

    /// <summary>A case the reader may not open is shown by its number only.</summary>
    public sealed record CaseRow(int Id, string? Head, bool MayOpen);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var session = await db.SupervisionIn(me).AsNoTracking().Include(s => s.Cases).FirstOrDefaultAsync(s => s.Id == id);
        if (session is null) return NotFound();
        Session = session;
        var ids = session.Cases.Select(c => c.CaseId).ToList();
        var visible = await db.CasesFor(me).AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Household!.HeadNameKm }).ToDictionaryAsync(c => c.Id, c => c.HeadNameKm);
        Cases = [.. ids.Order().Select(c => new CaseRow(c, visible.GetValueOrDefault(c), visible.ContainsKey(c)))];
        var worker = session.Worker;
        WorkerId = await db.Users.Where(u => u.UserName == worker).Select(u => u.Id).FirstOrDefaultAsync();
        return Page();
    }
}
