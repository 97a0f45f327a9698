using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Services.Referrals;

/// <summary>A service provider's inbox: only the referrals addressed to their organisation, with the least the provider needs.</summary>
[Authorize(Policy = Policies.ServiceInbox)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "status")] public ServiceReferralStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public string? Provider { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");
    public DateOnly Today { get; private set; }

    public sealed record Row(int Id, string? ChildGivenKm, string? ChildGivenLatin, int? BirthYear, DateOnly? DateOfBirth,
        string VillageKm, string VillageEn, string ServiceKm, string ServiceEn, ServiceReferralStatus Status, DateTime SentAt, DateOnly RespondBy);

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        Today = clock.Today;
        var providerId = await db.ProviderIdAsync(me);
        Provider = providerId is { } pid ? await db.ServiceProviders.Where(p => p.Id == pid).Select(p => p.Name).FirstOrDefaultAsync() : null;
        var q = db.ServiceReferrals.AsNoTracking().Where(r => providerId != null && r.Service!.ProviderId == providerId);
        if (Status is { } s) q = q.Where(r => r.Status == s);
        var total = await q.CountAsync();
        Rows = await q.OrderBy(r => r.Status).ThenBy(r => r.RespondBy).ThenBy(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.Id,
                r.Person != null ? r.Person.GivenNameKm : null, r.Person != null ? r.Person.GivenNameLatin : null,
                r.Person != null ? r.Person.EstimatedBirthYear : null, r.Person != null ? r.Person.DateOfBirth : null,
                r.Case!.Village!.NameKm, r.Case.Village.NameEn, r.Service!.NameKm, r.Service.NameEn, r.Status, r.SentAt, r.RespondBy))
            .ToListAsync();
        Pager = new Pager(PageNumber, PageSize, total, n => Url.Page("Index", new { status = Status, p = n })!);
    }
}
