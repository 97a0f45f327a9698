using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;
using Suggestion = VillageHive.Features.Referrals.NewModel.Suggestion;

namespace VillageHive.Features.Referrals;

/// <summary>
/// A new referral (with new or linked children, a new or known household) as the form /Referrals/New and /api/sync
/// both record it: the same scope check, the same possible-duplicate rule, the same alert. The input has passed the
/// form's model validation; <see cref="SyncRunner"/> supplies the transaction and the exactly-once receipt.
/// </summary>
public static class ReferralCapture
{
    /// <summary>The villages the user may refer in and the possible existing records of each child slot.</summary>
    public sealed record Prepared(IReadOnlyList<RegistryQueries.VillageOption> Villages, IReadOnlyDictionary<int, List<Suggestion>> Suggestions);

    public static async Task<Prepared> PrepareAsync(HiveDbContext db, Scope scope, HiveClock clock, ReferralInput input)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(input);
        var villages = await db.VillageOptionsAsync(scope);
        var today = clock.Today;
        var suggestions = new Dictionary<int, List<Suggestion>>();
        for (var i = 0; i < input.Children.Count && i < NewModel.MaxChildren; i++)
        {
            var child = input.Children[i];
            if (child.IsEmpty || child.ExistingPersonId is not null) continue;
            suggestions[i] = await SuggestAsync(db, child, input.VillageId, scope, today);
        }
        return new Prepared(villages, suggestions);
    }

    public static async Task<SyncOutcome> ApplyAsync(HiveDbContext db, CurrentUser me, IStringLocalizer l, HiveClock clock, LinkGenerator links,
        ReferralInput input, Prepared prepared, int? hotlineCall, SyncRecord record)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(record);
        var errors = new List<KeyValuePair<string, string>>();
        if (input.VillageId is { } v && prepared.Villages.All(o => o.Id != v))
            errors.Add(new("Input.VillageId", l["Validation.VillageOutOfScope"]));
        if (input.VillageId is null)
            errors.Add(new("Input.VillageId", l["Validation.Required"]));
        var children = input.Children.Take(NewModel.MaxChildren).Select((c, i) => (Child: c, Index: i))
            .Where(x => !x.Child.IsEmpty || x.Child.ExistingPersonId is not null).ToList();
        if (children.Count == 0)
            errors.Add(new("Input.Children[0].GivenNameKm", l["Referral.NoChild"]));
        if (errors.Count > 0) return new SyncOutcome.Rejected(errors);

        var now = record.ReceivedAt;
        var today = clock.Today;
        var scope = me.Scope;
        // Someone who may not see the registry (the Community Network) learns only that a child may be known: they
        // cannot link a registered child or household, and a possible match does not hold the referral up; the worker decides.
        var seesRegistry = me.IsInAnyRole(Roles.RegistryReaders);
        if (!seesRegistry && input.HouseholdId is not null)
            errors.Add(new("", l["Referral.NoLinking"]));
        var linked = new List<Person>();
        var fresh = new List<Person>();
        foreach (var (child, index) in children)
        {
            var prefix = $"Input.Children[{index}]";
            if (child.ExistingPersonId is not null && !seesRegistry)
            {
                errors.Add(new("", l["Referral.NoLinking"]));
                continue;
            }
            if (child.ExistingPersonId is { } personId)
            {
                var person = await db.PersonsIn(scope).Include(p => p.Household).FirstOrDefaultAsync(p => p.Id == personId);
                if (person is null) errors.Add(new($"{prefix}.Match", l["Referral.ChooseMatch"]));
                else linked.Add(person);
                continue;
            }
            if (seesRegistry && prepared.Suggestions.TryGetValue(index, out var found) && found.Count > 0 && child.Match != "new")
            {
                errors.Add(new($"{prefix}.Match", l["Referral.PossibleDuplicate"]));
                continue;
            }
            var p = new Person { CreatedAt = now, RelationToHead = RelationToHead.Child, SchoolStatus = SchoolAge.Referred(child.SchoolStatus, child.AgeYears) };
            p.SetNames(child.FamilyNameKm ?? "", child.GivenNameKm ?? "", child.FamilyNameLatin, child.GivenNameLatin);
            p.Sex = child.Sex ?? Sex.Female;
            p.EstimatedBirthYear = child.AgeYears is { } age ? today.Year - age : null;
            if (child.Sex is null) errors.Add(new($"{prefix}.Sex", l["Validation.Required"]));
            foreach (var (field, key) in p.Validate(today))
                errors.Add(new($"{prefix}.{field}", l[key]));
            fresh.Add(p);
        }
        var households = linked.Select(p => p.HouseholdId).Append(input.HouseholdId ?? 0).Where(id => id != 0).Distinct().ToList();
        if (households.Count > 1)
            errors.Add(new("", l["Referral.OneHousehold"]));
        if (errors.Count > 0) return new SyncOutcome.Rejected(errors);

        Household household;
        if (households.Count == 1)
        {
            var id = households[0];
            household = await db.HouseholdsIn(scope).FirstOrDefaultAsync(h => h.Id == id)
                ?? throw new DomainException("Referral.OneHousehold");
        }
        else
        {
            household = new Household { VillageId = input.VillageId!.Value, CreatedAt = now, Address = TypedText.OrNull(input.Address), Phone = TypedText.OrNull(NameSearch.NormalisePhone(input.Phone)) };
            db.Households.Add(household);
        }
        foreach (var p in fresh) household.Members.Add(p);
        var referral = new Referral
        {
            Household = household,
            VillageId = household.VillageId == 0 ? input.VillageId!.Value : household.VillageId,
            EnteredBy = me.UserName,
            ReferrerName = TypedText.OrNull(input.ReferrerName),
            ReferrerPhone = TypedText.OrNull(NameSearch.NormalisePhone(input.ReferrerPhone)),
            Channel = hotlineCall is null ? input.Channel : ReferralChannel.Hotline,
            Concerns = input.Concerns.Aggregate(Concerns.None, (a, c) => a | c),
            ConcernNote = TypedText.OrNull(input.ConcernNote),
            Urgency = input.Urgency,
            Consent = input.Consent,
            ReceivedAt = now,
            IdempotencyKey = record.ClientId,
            Status = ReferralStatus.Received,
            HotlineCallId = hotlineCall,
        };
        foreach (var p in linked.Concat(fresh)) referral.Children.Add(new ReferralChild { Person = p });
        db.Referrals.Add(referral);
        await ReferralIntake.AlertIfInDangerAsync(db, referral, now);
        await db.SaveChangesAsync();
        return new SyncOutcome.Applied(referral.Id, links.PathToPage("/Referrals/Details", new { id = referral.Id }));
    }

    /// <summary>The registry's possible duplicates of a child slot (<see cref="PossibleDuplicates"/>, the registry forms' rule too).</summary>
    private static async Task<List<Suggestion>> SuggestAsync(HiveDbContext db, ChildInput child, int? village, Scope scope, DateOnly today)
    {
        var query = new PersonName(child.FamilyNameKm, child.GivenNameKm, child.FamilyNameLatin, child.GivenNameLatin);
        return (await PossibleDuplicates.FindAsync(db, scope, query, child.AgeYears, village, today))
            .Select(c => new Suggestion(c.PersonId, c.HouseholdId, c.NameKm, c.NameLatin, c.Age, c.VillageKm, c.VillageEn, c.HeadKm, c.Score))
            .ToList();
    }

}

/// <summary>A referral captured offline: bound as the referral form binds it, matched and applied as the form's post is.</summary>
public sealed class ReferralKind(LinkGenerator links) : ICaptureKind
{
    public string Kind => SyncKinds.Referral;

    public string Policy => Policies.Refer;

    public async Task<SyncOutcome> ApplyAsync(CaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (input, errors) = await request.Data.BindAsync(new ReferralInput());
        if (errors is not null) return errors;
        return await SyncRunner.RunAsync(request.Db, request.L, request.Record, async () =>
        {
            var prepared = await ReferralCapture.PrepareAsync(request.Db, request.Me.Scope, request.Clock, input);
            return await ReferralCapture.ApplyAsync(request.Db, request.Me, request.L, request.Clock, links, input, prepared, null, request.Record);
        });
    }
}
