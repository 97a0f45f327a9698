using VillageHive.Data;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Shared;

/// <summary>
/// People as pages name them: the user's full name, not the login name ("ouchar.senior") that records keep (issue 19).
/// Pages show the login names their own queries read; the names come from the process-wide <see cref="AccountNames"/>
/// (no query while no account changed), taken once per request so that one page names everyone alike.
/// Injected into every view as <c>People</c>.
/// </summary>
public sealed class PeopleNames(HiveDbContext db, AccountNames accounts)
{
    private IReadOnlyDictionary<string, string>? names;

    /// <summary>The person's full name; the login name when the account has none or is unknown (a name typed in by hand).</summary>
    public string Of(string? userName)
    {
        if (string.IsNullOrEmpty(userName)) return userName ?? "";
        names ??= accounts.All(db);
        return names.TryGetValue(userName, out var name) ? name : userName;
    }
}
