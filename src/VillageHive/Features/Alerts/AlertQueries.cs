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

    /// <summary>
    /// Each child's name is a lookup by primary key: joined through the Person navigation, the merged-person filter made
    /// SQLite join every referral's children in the district before taking the page's 25 (31 ms; docs/scaling.md).
    /// </summary>
    public static IQueryable<AlertRow> Rows(this IQueryable<Alert> alerts, HiveDbContext db) =>
        alerts.Select(a => new AlertRow(a.Id, a.ReferralId, a.Referral!.Village!.NameKm, a.Referral.Village.NameEn, a.CreatedAt,
            a.AcknowledgedBy, a.AcknowledgedAt,
            a.Referral.Children
                .Select(c => db.Persons.Where(p => p.Id == c.PersonId).Select(p => p.FamilyNameKm + " " + p.GivenNameKm).FirstOrDefault())
                .Where(n => n != null)
                .Select(n => n!)
                .ToList()));
}
