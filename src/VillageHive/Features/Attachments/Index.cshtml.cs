using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Attachments;
using VillageHive.Infrastructure.Capture;

namespace VillageHive.Features.Attachments;

/// <summary>
/// A record's photos and papers (issue 23): the list, the form to add one (the phone's camera or a file; photos are
/// resized on the phone by js/attach.js before they are sent) and a link to remove one. For a consent it is the
/// consent's own page: what was answered, and the photo of the paper signed with a thumbprint.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l, IAttachmentStore store, LinkGenerator links) : PageModel
{
    /// <summary>
    /// What the server reads of one upload: above the highest limit an administrator may set, so that a file over the
    /// set limit gets its message; a body larger still is answered 413 by the server before it is read.
    /// </summary>
    public const long RequestLimit = AttachmentRules.HighestMaxBytes + 1024 * 1024;

    public sealed class AttachmentInput
    {
        [StringLength(AttachmentRules.MaxCaption, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Attachment.Caption")]
        public string? Caption { get; set; }
    }

    public sealed record Row(int Id, string FileName, string ContentType, long Size, string? Caption, string AddedBy, DateTime AddedAt)
    {
        public bool IsImage => AttachmentRules.IsImage(ContentType);
    }

    [BindProperty] public AttachmentInput Input { get; set; } = new();
    [BindProperty] public Guid ClientId { get; set; }

    public OwnerView Owner { get; private set; } = null!;
    public List<Row> Files { get; private set; } = [];
    public int MaxBytes { get; private set; }

    public async Task<IActionResult> OnGetAsync(AttachmentOwner owner, int ownerId)
    {
        if (!await LoadAsync(owner, ownerId)) return NotFound();
        ClientId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(AttachmentOwner owner, int ownerId, IFormFile? file)
    {
        if (!await LoadAsync(owner, ownerId)) return NotFound();
        if (!Owner.MayAdd) return Forbid();
        if (!ModelState.IsValid) return Refused();
        if (file is null)
        {
            ModelState.AddModelError("File", l["Attachment.Choose"]);
            return Refused();
        }
        // Refused before it is read whole: the limit is known from the part's length.
        if (file.Length > MaxBytes)
        {
            ModelState.AddModelError("File", AttachmentCapture.Refused(l, "Attachment.TooLarge", MaxBytes));
            return Refused();
        }
        var bytes = new byte[file.Length];
        await using (var s = file.OpenReadStream()) await s.ReadExactlyAsync(bytes);
        var record = SyncRecord.Online(ClientId, SyncKinds.Attachment, me.UserName, clock.UtcNow);
        var outcome = await AttachmentCapture.AddAsync(db, me, l, store, links, record, owner, ownerId, file.FileName, Input.Caption, bytes);
        if (this.Refusal(outcome, Refused) is { } refused) return refused;
        TempData["Flash"] = l["Attachment.Added"].Value;
        return RedirectToPage("/Attachments/Index", new { owner, ownerId });
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        ClientId = ClientId == Guid.Empty ? Guid.NewGuid() : ClientId;
        return Page();
    }

    private async Task<bool> LoadAsync(AttachmentOwner owner, int ownerId)
    {
        if (!Enum.IsDefined(owner) || await AttachmentOwners.FindAsync(db, me, owner, ownerId) is not { } view) return false;
        Owner = view;
        MaxBytes = await AttachmentOwners.MaxBytesAsync(db);
        Files = await db.Attachments.AsNoTracking().Of(owner, ownerId)
            .Select(a => new Row(a.Id, a.FileName, a.ContentType, a.Size, a.Caption, a.AddedBy, a.AddedAt))
            .ToListAsync();
        return true;
    }
}
