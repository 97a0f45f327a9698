using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;

namespace VillageHive.Tests.Infrastructure;

/// <summary>Looks up records of the seeded demo commune that tests act on.</summary>
public static class DemoData
{
    /// <summary>A household in the first village of the commune (in ouchar.vbsw1's or svaypao.vbsw1's villages).</summary>
    public static Task<(int Id, string HeadKm, string HeadLatin, string? Phone)> FirstHouseholdAsync(this HiveApp app, string communeCode) =>
        app.WithDbAsync(db => db.Households.AsNoTracking()
            .Where(h => h.Village!.Commune!.Code == communeCode && h.Village.Code == communeCode + "01" && h.Phone != null)
            .OrderBy(h => h.Id)
            .Select(h => new ValueTuple<int, string, string, string?>(h.Id,
                h.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.FamilyNameKm + " " + m.GivenNameKm).First(),
                h.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.FamilyNameLatin + " " + m.GivenNameLatin).First(),
                h.Phone))
            .FirstAsync());

    public static Task<(int Id, string HeadKm, string HeadLatin, string? Phone)> OuCharHouseholdAsync(this HiveApp app) =>
        app.FirstHouseholdAsync(DemoGeography.OuCharCode);

    public static Task<(int Id, string HeadKm, string HeadLatin, string? Phone)> SvayPaoHouseholdAsync(this HiveApp app) =>
        app.FirstHouseholdAsync(DemoGeography.SvayPaoCode);

    public static Task<int> VillageIdAsync(this HiveApp app, string code) =>
        app.WithDbAsync(db => db.Villages.Where(v => v.Code == code).Select(v => v.Id).FirstAsync());

    /// <summary>Adds a household with a head whose Khmer and Latin names nobody else has; returns its id and the names.</summary>
    public static async Task<(int Id, string HeadKm, string HeadLatin, string Phone)> UniqueHouseholdAsync(this HiveApp app, string villageCode)
    {
        var random = Random.Shared;
        var khmer = new string(Enumerable.Range(0, 6).Select(_ => (char)random.Next(0x1780, 0x17A3)).ToArray());
        var latin = UniqueLatin();
        var phone = "09" + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var villageId = await app.VillageIdAsync(villageCode);
        return await app.WithDbAsync(async db =>
        {
            var head = new Person { Sex = Sex.Female, RelationToHead = RelationToHead.Head, DateOfBirth = new DateOnly(1980, 5, 1), CreatedAt = TestClock.UtcNow };
            head.SetNames("តេស្ត", khmer, "Test", latin);
            var household = new Household { VillageId = villageId, Phone = phone, CreatedAt = TestClock.UtcNow, Members = [head] };
            db.Households.Add(household);
            await db.SaveChangesAsync();
            return (household.Id, $"តេស្ត {khmer}", $"Test {latin}", phone);
        });
    }

    /// <summary>A referral, not yet screened, of the household's children (or its head), entered by the given user.</summary>
    public static Task<int> NewReferralAsync(this HiveApp app, int householdId, string enteredBy) =>
        app.WithDbAsync(async db =>
        {
            var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Id == householdId);
            var referral = new Referral
            {
                HouseholdId = household.Id, VillageId = household.VillageId, EnteredBy = enteredBy, Channel = ReferralChannel.InPerson,
                Concerns = Concerns.ExtremePoverty, Urgency = Urgency.Soon, ReceivedAt = TestClock.UtcNow, IdempotencyKey = Guid.NewGuid(),
                Children = household.Members.Select(m => new ReferralChild { PersonId = m.Id }).ToList(),
            };
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral.Id;
        });

    /// <summary>
    /// A new case on a new household of the village (code as in DemoGeography, e.g. "02140101"), with its
    /// referral and screening, led by the given worker. Tests that need a case make their own with this.
    /// </summary>
    public static async Task<int> NewCaseAsync(this HiveApp app, string villageCode, string leadWorker,
        CaseStatus status = CaseStatus.Open, Tier tier = Tier.Crisis, Priority risk = Priority.High)
    {
        var household = await app.UniqueHouseholdAsync(villageCode);
        var referralId = await app.NewReferralAsync(household.Id, leadWorker);
        return await app.WithDbAsync(async db =>
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == referralId);
            var criteria = await db.ScreeningCriteriaVersions.OrderByDescending(v => v.Number).FirstAsync();
            var now = TestClock.UtcNow;
            referral.Status = ReferralStatus.InSupport;
            db.Screenings.Add(new Screening
            {
                ReferralId = referralId, CriteriaVersionId = criteria.Id, Score = 10, ScreenedBy = leadWorker, ScreenedAt = now,
                Decision = tier == Tier.Crisis ? ScreeningDecision.CrisisResponse : ScreeningDecision.EarlyIntervention,
                ProposedDecision = tier == Tier.Crisis ? ScreeningDecision.CrisisResponse : ScreeningDecision.EarlyIntervention,
                Priority = risk, ProposedPriority = risk,
            });
            var c = new VillageHive.Domain.Case
            {
                ReferralId = referralId, HouseholdId = household.Id, VillageId = referral.VillageId, Tier = tier, RiskLevel = risk,
                Status = status, LeadWorker = leadWorker, OpenedAt = now,
                AssessmentDueOn = ReviewSchedule.AssessmentDue(TestClock.DayOf(now), tier),
            };
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
    }

    /// <summary>A name nobody in the demo has, so that a test finds exactly what it created.</summary>
    public static string UniqueLatin() => "Test" + Guid.NewGuid().ToString("N")[..10];
}

/// <summary>The note rule of the case page, applied as <c>CaseAccess.NotesFor</c> applies it.</summary>
public static class CaseNotesProbe
{
    public static async Task<List<string>> NotesVisibleToAsync(this VillageHive.Data.HiveDbContext db, int caseId, bool seesConfidential)
    {
        var header = new VillageHive.Features.Cases.CaseHeader(caseId, 0, 0, 0, CaseStatus.Open, Tier.Crisis, Priority.High, "", [], 0,
            new CaseActor(false, false), seesConfidential, false, false);
        return await VillageHive.Features.Cases.CaseAccess.NotesFor(db, header).Select(n => n.Text).ToListAsync();
    }
}
