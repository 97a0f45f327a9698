using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data;

/// <summary>
/// Merges two records of one person or of one household: every row that points to the duplicate is moved to the
/// record kept, or the merge is refused with the reason (a row that cannot move without breaking a unique rule), and
/// what was moved is written on the merge record so that an undo moves exactly those rows back. Nothing is saved here:
/// the caller saves once, so the whole merge is one transaction.
/// Every foreign key to <see cref="Person"/> and <see cref="Household"/> in the model must be in <see cref="PersonKeys"/>
/// or <see cref="HouseholdKeys"/> (a test reads the model), so that a new table cannot be forgotten.
/// </summary>
public sealed class RecordMerger(HiveDbContext db)
{
    /// <summary>A reason not to merge: a message key and what it is about (a programme, a session).</summary>
    public sealed record Refusal(string MessageKey, string What);

    private const string ReferralChildKey = nameof(ReferralChild) + "." + nameof(ReferralChild.PersonId);
    private const string PersonMoveKey = nameof(PersonMove) + "." + nameof(PersonMove.PersonId);
    /// <summary>Referrals the kept person was already on: the duplicate's link was dropped, and an undo adds it again.</summary>
    private const string ReferralChildDroppedKey = ReferralChildKey + ".Dropped";

    private static readonly JsonSerializerOptions Json = new();

    private static readonly IMover[] PersonMovers =
    [
        Move<Enrolment>(nameof(Enrolment.PersonId), (d, id) => d.Enrolments.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        Move<ProgrammeAttendance>(nameof(ProgrammeAttendance.PersonId), (d, id) => d.ProgrammeAttendance.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        Move<SessionAttendance>(nameof(SessionAttendance.PersonId), (d, id) => d.SessionAttendance.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        Move<FamilyNetworkMember>(nameof(FamilyNetworkMember.PersonId), (d, id) => d.FamilyNetworkMembers.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        Move<ServiceReferral>(nameof(ServiceReferral.PersonId), (d, id) => d.ServiceReferrals.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        Move<ConsentRecord>(nameof(ConsentRecord.PersonId), (d, id) => d.ConsentRecords.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        Move<CaseStudy>(nameof(CaseStudy.PersonId), (d, id) => d.CaseStudies.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        Move<CareArrangement>(nameof(CareArrangement.PersonId), (d, id) => d.CareArrangements.Where(x => x.PersonId == id), x => x.Id, (x, id) => x.PersonId = id),
        // Photos and papers name their record by kind and id, not by a foreign key: the person's follow the kept record too.
        Move<Attachment>(nameof(Attachment.OwnerId), (d, id) => d.Attachments.Where(x => x.Owner == AttachmentOwner.Person && x.OwnerId == id), x => x.Id, (x, id) => x.OwnerId = id),
    ];

    private static readonly IMover[] HouseholdMovers =
    [
        Move<Person>(nameof(Person.HouseholdId), (d, id) => d.Persons.IgnoreQueryFilters().Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<PersonMove>(nameof(PersonMove.FromHouseholdId), (d, id) => d.PersonMoves.Where(x => x.FromHouseholdId == id), x => x.Id, (x, id) => x.FromHouseholdId = id),
        Move<PersonMove>(nameof(PersonMove.ToHouseholdId), (d, id) => d.PersonMoves.Where(x => x.ToHouseholdId == id), x => x.Id, (x, id) => x.ToHouseholdId = id),
        Move<Referral>(nameof(Referral.HouseholdId), (d, id) => d.Referrals.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<Case>(nameof(Case.HouseholdId), (d, id) => d.Cases.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<ConsentRecord>(nameof(ConsentRecord.HouseholdId), (d, id) => d.ConsentRecords.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<CaseStudy>(nameof(CaseStudy.HouseholdId), (d, id) => d.CaseStudies.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<OutcomeSurvey>(nameof(OutcomeSurvey.HouseholdId), (d, id) => d.OutcomeSurveys.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<MaterialSupportRequest>(nameof(MaterialSupportRequest.HouseholdId), (d, id) => d.MaterialSupportRequests.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<SupportPaymentSchedule>(nameof(SupportPaymentSchedule.HouseholdId), (d, id) => d.SupportPaymentSchedules.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<CareArrangement>(nameof(CareArrangement.HouseholdId), (d, id) => d.CareArrangements.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        // The study follows the household, not its duplicate (two cohort rows of one household are refused by the unique index).
        Move<CohortMember>(nameof(CohortMember.HouseholdId), (d, id) => d.CohortMembers.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<WaveParticipant>(nameof(WaveParticipant.HouseholdId), (d, id) => d.WaveParticipants.Where(x => x.HouseholdId == id), x => x.Id, (x, id) => x.HouseholdId = id),
        Move<Attachment>(nameof(Attachment.OwnerId), (d, id) => d.Attachments.Where(x => x.Owner == AttachmentOwner.Household && x.OwnerId == id), x => x.Id, (x, id) => x.OwnerId = id),
    ];

    /// <summary>
    /// Columns that name their record by kind and id rather than by a foreign key (attachments): merges move them too,
    /// though the model's foreign keys do not list them.
    /// </summary>
    public static IReadOnlySet<string> KeysByKind { get; } = new HashSet<string> { nameof(Attachment) + "." + nameof(Attachment.OwnerId) };

    /// <summary>The foreign keys to persons a person merge moves, as "Entity.Property".</summary>
    public static IReadOnlySet<string> PersonKeys { get; } = PersonMovers.Select(m => m.Key).Append(ReferralChildKey).Append(PersonMoveKey).ToHashSet();

    /// <summary>The foreign keys to households a household merge moves, as "Entity.Property".</summary>
    public static IReadOnlySet<string> HouseholdKeys { get; } = HouseholdMovers.Select(m => m.Key).ToHashSet();

    /// <summary>
    /// What stops merging the duplicate into the kept person: both enrolled at once in one programme year (one child would
    /// hold two places; enrolments in two years of a programme are one child's history), or both on one session's attendance list. A person decides which one to end; nothing is dropped here.
    /// </summary>
    public async Task<IReadOnlyList<Refusal>> PersonRefusalsAsync(int kept, int duplicate)
    {
        var programmes = await db.Enrolments.Where(e => e.PersonId == duplicate && e.ExitDate == null
                && db.Enrolments.Any(k => k.PersonId == kept && k.ExitDate == null && k.ProgrammeId == e.ProgrammeId && k.ProgrammeYearId == e.ProgrammeYearId))
            .Select(e => e.Programme!.Name).Distinct().ToListAsync();
        var sessions = await db.SessionAttendance.Where(a => a.PersonId == duplicate
                && db.SessionAttendance.Any(k => k.PersonId == kept && k.SessionId == a.SessionId))
            .Select(a => new { a.Session!.Activity!.Title, a.Session.Date }).ToListAsync();
        return programmes.Select(p => new Refusal("Merge.BothEnrolled", p))
            .Concat(sessions.Select(s => new Refusal("Merge.BothAttended", $"{s.Title} · {s.Date:yyyy-MM-dd}")))
            .ToList();
    }

    /// <summary>
    /// Moves every row of the duplicate person to the kept one and adds the merge record (not saved). Returns the
    /// refusals instead, changing nothing, when the two cannot be merged as they are.
    /// </summary>
    public async Task<IReadOnlyList<Refusal>> MergePersonsAsync(Person kept, Person duplicate, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(duplicate);
        var refusals = await PersonRefusalsAsync(kept.Id, duplicate.Id);
        if (refusals.Count > 0) return refusals;
        var links = await db.ReferralChildren.Where(c => c.PersonId == duplicate.Id).ToListAsync();
        var keptReferrals = await db.ReferralChildren.Where(c => c.PersonId == kept.Id).Select(c => c.ReferralId).ToListAsync();
        var moves = await db.PersonMoves.Where(m => m.PersonId == duplicate.Id).ToListAsync();
        var result = PersonMerger.Merge(kept, duplicate, links, keptReferrals, moves, by, now);
        db.ReferralChildren.RemoveRange(result.LinksToRemove);
        db.ReferralChildren.AddRange(result.LinksToAdd);
        var moved = new Dictionary<string, List<int>>
        {
            [ReferralChildKey] = result.LinksToAdd.Select(l => l.ReferralId).ToList(),
            [ReferralChildDroppedKey] = links.Select(l => l.ReferralId).Except(result.LinksToAdd.Select(l => l.ReferralId)).ToList(),
            [PersonMoveKey] = moves.Select(m => m.Id).ToList(),
        };
        foreach (var mover in PersonMovers)
            moved[mover.Key] = await mover.MoveAsync(db, duplicate.Id, kept.Id, null);
        result.Record.Moved = JsonSerializer.Serialize(moved, Json);
        db.PersonMerges.Add(result.Record);
        return [];
    }

    /// <summary>
    /// Moves back what the merge moved (the rows still on the kept person; a row changed since stays where it is now),
    /// shows the duplicate again and marks the merge undone (not saved).
    /// </summary>
    public async Task UndoPersonMergeAsync(PersonMerge merge, Person duplicate, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(merge);
        ArgumentNullException.ThrowIfNull(duplicate);
        if (merge.UndoneAt is not null || duplicate.Id != merge.MergedPersonId) throw new DomainException("Merge.AlreadyUndone");
        var moved = Read(merge.Moved);
        int kept = merge.KeptPersonId, dup = merge.MergedPersonId;
        foreach (var mover in PersonMovers)
            await mover.MoveAsync(db, kept, dup, moved.GetValueOrDefault(mover.Key, []));
        var moveIds = moved.GetValueOrDefault(PersonMoveKey, []);
        foreach (var move in await db.PersonMoves.Where(m => m.PersonId == kept && moveIds.Contains(m.Id)).ToListAsync())
            move.PersonId = dup;
        var added = moved.GetValueOrDefault(ReferralChildKey, []);
        var keptLinks = await db.ReferralChildren.Where(c => c.PersonId == kept && added.Contains(c.ReferralId)).ToListAsync();
        db.ReferralChildren.RemoveRange(keptLinks);
        var back = keptLinks.Select(c => c.ReferralId).Concat(moved.GetValueOrDefault(ReferralChildDroppedKey, []));
        var existing = await db.ReferralChildren.Where(c => c.PersonId == dup).Select(c => c.ReferralId).ToListAsync();
        db.ReferralChildren.AddRange(back.Except(existing).Select(r => new ReferralChild { ReferralId = r, PersonId = dup }));
        duplicate.MergedIntoPersonId = null;
        merge.UndoneBy = by;
        merge.UndoneAt = now;
    }

    /// <summary>
    /// What stops merging two households: they must be in one village (a case and its referral belong to the village
    /// of their household); change the duplicate's village first if it was registered in the wrong one.
    /// </summary>
    public static IReadOnlyList<Refusal> HouseholdRefusals(Household kept, Household duplicate)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(duplicate);
        if (kept.Id == duplicate.Id) return [new("Merge.SameHousehold", "")];
        if (kept.MergedIntoHouseholdId is not null || duplicate.MergedIntoHouseholdId is not null) return [new("Merge.AlreadyMerged", "")];
        if (kept.VillageId != duplicate.VillageId) return [new("Merge.OtherVillage", "")];
        return [];
    }

    /// <summary>Moves every row of the duplicate household (its members too) to the kept one and adds the merge record (not saved).</summary>
    public async Task<IReadOnlyList<Refusal>> MergeHouseholdsAsync(Household kept, Household duplicate, string by, DateTime now)
    {
        var refusals = HouseholdRefusals(kept, duplicate);
        if (refusals.Count > 0) return refusals;
        var moved = new Dictionary<string, List<int>>();
        foreach (var mover in HouseholdMovers)
            moved[mover.Key] = await mover.MoveAsync(db, duplicate.Id, kept.Id, null);
        duplicate.MergedIntoHouseholdId = kept.Id;
        db.HouseholdMerges.Add(new HouseholdMerge
        {
            KeptHouseholdId = kept.Id,
            MergedHouseholdId = duplicate.Id,
            Moved = JsonSerializer.Serialize(moved, Json),
            MergedBy = by,
            MergedAt = now,
        });
        return [];
    }

    /// <summary>Moves back what the household merge moved (rows still on the kept household) and shows the duplicate again (not saved).</summary>
    public async Task UndoHouseholdMergeAsync(HouseholdMerge merge, Household duplicate, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(merge);
        ArgumentNullException.ThrowIfNull(duplicate);
        if (merge.UndoneAt is not null || duplicate.Id != merge.MergedHouseholdId) throw new DomainException("Merge.AlreadyUndone");
        var moved = Read(merge.Moved);
        foreach (var mover in HouseholdMovers)
            await mover.MoveAsync(db, merge.KeptHouseholdId, merge.MergedHouseholdId, moved.GetValueOrDefault(mover.Key, []));
        duplicate.MergedIntoHouseholdId = null;
        merge.UndoneBy = by;
        merge.UndoneAt = now;
    }

    /// <summary>Merges made before what they moved was recorded have an empty list: their undo only shows the duplicate again.</summary>
    private static Dictionary<string, List<int>> Read(string moved) =>
        string.IsNullOrWhiteSpace(moved) ? [] : JsonSerializer.Deserialize<Dictionary<string, List<int>>>(moved, Json) ?? [];

    private interface IMover
    {
        string Key { get; }

        /// <summary>Points the rows that point to <paramref name="from"/> (only those listed, when a list is given) to <paramref name="to"/>; returns their ids.</summary>
        Task<List<int>> MoveAsync(HiveDbContext db, int from, int to, IReadOnlyCollection<int>? only);
    }

    private static Mover<T> Move<T>(string property, Func<HiveDbContext, int, IQueryable<T>> find, Func<T, int> id, Action<T, int> set) where T : class =>
        new(typeof(T).Name + "." + property, find, id, set);

    private sealed class Mover<T>(string key, Func<HiveDbContext, int, IQueryable<T>> find, Func<T, int> id, Action<T, int> set) : IMover where T : class
    {
        public string Key => key;

        public async Task<List<int>> MoveAsync(HiveDbContext db, int from, int to, IReadOnlyCollection<int>? only)
        {
            var moved = new List<int>();
            foreach (var row in await find(db, from).ToListAsync())
            {
                if (only is not null && !only.Contains(id(row))) continue;
                set(row, to);
                moved.Add(id(row));
            }
            return moved;
        }
    }
}
