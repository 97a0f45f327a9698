using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;

namespace VillageHive.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<HiveUser> signIn, UserManager<HiveUser> users, IStringLocalizer<SharedResource> l, ILogger<LoginModel> log) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        if (user is { IsActive: false })
        {
            log.LogWarning("Sign-in refused for deactivated user {User}", user.UserName);
            ModelState.AddModelError("", l["Login.Failed"]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("User {User} signed in", Input.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        log.LogWarning("Failed sign-in for {User} (locked out: {Locked})", Input.UserName, result.IsLockedOut);
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
