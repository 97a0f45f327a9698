using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Features.Admin.Users;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Setup;

/// <summary>
/// First run, step 1: the first administrator's user name and password. Open only while the database has no
/// administrator (404 after). Then two-step sign-in is set up on the spot (the account gate sends an administrator
/// there), and the place the Hive serves is chosen (<see cref="PlaceModel"/>).
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(HiveDbContext db, FirstRun firstRun, DemoSeeder seeder, UserManager<HiveUser> users, SignInManager<HiveUser> signIn,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MinPasswordLength = 12;

    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public async Task<IActionResult> OnGetAsync() => await firstRun.NeededAsync(db) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await firstRun.NeededAsync(db)) return NotFound();
        var name = UserName?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError(nameof(UserName), l["Validation.Required"]);
        else if (name.Length > 64) ModelState.AddModelError(nameof(UserName), l["Validation.TooLong"]);
        else if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) ModelState.AddModelError(nameof(UserName), l["Users.UserNameChars"]);
        if (Password is null || Password.Length < MinPasswordLength) ModelState.AddModelError(nameof(Password), string.Format(l["Setup.PasswordLength"], MinPasswordLength));
        else if (Password.Length > 200) ModelState.AddModelError(nameof(Password), l["Validation.TooLong"]);
        else if (Password != ConfirmPassword) ModelState.AddModelError(nameof(ConfirmPassword), l["Setup.PasswordsDiffer"]);
        if (!ModelState.IsValid) return Page();

        await seeder.EnsureRolesAsync();
        // Scope is set when the place is chosen; until then the administrator's area is empty.
        var admin = new HiveUser { UserName = name, DisplayName = name, ScopeLevel = ScopeLevel.District, ScopeAreaIds = [] };
        var created = await users.CreateAsync(admin, Password!);
        if (!created.Succeeded)
        {
            // Identity's own texts are English: the user-admin pages' translations, next to the field each is about.
            UserForms.AddErrors(created, ModelState, "", nameof(Password), l, MinPasswordLength);
            return Page();
        }
        await users.AddToRoleAsync(admin, Roles.Administrator);
        await signIn.SignInAsync(admin, isPersistent: false);
        // The account gate holds an administrator at two-step sign-in until it is on; then on to the place.
        return LocalRedirect($"{AccountGate.TwoFactorPath}?ReturnUrl={Uri.EscapeDataString(PlaceModel.Path)}");
    }
}
