using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// Cases from screened referrals that need support, at every stage of their life: the older ones closed, the recent
/// ones in assessment or planning, the rest in active support with their visits, notes, tasks and reviews.
/// Every case follows the state machine's moves, with its transitions recorded.
/// </summary>
public sealed class CaseGenerator : IScaleGenerator
{
    public void Generate(ScaleContext context, CommuneChunk chunk)
    {
        var r = chunk.RandomFor(context, 3);
        // About 70% of screenings call for early intervention or crisis response; CaseShare is of all screenings.
        var chance = Math.Min(1, context.Plan.CaseShare / 0.7);
        foreach (var referral in chunk.Referrals)
        {
            if (referral.Screening is not { Decision: not ScreeningDecision.NoFurtherAction } screening) continue;
            if (r.NextDouble() >= chance) continue;
            chunk.Cases.Add(new Builder(context, r, referral, screening).Build());
        }
    }

    private sealed class Builder(ScaleContext context, Random r, ReferralFacts referral, Screening screening)
    {
        private readonly RowSink rows = context.Rows;
        private readonly Ids ids = context.Ids;
        private readonly DateTime now = context.Now;
        private readonly string worker = ScaleContext.WorkerFor(referral.Household.Village);
        private readonly string supervisor = ScaleContext.SupervisorFor(referral.Household.Village);
        private readonly Tier tier = ScreeningScorer.TierFor(screening.Decision);
        private readonly List<CaseTransition> transitions = [];
        private Case c = null!;
        private CaseStatus status;

        public CaseFacts Build()
        {
            var opened = Min(screening.ScreenedAt.AddHours(r.Next(1, 48)), now.AddMinutes(-5));
            var months = tier == Tier.Crisis ? r.Next(8, 20) : r.Next(4, 13);
            var closeAt = opened.AddDays((months * 30) + r.Next(0, 30));
            var closed = closeAt < now;
            var end = closed ? closeAt : now;
            var assessStart = opened.AddDays(r.NextDouble() * 3);
            var assessApproved = opened.AddDays(tier == Tier.Crisis ? r.Next(3, 10) : r.Next(7, 20));
            var planApproved = assessApproved.AddDays(r.Next(7, 25));
            var risk = screening.Priority;

            c = CaseOpening.Open(referral.Referral, screening.Decision, risk, worker, opened, context.DayOf(opened));
            c.Id = ids.Next<Case>();
            rows.Add(c);
            if (tier == Tier.Crisis || risk == Priority.High)
                rows.Add(new CaseTeamMember { CaseId = c.Id, UserName = supervisor, Role = CaseTeamRole.Supervisor, AddedAt = opened.AddHours(2), AddedBy = supervisor });

            var network = Network();
            Assessment? assessment = null;
            List<SafetyGoal> safetyGoals = [];
            if (assessStart <= end)
            {
                Move(CaseStatus.Assessment, assessStart);
                (assessment, safetyGoals) = Assessment(assessStart, assessApproved, end);
            }
            var goals = new List<PlanGoal>();
            var actions = new List<PlanAction>();
            if (assessment?.Status == AssessmentStatus.Approved)
            {
                Move(CaseStatus.Planning, assessApproved);
                (goals, actions) = Plan(1, assessApproved.AddDays(1), planApproved, end, safetyGoals, network, closed);
            }
            if (planApproved <= end && goals.Count > 0) Move(CaseStatus.ActiveSupport, planApproved);

            if (assessStart <= end) Visits(assessStart, end);
            if (tier == Tier.Crisis && r.Next(2) == 0 && assessApproved.AddDays(3) <= end) Conference(assessApproved.AddDays(3));

            DateOnly? nextReview = null;
            if (planApproved <= end && goals.Count > 0)
            {
                var interval = ReviewSchedule.MonthsBetweenReviews(tier, risk);
                var at = planApproved.AddMonths(interval);
                // One family in ten has its latest review late: the overdue list should have something in it.
                var skipLast = !closed && r.Next(10) == 0;
                var revised = false;
                while (at < end && !(skipLast && at.AddMonths(interval) >= end))
                {
                    // A quarter of the long cases revise the plan once: version 1 superseded, version 2 approved.
                    if (!revised && at > planApproved.AddDays(120) && r.Next(4) == 0)
                    {
                        revised = true;
                        Supersede();
                        (goals, actions) = Plan(2, at.AddDays(-3), at.AddDays(-1), end, safetyGoals, network, closed);
                    }
                    Move(CaseStatus.Review, at.AddDays(-2));
                    Review(at, interval, goals, closing: false);
                    Move(CaseStatus.ActiveSupport, at);
                    at = at.AddMonths(interval);
                }
                nextReview = context.DayOf(at);
                if (!closed && r.Next(7) == 0 && at.AddDays(-20) < now)
                    Move(CaseStatus.Review, Min(at.AddDays(-3), now.AddHours(-1)));
            }
            if (closed)
            {
                if (goals.Count > 0) Review(closeAt.AddDays(-1), 0, goals, closing: true);
                Close(closeAt, goals, actions);
                nextReview = null;
            }
            c.NextReviewDueOn = status is CaseStatus.ActiveSupport or CaseStatus.Review ? nextReview : null;
            c.Status = status;
            c.ClosedAt = closed ? closeAt : null;
            foreach (var t in transitions) rows.Add(t);
            return new CaseFacts(c.Id, referral.Household, tier, status, opened, c.ClosedAt, goals.Select(g => g.Id).ToArray());
        }

        private void Move(CaseStatus to, DateTime at, string? by = null)
        {
            transitions.Add(new CaseTransition { Id = ids.Next<CaseTransition>(), CaseId = c.Id, From = status, To = to, At = at, By = by ?? worker });
            status = to;
        }

        private List<FamilyNetworkMember> Network()
        {
            var result = new List<FamilyNetworkMember>
            {
                new()
                {
                    Id = ids.Next<FamilyNetworkMember>(), CaseId = c.Id, PersonId = referral.Household.HeadId, Name = referral.Household.HeadName,
                    Relation = r.Next(2) == 0 ? NetworkRelation.Grandparent : NetworkRelation.Mother, RoleInPlan = "មើលថែកុមាររៀងរាល់ថ្ងៃ",
                },
            };
            for (var i = r.Next(1, 4); i > 0; i--)
                result.Add(new FamilyNetworkMember
                {
                    Id = ids.Next<FamilyNetworkMember>(), CaseId = c.Id, Name = SyntheticText.Pick(r, SyntheticText.NetworkNames),
                    Relation = (NetworkRelation)r.Next(2, 11), Phone = r.Next(2) == 0 ? $"0{r.Next(10, 99)}{r.Next(100000, 999999)}" : null,
                    RoleInPlan = SyntheticText.Pick(r, SyntheticText.Actions),
                });
            foreach (var m in result) rows.Add(m);
            return result;
        }

        private (Assessment, List<SafetyGoal>) Assessment(DateTime start, DateTime approvedAt, DateTime end)
        {
            var approved = approvedAt <= end;
            var a = new Assessment
            {
                Id = ids.Next<Assessment>(),
                CaseId = c.Id,
                Number = 1,
                AssessedOn = context.DayOf(start.AddDays(1)),
                Harm = SyntheticText.Pick(r, SyntheticText.Harm),
                Danger = SyntheticText.Pick(r, SyntheticText.Harm),
                ComplicatingFactors = SyntheticText.Pick(r, SyntheticText.Harm),
                Strengths = SyntheticText.Pick(r, SyntheticText.Strengths),
                ExistingSafety = SyntheticText.Pick(r, SyntheticText.Strengths),
                NextSteps = SyntheticText.Pick(r, SyntheticText.Actions),
                DangerStatements = SyntheticText.Pick(r, SyntheticText.Harm),
                WorkerScale = r.Next(1, 6),
                FamilyScale = r.Next(2, 8),
                NetworkScale = r.Next(2, 7),
                ChildScale = r.Next(0, 8),
                HouseOfWorries = "ខ្ញុំបារម្ភពេលប៉ាផឹកស្រា",
                HouseOfGoodThings = "ខ្ញុំចូលចិត្តទៅសាលារៀនជាមួយមិត្តភក្តិ",
                HouseOfDreams = "ខ្ញុំចង់ធ្វើជាគ្រូបង្រៀន",
                Status = approved ? AssessmentStatus.Approved : r.Next(2) == 0 ? AssessmentStatus.Submitted : AssessmentStatus.Draft,
                CreatedBy = worker,
                CreatedAt = start,
                ApprovedBy = approved ? supervisor : null,
                ApprovedAt = approved ? approvedAt : null,
            };
            rows.Add(a);
            var goals = SyntheticText.SafetyGoals.OrderBy(_ => r.Next()).Take(r.Next(2, 4))
                .Select((text, i) => new SafetyGoal { Id = ids.Next<SafetyGoal>(), AssessmentId = a.Id, CaseId = c.Id, Order = i + 1, Text = text })
                .ToList();
            foreach (var g in goals) rows.Add(g);
            return (a, goals);
        }

        private SupportPlan? current;

        private (List<PlanGoal>, List<PlanAction>) Plan(int number, DateTime created, DateTime approvedAt, DateTime end, List<SafetyGoal> safetyGoals,
            List<FamilyNetworkMember> network, bool closed)
        {
            var approved = approvedAt <= end;
            current = new SupportPlan
            {
                Id = ids.Next<SupportPlan>(),
                CaseId = c.Id,
                Number = number,
                Status = approved ? PlanStatus.Approved : r.Next(2) == 0 ? PlanStatus.Agreed : PlanStatus.Draft,
                CreatedBy = worker,
                CreatedAt = created,
                ChangeReason = number > 1 ? "កែសម្រួលផែនការបន្ទាប់ពីការពិនិត្យឡើងវិញ" : null,
                AgreedOn = approved ? context.DayOf(approvedAt.AddDays(-1)) : null,
                PresentAtAgreement = approved ? "គ្រួសារ បណ្ដាញគ្រួសារ និងបុគ្គលិកសង្គមកិច្ច" : null,
                ApprovedBy = approved ? supervisor : null,
                ApprovedAt = approved ? approvedAt : null,
            };
            rows.Add(current);
            var goals = safetyGoals.Select(s => new PlanGoal { Id = ids.Next<PlanGoal>(), PlanId = current.Id, SafetyGoalId = s.Id, Order = s.Order, Text = s.Text }).ToList();
            var actions = new List<PlanAction>();
            foreach (var g in goals)
            {
                for (var i = 1; i <= 2; i++)
                {
                    var owner = (ActionOwnerKind)r.Next(3);
                    var due = context.DayOf(approvedAt.AddDays(r.Next(14, 150)));
                    var past = due < context.DayOf(end);
                    actions.Add(new PlanAction
                    {
                        Id = ids.Next<PlanAction>(),
                        PlanId = current.Id,
                        GoalOrder = g.Order,
                        Order = i,
                        Text = SyntheticText.Pick(r, SyntheticText.Actions),
                        OwnerKind = owner,
                        OwnerWorker = owner == ActionOwnerKind.Worker ? worker : null,
                        OwnerNetworkMemberId = owner == ActionOwnerKind.NetworkMember ? network[r.Next(network.Count)].Id : null,
                        OwnerProvider = owner == ActionOwnerKind.ServiceProvider ? "មណ្ឌលសុខភាព" : null,
                        DueOn = due,
                        Status = closed ? (r.Next(10) == 0 ? ActionStatus.Dropped : ActionStatus.Done)
                            : past ? (r.Next(10) < 7 ? ActionStatus.Done : ActionStatus.InProgress)
                            : (r.Next(2) == 0 ? ActionStatus.NotStarted : ActionStatus.InProgress),
                    });
                }
            }
            foreach (var g in goals) rows.Add(g);
            foreach (var a in actions) rows.Add(a);
            return (goals, actions);
        }

        private void Supersede()
        {
            if (current is not null) current.Status = PlanStatus.Superseded;
        }

        private void Visits(DateTime from, DateTime end)
        {
            var at = from.AddDays(r.Next(1, 5));
            while (at < end)
            {
                var visit = new Visit
                {
                    Id = ids.Next<Visit>(),
                    CaseId = c.Id,
                    VisitedOn = context.DayOf(at),
                    Place = r.Next(5) == 0 ? "សាលារៀន" : "ផ្ទះ",
                    WhoWasSeen = "កុមារ និងអ្នកថែទាំ",
                    ChildSeenAlone = r.Next(3) == 0,
                    Observations = SyntheticText.Pick(r, SyntheticText.Observations),
                    WorkerScale = r.Next(3) == 0 ? r.Next(2, 10) : null,
                    RecordedBy = worker,
                    RecordedAt = at.AddHours(r.Next(1, 8)),
                };
                rows.Add(visit);
                if (r.Next(10) < 6)
                    rows.Add(new CaseNote
                    {
                        Id = ids.Next<CaseNote>(), CaseId = c.Id, Text = SyntheticText.Pick(r, SyntheticText.Notes),
                        Confidential = r.Next(100) < 15, WrittenBy = worker, WrittenAt = at.AddHours(r.Next(1, 30)),
                    });
                if (r.Next(2) == 0)
                {
                    var due = context.DayOf(at.AddDays(r.Next(5, 21)));
                    var done = due < context.DayOf(now.AddDays(-3)) && (end < now || r.Next(10) < 9);
                    rows.Add(new CaseTask
                    {
                        Id = ids.Next<CaseTask>(), CaseId = c.Id, Text = SyntheticText.Pick(r, SyntheticText.Tasks), DueOn = due,
                        AssignedTo = worker, CreatedBy = worker, CreatedAt = at,
                        DoneAt = done ? context.At(due, new TimeOnly(10, 0)) : null, DoneBy = done ? worker : null,
                    });
                }
                at = at.AddDays(tier == Tier.Crisis ? r.Next(10, 30) : r.Next(25, 50));
            }
        }

        private void Review(DateTime at, int interval, List<PlanGoal> goals, bool closing)
        {
            var review = new CaseReview
            {
                Id = ids.Next<CaseReview>(),
                CaseId = c.Id,
                ReviewedOn = context.DayOf(at),
                ReviewedBy = worker,
                Summary = SyntheticText.Pick(r, SyntheticText.Reviews),
                Decision = closing ? ReviewDecision.Close : ReviewDecision.ContinueSupport,
                TierBefore = tier,
                TierAfter = closing && tier != Tier.Universal ? tier - 1 : tier,
                NextReviewDueOn = closing ? null : context.DayOf(at.AddMonths(interval)),
                RecordedAt = at.AddHours(3),
            };
            rows.Add(review);
            foreach (var g in goals)
                rows.Add(new ReviewGoalProgress { ReviewId = review.Id, PlanGoalId = g.Id, Progress = closing ? GoalProgress.Achieved : (GoalProgress)r.Next(0, 4) });
        }

        private void Conference(DateTime at)
        {
            var conference = new CaseConference
            {
                Id = ids.Next<CaseConference>(), CaseId = c.Id, HeldOn = context.DayOf(at), Place = "សាលាឃុំ",
                Decisions = "បន្តការគាំទ្រ និងតាមដានរៀងរាល់សប្ដាហ៍", FollowUps = "មេភូមិតាមដានគ្រួសារ", RecordedBy = supervisor, RecordedAt = at.AddHours(4),
            };
            rows.Add(conference);
            var chief = referral.Household.Village.CommuneCode == Seed.DemoGeography.OuCharCode ? "ouchar.chief" : null;
            rows.Add(new ConferenceParticipant { Id = ids.Next<ConferenceParticipant>(), ConferenceId = conference.Id, UserName = chief, Name = "មេឃុំ", Role = "មេឃុំ" });
            rows.Add(new ConferenceParticipant { Id = ids.Next<ConferenceParticipant>(), ConferenceId = conference.Id, Name = "មេភូមិ", Role = "មេភូមិ" });
            rows.Add(new ConferenceParticipant { Id = ids.Next<ConferenceParticipant>(), ConferenceId = conference.Id, Name = "ប៉ូលិសប៉ុស្តិ៍", Role = "ប៉ូលិស" });
        }

        private void Close(DateTime at, List<PlanGoal> goals, List<PlanAction> actions)
        {
            var reasonRoll = r.Next(20);
            var closure = new CaseClosure
            {
                Id = ids.Next<CaseClosure>(),
                CaseId = c.Id,
                ClosedOn = context.DayOf(at),
                Reason = reasonRoll < 10 ? ClosureReason.SafetyGoalsMet : reasonRoll < 16 ? ClosureReason.FamilySelfReliant
                    : reasonRoll < 18 ? ClosureReason.MovedAway : reasonRoll < 19 ? ClosureReason.ChildReached18 : ClosureReason.Other,
                Note = "គ្រួសារមានសុវត្ថិភាព និងអាចពឹងខ្លួនឯងបាន",
                OpenActionsReason = actions.Any(a => a.Status is ActionStatus.NotStarted or ActionStatus.InProgress) ? "សកម្មភាពដែលនៅសល់មិនចាំបាច់ទៀតទេ" : null,
                FinalWorkerScale = r.Next(7, 11),
                FinalFamilyScale = r.Next(7, 11),
                FinalNetworkScale = r.Next(6, 11),
                FinalChildScale = r.Next(6, 11),
                // The worker proposed it the day before; the commune's supervisor approved it.
                Status = ClosureStatus.Approved,
                ClosedBy = worker,
                RecordedAt = at.AddDays(-1),
                DecidedBy = supervisor,
                DecidedAt = at,
            };
            rows.Add(closure);
            foreach (var g in goals)
                rows.Add(new ClosureGoalOutcome { ClosureId = closure.Id, PlanGoalId = g.Id, Outcome = r.Next(10) < 7 ? GoalOutcome.Met : GoalOutcome.PartlyMet });
            Move(CaseStatus.Closed, at, supervisor);
        }

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    }
}
