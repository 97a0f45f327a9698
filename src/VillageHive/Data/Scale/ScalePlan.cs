namespace VillageHive.Data.Scale;

public enum ScaleLevel
{
    /// <summary>The district's geography with people in Ou Char only (~2,000 households): quick to make, for tests.</summary>
    Commune,
    /// <summary>Battambang District: 10 communes, 62 villages, ~20,000 households, ~100,000 persons, ~3,000 cases.</summary>
    District,
    /// <summary>Cambodia: 25 provinces, 200 districts, ~1,600 communes, ~13,500 villages, ~3.4 million households, ~17 million persons.</summary>
    National,
}

/// <summary>How much to make. Shares are of households (referrals) or of screenings (cases).</summary>
public sealed record ScalePlan(
    ScaleLevel Level,
    int Seed,
    DateTime Now,
    int HouseholdsPerVillage,
    double ReferralShare,
    double CaseShare,
    int Years,
    int? ExactHouseholds = null)
{
    public static ScalePlan For(ScaleLevel level, int seed, DateTime now, int? households = null)
    {
        // 20,000 households over the district's 62 villages; the nation about 255 a village (17 million persons over ~13,500 villages).
        var perVillage = level switch
        {
            ScaleLevel.Commune => 330,
            ScaleLevel.District => 323,
            _ => 255,
        };
        var plan = new ScalePlan(level, seed, now, perVillage, ReferralShare: 0.28, CaseShare: 0.55, Years: 5);
        if (households is { } n)
        {
            // A total for the populated villages: Ou Char has six, the district 62.
            var villages = level == ScaleLevel.Commune ? 6 : level == ScaleLevel.District ? 62 : 14_000;
            plan = plan with { HouseholdsPerVillage = Math.Max(1, (int)Math.Ceiling(n / (double)villages)), ExactHouseholds = n };
        }
        return plan;
    }

    public DateTime From => Now.AddYears(-Years);
}
