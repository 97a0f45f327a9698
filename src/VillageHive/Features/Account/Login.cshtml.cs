using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;

namespace VillageHive.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<HiveUser> signIn, UserManager<HiveUser> users, SignInRecorder recorder, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var userName = Input.UserName.Trim();
        var user = await users.FindByNameAsync(userName);
        if (user is { IsActive: false })
        {
            await recorder.RecordAsync(userName, SignInStep.Password, SignInOutcome.Deactivated, user);
            ModelState.AddModelError("", l["Login.Failed"]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await recorder.RecordAsync(userName, SignInStep.Password, SignInOutcome.Succeeded, user);
            return LocalRedirect(LocalUrl.OrHome(Url, ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            await recorder.RecordAsync(userName, SignInStep.Password, SignInOutcome.SecondFactorNeeded, user);
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = LocalUrl.OrNull(Url, ReturnUrl) });
        }
        await recorder.RecordAsync(userName, SignInStep.Password, result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed, user);
        ModelState.AddModelError("", result.IsLockedOut ? l["Login.LockedOut"] : l["Login.Failed"]);
        return Page();
    }
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Login.UserName")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(512, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Login.Password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
