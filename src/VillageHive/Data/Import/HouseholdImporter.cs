using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Import;

public enum ImportOutcome
{
    New = 0,
    Updated = 1,
    Unchanged = 2,
    Error = 3,
}

/// <summary>What became (or would become) of one row of the file.</summary>
public sealed record ImportRowResult(int Row, string HouseholdId, string Name, ImportOutcome Outcome);

/// <summary>A new person in the file whose name is close to someone already registered: for a person to decide, as at referral time.</summary>
public sealed record ImportDuplicate(int Row, string Name, int RegisteredPersonId, int RegisteredHouseholdId, string RegisteredName, int Percent);

/// <summary>A dry run's or an import's account of a file.</summary>
public sealed record ImportReport(
    IReadOnlyList<ImportRowResult> Rows,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<ImportDuplicate> Duplicates,
    bool Saved)
{
    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}

/// <summary>
/// Imports households and persons from a sheet: reads it by <see cref="HouseholdImportRules"/>, matches rows to records
/// already imported by their external ids, and either reports (a dry run) or saves all of it in one transaction, nothing
/// when any row has an error. A row whose record has the same values is not touched, so the audit log shows no change.
/// Lives in Data so that the web page and the command line share it.
/// </summary>
public sealed class HouseholdImporter(HiveDbContext db, HiveClock clock)
{
    /// <summary>The kind of its saved column mapping.</summary>
    public const string Kind = "households";

    /// <summary>The villages a file may name: a commune's when one is given, else every village, each marked in or out of scope.</summary>
    public async Task<IReadOnlyList<ImportVillage>> VillagesAsync(Scope scope, string? communeCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rows = await db.Villages.AsNoTracking()
            .Where(v => communeCode == null || v.Commune!.Code == communeCode)
            .Select(v => new { v.Id, v.Code, v.NameKm, v.NameEn, v.CommuneId, v.Commune!.DistrictId })
            .ToListAsync(ct);
        return rows.Select(v => new ImportVillage(v.Id, v.Code, v.NameKm, v.NameEn, scope.Includes(v.Id, v.CommuneId, v.DistrictId))).ToList();
    }

    public async Task<ImportReport> RunAsync(ImportSheet sheet, ImportColumns columns, Scope scope, string? communeCode, bool save, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(columns);
        var villages = await VillagesAsync(scope, communeCode, ct);
        var plan = HouseholdImportRules.Read(sheet.Rows, columns, villages, clock.Today);
        var errors = plan.Errors.ToList();

        // Records already imported, in two queries however long the file.
        var householdIds = plan.Households.Select(h => h.ExternalId).ToList();
        var personIds = plan.Households.SelectMany(h => h.Members).Select(m => m.ExternalId).ToList();
        // Merged (hidden) records too, as for persons: their ids are taken, and a new record with one would be refused by the unique index.
        var households = await db.Households.IgnoreQueryFilters().Where(h => h.ExternalId != null && householdIds.Contains(h.ExternalId))
            .ToDictionaryAsync(h => h.ExternalId!, ct);
        var persons = await db.Persons.IgnoreQueryFilters().Where(p => p.ExternalId != null && personIds.Contains(p.ExternalId))
            .ToDictionaryAsync(p => p.ExternalId!, ct);
        var inScope = villages.Where(v => v.InScope).Select(v => v.Id).ToHashSet();
        // A household of another area is not this user's to change, whatever its id.
        var outOfScope = households.Values.Where(h => !inScope.Contains(h.VillageId)).Select(h => h.Id).ToHashSet();

        var results = new List<ImportRowResult>();
        var created = new List<Household>();
        var newPeople = new List<(ImportedPerson Row, int VillageId)>();
        var now = clock.UtcNow;
        var setsAge = columns.IndexOf(ImportField.DateOfBirth) is not null || columns.IndexOf(ImportField.Age) is not null;

        foreach (var h in plan.Households)
        {
            households.TryGetValue(h.ExternalId, out var household);
            if (household is not null && outOfScope.Contains(household.Id))
            {
                errors.Add(new ImportError(h.FirstRow, columns.ColumnName(ImportField.HouseholdId), "Import.OtherArea"));
                continue;
            }
            var householdChanged = false;
            if (household is null)
            {
                household = new Household { ExternalId = h.ExternalId, CreatedAt = now };
                created.Add(household);
            }
            householdChanged |= Set(household.VillageId, h.VillageId, v => household.VillageId = v, h.VillageId != 0);
            householdChanged |= Set(household.IdPoor, h.IdPoor, v => household.IdPoor = v, columns.IndexOf(ImportField.IdPoorLevel) is not null);
            householdChanged |= Set(household.IdPoorCard, h.IdPoorCard, v => household.IdPoorCard = v, columns.IndexOf(ImportField.IdPoorCard) is not null);
            householdChanged |= Set(household.Phone, h.Phone, v => household.Phone = v, columns.IndexOf(ImportField.Phone) is not null);
            householdChanged |= Set(household.Address, h.Address, v => household.Address = v, columns.IndexOf(ImportField.Address) is not null);
            var isNew = household.Id == 0;

            foreach (var m in h.Members)
            {
                var name = $"{m.FamilyNameKm} {m.GivenNameKm}".Trim() is { Length: > 0 } km ? km : $"{m.FamilyNameLatin} {m.GivenNameLatin}".Trim();
                if (persons.TryGetValue(m.ExternalId, out var person))
                {
                    if (person.HouseholdId != household.Id)
                    {
                        errors.Add(new ImportError(m.Row, columns.ColumnName(ImportField.PersonId), "Import.PersonMoved"));
                        continue;
                    }
                    var changed = Apply(person, m, setsAge);
                    results.Add(new ImportRowResult(m.Row, h.ExternalId, name, changed || householdChanged ? ImportOutcome.Updated : ImportOutcome.Unchanged));
                }
                else
                {
                    person = new Person { ExternalId = m.ExternalId, CreatedAt = now };
                    Apply(person, m, setsAge);
                    if (isNew) household.Members.Add(person);
                    else { person.HouseholdId = household.Id; db.Persons.Add(person); }
                    newPeople.Add((m, h.VillageId));
                    results.Add(new ImportRowResult(m.Row, h.ExternalId, name, isNew ? ImportOutcome.New : ImportOutcome.Updated));
                }
            }
        }
        foreach (var e in errors.Select(e => e.Row).Distinct())
        {
            var raw = sheet.Rows.FirstOrDefault(r => r.Number == e);
            results.RemoveAll(r => r.Row == e);
            results.Add(new ImportRowResult(e, raw is null ? "" : columns.Cell(raw, ImportField.HouseholdId) ?? "", raw is null ? "" : Name(columns, raw), ImportOutcome.Error));
        }
        results.Sort((a, b) => a.Row.CompareTo(b.Row));
        errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));

        var duplicates = await DuplicatesAsync(newPeople, personIds, ct);
        if (!save || errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new ImportReport(results, errors, duplicates, Saved: false);
        }

        // One transaction a file; the audit interceptor writes its entries inside it.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Households.AddRange(created);
            db.ChangeTracker.DetectChanges();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import (or an edit) took one of these ids or rows meanwhile: nothing is saved; checking again shows why.
            db.ChangeTracker.Clear();
            errors.Add(new ImportError(0, "", "Import.Conflict"));
            return new ImportReport(results, errors, duplicates, Saved: false);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        return new ImportReport(results, errors, duplicates, Saved: true);
    }

    private static string Name(ImportColumns columns, ImportRawRow raw) =>
        string.Join(' ', new[] { ImportField.FamilyNameKm, ImportField.GivenNameKm }.Select(f => columns.Cell(raw, f)).Where(s => s is not null)) is { Length: > 0 } km
            ? km
            : string.Join(' ', new[] { ImportField.FamilyNameLatin, ImportField.GivenNameLatin }.Select(f => columns.Cell(raw, f)).Where(s => s is not null));

    /// <summary>Sets a value when the file gives it and it differs; true when it changed.</summary>
    private static bool Set<T>(T current, T value, Action<T> set, bool given)
    {
        if (!given || EqualityComparer<T>.Default.Equals(current, value)) return false;
        set(value);
        return true;
    }

    /// <summary>The row's values onto the person; true when anything differed.</summary>
    private static bool Apply(Person p, ImportedPerson m, bool setsAge)
    {
        var changed = false;
        if (p.FamilyNameKm != m.FamilyNameKm.Trim() || p.GivenNameKm != m.GivenNameKm.Trim()
            || p.FamilyNameLatin != TypedText.OrNull(m.FamilyNameLatin) || p.GivenNameLatin != TypedText.OrNull(m.GivenNameLatin))
        {
            p.SetNames(m.FamilyNameKm, m.GivenNameKm, m.FamilyNameLatin, m.GivenNameLatin);
            changed = true;
        }
        changed |= Set(p.Sex, m.Sex, v => p.Sex = v, true);
        changed |= Set(p.RelationToHead, m.Relation, v => p.RelationToHead = v, true);
        changed |= Set(p.DateOfBirth, m.DateOfBirth, v => p.DateOfBirth = v, setsAge);
        changed |= Set(p.EstimatedBirthYear, m.EstimatedBirthYear, v => p.EstimatedBirthYear = v, setsAge);
        return changed;
    }

    /// <summary>
    /// People already registered in the file's villages whose names come close to a new person's. Candidates are read
    /// once and met by the folded skeleton of their given name, so a file of 25,000 people is not 25,000 searches.
    /// </summary>
    private async Task<IReadOnlyList<ImportDuplicate>> DuplicatesAsync(List<(ImportedPerson Row, int VillageId)> people, List<string> fileIds, CancellationToken ct)
    {
        if (people.Count == 0) return [];
        var villageIds = people.Select(p => p.VillageId).Distinct().ToList();
        var registered = await db.Persons.AsNoTracking()
            .Where(p => villageIds.Contains(p.Household!.VillageId) && (p.ExternalId == null || !fileIds.Contains(p.ExternalId)))
            .Select(p => new { p.Id, p.HouseholdId, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.Household!.VillageId })
            .OrderBy(p => p.Id)
            .Take(50_000)
            .ToListAsync(ct);
        var byGiven = registered
            .SelectMany(r => new[] { NameMatcher.FoldKhmer(r.GivenNameKm), NameMatcher.FoldLatin(r.GivenNameLatin) }.Where(k => k.Length > 0).Distinct().Select(k => (k, r)))
            .ToLookup(x => x.k, x => x.r);
        var found = new List<ImportDuplicate>();
        foreach (var (m, villageId) in people)
        {
            var query = new PersonName(m.FamilyNameKm, m.GivenNameKm, m.FamilyNameLatin, m.GivenNameLatin);
            var best = new[] { NameMatcher.FoldKhmer(m.GivenNameKm), NameMatcher.FoldLatin(m.GivenNameLatin) }
                .Where(k => k.Length > 0).SelectMany(k => byGiven[k]).Distinct()
                .Select(r => (r, Score: NameMatcher.Score(query, null, new PersonName(r.FamilyNameKm, r.GivenNameKm, r.FamilyNameLatin, r.GivenNameLatin), null, r.VillageId == villageId)))
                .Where(x => x.Score >= NameMatcher.SuggestFrom)
                .OrderByDescending(x => x.Score)
                .FirstOrDefault();
            if (best.r is not null)
                found.Add(new ImportDuplicate(m.Row, $"{m.FamilyNameKm} {m.GivenNameKm}".Trim(), best.r.Id, best.r.HouseholdId,
                    $"{best.r.FamilyNameKm} {best.r.GivenNameKm}".Trim(), (int)Math.Round(best.Score * 100)));
            if (found.Count >= 500) break;
        }
        return found;
    }
}
