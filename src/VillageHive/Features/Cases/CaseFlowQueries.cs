using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Cases;

/// <summary>A staff member offered on a case form (team, lead worker, conference participant, task assignee).</summary>
public sealed record StaffOption(string UserName, string DisplayName, string Role, Scope Scope);

/// <summary>Queries shared by the case flow pages (list, moves, team, transfer, conference).</summary>
public static class CaseFlowQueries
{
    /// <summary>
    /// Active users holding one of the roles. A district has a few hundred staff at most, so the scope test
    /// (<see cref="Scope.Includes"/>) runs on the loaded list rather than as JSON-array SQL per provider.
    /// </summary>
    public static async Task<List<StaffOption>> StaffAsync(this HiveDbContext db, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = roles.ToArray();
        var rows = await (
                from u in db.Users.AsNoTracking()
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where u.IsActive && names.Contains(r.Name!)
                select new { u.UserName, u.DisplayName, u.ScopeLevel, u.ScopeAreaIds, Role = r.Name })
            .ToListAsync();
        return rows.Select(r => new StaffOption(r.UserName ?? "", r.DisplayName, r.Role ?? "", new Scope(r.ScopeLevel, r.ScopeAreaIds)))
            .OrderBy(s => s.DisplayName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Staff of the roles whose scope covers the village.</summary>
    public static async Task<List<StaffOption>> StaffCoveringAsync(this HiveDbContext db, IReadOnlyList<string> roles, int villageId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var place = await db.Villages.AsNoTracking().Where(v => v.Id == villageId)
            .Select(v => new { v.Id, v.CommuneId, v.Commune!.DistrictId }).FirstAsync();
        return (await db.StaffAsync(roles)).Where(s => s.Scope.Includes(place.Id, place.CommuneId, place.DistrictId)).ToList();
    }

    /// <summary>The case's current approved plan (the highest approved version), or null.</summary>
    public static Task<SupportPlan?> CurrentApprovedPlanAsync(this HiveDbContext db, int caseId) =>
        db.SupportPlans.AsNoTracking().Include(p => p.Goals)
            .Where(p => p.CaseId == caseId && p.Status == PlanStatus.Approved)
            .OrderByDescending(p => p.Number).FirstOrDefaultAsync();

    /// <summary>Head of household's name, Khmer and Latin, for headings.</summary>
    public static async Task<string> HeadNameAsync(this HiveDbContext db, int householdId) =>
        await db.Persons.AsNoTracking()
            .Where(p => p.HouseholdId == householdId && p.MergedIntoPersonId == null)
            .OrderBy(p => p.RelationToHead).ThenBy(p => p.Id)
            .Select(p => p.FamilyNameKm + " " + p.GivenNameKm + (p.FamilyNameLatin != null || p.GivenNameLatin != null ? " (" + p.FamilyNameLatin + " " + p.GivenNameLatin + ")" : ""))
            .FirstOrDefaultAsync() ?? "";
}

/// <summary>What the case flow pages show above their form.</summary>
public sealed record CaseHeading(int Id, string Head, CaseStatus Status, Tier Tier, Priority Risk)
{
    public static async Task<CaseHeading> LoadAsync(HiveDbContext db, CaseHeader header)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(header);
        return new CaseHeading(header.Id, await db.HeadNameAsync(header.HouseholdId), header.Status, header.Tier, header.RiskLevel);
    }
}
