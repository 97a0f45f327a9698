using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Forms;

/// <summary>The six MoSVY forms of a case, each with what it still lacks, to print, download or complete.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public CaseHeader Header { get; private set; } = null!;
    public FormSheet Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        Header = header;
        Sheet = await FormSheet.LoadAsync(db, id, clock.Today);
        return Page();
    }

    public static IEnumerable<int> Numbers => Enumerable.Range(MosvyForms.First, MosvyForms.Last);
}
