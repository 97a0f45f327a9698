using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;

namespace VillageHive.Features.Account;

/// <summary>The second sign-in step: the 6-digit code from the authenticator app. Wrong codes count towards the lockout.</summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<HiveUser> signIn, SignInRecorder recorder, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToSignIn() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // The password step leaves a short-lived cookie naming the user; without it, start again.
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return BackToSignIn();
        var code = OneTimeCode.Digits(Input.Code);
        if (ModelState.IsValid && code is null) ModelState.AddModelError("Input.Code", l["Validation.Code"]);
        if (!ModelState.IsValid) return Page();
        if (!user.IsActive)
        {
            await recorder.RecordAsync(user.UserName!, SignInStep.AuthenticatorCode, SignInOutcome.Deactivated, user);
            ModelState.AddModelError("", l["Login.Failed"]);
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code!, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await recorder.RecordAsync(user.UserName!, SignInStep.AuthenticatorCode, SignInOutcome.Succeeded, user);
            return LocalRedirect(LocalUrl.OrHome(Url, ReturnUrl));
        }
        await recorder.RecordAsync(user.UserName!, SignInStep.AuthenticatorCode, result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed, user);
        if (result.IsLockedOut) ModelState.AddModelError("", l["Login.LockedOut"]);
        else ModelState.AddModelError("Input.Code", l["TwoFactor.WrongCode"]);
        return Page();
    }

    private RedirectToPageResult BackToSignIn() => RedirectToPage("/Account/Login", new { ReturnUrl = LocalUrl.OrNull(Url, ReturnUrl) });
}

public sealed class CodeInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.Code")]
    [Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";
}
