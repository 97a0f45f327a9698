using Microsoft.EntityFrameworkCore;
using VillageHive.Data;

namespace VillageHive.Features.Shared;

/// <summary>
/// People as pages name them: the user's full name, not the login name ("ouchar.senior") that records keep (issue 19).
/// Pages show the login names their own queries read; the first name asked for reads every account's full name in
/// one query (a district has hundreds of accounts, two short columns each), so a list costs one query, not one a row.
/// Injected into every view as <c>People</c>.
/// </summary>
public sealed class PeopleNames(HiveDbContext db)
{
    private Dictionary<string, string>? names;

    /// <summary>The person's full name; the login name when the account has none or is unknown (a name typed in by hand).</summary>
    public string Of(string? userName)
    {
        if (string.IsNullOrEmpty(userName)) return userName ?? "";
        names ??= db.Users.AsNoTracking().Where(u => u.UserName != null && u.DisplayName != "")
            .Select(u => new { u.UserName, u.DisplayName }).ToList()
            .ToDictionary(u => u.UserName!, u => u.DisplayName, StringComparer.OrdinalIgnoreCase);
        return names.TryGetValue(userName, out var name) ? name : userName;
    }
}
