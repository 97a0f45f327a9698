using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Attachments;

namespace VillageHive.Features.Admin.Attachments;

/// <summary>
/// The administrator's settings for attached files: the largest file that may be attached (kept in the installation
/// row, 1 to 10 MB), and where the files are kept and how many there are.
/// </summary>
public sealed class IndexModel(HiveDbContext db, IAttachmentStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, AttachmentRules.HighestMaxBytes / (1024 * 1024), ErrorMessage = "Attachment.LimitRange")]
    [Display(Name = "Attachment.MaxMegabytes")]
    public int? MaxMegabytes { get; set; }

    public IAttachmentStore Store => store;
    public int Count { get; private set; }
    public long TotalBytes { get; private set; }
    public int Removed { get; private set; }

    public async Task OnGetAsync()
    {
        MaxMegabytes = AttachmentRules.Megabytes(await Features.Attachments.AttachmentOwners.MaxBytesAsync(db));
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var installation = await db.Installations.FirstOrDefaultAsync() ?? db.Installations.Add(new Installation()).Entity;
        installation.AttachmentMaxBytes = MaxMegabytes!.Value * 1024 * 1024;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Admin/Attachments/Index");
    }

    private async Task LoadAsync()
    {
        var all = await db.Attachments.AsNoTracking().GroupBy(a => a.RemovedAt == null)
            .Select(g => new { Kept = g.Key, Count = g.Count(), Bytes = g.Sum(a => a.Size) }).ToListAsync();
        Count = all.Where(g => g.Kept).Sum(g => g.Count);
        TotalBytes = all.Sum(g => g.Bytes);
        Removed = all.Where(g => !g.Kept).Sum(g => g.Count);
    }
}
