using Microsoft.AspNetCore.Identity;
using VillageHive.Domain;

namespace VillageHive.Data;

public sealed class HiveUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public ScopeLevel ScopeLevel { get; set; }
    public List<int> ScopeAreaIds { get; set; } = [];
    public bool IsActive { get; set; } = true;
    /// <summary>The language the user last chose; null means the default (Khmer).</summary>
    public string? PreferredCulture { get; set; }

    public Scope Scope => new(ScopeLevel, ScopeAreaIds);
}
