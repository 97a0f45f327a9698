using VillageHive.Domain;

namespace VillageHive.Features.Cases.Forms;

/// <summary>Small pieces of the forms' layout worked out in code rather than in the view.</summary>
public static class FormsLayout
{
    /// <summary>
    /// The row of form 4's care options a care arrangement falls in. The paper lists them in the order of the alternative
    /// care policy (OSCaR's _show_form_four.pdf.haml: birth family, kin, unrelated family, ..., residential care).
    /// </summary>
    public static string CareOption(CareType type) => type switch
    {
        CareType.BothParents or CareType.OneParent => "Family",
        CareType.Grandparents or CareType.OtherRelatives => "Kin",
        CareType.FosterFamily => "Foster",
        CareType.ResidentialCare => "Residential",
        _ => "Other",
    };

    /// <summary>Whole years, months and days from one day to another (form 6's "total time of support").</summary>
    public static (int Years, int Months, int Days) Span(DateOnly from, DateOnly to)
    {
        if (to < from) return (0, 0, 0);
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (from.AddMonths(months) > to) months--;
        var days = to.DayNumber - from.AddMonths(months).DayNumber;
        return (months / 12, months % 12, days);
    }
}
