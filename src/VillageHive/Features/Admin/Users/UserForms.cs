using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using VillageHive.Data;

namespace VillageHive.Features.Admin.Users;

/// <summary>Identity results shown as field messages in the user's language.</summary>
public static class UserForms
{
    /// <summary>
    /// Identity's own error texts are English; each code we expect gets a translated message next to the field it
    /// is about, anything else a general one.
    /// </summary>
    public static void AddErrors(IdentityResult result, ModelStateDictionary state, string inputPrefix, string passwordField, IStringLocalizer l, int minimumLength)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(l);
        var userName = inputPrefix.Length == 0 ? nameof(UserInput.UserName) : $"{inputPrefix}.{nameof(UserInput.UserName)}";
        foreach (var error in result.Errors)
        {
            var (field, message) = error.Code switch
            {
                "DuplicateUserName" => (userName, l["Users.UserNameTaken"].Value),
                "InvalidUserName" => (userName, l["Users.UserNameChars"].Value),
                "PasswordTooShort" => (passwordField, string.Format(l["Users.PasswordTooShort"], minimumLength)),
                "ConcurrencyFailure" => ("", l["Concurrency.Changed"].Value),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => (passwordField, l["Users.PasswordWeak"].Value),
                _ => ("", l["Users.NotSaved"].Value),
            };
            if (state[field]?.Errors.Any(e => e.ErrorMessage == message) != true)
                state.AddModelError(field, message);
        }
    }

    /// <summary>Runs the Identity password policy before anything is saved, so its messages sit next to the password.</summary>
    public static async Task CheckPasswordAsync(UserManager<HiveUser> users, HiveUser user, string password, ModelStateDictionary state, string field, IStringLocalizer l, int minimumLength)
    {
        ArgumentNullException.ThrowIfNull(users);
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded) AddErrors(result, state, "", field, l, minimumLength);
        }
    }
}
