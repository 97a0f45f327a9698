using VillageHive.Domain;
using static VillageHive.Data.Seed.DemoCaseStories;

namespace VillageHive.Data.Seed;

/// <summary>
/// The work on the demo cases: Ou Char's 16 high-risk cases in every stage of the Signs of Safety way (assessments
/// with scaling that moves, the Family Network, versioned plans, visits, notes, tasks, reviews, a case conference,
/// one closed and one reopened case), and a few Svay Pao cases.
/// The referrals date from 2022–23 (the programme's story); the work still under way is dated relative to the
/// day the demo is seeded, so that what is overdue is exactly what is meant to be overdue when the demo runs.
/// </summary>
public static class DemoCases
{
    /// <summary>Who works a commune's cases; VillageWorkers[i] covers villages 3i+1..3i+3 (none: the lead works alone).</summary>
    public sealed record Crew(string Lead, string Supervisor, string[] VillageWorkers, string CommuneKm, string CommuneEn);

    public static readonly Crew OuChar = new("ouchar.senior", "ouchar.senior", ["ouchar.vbsw1", "ouchar.vbsw2"], "អូរចារ", "Ou Char");
    public static readonly Crew SvayPao = new("svaypao.vbsw1", "svaypao.ccwc", [], "ស្វាយប៉ោ", "Svay Pao");

    private enum Stage { Open, OpenOverdue, Assessment, Planning, Active, Review, Closed, Reopened }

    /// <summary>Oldest case first: the longest-running cases are the furthest along.</summary>
    private static readonly Stage[] OuCharStages =
    [
        Stage.Closed, Stage.Reopened, Stage.Active, Stage.Active, Stage.Active, Stage.Active, Stage.Active, Stage.Review,
        Stage.Planning, Stage.Planning, Stage.Planning, Stage.Assessment, Stage.Assessment, Stage.Assessment,
        Stage.OpenOverdue, Stage.Open,
    ];

    private static readonly Stage[] SvayPaoStages = [Stage.Active, Stage.Planning, Stage.Assessment];

    private static readonly Dictionary<string, string> WorkerNames = new()
    {
        ["ouchar.senior"] = "ហេង ចន្ធី", ["ouchar.vbsw1"] = "សុខ ស្រីមុំ", ["ouchar.vbsw2"] = "ចាន់ វិសាល",
        ["svaypao.vbsw1"] = "ឡុង រិទ្ធី", ["svaypao.ccwc"] = "គង់ ធីតា",
    };

    /// <summary>Adds the case work for the commune's cases (saved, with ids; households with members) to the context.</summary>
    public static void Add(HiveDbContext db, Crew crew, IReadOnlyList<Case> cases, IReadOnlyList<Household> households,
        IReadOnlyList<Village> villages, int seed, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(crew);
        var stages = crew == OuChar ? OuCharStages : SvayPaoStages;
        Write(db, crew, cases, households, villages, seed, clock, stages);
    }

    /// <summary>
    /// The work on cases of the years around the seeds' (<see cref="DemoHistory"/>): each one worked from its opening to its
    /// closure in about eleven months, as the demo's first closed case was.
    /// </summary>
    public static void AddClosed(HiveDbContext db, Crew crew, IReadOnlyList<Case> cases, IReadOnlyList<Household> households,
        IReadOnlyList<Village> villages, int seed, HiveClock clock) =>
        Write(db, crew, cases, households, villages, seed, clock, Enumerable.Repeat(Stage.Closed, cases.Count).ToArray());

    /// <summary>Days from a closed case's opening to its closure (the closed story of the writer below).</summary>
    public const int DaysToClosure = 335;

    private static void Write(HiveDbContext db, Crew crew, IReadOnlyList<Case> cases, IReadOnlyList<Household> households,
        IReadOnlyList<Village> villages, int seed, HiveClock clock, Stage[] stages)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(crew);
        var random = new Random(seed);
        var byId = households.ToDictionary(h => h.Id);
        var villageOrder = villages.OrderBy(v => v.Code).Select(v => v.Id).ToList();
        var rows = new List<object>();
        var ordered = cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).ToList();
        var counts = new Dictionary<Stage, int>();
        for (var i = 0; i < ordered.Count && i < stages.Length; i++)
        {
            var stage = stages[i];
            var n = counts.GetValueOrDefault(stage);
            counts[stage] = n + 1;
            var c = ordered[i];
            var worker = crew.VillageWorkers.Length == 0 ? null
                : crew.VillageWorkers[Math.Min(villageOrder.IndexOf(c.VillageId) / 3, crew.VillageWorkers.Length - 1)];
            var family = Family.Of(byId[c.HouseholdId], clock.Today);
            // The conference case is the second active one: it has a violent home when the family is a mother and father.
            var story = PickStory(family, i, conference: crew == OuChar && stage == Stage.Active && n == 1);
            var w = new Writer(c, story, family, crew, worker, new Random(random.Next()), clock, rows);
            // Svay Pao's active case has nothing overdue (variant 5).
            w.Write(stage, crew == OuChar ? n : 5);
        }
        db.AddRange(rows);
    }

    private static Story PickStory(Family f, int i, bool conference)
    {
        if (f.Grandchild) return i % 2 == 0 ? Migration : NoPapers;
        if (!f.CarerIsMother) return i % 2 == 0 ? ChildLabour : NoPapers;
        if (conference) return Violence;
        Story[] cycle = [Violence, ChildLabour, LeavingSoon, NoPapers];
        return cycle[i % cycle.Length];
    }

    /// <summary>The child the case is about and the adult caring for them, from the registry.</summary>
    private sealed record Family(Person Child, Person Carer, Person? Partner, bool Grandchild, bool CarerIsMother)
    {
        public static Family Of(Household h, DateOnly today)
        {
            var child = h.Members
                .Where(m => m.AgeOn(today) is < 18 && m.RelationToHead is RelationToHead.Child or RelationToHead.Grandchild)
                .OrderBy(m => Math.Abs((m.AgeOn(today) ?? 10) - 11)).ThenBy(m => m.Id)
                .First();
            var adults = h.Members.Where(m => m.RelationToHead is RelationToHead.Head or RelationToHead.Spouse).ToList();
            var woman = adults.FirstOrDefault(m => m.Sex == Sex.Female);
            var carer = woman ?? adults.First();
            var partner = adults.FirstOrDefault(m => m != carer);
            var grand = child.RelationToHead == RelationToHead.Grandchild;
            return new Family(child, carer, partner, grand, !grand && carer.Sex == Sex.Female);
        }
    }

    /// <summary>Writes one case's history, checking every status move against the case state machine.</summary>
    private sealed class Writer
    {
        private readonly Case c;
        private readonly Story story;
        private readonly Family family;
        private readonly Crew crew;
        private readonly Random r;
        private readonly HiveClock clock;
        private readonly DateTime now;
        private readonly List<object> rows;
        private readonly string worker;
        private readonly Dictionary<string, string> words;
        private readonly List<FamilyNetworkMember> network = [];
        private CaseStatus status = CaseStatus.Open;
        private int visits;

        public Writer(Case c, Story story, Family family, Crew crew, string? member, Random r, HiveClock clock, List<object> rows)
        {
            this.c = c;
            this.story = story;
            this.family = family;
            this.crew = crew;
            this.r = r;
            this.clock = clock;
            now = clock.UtcNow;
            this.rows = rows;
            worker = member ?? crew.Lead;
            if (member is not null)
                c.Team.Add(new CaseTeamMember { UserName = member, Role = CaseTeamRole.Member, AddedAt = c.OpenedAt.AddDays(1), AddedBy = crew.Lead });
            var female = family.Carer.Sex == Sex.Female;
            words = new()
            {
                ["{c}"] = family.Child.GivenNameKm,
                ["{cl}"] = family.Child.GivenNameLatin ?? family.Child.GivenNameKm,
                ["{k}"] = family.Grandchild ? (female ? "ជីដូន" : "ជីតា") : female ? "ម្ដាយ" : "ឪពុក",
                ["{ke}"] = family.Grandchild ? (female ? "grandmother" : "grandfather") : female ? "mother" : "father",
                ["{kc}"] = family.Grandchild ? (female ? "យាយ" : "តា") : female ? "ម៉ាក់" : "ប៉ា",
                ["{kce}"] = family.Grandchild ? (female ? "grandma" : "grandpa") : female ? "mum" : "dad",
                ["{a}"] = family.Grandchild ? "ឪពុកម្ដាយ" : female ? "ឪពុក" : "ម្ដាយ",
                ["{ae}"] = family.Grandchild ? "The parents" : female ? "The father" : "The mother",
                ["{p}"] = crew.CommuneKm,
                ["{pe}"] = crew.CommuneEn,
            };
        }

        // Working hours in the commune, whatever the server's zone.
        private DateTime Ago(int days) => clock.StartOfDayUtc(Today.AddDays(-days)).AddHours(8 + r.Next(9));
        private DateOnly Today => clock.Today;
        private DateOnly On(DateTime at) => clock.DayOf(at);

        private string Fill(string text)
        {
            foreach (var (key, value) in words)
                text = text.Replace(key, value, StringComparison.Ordinal);
            return text;
        }

        public void Write(Stage stage, int variant)
        {
            switch (stage)
            {
                case Stage.Open:
                case Stage.OpenOverdue:
                    WriteOpen(stage == Stage.OpenOverdue);
                    break;
                case Stage.Assessment:
                    WriteAssessment(variant);
                    break;
                case Stage.Planning:
                    WritePlanning(variant);
                    break;
                case Stage.Active:
                case Stage.Review:
                    WriteActive(stage == Stage.Review ? 6 : variant);
                    break;
                default:
                    WriteClosed(reopen: stage == Stage.Reopened);
                    break;
            }
            c.Status = status;
        }

        private void WriteOpen(bool overdue)
        {
            // The family was away (Thailand, distant farms) so the assessment was booked for when they are back.
            c.AssessmentDueOn = overdue ? Today.AddDays(-9) : Today.AddDays(6);
            Network(2);
            if (overdue)
            {
                Note(Ago(20), "ការវាយតម្លៃត្រូវពន្យារពេល ព្រោះគ្រួសារទៅធ្វើការចំការឆ្ងាយ។ ត្រូវណាត់ម្ដងទៀតជាបន្ទាន់។ (Assessment postponed: the family was away working on a distant farm. Rebook urgently.)", false);
                Task(Ago(20), Today.AddDays(-9), "ធ្វើការវាយតម្លៃ Signs of Safety ជាមួយគ្រួសារ (Signs of Safety assessment with the family)", done: null);
            }
            else
            {
                Visit(Ago(3), null, alone: false);
                Note(Ago(3), Fill("បានជួបគ្រួសារលើកដំបូង។ ណាត់ធ្វើការវាយតម្លៃជាមួយ{k} និង {c} នៅសប្ដាហ៍ក្រោយ។ (First meeting with the family; assessment with the {ke} and {cl} booked for next week.)"), false);
                Task(Ago(3), Today.AddDays(6), "ធ្វើការវាយតម្លៃ Signs of Safety ជាមួយគ្រួសារ (Signs of Safety assessment with the family)", done: null);
            }
        }

        private void WriteAssessment(int variant)
        {
            var start = Ago(6 - 2 * variant);
            Move(CaseStatus.Assessment, start, worker, null);
            c.AssessmentDueOn = ReviewSchedule.AssessmentDue(On(start), c.Tier);
            Note(start, "ការវាយតម្លៃបានចាប់ផ្ដើម ក្រោយគ្រួសារត្រឡប់មកភូមិវិញ។ (Assessment started once the family was back in the village.)", false);
            Network(variant + 2);
            Visit(start, null, alone: variant != 0);
            var state = variant == 1 ? AssessmentStatus.Submitted : AssessmentStatus.Draft;
            var a = Assess(1, start.AddHours(2), level: 0, state, approvedAt: null);
            if (variant == 0)
            {
                // A draft still being written: the child has not been asked yet.
                a.ChildScale = null;
                a.HouseOfWorries = a.HouseOfGoodThings = a.HouseOfDreams = null;
            }
        }

        private void WritePlanning(int variant)
        {
            var start = Ago(60 + 5 * variant);
            Move(CaseStatus.Assessment, start, worker, null);
            c.AssessmentDueOn = ReviewSchedule.AssessmentDue(On(start), c.Tier);
            Network(4);
            Visit(start.AddDays(2), null, alone: true);
            var approved = Ago(45 + 5 * variant);
            var a = Assess(1, Ago(50 + 5 * variant), level: 0, AssessmentStatus.Approved, approved);
            Move(CaseStatus.Planning, approved.AddHours(1), crew.Lead, null);
            Visit(Ago(20 + variant), a.WorkerScale, alone: false);
            var created = Ago(15 + 3 * variant);
            Plan(1, a, created, PlanStatus.Draft, null, null, _ => (Today.AddDays(14 + r.Next(50)), ActionStatus.NotStarted));
            Task(created, Today.AddDays(5 + variant), Fill("ប្រជុំបណ្ដាញគ្រួសារ ដើម្បីព្រមព្រៀងលើផែនការ (Family Network meeting to agree the plan)"), done: null);
            Note(created, Fill(story.Notes[0].Text), story.Notes[0].Confidential);
        }

        /// <summary>
        /// Variants: 0 plan revised after a review (two versions); 1 case conference; 2 stepped down to early
        /// intervention; 3 review, a plan action and a task overdue; 4 a plan action overdue; 5 nothing overdue;
        /// 6 under review now.
        /// </summary>
        private void WriteActive(int variant)
        {
            var t0 = c.OpenedAt;
            Network(5);
            Move(CaseStatus.Assessment, t0.AddDays(3), worker, null);
            var a1 = Assess(1, t0.AddDays(10), level: 0, AssessmentStatus.Approved, t0.AddDays(14));
            Move(CaseStatus.Planning, t0.AddDays(14).AddHours(1), crew.Lead, null);
            var recentPlan = variant == 0;
            var plan1 = Plan(1, a1, t0.AddDays(18), recentPlan ? PlanStatus.Superseded : PlanStatus.Approved, On(t0.AddDays(28)), t0.AddDays(30),
                j => Historic(t0.AddDays(30), j, recentPlan ? ActionStatus.Done : null, variant));
            Move(CaseStatus.ActiveSupport, t0.AddDays(30).AddHours(2), worker, null);
            Visit(t0.AddDays(35), a1.WorkerScale, alone: true);

            var mid = t0 + (now - t0) / 2;
            var a2 = Assess(2, mid, level: 1, AssessmentStatus.Approved, mid.AddDays(3));
            var latest = a2;
            if (variant is 0 or 2 or 6)
                latest = Assess(3, Ago(40), level: variant == 2 ? 3 : 2, AssessmentStatus.Approved, Ago(37));
            var current = plan1;
            switch (variant)
            {
                case 0:
                    Review(Ago(90), plan1, ReviewDecision.ContinueSupport, 1);
                    Move(CaseStatus.Review, Ago(63), worker, null);
                    Review(Ago(62), plan1, ReviewDecision.RevisePlan, 1);
                    Move(CaseStatus.Planning, Ago(62), crew.Lead, Fill("គោលដៅខ្លះមិនទាន់សម្រេច ត្រូវកែផែនការជាមួយបណ្ដាញគ្រួសារ។ (Some goals are stuck; the plan is revised with the Family Network.)"));
                    current = Plan(2, a2, Ago(60), PlanStatus.Approved, On(Ago(56)), Ago(55), Recent);
                    current.ChangeReason = Fill("ក្រោយការពិនិត្យឡើងវិញ៖ បន្ថែមសកម្មភាពប្រាក់ចំណូល និងអ្នកមើលថែពេល{k}ឈឺ។ (After the review: income actions added, and who cares for {cl} when the {ke} is ill.)");
                    Move(CaseStatus.ActiveSupport, Ago(55), worker, null);
                    Review(Ago(25), current, ReviewDecision.ContinueSupport, 2);
                    break;
                case 1:
                    Review(Ago(50), plan1, ReviewDecision.ContinueSupport, 1);
                    Conference(Ago(35));
                    Review(Ago(20), plan1, ReviewDecision.ContinueSupport, 2);
                    break;
                case 2:
                    Review(Ago(70), plan1, ReviewDecision.ContinueSupport, 2);
                    Review(Ago(12), plan1, ReviewDecision.ContinueSupport, 3, stepDown: true);
                    break;
                case 3:
                    Review(Ago(110), plan1, ReviewDecision.ContinueSupport, 1);
                    Review(Ago(76), plan1, ReviewDecision.ContinueSupport, 1);
                    break;
                case 4:
                    Review(Ago(40), plan1, ReviewDecision.ContinueSupport, 1);
                    Review(Ago(9), plan1, ReviewDecision.ContinueSupport, 2);
                    break;
                case 5:
                    Review(Ago(45), plan1, ReviewDecision.ContinueSupport, 1);
                    Review(Ago(14), plan1, ReviewDecision.ContinueSupport, 2);
                    break;
                default:
                    Review(Ago(55), plan1, ReviewDecision.ContinueSupport, 1);
                    Review(Ago(26), plan1, ReviewDecision.ContinueSupport, 2);
                    Move(CaseStatus.Review, Ago(2), crew.Lead, null);
                    break;
            }
            var count = 2 + r.Next(4);
            for (var v = 0; v < count; v++)
                Visit(Ago(95 - v * (90 / count) - r.Next(5)), Math.Clamp((latest.WorkerScale ?? 5) + r.Next(-1, 2), 0, 10), alone: v % 2 == 0);
            foreach (var (text, confidential) in story.Notes)
                Note(Ago(10 + r.Next(60)), Fill(text), confidential);
            Task(Ago(30), Today.AddDays(-20), Fill(story.Tasks[0]), done: Ago(22));
            Task(Ago(15), variant == 3 ? Today.AddDays(-6) : Today.AddDays(7 + r.Next(10)), Fill(story.Tasks[1]), done: null);
        }

        /// <summary>Actions of a plan approved long ago: the early ones done; ongoing ones due ahead; one overdue in variants 3 and 4.</summary>
        private (DateOnly, ActionStatus) Historic(DateTime approved, int j, ActionStatus? all, int variant)
        {
            if (all is ActionStatus s) return (On(approved.AddDays(20 + 15 * j)), s);
            return j switch
            {
                0 or 1 or 3 => (On(approved.AddDays(20 + 10 * j)), ActionStatus.Done),
                2 when variant == 3 => (Today.AddDays(-12), ActionStatus.NotStarted),
                4 when variant == 4 => (Today.AddDays(-20), ActionStatus.InProgress),
                _ => (Today.AddDays(15 + 10 * j), j % 2 == 0 ? ActionStatus.InProgress : ActionStatus.NotStarted),
            };
        }

        /// <summary>Actions of a plan approved weeks ago: the first two done, the rest due ahead.</summary>
        private (DateOnly, ActionStatus) Recent(int j) => j switch
        {
            0 or 1 => (Today.AddDays(-40 + 10 * j), ActionStatus.Done),
            _ => (Today.AddDays(10 + 7 * j), j % 2 == 0 ? ActionStatus.InProgress : ActionStatus.NotStarted),
        };

        private void WriteClosed(bool reopen)
        {
            var t0 = c.OpenedAt;
            Network(4);
            Move(CaseStatus.Assessment, t0.AddDays(2), worker, null);
            var a1 = Assess(1, t0.AddDays(9), level: 0, AssessmentStatus.Approved, t0.AddDays(12));
            Move(CaseStatus.Planning, t0.AddDays(12).AddHours(1), crew.Lead, null);
            var plan = Plan(1, a1, t0.AddDays(15), PlanStatus.Approved, On(t0.AddDays(24)), t0.AddDays(25),
                j => (On(t0.AddDays(60 + 30 * j)), ActionStatus.Done));
            Move(CaseStatus.ActiveSupport, t0.AddDays(25).AddHours(2), worker, null);
            Visit(t0.AddDays(40), a1.WorkerScale, alone: true);
            Review(t0.AddDays(90), plan, ReviewDecision.ContinueSupport, 1);
            // The reopened case had one assessment before it closed; its new one is number 2.
            var a2 = reopen ? a1 : Assess(2, t0.AddDays(150), level: 1, AssessmentStatus.Approved, t0.AddDays(153));
            Visit(t0.AddDays(160), Math.Min(10, (a2.WorkerScale ?? 4) + 2), alone: false);
            Review(t0.AddDays(200), plan, ReviewDecision.ContinueSupport, 2);
            var last = reopen ? a2 : Assess(3, t0.AddDays(300), level: 3, AssessmentStatus.Approved, t0.AddDays(302));
            Visit(t0.AddDays(reopen ? 250 : 310), last.WorkerScale, alone: true);
            var closeDay = reopen ? 280 : DaysToClosure;
            Move(CaseStatus.Review, t0.AddDays(closeDay - 6), worker, null);
            Review(t0.AddDays(closeDay - 5), plan, ReviewDecision.Close, 3);
            var closedAt = t0.AddDays(closeDay);
            // The worker proposed the closure the day before; the commune's supervisor approved it.
            var proposer = worker ?? crew.Lead;
            Move(CaseStatus.Closed, closedAt, crew.Supervisor, reopen
                ? "គ្រួសារអាចពឹងខ្លួនឯងបាន ហើយមានប្រាក់ចំណូលទៀងទាត់។ (The family is self-reliant with a steady income.)"
                : "គោលដៅសុវត្ថិភាពទាំងអស់បានសម្រេច។ (All safety goals met.)");
            c.ClosedAt = closedAt;
            c.NextReviewDueOn = null;
            var closure = new CaseClosure
            {
                CaseId = c.Id,
                ClosedOn = On(closedAt),
                Reason = reopen ? ClosureReason.FamilySelfReliant : ClosureReason.SafetyGoalsMet,
                Note = Fill(reopen
                    ? "{k}មានមុខរបរលក់ដូរ ហើយ {c} ទៅរៀនទៀងទាត់។ បណ្ដាញគ្រួសារនៅតែជួយ។ (The {ke} runs a small business and {cl} attends school; the network still helps.)"
                    : "{c} មានសុវត្ថិភាព ទៅរៀនរាល់ថ្ងៃ ហើយគ្រួសារមានប្រាក់ចំណូលគ្រប់គ្រាន់។ បណ្ដាញគ្រួសារបន្តតាមដាន។ ({cl} is safe and at school every day; the family has enough income; the network keeps watch.)"),
                FinalWorkerScale = reopen ? 7 : 8,
                FinalFamilyScale = 9,
                FinalNetworkScale = reopen ? 8 : 9,
                FinalChildScale = 9,
                Status = ClosureStatus.Approved,
                ClosedBy = proposer,
                RecordedAt = closedAt.AddDays(-1),
                DecidedBy = crew.Supervisor,
                DecidedAt = closedAt,
                GoalOutcomes = plan.Goals.Select((g, i) => new ClosureGoalOutcome
                {
                    PlanGoal = g,
                    Outcome = reopen && i == plan.Goals.Count - 1 ? GoalOutcome.PartlyMet : GoalOutcome.Met,
                }).ToList(),
            };
            rows.Add(closure);
            if (!reopen) return;
            var reopened = Ago(21);
            var reason = Fill("អ្នកជិតខាងរាយការណ៍ថា {c} ឈប់រៀនម្ដងទៀត ហើយគ្រួសារមានបំណុលថ្មី។ ត្រូវវាយតម្លៃឡើងវិញ។ (A neighbour reported that {cl} has stopped school again and the family has new debts; re-assess.)");
            Move(CaseStatus.Assessment, reopened, crew.Supervisor, reason);
            c.ClosedAt = null;
            closure.ReopenedAt = reopened;
            closure.ReopenedBy = crew.Supervisor;
            closure.ReopenReason = reason;
            Visit(Ago(15), 3, alone: true);
            Assess(last.Number + 1, Ago(8), level: 0, AssessmentStatus.Draft, null);
            Task(Ago(8), Today.AddDays(4), "បញ្ចប់ការវាយតម្លៃលើកទី២ ហើយដាក់ជូនអ្នកត្រួតពិនិត្យ (Finish the new assessment and submit it)", done: null);
        }

        private void Move(CaseStatus to, DateTime at, string by, string? reason)
        {
            var move = CaseWorkflow.Find(status, to) ?? throw new InvalidOperationException($"Demo case {c.Id}: no move {status} → {to}");
            if (move.NeedsReason && string.IsNullOrWhiteSpace(reason))
                throw new InvalidOperationException($"Demo case {c.Id}: {status} → {to} needs a reason");
            rows.Add(new CaseTransition { CaseId = c.Id, From = status, To = to, At = at, By = by, Reason = reason });
            status = to;
        }

        /// <summary>Scaling rises with the level (0 first assessment .. 3 nearly safe); families rate themselves a little higher.</summary>
        private Assessment Assess(int number, DateTime at, int level, AssessmentStatus state, DateTime? approvedAt)
        {
            var workerScale = Math.Clamp(2 + 2 * level + r.Next(2), 0, 10);
            var a = new Assessment
            {
                CaseId = c.Id,
                Number = number,
                AssessedOn = On(at),
                Harm = Fill(story.Harm),
                Danger = Fill(story.Danger),
                ComplicatingFactors = Fill(story.Complicating),
                Strengths = number > 1 ? Fill(story.Progress + "\n" + story.Strengths) : Fill(story.Strengths),
                ExistingSafety = Fill(story.ExistingSafety),
                NextSteps = Fill(story.NextSteps),
                DangerStatements = Fill(story.DangerStatements),
                WorkerScale = workerScale,
                FamilyScale = Math.Clamp(workerScale + 1 + r.Next(2), 0, 10),
                NetworkScale = Math.Clamp(workerScale + r.Next(2), 0, 10),
                ChildScale = Math.Clamp(workerScale + r.Next(-1, 2), 0, 10),
                HouseOfWorries = Fill(story.Worries),
                HouseOfGoodThings = Fill(story.GoodThings),
                HouseOfDreams = Fill(story.Dreams),
                Status = state,
                CreatedBy = worker,
                CreatedAt = at,
                ApprovedBy = approvedAt is null ? null : crew.Supervisor,
                ApprovedAt = approvedAt,
                ApprovalNote = approvedAt is null ? null : "សេចក្ដីថ្លែងការណ៍គ្រោះថ្នាក់ និងគោលដៅច្បាស់លាស់។ (Clear danger statements and goals.)",
                SafetyGoals = story.Goals.Select((g, i) => new SafetyGoal { CaseId = c.Id, Order = i + 1, Text = Fill(g) }).ToList(),
            };
            rows.Add(a);
            return a;
        }

        /// <summary>The carer from the registry first, then the story's other members (the other parent from the registry when there is one).</summary>
        private void Network(int size)
        {
            for (var i = network.Count; i < Math.Min(size, story.Network.Length); i++)
            {
                var spec = story.Network[i];
                var m = new FamilyNetworkMember { CaseId = c.Id, Relation = spec.Relation, RoleInPlan = Fill(spec.Role) };
                var person = i == 0 ? family.Carer : spec.Partner && !family.Grandchild ? family.Partner : null;
                if (person is not null)
                {
                    m.PersonId = person.Id;
                    m.Name = person.DisplayNameKm;
                    m.Relation = i == 0
                        ? (family.Grandchild ? NetworkRelation.Grandparent : person.Sex == Sex.Female ? NetworkRelation.Mother : NetworkRelation.Father)
                        : person.Sex == Sex.Female ? NetworkRelation.Mother : NetworkRelation.Father;
                }
                else
                {
                    var names = spec.Relation == NetworkRelation.Monk ? MonkNames : FreeNames;
                    m.Name = $"{spec.Title} {names[r.Next(names.Length)]}".Trim();
                }
                if (r.Next(3) > 0) m.Phone = $"0{r.Next(10, 99)}{r.Next(100000, 999999)}";
                network.Add(m);
                rows.Add(m);
            }
        }

        private SupportPlan Plan(int number, Assessment basis, DateTime created, PlanStatus state, DateOnly? agreed, DateTime? approved,
            Func<int, (DateOnly Due, ActionStatus Status)> action)
        {
            var plan = new SupportPlan
            {
                CaseId = c.Id,
                Number = number,
                Status = state,
                CreatedBy = worker,
                CreatedAt = created,
                AgreedOn = agreed,
                PresentAtAgreement = agreed is null ? null
                    : string.Join(", ", network.Take(3).Select(m => m.Name).Prepend(family.Child.DisplayNameKm).Append(WorkerNames.GetValueOrDefault(worker, worker))),
                ApprovedBy = approved is null ? null : crew.Supervisor,
                ApprovedAt = approved,
                Goals = basis.SafetyGoals.Select(g => new PlanGoal { SafetyGoal = g, Order = g.Order, Text = g.Text }).ToList(),
            };
            var j = 0;
            foreach (var act in story.Actions)
            {
                var (due, actionStatus) = action(j);
                var a = new PlanAction { GoalOrder = act.Goal, Order = ++j, Text = Fill(act.Text), DueOn = due, Status = actionStatus };
                if (act.Owner.StartsWith("p:", StringComparison.Ordinal))
                {
                    a.OwnerKind = ActionOwnerKind.ServiceProvider;
                    a.OwnerProvider = Provider(act.Owner[2..], crew.CommuneKm, crew.CommuneEn);
                }
                else if (act.Owner.StartsWith('n') && int.Parse(act.Owner[1..], System.Globalization.CultureInfo.InvariantCulture) is var n && n < network.Count)
                {
                    a.OwnerKind = ActionOwnerKind.NetworkMember;
                    a.OwnerNetworkMember = network[n];
                }
                else
                {
                    a.OwnerKind = ActionOwnerKind.Worker;
                    a.OwnerWorker = worker;
                }
                plan.Actions.Add(a);
            }
            rows.Add(plan);
            return plan;
        }

        private static readonly GoalProgress[] Steps = [GoalProgress.NotStarted, GoalProgress.SomeProgress, GoalProgress.GoodProgress, GoalProgress.Achieved];

        private void Review(DateTime at, SupportPlan plan, ReviewDecision decision, int progress, bool stepDown = false)
        {
            var before = c.Tier;
            if (stepDown) c.Tier = Tier.EarlyIntervention;
            var summary = stepDown
                ? "គ្រួសារមានស្ថិរភាព៖ កូនៗទៅរៀន មានប្រាក់ចំណូល ហើយបណ្ដាញគ្រួសារសកម្ម។ ប្ដូរពីកម្រិតវិបត្តិ ទៅអន្តរាគមន៍ដំបូង។ (The family is stable: the children attend school, there is income and the network is active. Stepped down from crisis response to early intervention.)"
                : decision switch
                {
                    ReviewDecision.RevisePlan => "គោលដៅខ្លះមិនទាន់សម្រេច ព្រោះស្ថានភាពគ្រួសារប្ដូរ។ ក្រុមសម្រេចកែផែនការ។ (Some goals are stuck because the family's situation changed; the team decided to revise the plan.)",
                    ReviewDecision.Close => "គោលដៅសុវត្ថិភាពសម្រេច ហើយបណ្ដាញគ្រួសារអាចបន្តដោយខ្លួនឯង។ ស្នើបិទករណី។ (Safety goals met and the network can carry on by itself; propose closing.)",
                    _ => "ពិនិត្យឡើងវិញជាមួយគ្រួសារ និងបណ្ដាញ។ មានវឌ្ឍនភាពលើគោលដៅភាគច្រើន; បន្តការគាំទ្រតាមផែនការ។ (Reviewed with the family and network: progress on most goals; support continues as planned.)",
                };
            var review = new CaseReview
            {
                CaseId = c.Id,
                ReviewedOn = On(at),
                ReviewedBy = crew.Lead,
                Summary = summary,
                Decision = decision,
                TierBefore = before,
                TierAfter = c.Tier,
                NextReviewDueOn = decision == ReviewDecision.Close ? null : ReviewSchedule.NextReviewDue(On(at), c.Tier, c.RiskLevel),
                RecordedAt = at,
                Progress = plan.Goals.Select((g, i) => new ReviewGoalProgress
                {
                    PlanGoal = g,
                    Progress = Steps[Math.Clamp(progress - (i == plan.Goals.Count - 1 ? 1 : 0), 0, 3)],
                }).ToList(),
            };
            c.NextReviewDueOn = review.NextReviewDueOn;
            rows.Add(review);
        }

        private void Conference(DateTime at)
        {
            var chief = network.FirstOrDefault(m => m.Relation == NetworkRelation.VillageChief)?.Name ?? "មេភូមិ " + FreeNames[r.Next(FreeNames.Length)];
            rows.Add(new CaseConference
            {
                CaseId = c.Id,
                HeldOn = On(at),
                Place = $"សាលាឃុំ{crew.CommuneKm} ({crew.CommuneEn} commune hall)",
                Decisions = Fill(
                    "១. នាយប៉ុស្តិ៍នគរបាលរដ្ឋបាលឃុំ និងមេភូមិ ចុះពិនិត្យគ្រួសាររៀងរាល់សប្ដាហ៍ រយៈពេលមួយខែ។ (Commune police chief and village chief visit the family weekly for a month.)\n"
                    + "២. ឃុំផ្ដល់អង្ករបន្ទាន់ ៥០ គីឡូក្រាម ហើយពន្លឿនការស្នើប័ណ្ណក្រីក្រ។ (The commune gives 50 kg emergency rice and speeds up the IDPoor card.)\n"
                    + "៣. គ្រួសារ និងបណ្ដាញគ្រួសារ ព្រមព្រៀងលើផែនការសុវត្ថិភាព; {c} មិនចាកចេញពីភូមិ ដោយគ្មានការព្រមព្រៀងជាមួយក្រុម។ (The family and network agree the safety plan; {cl} does not leave the village without the team agreeing.)"),
                FollowUps = "VBSW រាយការណ៍ទៅមេឃុំរៀងរាល់ពីរសប្ដាហ៍; ប្រជុំម្ដងទៀតក្នុងមួយខែ។ (The VBSW reports to the commune chief every two weeks; meet again in a month.)",
                RecordedBy = crew.Lead,
                RecordedAt = at,
                Participants =
                [
                    new ConferenceParticipant { UserName = "ouchar.chief", Name = "ប្រាក់ សុវណ្ណ", Role = "មេឃុំ (Commune chief)" },
                    new ConferenceParticipant { UserName = crew.Lead, Name = WorkerNames.GetValueOrDefault(crew.Lead, crew.Lead), Role = "បុគ្គលិកសង្គមជាន់ខ្ពស់ (Senior social worker)" },
                    new ConferenceParticipant { UserName = worker, Name = WorkerNames.GetValueOrDefault(worker, worker), Role = "VBSW" },
                    new ConferenceParticipant { Name = "ខៀវ វុទ្ធី", Role = "នាយប៉ុស្តិ៍នគរបាលរដ្ឋបាលឃុំ (Commune police chief)" },
                    new ConferenceParticipant { Name = chief, Role = "មេភូមិ (Village chief)" },
                    new ConferenceParticipant { Name = family.Carer.DisplayNameKm, Role = Fill("{k} ({ke})") },
                ],
            });
        }

        private void Visit(DateTime at, int? scale, bool alone)
        {
            rows.Add(new Visit
            {
                CaseId = c.Id,
                VisitedOn = On(at),
                Place = visits % 3 == 2 ? Fill("សាលារៀន ({pe} school)") : "ផ្ទះគ្រួសារ (family home)",
                WhoWasSeen = Fill(alone ? "{c} (ម្នាក់ឯង / alone), {k}" : "{k}, {c}"),
                ChildSeenAlone = alone,
                Observations = Fill(story.Visits[visits % story.Visits.Length]),
                WorkerScale = scale,
                RecordedBy = worker,
                RecordedAt = at.AddHours(3),
            });
            visits++;
        }

        private void Note(DateTime at, string text, bool confidential) =>
            rows.Add(new CaseNote { CaseId = c.Id, Text = text, Confidential = confidential, WrittenBy = worker, WrittenAt = at });

        private void Task(DateTime created, DateOnly due, string text, DateTime? done) =>
            rows.Add(new CaseTask
            {
                CaseId = c.Id,
                Text = text,
                DueOn = due,
                AssignedTo = worker,
                CreatedBy = crew.Lead,
                CreatedAt = created,
                DoneAt = done,
                DoneBy = done is null ? null : worker,
            });
    }
}
