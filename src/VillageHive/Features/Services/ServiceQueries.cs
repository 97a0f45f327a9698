using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Services;

/// <summary>A service referral waiting past its response day, for the worker's overdue list.</summary>
public sealed record OverdueReferral(int CaseId, int ReferralId, string ServiceKm, string ServiceEn, string Provider, DateOnly DueOn);

public static class ServiceQueries
{
    /// <summary>The organisation a Service provider user works for; null when none is set (then they see nothing).</summary>
    public static Task<int?> ProviderIdAsync(this HiveDbContext db, CurrentUser me)
    {
        ArgumentNullException.ThrowIfNull(me);
        var name = me.UserName;
        return db.ServiceProviderUsers.Where(u => u.UserName == name).Select(u => (int?)u.ProviderId).FirstOrDefaultAsync();
    }

    /// <summary>Service referrals of the cases this user may see whose provider has not answered by the day due.</summary>
    public static Task<List<OverdueReferral>> OverdueReferrals(HiveDbContext db, CurrentUser me, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = db.CasesFor(me).Where(CaseRules.Open.Sql).Select(c => c.Id);
        return db.ServiceReferrals.AsNoTracking()
            .Where(CaseRules.AnswerOverdue.Sql(today)).Where(r => cases.Contains(r.CaseId))
            .OrderBy(r => r.RespondBy).ThenBy(r => r.Id)
            .Select(r => new OverdueReferral(r.CaseId, r.Id, r.Service!.NameKm, r.Service.NameEn, r.Service.Provider!.Name, r.RespondBy))
            .ToListAsync();
    }

    /// <summary>Active services that cover the village.</summary>
    public static IQueryable<Service> Covering(this HiveDbContext db, int villageId) =>
        db.Services.Where(s => s.Active && s.Coverage.Any(c => c.VillageId == villageId));

    public sealed record ProviderOption(int Id, string Name);

    public static Task<List<ProviderOption>> ProviderOptionsAsync(this HiveDbContext db) =>
        db.ServiceProviders.AsNoTracking().OrderBy(p => p.Name).Select(p => new ProviderOption(p.Id, p.Name)).ToListAsync();
}
