using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Attachments;

/// <summary>
/// The small "Photos and papers" section of a record's page: how many files it has (one COUNT) and the link to them.
/// The page has already found its record in the user's scope; the attachments page checks it again.
/// </summary>
public sealed class AttachmentsViewComponent(HiveDbContext db) : ViewComponent
{
    public sealed record Model(AttachmentOwner Owner, int Id, int Count);

    public async Task<IViewComponentResult> InvokeAsync(AttachmentOwner owner, int id)
    {
        var count = await db.Attachments.AsNoTracking().CountAsync(a => a.Owner == owner && a.OwnerId == id && a.RemovedAt == null);
        return View(new Model(owner, id, count));
    }
}
