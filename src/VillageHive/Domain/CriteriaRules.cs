namespace VillageHive.Domain;

/// <summary>
/// What makes a valid version of the screening checklist, and how the next version is made. A version is never
/// changed in place: every screening keeps the version it was scored with.
/// </summary>
public static class CriteriaRules
{
    public const int MaxWeight = 20;
    public const int MaxText = 300;
    public const int MaxThreshold = 1000;

    /// <summary>A row of the form; a row with both texts empty is left out (that is how a criterion is removed).</summary>
    public sealed record Draft(string? TextKm, string? TextEn, int? Weight, bool ForcesCrisis)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(TextKm) && string.IsNullOrWhiteSpace(TextEn);
    }

    /// <summary>
    /// The fields that break a rule, with the key of their message. Field names are relative to the form:
    /// "Criteria[2].Weight", "CrisisFrom"; an empty field name is about the whole checklist.
    /// </summary>
    public static IReadOnlyList<(string Field, string MessageKey)> Validate(IReadOnlyList<Draft> rows, int? earlyInterventionFrom, int? crisisFrom)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<(string, string)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsBlank) continue;
            CheckText(errors, $"Criteria[{i}].{nameof(Draft.TextKm)}", row.TextKm);
            CheckText(errors, $"Criteria[{i}].{nameof(Draft.TextEn)}", row.TextEn);
            if (row.Weight is null) errors.Add(($"Criteria[{i}].{nameof(Draft.Weight)}", "Validation.Required"));
            else if (row.Weight is < 0 or > MaxWeight) errors.Add(($"Criteria[{i}].{nameof(Draft.Weight)}", "Criteria.WeightRange"));
        }
        if (rows.All(r => r.IsBlank)) errors.Add(("", "Criteria.AtLeastOne"));
        if (earlyInterventionFrom is null) errors.Add(("EarlyInterventionFrom", "Validation.Required"));
        else if (earlyInterventionFrom is < 1 or > MaxThreshold) errors.Add(("EarlyInterventionFrom", "Criteria.ThresholdRange"));
        if (crisisFrom is null) errors.Add(("CrisisFrom", "Validation.Required"));
        else if (crisisFrom is < 1 or > MaxThreshold) errors.Add(("CrisisFrom", "Criteria.ThresholdRange"));
        else if (earlyInterventionFrom is { } ei && ei >= crisisFrom) errors.Add(("CrisisFrom", "Criteria.ThresholdOrder"));
        return errors;
    }

    /// <summary>Version N+1 from the form's rows (blank rows left out, in the order given); the rows must be valid.</summary>
    public static ScreeningCriteriaVersion NextVersion(int currentNumber, IReadOnlyList<Draft> rows, int earlyInterventionFrom, int crisisFrom, string createdBy, DateTime now)
    {
        if (Validate(rows, earlyInterventionFrom, crisisFrom).Count > 0)
            throw new DomainException("Validation.Invalid");
        var order = 0;
        return new ScreeningCriteriaVersion
        {
            Number = currentNumber + 1,
            CreatedAt = now,
            CreatedBy = createdBy,
            EarlyInterventionFrom = earlyInterventionFrom,
            CrisisFrom = crisisFrom,
            Criteria = rows.Where(r => !r.IsBlank).Select(r => new ScreeningCriterion
            {
                Order = ++order,
                TextKm = r.TextKm!.Trim(),
                TextEn = r.TextEn!.Trim(),
                Weight = r.Weight!.Value,
                ForcesCrisis = r.ForcesCrisis,
            }).ToList(),
        };
    }

    private static void CheckText(List<(string, string)> errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) errors.Add((field, "Validation.Required"));
        else if (text.Trim().Length > MaxText) errors.Add((field, "Validation.TooLong"));
    }
}
