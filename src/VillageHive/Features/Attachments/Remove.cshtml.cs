using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Attachments;

/// <summary>
/// Removing a file from its record, after the person confirms it. The row is only marked removed (by whom, when): the
/// bytes stay in the store and in the backups, and the change is in the audit chain.
/// </summary>
public sealed class RemoveModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public int Version { get; set; }

    public Attachment Item { get; private set; } = null!;
    public OwnerView Owner { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        Version = Item.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), l["Attachment.ConfirmRequired"]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.ExpectVersion(Item, Version);
        Item.RemovedBy = me.UserName;
        Item.RemovedAt = clock.UtcNow;
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Attachment.ChangedMeanwhile"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Flash"] = l["Attachment.Removed"].Value;
        return RedirectToPage("/Attachments/Index", new { owner = Owner.Owner, ownerId = Owner.Id });
    }

    /// <summary>Null when the file is there and this user may remove it; else the answer (404 or 403).</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        var file = await db.Attachments.Where(a => a.Id == id && a.RemovedAt == null).FirstOrDefaultAsync();
        if (file is null || await AttachmentOwners.FindAsync(db, me, file.Owner, file.OwnerId) is not { } owner) return NotFound();
        if (!owner.MayAdd) return Forbid();
        Item = file;
        Owner = owner;
        return null;
    }
}
