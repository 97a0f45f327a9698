using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Admin.Users;

/// <summary>The fields of a user account shared by the new-user and edit forms.</summary>
public sealed class UserInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(64, ErrorMessage = "Validation.TooLong")]
    // Typed at every sign-in, often on a phone keyboard: plain Latin letters, digits and . _ - only.
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Users.UserNameChars")]
    [Display(Name = "Login.UserName"), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")]
    // Markup is never needed in a name; refusing it keeps the name harmless wherever it is shown or exported.
    [RegularExpression(@"^[^<>\p{Cc}]*$", ErrorMessage = "Users.NameChars")]
    [Display(Name = "Users.DisplayName"), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string DisplayName { get; set; } = "";

    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Users.Role"), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Role { get; set; } = "";

    [Display(Name = "Users.ScopeLevel")]
    public ScopeLevel Level { get; set; }

    public List<int> VillageIds { get; set; } = [];
    public List<int> CommuneIds { get; set; } = [];
    public List<int> DistrictIds { get; set; } = [];

    /// <summary>The user's Identity concurrency stamp when the form was opened: the row version of the edit.</summary>
    public string? Stamp { get; set; }

    public List<int> AreaIds(ScopeLevel level) => level switch
    {
        ScopeLevel.District => DistrictIds,
        ScopeLevel.Communes => CommuneIds,
        _ => VillageIds,
    };

    public Scope Scope => new(Level, AreaIds(Level).Distinct().Order().ToList());

    public string? PhoneDigits => NameSearch.NormalisePhone(Phone) is { Length: > 0 } digits ? digits : null;

    public static UserInput From(string userName, string displayName, string? phone, string role, Scope scope, string? stamp)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var input = new UserInput { UserName = userName, DisplayName = displayName, Phone = phone, Role = role, Level = scope.Level, Stamp = stamp };
        input.AreaIds(scope.Level).AddRange(scope.AreaIds);
        return input;
    }

    public void ApplyTo(HiveUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.UserName = UserName.Trim();
        user.DisplayName = DisplayName.Trim();
        user.PhoneNumber = PhoneDigits;
        user.ScopeLevel = Level;
        user.ScopeAreaIds = Scope.AreaIds.ToList();
    }

    /// <summary>
    /// Checks the choices against what the form offered and against the rules of <see cref="UserAdministration"/>;
    /// each broken rule becomes a message next to its field.
    /// </summary>
    public void Check(ModelStateDictionary state, string prefix, UserAdminSetting setting, ScopeChoices choices, ManagedUser? before, bool isActive, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(l);
        var role = $"{prefix}.{nameof(Role)}";
        var areas = $"{prefix}.Areas";
        if (!Enum.IsDefined(Level)) state.AddModelError($"{prefix}.{nameof(Level)}", l["Validation.Invalid"]);
        if (Role.Length > 0 && !Roles.All.Contains(Role))
        {
            state.AddModelError(role, l["Validation.Invalid"]);
            return;
        }
        // An id the form did not offer is outside the actor's scope, or no place at all.
        if (AreaIds(Level).Any(id => !choices.Offers(Level, id)))
        {
            state.AddModelError(areas, l["Users.AreaOutOfScope"]);
            return;
        }
        if (Role.Length == 0)
        {
            if (Scope.IsEmpty) state.AddModelError(areas, l["Users.ChooseArea"]);
            return;
        }
        var after = new ManagedUser(before?.Id, Role, Scope, isActive);
        foreach (var breach in UserAdministration.Check(setting.Actor, before, after, setting.Villages))
        {
            var (field, message) = breach switch
            {
                UserRuleBreach.RoleNotGrantable => (role, l["Users.RoleNotGrantable"]),
                UserRuleBreach.OwnRole => (role, l["Users.OwnRole"]),
                UserRuleBreach.NoArea => (areas, l["Users.ChooseArea"]),
                UserRuleBreach.ScopeNotCovered => (areas, l["Users.AreaOutOfScope"]),
                UserRuleBreach.OwnScope => (areas, l["Users.OwnScope"]),
                _ => ("", l["Users.OwnDeactivation"]),
            };
            state.AddModelError(field, message);
        }
    }
}
