using VillageHive.Data.Seed;
using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// Referrals of households with children over the five years, each screened against the checklist (except the
/// last fortnight's, some still waiting), with alerts for children in immediate danger.
/// </summary>
public sealed class ReferralGenerator : IScaleGenerator
{
    public void Generate(ScaleContext context, CommuneChunk chunk)
    {
        var r = chunk.RandomFor(context, 2);
        var criteria = context.Criteria.Criteria.OrderBy(c => c.Order).ToList();
        var withChildren = chunk.Households.Count(h => h.ChildIds.Length > 0);
        var share = withChildren == 0 ? 0 : Math.Min(1, context.Plan.ReferralShare * chunk.Households.Count / withChildren);
        var span = (context.Now.AddDays(-1) - context.Plan.From).TotalDays;
        foreach (var h in chunk.Households)
        {
            if (h.ChildIds.Length == 0 || r.NextDouble() >= share) continue;
            var received = context.Plan.From.AddDays(r.NextDouble() * span);
            if (received < h.CreatedAt) received = h.CreatedAt.AddDays(r.Next(1, 30));
            if (received > context.Now) received = context.Now.AddHours(-r.Next(1, 48));
            var awaiting = received > context.Now.AddDays(-14) && r.Next(2) == 0;
            // About 30% need no further action, half early intervention, a fifth crisis response.
            var severity = r.NextDouble();
            var met = severity < 0.3 ? Pick(r, criteria, [6, 8, 10], 1)
                : severity < 0.8 ? [.. Pick(r, criteria, [1, 2, 3], 1), .. Pick(r, criteria, [5, 6, 7, 9, 10], 2)]
                : severity < 0.95 ? [.. Pick(r, criteria, [1, 2, 3, 4], 3), .. Pick(r, criteria, [5, 6, 7], 1)]
                : [.. Pick(r, criteria, [11], 1), .. Pick(r, criteria, [4, 5], 1)];
            var urgency = severity >= 0.95 && r.Next(3) > 0 ? Urgency.ImmediateDanger : severity >= 0.8 ? Urgency.Soon : Urgency.NotUrgent;
            var referral = new Referral
            {
                Id = context.Ids.Next<Referral>(),
                HouseholdId = h.Id,
                VillageId = h.Village.Id,
                EnteredBy = r.Next(3) == 0 ? ScaleContext.WorkerFor(h.Village) : ScaleContext.MemberFor(h.Village),
                ReferrerName = DemoReferrals.Referrers[r.Next(DemoReferrals.Referrers.Length)],
                Channel = DemoReferrals.Channels[r.Next(DemoReferrals.Channels.Length)],
                Concerns = ConcernsFor(met),
                Urgency = urgency,
                Consent = r.Next(5) == 0 ? Consent.Unknown : Consent.Given,
                ReceivedAt = received,
                IdempotencyKey = NewGuid(r),
                Status = awaiting ? ReferralStatus.Received : ReferralStatus.Screened,
            };
            Screening? screening = null;
            if (!awaiting)
            {
                var ids = met.Select(c => c.Id).ToList();
                var proposal = ScreeningScorer.Propose(context.Criteria, ids, urgency);
                var screenedAt = received.AddHours(r.Next(2, 120));
                if (screenedAt > context.Now) screenedAt = context.Now.AddMinutes(-r.Next(1, 60));
                screening = new Screening
                {
                    Id = context.Ids.Next<Screening>(),
                    ReferralId = referral.Id,
                    CriteriaVersionId = context.Criteria.Id,
                    MetCriteria = ids,
                    Score = proposal.Score,
                    ProposedDecision = proposal.Decision,
                    Decision = proposal.Decision,
                    ProposedPriority = proposal.Priority,
                    Priority = proposal.Priority,
                    ScreenedBy = ScaleContext.WorkerFor(h.Village),
                    ScreenedAt = screenedAt,
                };
            }
            context.Rows.Add(referral);
            foreach (var child in h.ChildIds.Take(3))
                context.Rows.Add(new ReferralChild { ReferralId = referral.Id, PersonId = child });
            if (screening is not null) context.Rows.Add(screening);
            if (urgency == Urgency.ImmediateDanger)
            {
                var recent = received > context.Now.AddDays(-10);
                context.Rows.Add(new Alert
                {
                    Id = context.Ids.Next<Alert>(),
                    CommuneId = h.Village.CommuneId,
                    ReferralId = referral.Id,
                    CreatedAt = received,
                    AcknowledgedBy = recent ? null : ScaleContext.SupervisorFor(h.Village),
                    AcknowledgedAt = recent ? null : received.AddHours(r.Next(1, 24)),
                });
            }
            chunk.Referrals.Add(new ReferralFacts(referral, h, screening));
        }
    }

    private static List<ScreeningCriterion> Pick(Random r, List<ScreeningCriterion> criteria, int[] orders, int count) =>
        orders.OrderBy(_ => r.Next()).Take(count).Select(o => criteria[o - 1]).ToList();

    private static Concerns ConcernsFor(IEnumerable<ScreeningCriterion> met)
    {
        var concerns = Concerns.None;
        foreach (var c in met)
        {
            concerns |= c.Order switch
            {
                1 => Concerns.ParentsMigrating,
                2 => Concerns.LeftWithRelatives,
                3 => Concerns.ExtremePoverty,
                4 => Concerns.Violence,
                5 => Concerns.AlcoholOrDrugs,
                6 => Concerns.OutOfSchool,
                7 => Concerns.ChildWorking,
                8 => Concerns.NoBirthRegistration,
                9 => Concerns.Illness,
                10 => Concerns.UnsafeHousing,
                11 => Concerns.AbuseOrExploitation,
                _ => Concerns.Other,
            };
        }
        return concerns;
    }

    private static Guid NewGuid(Random r)
    {
        Span<byte> bytes = stackalloc byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes);
    }
}
