using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;

namespace VillageHive.Features.Cases;

/// <summary>
/// The children a referral (and the case opened from it) is about, by name: lists show them, since a household made
/// from a referral has no head to name it by.
/// </summary>
public static class CaseChildren
{
    public sealed record Child(int PersonId, string NameKm, string? NameLatin);

    /// <summary>The children of each referral, in the order they were entered; one query for a page of rows.</summary>
    public static async Task<Dictionary<int, IReadOnlyList<Child>>> ChildrenOfReferralsAsync(this HiveDbContext db, IReadOnlyCollection<int> referralIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (referralIds.Count == 0) return [];
        var ids = referralIds.ToArray();
        var rows = await db.ReferralChildren.AsNoTracking().Where(rc => EF.Parameter(ids).Contains(rc.ReferralId))
            .OrderBy(rc => rc.PersonId)
            .Select(rc => new { rc.ReferralId, rc.PersonId, rc.Person!.FamilyNameKm, rc.Person.GivenNameKm, rc.Person.FamilyNameLatin, rc.Person.GivenNameLatin })
            .ToListAsync();
        return rows.GroupBy(r => r.ReferralId).ToDictionary(g => g.Key, g => (IReadOnlyList<Child>)g.Select(r =>
        {
            var latin = $"{r.FamilyNameLatin} {r.GivenNameLatin}".Trim();
            return new Child(r.PersonId, $"{r.FamilyNameKm} {r.GivenNameKm}", latin.Length == 0 ? null : latin);
        }).ToList());
    }

    /// <summary>
    /// The line naming the children on a list row ("Children: …"), nothing when there are none. Built here rather than by
    /// a partial view: a list renders it on every row, and a partial costs a view lookup and a view context each time.
    /// </summary>
    public static IHtmlContent Line(IReadOnlyList<Child> children, string label)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (children.Count == 0) return HtmlString.Empty;
        return new HtmlContentBuilder(3)
            .AppendHtml("<div class=\"hive-muted hive-child-names\">")
            .Append($"{label}: {string.Join(", ", children.Select(c => c.NameLatin is null ? c.NameKm : $"{c.NameKm} ({c.NameLatin})"))}")
            .AppendHtml("</div>");
    }
}
