using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Hotline;

/// <summary>The hotline desk: log a call while the caller is on the line, see the calls of one's area, refer.</summary>
[Authorize(Policy = Policies.Hotline)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20;

    [BindProperty] public CallInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public IReadOnlyList<Row> Calls { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public sealed record Row(int Id, DateTime ReceivedAt, string CallerName, string? CallerPhone, string? CallerRelation, string Summary,
        string? Location, string? VillageKm, string? VillageEn, Urgency Urgency, string TakenBy, int? ReferralId);

    public sealed class CallInput
    {
        public Guid IdempotencyKey { get; set; }

        /// <summary>Local time, to the minute, as typed in the form.</summary>
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Hotline.ReceivedAt")]
        public DateTime? ReceivedAt { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Hotline.CallerName")]
        public string? CallerName { get; set; }

        [StringLength(20, ErrorMessage = "Validation.TooLong"), RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
        [Display(Name = "Hotline.CallerPhone")]
        public string? CallerPhone { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Hotline.CallerRelation")]
        public string? CallerRelation { get; set; }

        // 2,000 like a referral's concern note, which the summary becomes.
        [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Hotline.Summary")]
        public string? Summary { get; set; }

        [StringLength(300, ErrorMessage = "Validation.TooLong"), Display(Name = "Hotline.Location")]
        public string? Location { get; set; }

        [Display(Name = "Field.Village")]
        public int? VillageId { get; set; }

        [Display(Name = "Referral.Urgency")]
        public Urgency Urgency { get; set; }
    }

    public async Task OnGetAsync()
    {
        var now = clock.LocalNow;
        Input.ReceivedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute));
        Input.IdempotencyKey = Guid.NewGuid();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Villages = await db.VillageOptionsAsync(me.Scope);
        if (Input.VillageId is { } v && Villages.All(o => o.Id != v))
            ModelState.AddModelError("Input.VillageId", l["Validation.VillageOutOfScope"]);
        if (!Enum.IsDefined(Input.Urgency))
            ModelState.AddModelError("Input.Urgency", l["Validation.Invalid"]);
        var summary = TypedText.OrNull(Input.Summary) ?? "";
        if (Input.Summary is not null && summary.Length == 0)
            ModelState.AddModelError("Input.Summary", l["Validation.Required"]);
        DateTime? receivedAt = null;
        if (Input.ReceivedAt is { } typed)
        {
            var now = clock.LocalNow;
            // A few minutes of slack for a phone whose clock runs ahead of the server's.
            if (typed > now.AddMinutes(10)) ModelState.AddModelError("Input.ReceivedAt", l["Validation.DateInFuture"]);
            else if (typed < now.AddYears(-1)) ModelState.AddModelError("Input.ReceivedAt", l["Hotline.TooOld"]);
            else if ((receivedAt = clock.ToUtc(typed)) is null) ModelState.AddModelError("Input.ReceivedAt", l["Validation.Invalid"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadCallsAsync();
            return Page();
        }

        var call = new HotlineCall
        {
            ReceivedAt = receivedAt!.Value,
            CallerName = TypedText.OrNull(Input.CallerName) ?? "",
            CallerPhone = TypedText.OrNull(NameSearch.NormalisePhone(Input.CallerPhone)),
            CallerRelation = TypedText.OrNull(Input.CallerRelation),
            Summary = summary,
            Location = TypedText.OrNull(Input.Location),
            VillageId = Input.VillageId,
            Urgency = Input.Urgency,
            TakenBy = me.UserName,
        };
        // The same form sent twice (double tap, resend after a dropped connection) logs one call: the key is unique.
        call.IdempotencyKey = Input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : Input.IdempotencyKey;
        var key = call.IdempotencyKey;
        if (!await db.HotlineCalls.AnyAsync(c => c.IdempotencyKey == key))
        {
            db.HotlineCalls.Add(call);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await db.HotlineCalls.AnyAsync(c => c.IdempotencyKey == key)) throw;
            }
        }
        TempData["Flash"] = l["Hotline.Saved"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Villages = await db.VillageOptionsAsync(me.Scope);
        await LoadCallsAsync();
    }

    private async Task LoadCallsAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        var q = db.CallsFor(me).AsNoTracking();
        var total = await q.CountAsync();
        Calls = await q.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.ReceivedAt, c.CallerName, c.CallerPhone, c.CallerRelation, c.Summary, c.Location,
                c.Village != null ? c.Village.NameKm : null, c.Village != null ? c.Village.NameEn : null, c.Urgency, c.TakenBy, c.ReferralId))
            .ToListAsync();
        Pager = new Pager(PageNumber, PageSize, total, n => Url.Page("Index", new { p = n })!);
    }

}
