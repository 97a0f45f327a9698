using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Users;

/// <summary>
/// One user account: its fields, and the actions an administrator takes on it (deactivate, reactivate, reset the
/// password, unlock, reset two-factor). Each action is its own POST and needs its confirmation box ticked.
/// </summary>
public sealed class EditModel(HiveDbContext db, UserManager<HiveUser> users, CurrentUser me, IStringLocalizer<SharedResource> l,
    IOptions<IdentityOptions> identity, HiveClock clock, ILogger<EditModel> log) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public UserView Account { get; private set; } = null!;
    public UserAdminSetting Setting { get; private set; } = null!;
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];
    public int MinimumPasswordLength => identity.Value.Password.RequiredLength;
    public bool IsSelf => Account.Id == me.Id;
    /// <summary>What the user chose to receive by SMS on their own account page (shown, not changed, here).</summary>
    public NotificationKind SmsKinds { get; private set; }
    public bool MayResetTwoFactor => UserAdministration.MayResetTwoFactor(Setting.Actor);

    public sealed record UserView(string Id, string UserName, string DisplayName, string? Phone, string Role, Scope Scope, bool IsActive,
        DateTimeOffset? LockedUntil, int FailedSignIns, bool TwoFactor, bool MustChangePassword, DateTime? LastSignInAt, string? Stamp);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = UserInput.From(Account.UserName, Account.DisplayName, Account.Phone, Account.Role, Account.Scope, Account.Stamp);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        var before = new ManagedUser(user.Id, Account.Role, user.Scope, user.IsActive);
        Input.Check(ModelState, nameof(Input), Setting, (ScopeChoices)ViewData["Choices"]!, before, user.IsActive, l);
        if (!ModelState.IsValid) return Page();
        if (user.ConcurrencyStamp != Input.Stamp) return Stale(user);

        var roleChanged = Account.Role != Input.Role;
        Input.ApplyTo(user);
        // The stamp the form was opened with is the one the UPDATE must find, or someone saved in between.
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = Input.Stamp;
        // The fields and the role are separate saves in Identity; one transaction keeps them together.
        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            var result = await users.UpdateAsync(user);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))) return await StaleAfterSaveAsync(user);
            if (result.Succeeded && roleChanged)
            {
                var current = await users.GetRolesAsync(user);
                result = await users.RemoveFromRolesAsync(user, current);
                if (result.Succeeded) result = await users.AddToRoleAsync(user, Input.Role);
            }
            if (!result.Succeeded)
            {
                UserForms.AddErrors(result, ModelState, nameof(Input), "", l, MinimumPasswordLength);
                return Page();
            }
            await tx.CommitAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UserName)}", l["Users.UserNameTaken"]);
            return Page();
        }
        log.LogInformation("{Actor} changed user {User} (role {Role}, scope {Scope})", me.UserName, user.UserName, Input.Role, user.Scope.Serialise());
        return Done(id, "Form.Saved");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id, bool confirm)
    {
        var user = await FindForActionAsync(id);
        if (user is null) return NotFound();
        if (!Confirmed(confirm, "Deactivate")) return Page();
        if (!UserAdministration.MayDeactivate(Setting.Actor, user.Id))
        {
            // The deactivate box is not shown on one's own page, so the message goes to the top of the form.
            ModelState.AddModelError("", l["Users.OwnDeactivation"]);
            return Page();
        }
        user.IsActive = false;
        // A new security stamp ends the sessions the user already has open at their next check.
        EnsureSaved(await users.UpdateSecurityStampAsync(user));
        log.LogWarning("{Actor} deactivated user {User}", me.UserName, user.UserName);
        return Done(id, "Users.Deactivated");
    }

    public async Task<IActionResult> OnPostReactivateAsync(string id, bool confirm)
    {
        var user = await FindForActionAsync(id);
        if (user is null) return NotFound();
        if (!Confirmed(confirm, "Reactivate")) return Page();
        user.IsActive = true;
        EnsureSaved(await users.UpdateAsync(user));
        log.LogWarning("{Actor} reactivated user {User}", me.UserName, user.UserName);
        return Done(id, "Users.Reactivated");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, bool confirm, string? newPassword)
    {
        var user = await FindForActionAsync(id);
        if (user is null) return NotFound();
        if (string.IsNullOrEmpty(newPassword)) ModelState.AddModelError("NewPassword", l["Validation.Required"]);
        else if (newPassword.Length > 256) ModelState.AddModelError("NewPassword", l["Validation.TooLong"]);
        if (!Confirmed(confirm, "ResetPassword") || !ModelState.IsValid) return Page();
        // The administrator knows this password too, so the user must replace it at the next sign-in. The flag is
        // saved with the new hash in the same update.
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword!);
        if (!result.Succeeded)
        {
            UserForms.AddErrors(result, ModelState, nameof(Input), "NewPassword", l, MinimumPasswordLength);
            return Page();
        }
        log.LogWarning("{Actor} reset the password of user {User}", me.UserName, user.UserName);
        return Done(id, "Users.PasswordReset");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, bool confirm)
    {
        var user = await FindForActionAsync(id);
        if (user is null) return NotFound();
        if (!Confirmed(confirm, "Unlock")) return Page();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        EnsureSaved(await users.UpdateAsync(user));
        log.LogWarning("{Actor} unlocked user {User}", me.UserName, user.UserName);
        return Done(id, "Users.Unlocked");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, bool confirm)
    {
        var user = await FindForActionAsync(id);
        if (user is null) return NotFound();
        if (!UserAdministration.MayResetTwoFactor(Setting.Actor)) return Forbid();
        if (!Confirmed(confirm, "ResetTwoFactor")) return Page();
        // Turned off, a new authenticator key and no recovery codes: neither the old phone app nor a code written
        // down for it works any more; the user enrols again. Two saves in Identity, so one transaction.
        await using var tx = await db.Database.BeginTransactionAsync();
        user.TwoFactorEnabled = false;
        EnsureSaved(await users.ResetAuthenticatorKeyAsync(user));
        if (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0) is null)
            throw new InvalidOperationException("The recovery codes could not be cleared.");
        await tx.CommitAsync();
        log.LogWarning("{Actor} reset two-factor sign-in of user {User}", me.UserName, user.UserName);
        return Done(id, "Users.TwoFactorReset");
    }

    /// <summary>Loads the page's view of the user; false when the user does not exist or is not the caller's to manage.</summary>
    private async Task<bool> LoadAsync(string id)
    {
        Setting = await UserAdminSetting.LoadAsync(db, me);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.PhoneNumber, u.ScopeLevel, u.ScopeAreaIds, u.IsActive, u.LockoutEnd, u.AccessFailedCount,
                u.TwoFactorEnabled, u.MustChangePassword, u.LastSignInAt, u.ConcurrencyStamp, u.SmsKinds,
                RoleIds = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => ur.RoleId).ToList(),
            })
            .FirstOrDefaultAsync();
        if (row is null) return false;
        SmsKinds = row.SmsKinds;
        var roles = row.RoleIds.Select(Setting.RoleName).OfType<string>().ToList();
        var scope = new Scope(row.ScopeLevel, row.ScopeAreaIds);
        if (!UserAdministration.MayManage(Setting.Actor, roles, scope, Setting.Villages)) return false;
        var lockedUntil = row.LockoutEnd > new DateTimeOffset(clock.UtcNow) ? row.LockoutEnd : null;
        Account = new UserView(row.Id, row.UserName ?? "", row.DisplayName, row.PhoneNumber, roles.OrderByDescending(UserAdministration.Rank).FirstOrDefault() ?? "",
            scope, row.IsActive, lockedUntil, row.AccessFailedCount, row.TwoFactorEnabled, row.MustChangePassword, row.LastSignInAt, row.ConcurrencyStamp);
        ViewData["Choices"] = Setting.Choices(scope);
        // The user's own role stays on the list even when the caller may not give it, so that an unchanged form saves.
        ViewData["RoleOptions"] = Roles.All.Where(r => Setting.GrantableRoles.Contains(r) || r == Account.Role).ToList();
        return true;
    }

    /// <summary>The tracked user for a change, after the same checks as the page.</summary>
    private async Task<HiveUser?> FindAsync(string id) =>
        await LoadAsync(id) ? await users.FindByIdAsync(id) : null;

    /// <summary>For the action buttons: the edit form was not posted, so it is filled from the database.</summary>
    private async Task<HiveUser?> FindForActionAsync(string id)
    {
        ModelState.Clear();
        var user = await FindAsync(id);
        if (user is not null)
            Input = UserInput.From(Account.UserName, Account.DisplayName, Account.Phone, Account.Role, Account.Scope, Account.Stamp);
        return user;
    }

    private bool Confirmed(bool confirm, string action)
    {
        if (!confirm) ModelState.AddModelError(action, l["Users.ConfirmFirst"]);
        return confirm;
    }

    private static void EnsureSaved(IdentityResult result)
    {
        // Only a store failure can break these updates (no validation applies); let the error page say so.
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    private RedirectToPageResult Done(string id, string messageKey)
    {
        TempData["Flash"] = l[messageKey].Value;
        return RedirectToPage("/Admin/Users/Edit", new { id });
    }

    private PageResult Stale(HiveUser saved)
    {
        var theirs = UserInput.From(saved.UserName ?? "", saved.DisplayName, saved.PhoneNumber, Account.Role, saved.Scope, saved.ConcurrencyStamp);
        Conflict = Differences(Input, theirs);
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Stamp)}");
        Input.Stamp = saved.ConcurrencyStamp;
        return Page();
    }

    private async Task<PageResult> StaleAfterSaveAsync(HiveUser user)
    {
        await db.Entry(user).ReloadAsync();
        var roles = await users.GetRolesAsync(user);
        Account = Account with { Role = roles.OrderByDescending(UserAdministration.Rank).FirstOrDefault() ?? "" };
        return Stale(user);
    }

    private List<(string, string, string)> Differences(UserInput mine, UserInput theirs)
    {
        var rows = new List<(string, string, string)>();
        void Add(string key, string a, string b)
        {
            if (a != b) rows.Add((l[key], a, b));
        }
        Add("Login.UserName", mine.UserName.Trim(), theirs.UserName);
        Add("Users.DisplayName", mine.DisplayName.Trim(), theirs.DisplayName);
        Add("Field.Phone", mine.PhoneDigits ?? "", theirs.Phone ?? "");
        Add("Users.Role", RoleLabel(mine.Role), RoleLabel(theirs.Role));
        if (!UserAdministration.SameScope(mine.Scope, theirs.Scope))
            rows.Add((l["Users.Scope"], Setting.Describe(mine.Scope, l), Setting.Describe(theirs.Scope, l)));
        if (rows.Count == 0) rows.Add((l["Concurrency.NoFieldChanged"], "", ""));
        return rows;
    }

    private string RoleLabel(string role) => role.Length == 0 ? "–" : l["Enum.Role." + role];
}
