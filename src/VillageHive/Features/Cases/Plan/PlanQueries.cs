using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Cases.Plan;

/// <summary>Reading plan versions and naming action owners.</summary>
public static class PlanQueries
{
    /// <summary>The current version of the case's plan (the highest number), with goals and actions; null when there is none.</summary>
    public static Task<SupportPlan?> CurrentPlanAsync(this HiveDbContext db, int caseId, bool tracked = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plans = tracked ? db.SupportPlans : db.SupportPlans.AsNoTracking();
        return plans.Include(p => p.Goals).Include(p => p.Actions)
            .Where(p => p.CaseId == caseId)
            .OrderByDescending(p => p.Number)
            .FirstOrDefaultAsync();
    }

    /// <summary>Owner choices on the plan form: "w:user", "n:memberId", or "p" for a service provider typed beside it.</summary>
    public static string OwnerValue(PlanAction a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.OwnerKind switch
        {
            ActionOwnerKind.Worker => "w:" + a.OwnerWorker,
            ActionOwnerKind.NetworkMember => "n:" + a.OwnerNetworkMemberId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "p",
        };
    }

    /// <summary>Reads an owner choice back; a typed provider name with no choice means the provider.</summary>
    public static (ActionOwnerKind? Kind, string? Worker, int? Member, string? Provider) ParseOwner(string? owner, string? provider)
    {
        if (owner is { Length: > 2 } && owner.StartsWith("w:", StringComparison.Ordinal)) return (ActionOwnerKind.Worker, owner[2..], null, null);
        if (owner is { Length: > 2 } && owner.StartsWith("n:", StringComparison.Ordinal))
            return int.TryParse(owner[2..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
                ? (ActionOwnerKind.NetworkMember, null, m, null)
                : (ActionOwnerKind.NetworkMember, null, null, null);
        if (owner == "p" || (string.IsNullOrEmpty(owner) && !string.IsNullOrWhiteSpace(provider)))
            return (ActionOwnerKind.ServiceProvider, null, null, provider);
        return (null, null, null, null);
    }
}
