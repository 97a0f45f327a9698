using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.ApprovalLimits;

/// <summary>Adds, changes or deletes the approval limit of a role or of one person, in one currency.</summary>
public sealed class EditModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string ForRole = "role";
    public const string ForPerson = "person";

    public sealed class LimitInput
    {
        [Display(Name = "Limits.Role")]
        public string? Role { get; set; }

        [StringLength(256, ErrorMessage = "Validation.TooLong"), Display(Name = "Limits.Person")]
        public string? UserName { get; set; }

        [Display(Name = "Support.Currency")]
        public Currency Currency { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(30, ErrorMessage = "Validation.TooLong"), Display(Name = "Limits.Amount")]
        public string? Amount { get; set; }

        public int Version { get; set; }
    }

    [BindProperty] public LimitInput Input { get; set; } = new();

    /// <summary>Which field the form offers: a role, a person, or (not said) both.</summary>
    [BindProperty(SupportsGet = true, Name = "target")] public string? Target { get; set; }

    public int? Id { get; private set; }
    public string? SetBy { get; private set; }
    public DateTime? SetAt { get; private set; }
    /// <summary>People whose role approves support, offered as the person's user name is typed.</summary>
    public IReadOnlyList<(string UserName, string DisplayName)> Approvers { get; private set; } = [];
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    public bool OffersRole => Target != ForPerson;
    public bool OffersPerson => Target != ForRole;

    public async Task<IActionResult> OnGetAsync(int? id, string? role, Currency? currency, string? user)
    {
        if (id is { } lid)
        {
            var limit = await db.ApproverLimits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == lid);
            if (limit is null) return NotFound();
            Show(limit);
        }
        else
        {
            if (role is not null && Roles.SupportApprovers.Contains(role)) (Input.Role, Target) = (role, ForRole);
            if (user is { Length: <= 256 }) (Input.UserName, Target) = (user, ForPerson);
            if (currency is { } c && Enum.IsDefined(c)) Input.Currency = c;
        }
        await LoadApproversAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        ApproverLimit? limit = null;
        if (id is { } lid)
        {
            limit = await db.ApproverLimits.FirstOrDefaultAsync(x => x.Id == lid);
            if (limit is null) return NotFound();
            (Id, SetBy, SetAt) = (lid, limit.SetBy, limit.SetAt);
        }
        await LoadApproversAsync();
        var (userName, amount) = await ValidateAsync(id);
        if (!ModelState.IsValid) return Page();

        limit ??= new ApproverLimit();
        if (limit.Id != 0 && limit.Version != Input.Version) return Stale(limit);
        limit.Role = userName is null ? Input.Role : null;
        limit.UserName = userName;
        limit.Currency = Input.Currency;
        limit.MaxAmountMinor = Money.ToMinor(amount, Input.Currency);
        limit.SetBy = me.UserName;
        limit.SetAt = clock.UtcNow;
        if (limit.Id == 0) db.ApproverLimits.Add(limit);
        else db.ExpectVersion(limit, Input.Version);
        switch (await db.SaveOrRefuseAsync())
        {
            case SaveOutcome.Changed:
                await db.Entry(limit).ReloadAsync();
                return Stale(limit);
            case SaveOutcome.Refused:
                // Someone added the same limit between the check and the save (the unique index refused it).
                ModelState.AddModelError("Input.Currency", l["Limits.Duplicate"]);
                return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Deletes the limit once the person ticked the confirmation; a limit changed since it was shown is kept.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int? id, bool confirm, int version)
    {
        if (id is not { } lid) return NotFound();
        var limit = await db.ApproverLimits.FirstOrDefaultAsync(x => x.Id == lid);
        if (limit is null) return NotFound();
        await LoadApproversAsync();
        ModelState.Clear();
        Show(limit);
        if (!confirm)
        {
            ModelState.AddModelError("Delete", l["Limits.ConfirmDeleteRequired"]);
            return Page();
        }
        db.ApproverLimits.Remove(limit);
        db.ExpectVersion(limit, version);
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            var saved = await db.ApproverLimits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == lid);
            if (saved is null) return RedirectToPage("Index");
            Show(saved);
            ModelState.AddModelError("Delete", l["Concurrency.Changed"]);
            return Page();
        }
        TempData["Flash"] = l["Limits.Deleted"].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Checks the form; the person's user name as stored (null for a role's limit) and the amount typed.</summary>
    private async Task<(string? UserName, decimal Amount)> ValidateAsync(int? id)
    {
        var typedName = string.IsNullOrWhiteSpace(Input.UserName) ? null : Input.UserName.Trim();
        var role = string.IsNullOrWhiteSpace(Input.Role) ? null : Input.Role;
        string? userName = null;
        if (BudgetRules.LimitTargetRefusal(role, typedName) is { } target)
            ModelState.AddModelError(OffersRole ? "Input.Role" : "Input.UserName", l[target]);
        else if (typedName is not null)
        {
            var normalised = typedName.ToUpperInvariant();
            var person = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalised)
                .Select(u => new { u.UserName, Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList() })
                .FirstOrDefaultAsync();
            if (person is null) ModelState.AddModelError("Input.UserName", l["Limits.NoSuchUser"]);
            else if (!BudgetRules.MayHoldLimit(person.Roles)) ModelState.AddModelError("Input.UserName", l["Limits.NotApprover"]);
            else userName = person.UserName;
        }
        if (!Enum.IsDefined(Input.Currency)) ModelState.AddModelError("Input.Currency", l["Support.CurrencyInvalid"]);
        var amount = 0m;
        if (Input.Amount is { } typed && ModelState.GetFieldValidationState("Input.Amount") != ModelValidationState.Invalid)
        {
            if (!Money.TryParse(typed, out amount)) ModelState.AddModelError("Input.Amount", l["Validation.Number"]);
            else if (BudgetRules.AmountRefusal(amount, Input.Currency) is { } refusal) ModelState.AddModelError("Input.Amount", l[refusal]);
        }
        if (!ModelState.IsValid) return (userName, amount);
        var self = id ?? 0;
        var currency = Input.Currency;
        var taken = userName is not null
            ? await db.ApproverLimits.AnyAsync(x => x.Id != self && x.UserName == userName && x.Currency == currency)
            : await db.ApproverLimits.AnyAsync(x => x.Id != self && x.UserName == null && x.Role == role && x.Currency == currency);
        if (taken) ModelState.AddModelError("Input.Currency", l["Limits.Duplicate"]);
        return (userName, amount);
    }

    private PageResult Stale(ApproverLimit saved)
    {
        Conflict = [(l["Limits.Amount"], Input.Amount ?? "", Money.Format(saved.MaxAmountMinor, saved.Currency))];
        ModelState.Remove("Input.Version");
        Input.Version = saved.Version;
        (SetBy, SetAt) = (saved.SetBy, saved.SetAt);
        return Page();
    }

    private void Show(ApproverLimit limit)
    {
        (Id, SetBy, SetAt) = (limit.Id, limit.SetBy, limit.SetAt);
        Target = limit.UserName is null ? ForRole : ForPerson;
        Input = new LimitInput
        {
            Role = limit.Role, UserName = limit.UserName, Currency = limit.Currency,
            Amount = Money.ForInput(limit.MaxAmountMinor, limit.Currency), Version = limit.Version,
        };
    }

    private async Task LoadApproversAsync()
    {
        var approving = Roles.SupportApprovers.ToArray();
        var roleIds = db.Roles.Where(r => approving.Contains(r.Name!)).Select(r => r.Id);
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.UserName).Take(1000)
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync();
        Approvers = rows.Select(u => (u.UserName ?? "", u.DisplayName)).ToList();
    }
}
