using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VillageHive.Data;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Consultations;

/// <summary>
/// What the held consultations heard, rolled up per commune and per village (<see cref="ConsultationQueries.RollUpAsync"/>):
/// how often each danger and strength theme came up, and the kinds of service people said were needed (the same needs show on /Services/Gaps).
/// </summary>
[Authorize(Policy = Policies.ConsultationRead)]
public sealed class SummaryModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public IReadOnlyList<ConsultationQueries.Area> Communes { get; private set; } = [];
    public IReadOnlyList<ConsultationQueries.Area> Villages { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rolled = await ConsultationQueries.RollUpAsync(db, db.ConsultationsIn(me.Scope));
        Communes = rolled.Communes;
        Villages = rolled.Villages;
    }
}
