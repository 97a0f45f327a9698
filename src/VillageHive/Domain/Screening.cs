namespace VillageHive.Domain;

/// <summary>Scores a screening against a version of the criteria and proposes a decision and a priority.</summary>
public static class ScreeningScorer
{
    public sealed record Proposal(int Score, ScreeningDecision Decision, Priority Priority);

    public static Proposal Propose(ScreeningCriteriaVersion version, IReadOnlyCollection<int> metCriteria, Urgency urgency)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(metCriteria);
        var met = version.Criteria.Where(c => metCriteria.Contains(c.Id)).ToList();
        var score = met.Sum(c => c.Weight);
        var decision = met.Any(c => c.ForcesCrisis) || score >= version.CrisisFrom
            ? ScreeningDecision.CrisisResponse
            : score >= version.EarlyInterventionFrom ? ScreeningDecision.EarlyIntervention : ScreeningDecision.NoFurtherAction;
        var priority = urgency == Urgency.ImmediateDanger || decision == ScreeningDecision.CrisisResponse
            ? Priority.High
            : decision == ScreeningDecision.EarlyIntervention || urgency == Urgency.Soon ? Priority.Medium : Priority.Low;
        return new Proposal(score, decision, priority);
    }

    /// <summary>A worker may change the proposal, but only with a written reason.</summary>
    public static bool NeedsReason(Proposal proposal, ScreeningDecision decision, Priority priority)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return proposal.Decision != decision || proposal.Priority != priority;
    }

    public static Tier TierFor(ScreeningDecision decision) => decision switch
    {
        ScreeningDecision.CrisisResponse => Tier.Crisis,
        ScreeningDecision.EarlyIntervention => Tier.EarlyIntervention,
        _ => Tier.Universal,
    };

    /// <summary>The programme's own checklist (risk of family separation), version 1 of the demo.</summary>
    public static ScreeningCriteriaVersion DefaultVersion(DateTime now) => new()
    {
        Number = 1,
        CreatedAt = now,
        CreatedBy = "system",
        EarlyInterventionFrom = 4,
        CrisisFrom = 9,
        Criteria =
        [
            new() { Order = 1, Weight = 3, TextEn = CriterionKey.ParentsMigrate, TextKm = "ឪពុកម្ដាយគ្រោងចំណាកស្រុកទៅធ្វើការ ហើយទុកកូនចោល" },
            new() { Order = 2, Weight = 3, TextEn = CriterionKey.LeftWithRelatives, TextKm = "កុមាររស់នៅជាមួយជីដូនជីតា ឬសាច់ញាតិរួចហើយ" },
            new() { Order = 3, Weight = 3, TextEn = CriterionKey.ExtremePoverty, TextKm = "ក្រីក្រខ្លាំង៖ អាហារមិនគ្រប់គ្រាន់" },
            new() { Order = 4, Weight = 4, TextEn = CriterionKey.Violence, TextKm = "អំពើហិង្សាក្នុងគ្រួសារ" },
            new() { Order = 5, Weight = 2, TextEn = CriterionKey.AlcoholOrDrugs, TextKm = "អ្នកថែទាំប្រើគ្រឿងស្រវឹង ឬគ្រឿងញៀន" },
            new() { Order = 6, Weight = 2, TextEn = CriterionKey.OutOfSchool, TextKm = "កុមារឈប់រៀន ឬអវត្តមានញឹកញាប់" },
            new() { Order = 7, Weight = 2, TextEn = CriterionKey.ChildWorking, TextKm = "កុមារធ្វើការ" },
            new() { Order = 8, Weight = 1, TextEn = CriterionKey.NoBirthRegistration, TextKm = "គ្មានសំបុត្រកំណើត ឬអត្តសញ្ញាណប័ណ្ណ" },
            new() { Order = 9, Weight = 2, TextEn = CriterionKey.DisabilityOrIllness, TextKm = "ពិការភាព ឬជំងឺរ៉ាំរ៉ៃក្នុងគ្រួសារ" },
            new() { Order = 10, Weight = 2, TextEn = CriterionKey.UnsafeHousing, TextKm = "លំនៅដ្ឋានគ្មានសុវត្ថិភាព" },
            new() { Order = 11, Weight = 10, ForcesCrisis = true, TextEn = CriterionKey.AbuseOrExploitation, TextKm = "ការរំលោភបំពាន ឬការកេងប្រវ័ញ្ចលើកុមារ" },
        ],
    };
}

/// <summary>
/// The programme checklist's criteria, named by their English text. Criteria have no code of their own: a new version
/// copies the rows it keeps unchanged, so a criterion's English text is what identifies it from version to version.
/// </summary>
public static class CriterionKey
{
    public const string ParentsMigrate = "Parents plan to migrate for work and leave the children";
    public const string LeftWithRelatives = "Children already live with grandparents or relatives";
    public const string ExtremePoverty = "Extreme poverty: not enough food";
    public const string Violence = "Violence in the home";
    public const string AlcoholOrDrugs = "Alcohol or drug use by a caregiver";
    public const string OutOfSchool = "A child out of school or often absent";
    public const string ChildWorking = "A child working";
    public const string NoBirthRegistration = "No birth registration or ID";
    public const string DisabilityOrIllness = "Disability or long illness in the family";
    public const string UnsafeHousing = "Unsafe housing";
    public const string AbuseOrExploitation = "Abuse or exploitation of a child";
}

/// <summary>Which screening criteria a referrer's concerns imply: the screening starts with them ticked.</summary>
public static class ConcernCriteria
{
    /// <summary>Each concern and the criterion it implies ("Other" implies none: the worker reads the note).</summary>
    public static readonly IReadOnlyDictionary<Concerns, string> Implied = new Dictionary<Concerns, string>
    {
        [Concerns.ParentsMigrating] = CriterionKey.ParentsMigrate,
        [Concerns.LeftWithRelatives] = CriterionKey.LeftWithRelatives,
        [Concerns.ExtremePoverty] = CriterionKey.ExtremePoverty,
        [Concerns.Violence] = CriterionKey.Violence,
        [Concerns.AlcoholOrDrugs] = CriterionKey.AlcoholOrDrugs,
        [Concerns.OutOfSchool] = CriterionKey.OutOfSchool,
        [Concerns.ChildWorking] = CriterionKey.ChildWorking,
        [Concerns.NoBirthRegistration] = CriterionKey.NoBirthRegistration,
        [Concerns.Disability] = CriterionKey.DisabilityOrIllness,
        [Concerns.Illness] = CriterionKey.DisabilityOrIllness,
        [Concerns.UnsafeHousing] = CriterionKey.UnsafeHousing,
        [Concerns.AbuseOrExploitation] = CriterionKey.AbuseOrExploitation,
    };

    /// <summary>The ids of the criteria of this version that the concerns imply; a criterion whose text was rewritten implies nothing.</summary>
    public static IReadOnlyList<int> Of(Concerns concerns, ScreeningCriteriaVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var keys = Implied.Where(x => concerns.HasFlag(x.Key)).Select(x => x.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return version.Criteria.Where(c => keys.Contains(c.TextEn.Trim())).OrderBy(c => c.Order).Select(c => c.Id).ToList();
    }
}
