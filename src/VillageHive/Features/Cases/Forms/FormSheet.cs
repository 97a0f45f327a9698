using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Cases.Forms;

/// <summary>
/// Everything the six MoSVY forms print about one case, read once (a query per kind of record): the family and its
/// place, the children, the referral, the latest assessment and plan, the visits, where each child lives, the closure,
/// the form 2 scorings and the answers kept for the fields the Hive does not otherwise hold. The case has been checked
/// as visible to the reader before (<see cref="CaseAccess.LoadAsync"/>).
/// </summary>
public sealed class FormSheet
{
    public sealed record ChildLine(int PersonId, string NameKm, string? NameLatin, Sex Sex, DateOnly? DateOfBirth, int? Age,
        BirthRegistration BirthRegistration, SchoolStatus School, bool HasDisability);
    public sealed record MemberLine(string NameKm, string? NameLatin, Sex Sex, DateOnly? DateOfBirth, int? Age, RelationToHead Relation);
    public sealed record AssessmentLine(int Number, DateOnly AssessedOn, AssessmentStatus Status, string? Harm, string? Danger, string? Complicating,
        string? Strengths, string? ExistingSafety, string? NextSteps, int? WorkerScale, int? FamilyScale, int? NetworkScale, int? ChildScale,
        string? HouseOfWorries, string? HouseOfDreams);
    public sealed record GoalLine(int Order, string Text);
    public sealed record ActionLine(int GoalOrder, int Order, string Text, ActionOwnerKind OwnerKind, string? Owner, DateOnly DueOn, ActionStatus Status);
    public sealed record PlanLine(int Number, PlanStatus Status, DateOnly? AgreedOn, string? PresentAtAgreement, IReadOnlyList<GoalLine> Goals,
        IReadOnlyList<ActionLine> Actions);
    public sealed record VisitLine(DateOnly VisitedOn, string Place, string WhoWasSeen, string Observations, int? WorkerScale);
    public sealed record CareLine(int PersonId, CareType Type, DateOnly StartedOn, DateOnly? EndedOn, CareReason Reason, string? ReasonNote,
        CareEvent Event, string? HouseholdHeadKm, string? Place);
    public sealed record ClosureLine(DateOnly ClosedOn, ClosureReason Reason, string? Note, ClosureStatus Status, string ClosedBy, string? DecidedBy,
        int? WorkerScale, int? FamilyScale, int? NetworkScale, int? ChildScale);
    public sealed record ScoringLine(int Id, DateOnly ScoredOn, string ScoredBy, IReadOnlyDictionary<string, int> Scores,
        IReadOnlyDictionary<string, string> Comments)
    {
        public int ChildTotal => WellbeingDomains.Child.Sum(d => Scores.GetValueOrDefault(d));
        public int FamilyTotal => WellbeingDomains.Family.Sum(d => Scores.GetValueOrDefault(d));
        public int Total => ChildTotal + FamilyTotal;
    }

    public int CaseId { get; init; }
    public CaseStatus Status { get; init; }
    public DateTime OpenedAt { get; init; }
    public string VillageKm { get; init; } = "";
    public string VillageEn { get; init; } = "";
    public string VillageCode { get; init; } = "";
    public string CommuneKm { get; init; } = "";
    public string CommuneEn { get; init; } = "";
    public string DistrictKm { get; init; } = "";
    public string DistrictEn { get; init; } = "";
    public string ProvinceKm { get; init; } = "";
    public string ProvinceEn { get; init; } = "";
    public string? HeadKm { get; init; }
    public string? HeadLatin { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public IdPoorStatus IdPoor { get; init; }
    public string LeadWorker { get; init; } = "";
    public string LeadWorkerName { get; init; } = "";
    public string? LeadWorkerPhone { get; init; }
    public DateTime ReferralReceivedAt { get; init; }
    public ReferralChannel Channel { get; init; }
    public string? ReferrerName { get; init; }
    public Concerns Concerns { get; init; }
    public string? ConcernNote { get; init; }
    public IReadOnlyList<ChildLine> Children { get; init; } = [];
    public IReadOnlyList<MemberLine> Members { get; init; } = [];
    public AssessmentLine? Assessment { get; init; }
    public PlanLine? Plan { get; init; }
    public IReadOnlyList<VisitLine> Visits { get; init; } = [];
    /// <summary>Each child's care arrangements, latest first.</summary>
    public IReadOnlyList<CareLine> Care { get; init; } = [];
    public ClosureLine? Closure { get; init; }
    /// <summary>Form 2 scorings, oldest first.</summary>
    public IReadOnlyList<ScoringLine> Scorings { get; init; } = [];
    public IReadOnlyDictionary<(int Form, string Field), string> Answers { get; init; } = new Dictionary<(int, string), string>();

    public ScoringLine? LatestScoring => Scorings.Count == 0 ? null : Scorings[^1];

    public string? Answer(int form, string field) => Answers.TryGetValue((form, field), out var a) ? a : null;

    /// <summary>The concerns named at referral, one by one.</summary>
    public IEnumerable<Concerns> ConcernList => Enum.GetValues<Concerns>().Where(c => c != Concerns.None && Concerns.HasFlag(c));

    /// <summary>The text keys of what form n still lacks: records the case does not have yet, then fields not answered.</summary>
    public IReadOnlyList<string> Lacks(int form)
    {
        var lacks = new List<string>();
        var record = form switch
        {
            1 when Children.Count == 0 => "Forms.Lack.Children",
            2 when Scorings.Count == 0 => "Forms.Lack.Scoring",
            3 when Plan is null => "Forms.Lack.Plan",
            4 when Care.Count == 0 => "Forms.Lack.Care",
            5 when Visits.Count == 0 => "Forms.Lack.Visits",
            6 when Closure is null => "Forms.Lack.Closure",
            _ => null,
        };
        if (record is not null) lacks.Add(record);
        lacks.AddRange(MosvyForms.FieldsOf(form).Where(f => Answer(form, f.Key) is null).Select(f => "Forms.Field." + f.Key));
        return lacks;
    }

    public static async Task<FormSheet> LoadAsync(HiveDbContext db, int caseId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new
        {
            c.Status, c.OpenedAt, c.LeadWorker, c.HouseholdId,
            c.Village!.NameKm, c.Village.NameEn, c.Village.Code,
            CommuneKm = c.Village.Commune!.NameKm, CommuneEn = c.Village.Commune.NameEn,
            DistrictKm = c.Village.Commune.District!.NameKm, DistrictEn = c.Village.Commune.District.NameEn,
            ProvinceKm = c.Village.Commune.District.Province!.NameKm, ProvinceEn = c.Village.Commune.District.Province.NameEn,
            c.Household!.HeadNameKm, c.Household.HeadNameLatin, c.Household.Address, c.Household.Phone, c.Household.IdPoor,
            c.Referral!.ReceivedAt, c.Referral.Channel, c.Referral.ReferrerName, c.Referral.Concerns, c.Referral.ConcernNote,
            ChildIds = c.Referral.Children.Select(ch => ch.PersonId).ToList(),
            Worker = db.Users.Where(u => u.UserName == c.LeadWorker).Select(u => new { u.DisplayName, u.PhoneNumber }).FirstOrDefault(),
        }).SingleAsync();

        var people = await db.Persons.AsNoTracking()
            .Where(p => p.HouseholdId == head.HouseholdId || head.ChildIds.Contains(p.Id))
            .OrderBy(p => p.RelationToHead).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.HouseholdId, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.Sex, p.DateOfBirth, p.EstimatedBirthYear,
                p.BirthRegistration, p.SchoolStatus, p.HasDisability, p.RelationToHead,
            })
            .ToListAsync();
        static string? Latin(string? family, string? given) => string.IsNullOrWhiteSpace($"{family} {given}") ? null : $"{family} {given}".Trim();
        var children = people.Where(p => head.ChildIds.Contains(p.Id))
            .Select(p => new ChildLine(p.Id, $"{p.FamilyNameKm} {p.GivenNameKm}", Latin(p.FamilyNameLatin, p.GivenNameLatin), p.Sex, p.DateOfBirth,
                Person.Age(p.DateOfBirth, p.EstimatedBirthYear, today), p.BirthRegistration, p.SchoolStatus, p.HasDisability))
            .ToList();
        var members = people.Where(p => p.HouseholdId == head.HouseholdId && !head.ChildIds.Contains(p.Id))
            .Select(p => new MemberLine($"{p.FamilyNameKm} {p.GivenNameKm}", Latin(p.FamilyNameLatin, p.GivenNameLatin), p.Sex, p.DateOfBirth,
                Person.Age(p.DateOfBirth, p.EstimatedBirthYear, today), p.RelationToHead))
            .ToList();

        // The latest assessment, an approved one before a draft.
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.CaseId == caseId)
            .OrderByDescending(a => a.Status == AssessmentStatus.Approved).ThenByDescending(a => a.Number)
            .Select(a => new AssessmentLine(a.Number, a.AssessedOn, a.Status, a.Harm, a.Danger, a.ComplicatingFactors, a.Strengths, a.ExistingSafety,
                a.NextSteps, a.WorkerScale, a.FamilyScale, a.NetworkScale, a.ChildScale, a.HouseOfWorries, a.HouseOfDreams))
            .FirstOrDefaultAsync();

        // The plan in force: the latest version that was not replaced.
        var plan = await db.SupportPlans.AsNoTracking().Where(p => p.CaseId == caseId && p.Status != PlanStatus.Superseded)
            .OrderByDescending(p => p.Number)
            .Select(p => new
            {
                p.Number, p.Status, p.AgreedOn, p.PresentAtAgreement,
                Goals = p.Goals.OrderBy(g => g.Order).Select(g => new GoalLine(g.Order, g.Text)).ToList(),
                Actions = p.Actions.OrderBy(a => a.GoalOrder).ThenBy(a => a.Order)
                    .Select(a => new ActionLine(a.GoalOrder, a.Order, a.Text, a.OwnerKind,
                        a.OwnerKind == ActionOwnerKind.Worker ? a.OwnerWorker
                        : a.OwnerKind == ActionOwnerKind.NetworkMember ? a.OwnerNetworkMember!.Name : a.OwnerProvider,
                        a.DueOn, a.Status)).ToList(),
            })
            .FirstOrDefaultAsync();

        var visits = await db.Visits.AsNoTracking().Where(v => v.CaseId == caseId).OrderBy(v => v.VisitedOn).ThenBy(v => v.Id)
            .Select(v => new VisitLine(v.VisitedOn, v.Place, v.WhoWasSeen, v.Observations, v.WorkerScale)).ToListAsync();

        var care = await db.CareArrangements.AsNoTracking().Where(a => head.ChildIds.Contains(a.PersonId))
            .OrderByDescending(a => a.StartedOn).ThenByDescending(a => a.Id)
            .Select(a => new CareLine(a.PersonId, a.Type, a.StartedOn, a.EndedOn, a.Reason, a.ReasonNote, a.Event,
                a.Household == null ? null : a.Household.HeadNameKm, a.Place))
            .ToListAsync();

        var closure = await db.CaseClosures.AsNoTracking().Where(c => c.CaseId == caseId && c.Status != ClosureStatus.Returned && c.ReopenedAt == null)
            .OrderByDescending(c => c.RecordedAt)
            .Select(c => new ClosureLine(c.ClosedOn, c.Reason, c.Note, c.Status, c.ClosedBy, c.DecidedBy, c.FinalWorkerScale, c.FinalFamilyScale,
                c.FinalNetworkScale, c.FinalChildScale))
            .FirstOrDefaultAsync();

        var scorings = (await db.WellbeingScorings.AsNoTracking().Where(s => s.CaseId == caseId).OrderBy(s => s.ScoredOn).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.ScoredOn, s.ScoredBy, Scores = s.Scores.Select(x => new { x.Domain, x.Score, x.Comment }).ToList() })
            .ToListAsync())
            .Select(s => new ScoringLine(s.Id, s.ScoredOn, s.ScoredBy, s.Scores.ToDictionary(x => x.Domain, x => x.Score),
                s.Scores.Where(x => x.Comment != null).ToDictionary(x => x.Domain, x => x.Comment!)))
            .ToList();

        var answers = await db.FormAnswers.AsNoTracking().Where(a => a.CaseId == caseId)
            .Select(a => new { a.Form, a.Field, a.Answer }).ToListAsync();

        return new FormSheet
        {
            CaseId = caseId, Status = head.Status, OpenedAt = head.OpenedAt,
            VillageKm = head.NameKm, VillageEn = head.NameEn, VillageCode = head.Code,
            CommuneKm = head.CommuneKm, CommuneEn = head.CommuneEn, DistrictKm = head.DistrictKm, DistrictEn = head.DistrictEn,
            ProvinceKm = head.ProvinceKm, ProvinceEn = head.ProvinceEn,
            HeadKm = Household.Shown(head.HeadNameKm), HeadLatin = head.HeadNameLatin, Address = head.Address, Phone = head.Phone, IdPoor = head.IdPoor,
            LeadWorker = head.LeadWorker, LeadWorkerName = string.IsNullOrWhiteSpace(head.Worker?.DisplayName) ? head.LeadWorker : head.Worker.DisplayName,
            LeadWorkerPhone = head.Worker?.PhoneNumber,
            ReferralReceivedAt = head.ReceivedAt, Channel = head.Channel, ReferrerName = head.ReferrerName, Concerns = head.Concerns, ConcernNote = head.ConcernNote,
            Children = children, Members = members, Assessment = assessment,
            Plan = plan is null ? null : new PlanLine(plan.Number, plan.Status, plan.AgreedOn, plan.PresentAtAgreement, plan.Goals, plan.Actions),
            Visits = visits, Care = care, Closure = closure, Scorings = scorings,
            Answers = answers.ToDictionary(a => (a.Form, a.Field), a => a.Answer),
        };
    }
}
