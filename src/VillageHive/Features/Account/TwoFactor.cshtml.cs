using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Account;

/// <summary>
/// Two-step sign-in for the signed-in user: set up an authenticator app (key and QR code, confirmed by a code),
/// make new recovery codes, or turn it off where the role allows. The last two ask for confirmation first.
/// </summary>
public sealed class TwoFactorModel(UserManager<HiveUser> users, SignInManager<HiveUser> signIn, TwoFactorPolicy policy, IStringLocalizer<SharedResource> l, ILogger<TwoFactorModel> log) : PageModel
{
    public const int RecoveryCodeCount = 10;
    public const string ConfirmNewCodes = "codes";
    public const string ConfirmDisable = "disable";

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The action waiting for the user's confirmation: <see cref="ConfirmNewCodes"/> or <see cref="ConfirmDisable"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>Fresh recovery codes: shown once, on the answer to the request that made them.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public string Continue => LocalUrl.OrHome(Url, ReturnUrl);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage();
        var code = OneTimeCode.Digits(Input.Code);
        if (ModelState.IsValid && code is null)
            ModelState.AddModelError("Input.Code", l["Validation.Code"]);
        else if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code!))
            ModelState.AddModelError("Input.Code", l["TwoFactor.WrongCode"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];
        // The cookie now says two-step sign-in is on, so the account gate lets the user through.
        await signIn.RefreshSignInAsync(user);
        log.LogInformation("User {User} turned on two-step sign-in", user.UserName);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostNewCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        RecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];
        log.LogInformation("User {User} made new recovery codes", user.UserName);
        Confirm = null;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (policy.IsRequiredFor(User))
        {
            Confirm = null;
            ModelState.AddModelError("", l["TwoFactor.CannotDisable"]);
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key: turning it on again later must not reuse a secret that may still sit on a lost phone.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        log.LogInformation("User {User} turned off two-step sign-in", user.UserName);
        return RedirectToPage(new { ReturnUrl = LocalUrl.OrNull(Url, ReturnUrl) });
    }

    private async Task LoadAsync(HiveUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = policy.IsRequiredFor(User);
        if (Confirm is not (ConfirmNewCodes or ConfirmDisable) || !Enabled || (Confirm == ConfirmDisable && Required)) Confirm = null;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            // Resetting the key renews the security stamp; renew the cookie too, or it would be rejected within the half hour.
            await signIn.RefreshSignInAsync(user);
        }
        SharedKey = OneTimeCode.FormatKey(key);
        QrCode = OneTimeCode.QrCodeDataUri(OneTimeCode.AuthenticatorUri(user.UserName!, key));
    }
}
