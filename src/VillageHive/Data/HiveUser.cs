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
    /// <summary>Set when an administrator resets the password: the user must choose a new one at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public DateTime? LastSignInAt { get; set; }
    /// <summary>The kinds of notification this person also receives by SMS, at <c>PhoneNumber</c> (+855…).</summary>
    public NotificationKind SmsKinds { get; set; }

    public Scope Scope => new(ScopeLevel, ScopeAreaIds);
}
