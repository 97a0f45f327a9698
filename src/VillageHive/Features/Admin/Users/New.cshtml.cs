using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Users;

/// <summary>A new user account with its role, scope and a first password that the user must change.</summary>
public sealed class NewModel(HiveDbContext db, UserManager<HiveUser> users, CurrentUser me, IStringLocalizer<SharedResource> l,
    IOptions<IdentityOptions> identity, ILogger<NewModel> log) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required"), StringLength(256, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password), Display(Name = "Users.InitialPassword"), DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Password { get; set; } = "";

    [BindProperty, Display(Name = "Users.Active")]
    public bool Active { get; set; } = true;

    public int MinimumPasswordLength => identity.Value.Password.RequiredLength;

    public async Task OnGetAsync()
    {
        var setting = await PrepareAsync();
        Input.Role = setting.GrantableRoles.Contains(Roles.VillageSocialWorker) ? Roles.VillageSocialWorker : "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var setting = await PrepareAsync();
        var choices = (ScopeChoices)ViewData["Choices"]!;
        Input.Check(ModelState, nameof(Input), setting, choices, before: null, Active, l);
        var user = new HiveUser { EmailConfirmed = true, IsActive = Active, MustChangePassword = true };
        Input.ApplyTo(user);
        if (ModelState.GetFieldValidationState($"{nameof(Input)}.{nameof(Input.UserName)}") != ModelValidationState.Invalid
            && await users.FindByNameAsync(user.UserName!) is not null)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UserName)}", l["Users.UserNameTaken"]);
        if (ModelState.GetFieldValidationState(nameof(Password)) != ModelValidationState.Invalid)
            await UserForms.CheckPasswordAsync(users, user, Password, ModelState, nameof(Password), l, MinimumPasswordLength);
        if (!ModelState.IsValid) return Page();

        // Creating the account and giving its role are two saves; one transaction, so no user is left without a role.
        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            var created = await users.CreateAsync(user, Password);
            if (created.Succeeded) created = await users.AddToRoleAsync(user, Input.Role);
            if (!created.Succeeded)
            {
                UserForms.AddErrors(created, ModelState, nameof(Input), nameof(Password), l, MinimumPasswordLength);
                return Page();
            }
            await tx.CommitAsync();
        }
        catch (DbUpdateException)
        {
            // Another administrator took the same user name a moment ago (the unique index said so).
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UserName)}", l["Users.UserNameTaken"]);
            return Page();
        }
        log.LogInformation("{Actor} created user {User} as {Role}", me.UserName, user.UserName, Input.Role);
        TempData["Flash"] = l["Users.Created"].Value;
        return RedirectToPage("/Admin/Users/Edit", new { id = user.Id });
    }

    private async Task<UserAdminSetting> PrepareAsync()
    {
        var setting = await UserAdminSetting.LoadAsync(db, me);
        ViewData["Choices"] = setting.Choices(null);
        ViewData["RoleOptions"] = setting.GrantableRoles;
        return setting;
    }
}
