using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Cases.Notes;

/// <summary>The case notes this user may read, newest first: confidential ones only for the team and supervisors.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, AuditLog audit) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public int Id { get; private set; }
    public bool MayWork { get; private set; }
    public IReadOnlyList<CaseNote> Notes { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        Id = id;
        MayWork = header.MayRecord;
        PageNumber = Pager.Clamp(PageNumber);
        var notes = db.NotesFor(header).AsNoTracking();
        var total = await notes.CountAsync();
        Notes = await notes.OrderByDescending(n => n.WrittenAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Pager = new Pager(PageNumber, PageSize, total, p => Pager.WithPage(Url.Page("/Cases/Notes/Index", new { id })!, p));
        if (Notes.Any(n => n.Confidential)) await audit.RecordReadAsync("CaseNotes", id);
        return Page();
    }
}
