using VillageHive.Data.Seed;
using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>What every generator shares: the plan, the id counters, the row sink and the screening checklist.</summary>
public sealed class ScaleContext(ScalePlan plan, Ids ids, RowSink sink, ScreeningCriteriaVersion criteria, HiveClock clock)
{
    public ScalePlan Plan { get; } = plan;
    public Ids Ids { get; } = ids;
    public RowSink Rows { get; } = sink;
    public ScreeningCriteriaVersion Criteria { get; } = criteria;
    public DateTime Now => Plan.Now;
    public DateOnly Today => clock.DayOf(Plan.Now);

    /// <summary>The commune's day a generated instant fell on.</summary>
    public DateOnly DayOf(DateTime at) => clock.DayOf(at);

    /// <summary>The instant of a commune wall-clock time on a commune day.</summary>
    public DateTime At(DateOnly day, TimeOnly time) => clock.At(day, time);

    /// <summary>How many villages get people (set once the geography is made).</summary>
    public int PopulatedVillages { get; set; }

    /// <summary>The village's social worker: the demo users in Ou Char and Svay Pao, so that they find work to do.</summary>
    public static string WorkerFor(VillageRef v) => (v.CommuneCode, v.Number) switch
    {
        (DemoGeography.OuCharCode, <= 3) => "ouchar.vbsw1",
        (DemoGeography.OuCharCode, _) => "ouchar.vbsw2",
        (DemoGeography.SvayPaoCode, <= 3) => "svaypao.vbsw1",
        _ => $"vbsw.{v.Code}",
    };

    public static string SupervisorFor(VillageRef v) => v.CommuneCode switch
    {
        DemoGeography.OuCharCode => "ouchar.senior",
        DemoGeography.SvayPaoCode => "svaypao.ccwc",
        _ => $"senior.{v.CommuneCode}",
    };

    public static string MemberFor(VillageRef v) =>
        v.CommuneCode == DemoGeography.OuCharCode && v.Number == 1 ? "ouchar.member1" : $"member.{v.Code}";
}

/// <summary>A populated village; Ordinal counts the populated villages from 0 (to share out an exact household total).</summary>
public sealed record VillageRef(int Id, string Code, int Number, int CommuneId, string CommuneCode, int Ordinal = 0);

/// <summary>Facts about one household that later generators need (who the children are, where they live).</summary>
public sealed record HouseholdFacts(int Id, VillageRef Village, DateTime CreatedAt, int HeadId, string HeadName, int[] ChildIds, int[] AdultIds);

/// <summary>The referral row itself is kept so that the case generator can mark it in support before it is written.</summary>
public sealed record ReferralFacts(Referral Referral, HouseholdFacts Household, Screening? Screening);

public sealed record CaseFacts(int Id, HouseholdFacts Household, Tier Tier, CaseStatus Status, DateTime OpenedAt, DateTime? ClosedAt, int[] PlanGoalIds);

/// <summary>
/// One commune's worth of work. Generators run in order on it; each reads what the ones before it left here
/// (households, then referrals, then cases) and adds its own. Rows go to the sink, not here.
/// </summary>
public sealed class CommuneChunk(int index, IReadOnlyList<VillageRef> villages)
{
    public int Index { get; } = index;
    public IReadOnlyList<VillageRef> Villages { get; } = villages;
    public List<HouseholdFacts> Households { get; } = [];
    public List<ReferralFacts> Referrals { get; } = [];
    public List<CaseFacts> Cases { get; } = [];

    /// <summary>A random source of its own for each generator and commune, so adding a generator changes nothing before it.</summary>
    public Random RandomFor(ScaleContext context, int generator) =>
        new(unchecked((context.Plan.Seed * 1_000_003) + (Index * 7_919) + (generator * 104_729)));
}

/// <summary>Makes one capability's rows for a commune. Services, programmes and outcomes add one class each.</summary>
public interface IScaleGenerator
{
    void Generate(ScaleContext context, CommuneChunk chunk);
}
