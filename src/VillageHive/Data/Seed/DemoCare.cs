using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// Where the children of a commune's high-risk cases live, as the programme meets them: most with their grandparents
/// because their parents went to work in Thailand, some with their parents, a few placed in a children's centre in
/// Battambang town, and two of those brought home to their family this year. Dates follow the commune clock.
/// </summary>
public static class DemoCare
{
    public sealed record Plan(int Kinship, int WithParents, int Residential, int Reintegrated);

    public static readonly Plan OuChar = new(Kinship: 8, WithParents: 3, Residential: 4, Reintegrated: 2);
    public static readonly Plan SvayPao = new(Kinship: 2, WithParents: 1, Residential: 1, Reintegrated: 0);

    public const string CentreKm = "មណ្ឌលថែទាំកុមារ ក្រុងបាត់ដំបង";
    public const string MigratedNoteKm = "ឪពុកម្ដាយទៅធ្វើការនៅប្រទេសថៃ";

    public static async Task SeedAsync(HiveDbContext db, int communeId, Plan plan, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        var today = clock.Today;
        var now = clock.UtcNow;
        var children = await db.Cases.Where(c => c.Village!.CommuneId == communeId && c.RiskLevel == Priority.High)
            .Join(db.ReferralChildren, c => c.ReferralId, ch => ch.ReferralId, (c, ch) => new
            {
                CaseId = c.Id, ch.PersonId, c.HouseholdId, c.LeadWorker, c.OpenedAt, ch.Person!.DateOfBirth, ch.Person.EstimatedBirthYear,
            })
            .OrderBy(x => x.OpenedAt).ThenBy(x => x.CaseId).ThenBy(x => x.PersonId)
            .ToListAsync();
        // This year's reintegrations halfway between the first of January and today.
        var reintegratedOn = new DateOnly(today.Year, 1, 1).AddDays((today.DayOfYear - 1) / 2);
        int kinship = 0, parents = 0, residential = 0;
        foreach (var child in children)
        {
            var born = child.DateOfBirth ?? (child.EstimatedBirthYear is { } y ? new DateOnly(y, 1, 1) : new DateOnly(2010, 1, 1));
            DateOnly From(DateOnly day) => day < born ? born : day > today ? today : day;
            CareArrangement Add(CareType type, DateOnly since, CareReason reason, string? note, CareEvent e, bool atHome)
            {
                var a = new CareArrangement
                {
                    PersonId = child.PersonId, Type = type, StartedOn = From(since), Reason = reason, ReasonNote = note, Event = e,
                    HouseholdId = atHome ? child.HouseholdId : null, Place = atHome ? null : CentreKm,
                    RecordedBy = child.LeadWorker, RecordedAt = now,
                };
                db.CareArrangements.Add(a);
                return a;
            }
            var opened = clock.DayOf(child.OpenedAt);
            if (kinship < plan.Kinship)
            {
                Add(CareType.Grandparents, opened.AddMonths(-6 - kinship % 5), CareReason.ParentsMigrated, MigratedNoteKm, CareEvent.None, atHome: true);
                kinship++;
            }
            else if (parents < plan.WithParents)
            {
                Add(CareType.BothParents, born, CareReason.WithFamily, null, CareEvent.None, atHome: true);
                parents++;
            }
            else if (residential < plan.Residential)
            {
                // Placed in the centre a year or more after birth, some months before the case opened; a baby is not.
                var placed = opened.AddMonths(-10 - residential);
                if (placed < born.AddYears(1)) placed = born.AddYears(1);
                var reintegrated = residential < plan.Reintegrated;
                if (placed > today || (reintegrated && placed >= reintegratedOn)) continue;
                Add(CareType.BothParents, born, CareReason.WithFamily, null, CareEvent.None, atHome: true);
                Add(CareType.ResidentialCare, placed, CareReason.Poverty, "ឪពុកម្ដាយគ្មានលទ្ធភាពចិញ្ចឹម", CareEvent.Separation, atHome: false);
                if (reintegrated)
                    Add(residential == 0 ? CareType.OneParent : CareType.Grandparents, reintegratedOn, CareReason.WithFamily,
                        residential == 0 ? "ម្ដាយត្រឡប់មកពីប្រទេសថៃវិញ" : "ជីដូនយល់ព្រមមើលថែ ដោយមានជំនួយពីភូមិឃ្មុំ", CareEvent.Reintegration, atHome: true);
                residential++;
            }
        }
        await db.SaveChangesAsync();
    }
}
