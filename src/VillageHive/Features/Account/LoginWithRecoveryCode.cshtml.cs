using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;

namespace VillageHive.Features.Account;

/// <summary>The second sign-in step for a user without the phone: one of the recovery codes, each good once.</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<HiveUser> signIn, UserManager<HiveUser> users, SignInRecorder recorder, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RecoveryCodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToSignIn() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return BackToSignIn();
        if (!ModelState.IsValid) return Page();
        if (!user.IsActive)
        {
            await recorder.RecordAsync(user.UserName!, SignInStep.RecoveryCode, SignInOutcome.Deactivated, user);
            ModelState.AddModelError("", l["Login.Failed"]);
            return Page();
        }
        // Identity neither checks nor counts the lockout for recovery codes; do both, as for the app's codes.
        if (await users.IsLockedOutAsync(user))
            return await RefusedAsync(user, SignInOutcome.LockedOut);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(OneTimeCode.RecoveryCode(Input.Code));
        if (result.Succeeded)
        {
            await recorder.RecordAsync(user.UserName!, SignInStep.RecoveryCode, SignInOutcome.Succeeded, user);
            return LocalRedirect(LocalUrl.OrHome(Url, ReturnUrl));
        }
        await users.AccessFailedAsync(user);
        return await RefusedAsync(user, await users.IsLockedOutAsync(user) ? SignInOutcome.LockedOut : SignInOutcome.Failed);
    }

    private async Task<PageResult> RefusedAsync(HiveUser user, SignInOutcome outcome)
    {
        await recorder.RecordAsync(user.UserName!, SignInStep.RecoveryCode, outcome, user);
        if (outcome == SignInOutcome.LockedOut) ModelState.AddModelError("", l["Login.LockedOut"]);
        else ModelState.AddModelError("Input.Code", l["LoginWithRecoveryCode.Wrong"]);
        return Page();
    }

    private RedirectToPageResult BackToSignIn() => RedirectToPage("/Account/Login", new { ReturnUrl = LocalUrl.OrNull(Url, ReturnUrl) });
}

public sealed class RecoveryCodeInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "LoginWithRecoveryCode.Code")]
    public string Code { get; set; } = "";
}
