using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Alerts;

public static class AlertQueries
{
    /// <summary>Alerts of the caller's area, by the village of the referral that raised them.</summary>
    public static IQueryable<Alert> AlertsIn(this HiveDbContext db, Scope scope) =>
        db.Alerts.InScope(scope, a => a.Referral!.Village!);

    /// <summary>For the menu badge on every page: one COUNT.</summary>
    public static Task<int> OpenAlertCountAsync(this HiveDbContext db, Scope scope) =>
        db.AlertsIn(scope).CountAsync(a => a.AcknowledgedAt == null);

    public sealed record AlertRow(int Id, int ReferralId, string VillageKm, string VillageEn, DateTime CreatedAt,
        string? AcknowledgedBy, DateTime? AcknowledgedAt, IReadOnlyList<string> Children);

    public static IQueryable<AlertRow> Rows(this IQueryable<Alert> alerts) =>
        alerts.Select(a => new AlertRow(a.Id, a.ReferralId, a.Referral!.Village!.NameKm, a.Referral.Village.NameEn, a.CreatedAt,
            a.AcknowledgedBy, a.AcknowledgedAt,
            a.Referral.Children.Select(c => c.Person!.FamilyNameKm + " " + c.Person.GivenNameKm).ToList()));
}
