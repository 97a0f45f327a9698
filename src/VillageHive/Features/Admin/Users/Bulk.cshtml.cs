using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Users;

/// <summary>
/// Many accounts at once, pasted from a sheet: one a line, user name, display name, role and places (village,
/// commune or district codes). Every line is checked as the new-user form checks one; a sheet with any error saves
/// nothing. Each person gets a first password, shown here once, which they change at their first sign-in.
/// </summary>
public sealed class BulkModel(HiveDbContext db, UserManager<HiveUser> users, CurrentUser me, IStringLocalizer<SharedResource> l,
    ILogger<BulkModel> log) : PageModel
{
    public const int MaxLines = 200;
    // No 0/O, 1/l/I: read aloud or copied from paper without mistakes.
    private const string PasswordLetters = "abcdefghjkmnpqrstuvwxyz23456789";

    [BindProperty] public string? Sheet { get; set; }

    public IReadOnlyList<(int Line, string Message)> Problems { get; private set; } = [];
    public IReadOnlyList<(string UserName, string DisplayName, string Password)> Created { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var setting = await UserAdminSetting.LoadAsync(db, me);
        var choices = setting.Choices(null);
        var lines = (Sheet ?? "").Split('\n').Select((text, i) => (Line: i + 1, Text: text.Trim())).Where(x => x.Text.Length > 0).ToList();
        var problems = new List<(int, string)>();
        if (lines.Count == 0) problems.Add((0, l["Validation.Required"]));
        if (lines.Count > MaxLines) problems.Add((0, string.Format(l["Users.BulkTooMany"], MaxLines)));
        var rows = new List<(int Line, UserInput Input)>();
        foreach (var (line, text) in lines.Take(MaxLines))
        {
            var cells = text.Split(text.Contains('\t', StringComparison.Ordinal) ? '\t' : ',').Select(c => c.Trim()).ToArray();
            if (cells.Length < 4)
            {
                problems.Add((line, l["Users.BulkColumns"]));
                continue;
            }
            var input = new UserInput { UserName = cells[0], DisplayName = cells[1], Role = RoleFrom(cells[2]) ?? cells[2] };
            if (!PlacesInto(input, cells[3], choices)) problems.Add((line, l["Users.AreaOutOfScope"]));
            var state = new ModelStateDictionary();
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
                foreach (var r in results) state.AddModelError(r.MemberNames.FirstOrDefault() ?? "", l[r.ErrorMessage ?? "Validation.Invalid"]);
            input.Check(state, "", setting, choices, before: null, isActive: true, l);
            problems.AddRange(state.Values.SelectMany(v => v.Errors).Select(e => (line, e.ErrorMessage)).Distinct());
            rows.Add((line, input));
        }
        foreach (var twice in rows.GroupBy(r => r.Input.UserName.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add((twice.Last().Line, l["Users.UserNameTaken"]));
        var names = rows.Select(r => r.Input.UserName.Trim().ToUpperInvariant()).ToList();
        var taken = await db.Users.Where(u => names.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName).ToListAsync();
        problems.AddRange(rows.Where(r => taken.Contains(r.Input.UserName.Trim().ToUpperInvariant())).Select(r => (r.Line, l["Users.UserNameTaken"].Value)));
        if (problems.Count > 0)
        {
            Problems = problems.OrderBy(p => p.Item1).ToList();
            return Page();
        }

        // All or nothing: one transaction for the whole sheet.
        var created = new List<(string, string, string)>();
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var (line, input) in rows)
        {
            var user = new HiveUser { EmailConfirmed = true, IsActive = true, MustChangePassword = true };
            input.ApplyTo(user);
            var password = RandomNumberGenerator.GetString(PasswordLetters, 12);
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, input.Role);
            if (!result.Succeeded)
            {
                Problems = [(line, l["Users.NotSaved"].Value)];
                return Page();
            }
            created.Add((user.UserName!, user.DisplayName, password));
        }
        await tx.CommitAsync();
        log.LogInformation("{Actor} created {Count} users from a sheet", me.UserName, created.Count);
        Created = created;
        Sheet = null;
        return Page();
    }

    /// <summary>The role from its key or its name on screen, in English or Khmer.</summary>
    private string? RoleFrom(string cell) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, cell, StringComparison.OrdinalIgnoreCase)
            || string.Equals(l["Enum.Role." + r].Value, cell, StringComparison.OrdinalIgnoreCase)
            || string.Equals(English("Enum.Role." + r), cell, StringComparison.OrdinalIgnoreCase));

    private string English(string key)
    {
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            return l[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    /// <summary>Codes separated by spaces or ";": 8 digits villages, 6 communes, 4 districts, all of one kind.</summary>
    private static bool PlacesInto(UserInput input, string cell, ScopeChoices choices)
    {
        var codes = cell.Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (codes.Length == 0 || codes.Select(c => c.Length).Distinct().Count() != 1) return false;
        input.Level = codes[0].Length switch { 8 => ScopeLevel.Villages, 6 => ScopeLevel.Communes, _ => ScopeLevel.District };
        var ids = codes[0].Length switch
        {
            8 => codes.Select(c => choices.Villages.FirstOrDefault(v => v.Code == c)?.Id),
            6 => codes.Select(c => choices.Communes.FirstOrDefault(v => v.Code == c)?.Id),
            4 => codes.Select(c => choices.Districts.FirstOrDefault(v => v.Code == c)?.Id),
            _ => [null],
        };
        var found = ids.ToList();
        if (found.Any(id => id is null)) return false;
        input.AreaIds(input.Level).AddRange(found.Select(id => id!.Value));
        return true;
    }
}
