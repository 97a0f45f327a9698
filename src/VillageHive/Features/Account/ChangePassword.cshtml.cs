using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Account;

/// <summary>Any signed-in user changes the password here; a user whose password was reset by an administrator is sent here first.</summary>
public sealed class ChangePasswordModel(UserManager<HiveUser> users, SignInManager<HiveUser> signIn, IStringLocalizer<SharedResource> l, ILogger<ChangePasswordModel> log) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set on the page shown after a change (post-redirect-get).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public bool Forced => User.HasClaim(c => c.Type == HiveClaims.MustChangePassword);
    public string Continue => LocalUrl.OrHome(Url, ReturnUrl);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Changed = false;
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        // The password policy's own check, run here too so that every field's message shows at once.
        if (!string.IsNullOrEmpty(Input.NewPassword))
        {
            if (Input.NewPassword == Input.CurrentPassword)
                ModelState.AddModelError("Input.NewPassword", l["Validation.PasswordUnchanged"]);
            else
                foreach (var validator in users.PasswordValidators)
                    AddErrors((await validator.ValidateAsync(users, user, Input.NewPassword)).Errors);
        }
        if (!ModelState.IsValid) return Page();

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            log.LogWarning("Password change refused for {User}: {Errors}", user.UserName, string.Join(", ", result.Errors.Select(e => e.Code)));
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // The change renewed the security stamp and cleared the flag: a fresh cookie keeps this session and lets the gate open.
        await signIn.RefreshSignInAsync(user);
        log.LogInformation("User {User} changed the password", user.UserName);
        return RedirectToPage(new { Changed = true, ReturnUrl = LocalUrl.OrNull(Url, ReturnUrl) });
    }

    /// <summary>Identity's errors as messages next to the field they concern, in the user's language.</summary>
    private void AddErrors(IEnumerable<IdentityError> errors)
    {
        foreach (var error in errors)
        {
            if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ModelState.AddModelError("Input.CurrentPassword", l["ChangePassword.WrongCurrent"]);
            else if (error.Code == nameof(IdentityErrorDescriber.PasswordTooShort))
                ModelState.AddModelError("Input.NewPassword", l["Validation.PasswordTooShort"]);
            else
                ModelState.AddModelError("Input.NewPassword", l["Validation.PasswordRejected"]);
        }
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(512, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "ChangePassword.Current")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(512, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "ChangePassword.New")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(512, ErrorMessage = "Validation.TooLong")]
    [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
    [Display(Name = "ChangePassword.Repeat")]
    [DataType(DataType.Password)]
    public string RepeatPassword { get; set; } = "";
}
