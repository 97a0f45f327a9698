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
            new() { Order = 1, Weight = 3, TextEn = "Parents plan to migrate for work and leave the children", TextKm = "ឪពុកម្ដាយគ្រោងចំណាកស្រុកទៅធ្វើការ ហើយទុកកូនចោល" },
            new() { Order = 2, Weight = 3, TextEn = "Children already live with grandparents or relatives", TextKm = "កុមាររស់នៅជាមួយជីដូនជីតា ឬសាច់ញាតិរួចហើយ" },
            new() { Order = 3, Weight = 3, TextEn = "Extreme poverty: not enough food", TextKm = "ក្រីក្រខ្លាំង៖ អាហារមិនគ្រប់គ្រាន់" },
            new() { Order = 4, Weight = 4, TextEn = "Violence in the home", TextKm = "អំពើហិង្សាក្នុងគ្រួសារ" },
            new() { Order = 5, Weight = 2, TextEn = "Alcohol or drug use by a caregiver", TextKm = "អ្នកថែទាំប្រើគ្រឿងស្រវឹង ឬគ្រឿងញៀន" },
            new() { Order = 6, Weight = 2, TextEn = "A child out of school or often absent", TextKm = "កុមារឈប់រៀន ឬអវត្តមានញឹកញាប់" },
            new() { Order = 7, Weight = 2, TextEn = "A child working", TextKm = "កុមារធ្វើការ" },
            new() { Order = 8, Weight = 1, TextEn = "No birth registration or ID", TextKm = "គ្មានសំបុត្រកំណើត ឬអត្តសញ្ញាណប័ណ្ណ" },
            new() { Order = 9, Weight = 2, TextEn = "Disability or long illness in the family", TextKm = "ពិការភាព ឬជំងឺរ៉ាំរ៉ៃក្នុងគ្រួសារ" },
            new() { Order = 10, Weight = 2, TextEn = "Unsafe housing", TextKm = "លំនៅដ្ឋានគ្មានសុវត្ថិភាព" },
            new() { Order = 11, Weight = 10, ForcesCrisis = true, TextEn = "Abuse or exploitation of a child", TextKm = "ការរំលោភបំពាន ឬការកេងប្រវ័ញ្ចលើកុមារ" },
        ],
    };
}
