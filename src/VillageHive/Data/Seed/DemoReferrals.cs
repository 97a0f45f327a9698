using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// Referrals as the programme reports them: Ou Char's village networks referred 64 families, 16 of them screened
/// high-risk with a case; the rest screened with other decisions or still waiting. Svay Pao has a smaller set.
/// </summary>
public static class DemoReferrals
{
    // AwaitingInPeriod: the referrals still waiting were received in the period too (else in the last two weeks).
    // EarlyIntervention: after the high-risk ones, this many families meet the poverty and school criteria (an early
    // intervention proposal); the others meet one criterion that needs no case.
    public sealed record Plan(int Referrals, int HighRiskCases, int AwaitingScreening, DateTime From, DateTime To, bool AwaitingInPeriod = false,
        int EarlyIntervention = 0);

    /// <summary>All 64 in 2023, the year of the programme's first impact report, which counts them with the 16 high-risk cases.</summary>
    public static readonly Plan OuChar = new(64, 16, 14, new DateTime(2023, 1, 9, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 12, 1, 0, 0, 0, DateTimeKind.Utc), AwaitingInPeriod: true);
    public static readonly Plan SvayPao = new(20, 5, 5, new DateTime(2023, 2, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));

    internal static readonly ReferralChannel[] Channels =
        [ReferralChannel.InPerson, ReferralChannel.InPerson, ReferralChannel.School, ReferralChannel.Pagoda, ReferralChannel.HealthCentre, ReferralChannel.Hotline, ReferralChannel.Police];

    internal static readonly string[] Referrers = ["មេភូមិ", "គ្រូបង្រៀន", "ព្រះសង្ឃ", "អ្នកជិតខាង", "បុគ្គលិកមណ្ឌលសុខភាព"];

    /// <summary>Referrals (with screenings and cases) for households that have children; members must have ids.</summary>
    public static List<Referral> Build(IReadOnlyList<Household> households, Plan plan, ScreeningCriteriaVersion criteria,
        string memberUser, string workerUser, int seed, HiveClock clock)
    {
        var random = new Random(seed);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        var today = clock.Today;
        var withChildren = households
            .Where(h => h.Members.Any(m => m.AgeOn(today) is < 18 && m.RelationToHead is RelationToHead.Child or RelationToHead.Grandchild))
            .OrderBy(_ => random.Next())
            .Take(plan.Referrals)
            .ToList();
        var span = (plan.To - plan.From).TotalDays;
        var result = new List<Referral>();
        for (var i = 0; i < withChildren.Count; i++)
        {
            var h = withChildren[i];
            var highRisk = i < plan.HighRiskCases;
            var early = !highRisk && i < plan.HighRiskCases + plan.EarlyIntervention;
            var awaiting = i >= plan.Referrals - plan.AwaitingScreening;
            var received = awaiting && !plan.AwaitingInPeriod ? now.AddDays(-random.Next(1, 14)) : plan.From.AddDays(random.NextDouble() * span);
            var concerns = highRisk
                ? Concerns.ParentsMigrating | Concerns.LeftWithRelatives | Concerns.ExtremePoverty | (random.Next(2) == 0 ? Concerns.Violence : Concerns.OutOfSchool)
                : early ? Concerns.ExtremePoverty | Concerns.OutOfSchool
                : random.Next(3) switch { 0 => Concerns.ExtremePoverty, 1 => Concerns.OutOfSchool | Concerns.NoBirthRegistration, _ => Concerns.Illness };
            var referral = new Referral
            {
                HouseholdId = h.Id,
                VillageId = h.VillageId,
                EnteredBy = random.Next(3) == 0 ? workerUser : memberUser,
                ReferrerName = Referrers[random.Next(Referrers.Length)],
                Channel = Channels[random.Next(Channels.Length)],
                Concerns = concerns,
                Urgency = highRisk ? (random.Next(4) == 0 ? Urgency.ImmediateDanger : Urgency.Soon) : Urgency.NotUrgent,
                Consent = random.Next(5) == 0 ? Consent.Unknown : Consent.Given,
                ReceivedAt = received,
                IdempotencyKey = new Guid(random.NextBytes16()),
                Status = awaiting ? ReferralStatus.Received : highRisk ? ReferralStatus.InSupport : ReferralStatus.Screened,
            };
            foreach (var child in h.Members.Where(m => m.AgeOn(today) is < 18 && m.RelationToHead is RelationToHead.Child or RelationToHead.Grandchild).Take(3))
                referral.Children.Add(new ReferralChild { PersonId = child.Id });
            if (!awaiting)
            {
                // High-risk families meet the migration, relatives and poverty criteria (ids by order in version 1).
                List<int> met = highRisk ? [Id(criteria, 1), Id(criteria, 2), Id(criteria, 3), Id(criteria, 4)]
                    : early ? [Id(criteria, 3), Id(criteria, 6)]
                    : [Id(criteria, random.Next(2) == 0 ? 6 : 8)];
                var proposal = ScreeningScorer.Propose(criteria, met, referral.Urgency);
                referral.Screening = new Screening
                {
                    CriteriaVersionId = criteria.Id,
                    MetCriteria = met,
                    Score = proposal.Score,
                    ProposedDecision = proposal.Decision,
                    Decision = proposal.Decision,
                    ProposedPriority = proposal.Priority,
                    Priority = highRisk ? Priority.High : proposal.Priority,
                    OverrideReason = highRisk && proposal.Priority != Priority.High ? "ក្រុមការងារសម្រេចថាហានិភ័យខ្ពស់" : null,
                    ScreenedBy = workerUser,
                    ScreenedAt = received.AddDays(random.Next(1, 6)),
                };
            }
            result.Add(referral);
        }
        return result;
    }

    public static List<Case> CasesFor(IEnumerable<Referral> referrals, string leadWorker, HiveClock clock) =>
        referrals.Where(r => r.Status == ReferralStatus.InSupport && r.Screening is not null)
            .Select(r => CaseOpening.Open(r, r.Screening!.Decision, r.Screening.Priority, leadWorker, r.Screening.ScreenedAt, clock.DayOf(r.Screening.ScreenedAt)))
            .ToList();

    private static int Id(ScreeningCriteriaVersion v, int order) => v.Criteria.Single(c => c.Order == order).Id;

    private static byte[] NextBytes16(this Random r)
    {
        var bytes = new byte[16];
        r.NextBytes(bytes);
        return bytes;
    }
}
