using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace VillageHive.Domain;

/// <summary>
/// Merges a duplicate person record into the record kept: the duplicate's referrals and household moves go to the
/// kept person, and the duplicate is marked (hidden, never deleted) with a snapshot of what it held.
/// </summary>
public static class PersonMerger
{
    // Khmer names stay readable in the snapshot rather than becoming \uXXXX escapes.
    private static readonly JsonSerializerOptions SnapshotOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// The rows to change: ReferralChild is keyed by (referral, person), so a link is moved by removing the old row and
    /// adding a new one, and not added where the kept person is already on that referral.
    /// </summary>
    public sealed record Result(PersonMerge Record, IReadOnlyList<ReferralChild> LinksToRemove, IReadOnlyList<ReferralChild> LinksToAdd);

    public static Result Merge(Person kept, Person duplicate, IReadOnlyCollection<ReferralChild> duplicateLinks,
        IReadOnlyCollection<int> keptReferralIds, IReadOnlyCollection<PersonMove> duplicateMoves, string mergedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(duplicate);
        ArgumentNullException.ThrowIfNull(duplicateLinks);
        ArgumentNullException.ThrowIfNull(keptReferralIds);
        ArgumentNullException.ThrowIfNull(duplicateMoves);
        if (kept.Id == duplicate.Id) throw new DomainException("Merge.SamePerson");
        if (kept.MergedIntoPersonId is not null || duplicate.MergedIntoPersonId is not null) throw new DomainException("Merge.AlreadyMerged");
        if (duplicateLinks.Any(l => l.PersonId != duplicate.Id) || duplicateMoves.Any(m => m.PersonId != duplicate.Id))
            throw new ArgumentException("Links and moves must be the duplicate's.");

        var snapshot = JsonSerializer.Serialize(new
        {
            duplicate.Id, duplicate.HouseholdId, duplicate.FamilyNameKm, duplicate.GivenNameKm, duplicate.FamilyNameLatin,
            duplicate.GivenNameLatin, duplicate.Sex, duplicate.DateOfBirth, duplicate.EstimatedBirthYear, duplicate.BirthRegistration,
            duplicate.HasDisability, duplicate.DisabilityNote, duplicate.SchoolStatus, duplicate.RelationToHead, duplicate.CreatedAt,
            ReferralIds = duplicateLinks.Select(l => l.ReferralId).Order().ToList(),
            MoveIds = duplicateMoves.Select(m => m.Id).Order().ToList(),
        }, SnapshotOptions);

        var add = duplicateLinks
            .Where(l => !keptReferralIds.Contains(l.ReferralId))
            .Select(l => new ReferralChild { ReferralId = l.ReferralId, PersonId = kept.Id })
            .ToList();
        foreach (var move in duplicateMoves) move.PersonId = kept.Id;
        duplicate.MergedIntoPersonId = kept.Id;
        var record = new PersonMerge
        {
            KeptPersonId = kept.Id,
            MergedPersonId = duplicate.Id,
            MergedSnapshot = snapshot,
            MergedBy = mergedBy,
            MergedAt = now,
        };
        return new Result(record, duplicateLinks.ToList(), add);
    }
}
