using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Referrals;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Attachments;

/// <summary>
/// The record a file belongs to, as this user may see it: found through the same scoped query as the record's own page
/// (cases by <see cref="CaseAccess"/>, the registry by the user's villages, referrals by <see cref="ReferralQueries"/>),
/// so a file is seen by exactly those who see its record. <see cref="Page"/> with <see cref="BackId"/> leads back.
/// </summary>
public sealed record OwnerView(AttachmentOwner Owner, int Id, string Title, string Page, int BackId, string? Fragment, bool MayAdd)
{
    /// <summary>For a consent: what was answered, shown above the paper's photo.</summary>
    public ConsentFacts? Consent { get; init; }
}

public sealed record ConsentFacts(int HouseholdId, string? Person, ConsentUse Use, bool Given, DateOnly AnsweredOn, string Said, string RecordedBy);

public static class AttachmentOwners
{
    /// <summary>The owner record if this user may see it (else null: a 404), with whether they may add to it and remove from it.</summary>
    public static async Task<OwnerView?> FindAsync(HiveDbContext db, CurrentUser me, AttachmentOwner owner, int id)
    {
        switch (owner)
        {
            case AttachmentOwner.Case:
            {
                if (!me.IsInAnyRole(Roles.CaseReaders)) return null;
                var header = await db.LoadAsync(me, id);
                return header is null ? null
                    : new OwnerView(owner, id, $"#{id}", "/Cases/CasePage/Details", id, "attachments", header.MayWork);
            }
            case AttachmentOwner.SupportPayment:
            {
                if (!me.IsInAnyRole(Roles.CaseReaders)) return null;
                var caseId = await db.MaterialSupportRequests.AsNoTracking().Where(r => r.Id == id).Select(r => (int?)r.CaseId).FirstOrDefaultAsync();
                var header = caseId is { } c ? await db.LoadAsync(me, c) : null;
                return header is null ? null
                    : new OwnerView(owner, id, $"#{header.Id} · {id}", "/Support/CaseSupport", header.Id, null, header.MayWork);
            }
            case AttachmentOwner.Person:
            {
                if (!me.IsInAnyRole(Roles.RegistryReaders)) return null;
                var name = await db.PersonsIn(me.Scope).AsNoTracking().Where(p => p.Id == id && p.MergedIntoPersonId == null)
                    .Select(p => p.FamilyNameKm + " " + p.GivenNameKm).FirstOrDefaultAsync();
                return name is null ? null
                    : new OwnerView(owner, id, name, "/Registry/Persons/Details", id, "attachments", me.IsInAnyRole(Roles.RegistryEditors));
            }
            case AttachmentOwner.Household:
            {
                if (!me.IsInAnyRole(Roles.RegistryReaders)) return null;
                var head = await db.HouseholdsIn(me.Scope).AsNoTracking().Where(h => h.Id == id)
                    .Select(h => new { Head = Household.Shown(h.HeadNameKm) }).FirstOrDefaultAsync();
                return head is null ? null
                    : new OwnerView(owner, id, head.Head ?? $"#{id}", "/Registry/Households/Details", id, "attachments", me.IsInAnyRole(Roles.RegistryEditors));
            }
            case AttachmentOwner.Referral:
            {
                if (!me.IsInAnyRole(Roles.Referrers.Union(Roles.ReferralWorkers))) return null;
                var found = await db.ReferralsFor(me).AsNoTracking().Where(r => r.Id == id).Select(r => new { r.EnteredBy }).FirstOrDefaultAsync();
                return found is null ? null
                    : new OwnerView(owner, id, $"#{id}", "/Referrals/Details", id, "attachments",
                        me.IsInAnyRole(Roles.ReferralWorkers) || found.EnteredBy == me.UserName);
            }
            case AttachmentOwner.Consent:
            {
                if (!me.IsInAnyRole(Roles.RegistryReaders)) return null;
                var households = db.HouseholdsIn(me.Scope).Select(h => h.Id);
                var c = await db.ConsentRecords.AsNoTracking().Where(x => x.Id == id && households.Contains(x.HouseholdId))
                    .Select(x => new ConsentFacts(x.HouseholdId, x.Person == null ? null : x.Person.FamilyNameKm + " " + x.Person.GivenNameKm,
                        x.Use, x.Given, x.AnsweredOn, x.Said, x.RecordedBy))
                    .FirstOrDefaultAsync();
                return c is null ? null
                    : new OwnerView(owner, id, $"#{id}", "/Registry/Households/Outcomes", c.HouseholdId, "consent", me.IsInAnyRole(Roles.OutcomeRecorders))
                    { Consent = c };
            }
            default:
                return null;
        }
    }

    /// <summary>The largest file that may be attached now: the administrator's setting, else the default.</summary>
    public static async Task<int> MaxBytesAsync(HiveDbContext db) =>
        await db.Installations.AsNoTracking().Select(i => i.AttachmentMaxBytes).FirstOrDefaultAsync() ?? AttachmentRules.DefaultMaxBytes;

    /// <summary>A record's files that are not removed, oldest first.</summary>
    public static IQueryable<Attachment> Of(this IQueryable<Attachment> attachments, AttachmentOwner owner, int id) =>
        attachments.Where(a => a.Owner == owner && a.OwnerId == id && a.RemovedAt == null).OrderBy(a => a.AddedAt).ThenBy(a => a.Id);
}
