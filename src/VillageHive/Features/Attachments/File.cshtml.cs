using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Attachments;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Attachments;

/// <summary>
/// The bytes of one attached file, served only here: to those who may see its record (anyone else gets 404, as for
/// the record), typed as the bytes were found to be, never sniffed, never cached, and every view audited.
/// </summary>
public sealed class FileModel(HiveDbContext db, CurrentUser me, IAttachmentStore store, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var a = await db.Attachments.AsNoTracking().Where(x => x.Id == id && x.RemovedAt == null)
            .Select(x => new { x.Owner, x.OwnerId, x.ContentType, x.FileName, x.StorageKey })
            .FirstOrDefaultAsync();
        if (a is null || await AttachmentOwners.FindAsync(db, me, a.Owner, a.OwnerId) is null) return NotFound();
        var stream = await store.OpenAsync(a.StorageKey, HttpContext.RequestAborted);
        if (stream is null) return NotFound();
        await audit.RecordReadAsync(nameof(Attachment), id);
        var headers = Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        // Photos open in the page; a PDF is saved (a browser's PDF viewer runs outside the page's content policy).
        var disposition = new ContentDispositionHeaderValue(AttachmentRules.IsImage(a.ContentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(a.FileName);
        headers.ContentDisposition = disposition.ToString();
        return new FileStreamResult(stream, a.ContentType);
    }
}
