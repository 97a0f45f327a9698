using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Budgets;

/// <summary>Adds, changes or deletes one budget line of a commune in the administrator's area.</summary>
public sealed class EditModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class BudgetInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Budgets.Commune")]
        public int? CommuneId { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Range(BudgetRules.FirstYear, BudgetRules.LastYear, ErrorMessage = "Validation.Year")]
        [Display(Name = "Budgets.Year")]
        public int? Year { get; set; }

        /// <summary>Empty: the line is for any kind of support.</summary>
        [Display(Name = "Budgets.Kind")]
        public SupportItem? Item { get; set; }

        [Display(Name = "Support.Currency")]
        public Currency Currency { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(30, ErrorMessage = "Validation.TooLong"), Display(Name = "Budgets.Amount")]
        public string? Amount { get; set; }

        public int Version { get; set; }
    }

    [BindProperty] public BudgetInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public string? SetBy { get; private set; }
    public DateTime? SetAt { get; private set; }
    public IReadOnlyList<(int Id, string NameKm, string NameEn)> Communes { get; private set; } = [];
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? communeId, int? year)
    {
        await LoadCommunesAsync();
        if (id is { } bid)
        {
            var b = await FindAsync(bid, tracked: false);
            if (b is null) return NotFound();
            Show(b);
            return Page();
        }
        Input.CommuneId = Communes.Any(c => c.Id == communeId) ? communeId : null;
        Input.Year = year is { } y && BudgetRules.YearAllowed(y) ? y : clock.Today.Year;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        await LoadCommunesAsync();
        CommuneBudget? b = null;
        if (id is { } bid)
        {
            b = await FindAsync(bid, tracked: true);
            if (b is null) return NotFound();
            Id = bid;
            (SetBy, SetAt) = (b.SetBy, b.SetAt);
        }
        var amount = await ValidateAsync(id);
        if (!ModelState.IsValid) return Page();

        b ??= new CommuneBudget();
        if (b.Id != 0 && b.Version != Input.Version) return Stale(b);
        b.CommuneId = Input.CommuneId!.Value;
        b.Year = Input.Year!.Value;
        b.Item = Input.Item;
        b.Currency = Input.Currency;
        b.AmountMinor = Money.ToMinor(amount, Input.Currency);
        b.SetBy = me.UserName;
        b.SetAt = clock.UtcNow;
        if (b.Id == 0) db.CommuneBudgets.Add(b);
        else db.ExpectVersion(b, Input.Version);
        switch (await db.SaveOrRefuseAsync())
        {
            case SaveOutcome.Changed:
                await db.Entry(b).ReloadAsync();
                return Stale(b);
            case SaveOutcome.Refused:
                // The same line was added by someone else between the check and the save (the unique index refused it).
                ModelState.AddModelError("Input.Item", l["Budgets.Duplicate"]);
                return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("Index", null, new { year = b.Year }, $"commune-{b.CommuneId}");
    }

    /// <summary>Deletes the line once the person ticked the confirmation; a line changed since it was shown is kept.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int? id, bool confirm, int version)
    {
        if (id is not { } bid) return NotFound();
        await LoadCommunesAsync();
        var b = await FindAsync(bid, tracked: true);
        if (b is null) return NotFound();
        ModelState.Clear();
        Show(b);
        if (!confirm)
        {
            ModelState.AddModelError("Delete", l["Budgets.ConfirmDeleteRequired"]);
            return Page();
        }
        db.CommuneBudgets.Remove(b);
        db.ExpectVersion(b, version);
        if (!await db.TrySaveAsync())
        {
            // Changed since it was shown: show the saved line and delete nothing; gone already: nothing left to do.
            db.ChangeTracker.Clear();
            var saved = await FindAsync(bid, tracked: false);
            if (saved is null) return RedirectToPage("Index", new { year = b.Year });
            Show(saved);
            ModelState.AddModelError("Delete", l["Concurrency.Changed"]);
            return Page();
        }
        TempData["Flash"] = l["Budgets.Deleted"].Value;
        return RedirectToPage("Index", null, new { year = b.Year }, $"commune-{b.CommuneId}");
    }

    /// <summary>Checks the form against the rules and the other lines; the amount typed, when it reads as one.</summary>
    private async Task<decimal> ValidateAsync(int? id)
    {
        if (Input.CommuneId is { } c && Communes.All(x => x.Id != c))
            ModelState.AddModelError("Input.CommuneId", l["Validation.Invalid"]);
        if (Input.Item is { } item && !Enum.IsDefined(item))
            ModelState.AddModelError("Input.Item", l["Validation.Invalid"]);
        if (!Enum.IsDefined(Input.Currency))
            ModelState.AddModelError("Input.Currency", l["Support.CurrencyInvalid"]);
        var amount = 0m;
        if (Input.Amount is { } typed && ModelState.GetFieldValidationState("Input.Amount") != ModelValidationState.Invalid)
        {
            if (!Money.TryParse(typed, out amount)) ModelState.AddModelError("Input.Amount", l["Validation.Number"]);
            else if (BudgetRules.AmountRefusal(amount, Input.Currency) is { } refusal) ModelState.AddModelError("Input.Amount", l[refusal]);
        }
        if (!ModelState.IsValid) return amount;
        var self = id ?? 0;
        var (commune, year, currency, kind) = (Input.CommuneId!.Value, Input.Year!.Value, Input.Currency, Input.Item);
        if (await db.CommuneBudgets.AnyAsync(b => b.Id != self && b.CommuneId == commune && b.Year == year && b.Currency == currency && b.Item == kind))
            ModelState.AddModelError("Input.Item", l["Budgets.Duplicate"]);
        return amount;
    }

    private PageResult Stale(CommuneBudget saved)
    {
        Conflict = [(l["Budgets.Amount"], Input.Amount ?? "", Money.Format(saved.AmountMinor, saved.Currency))];
        ModelState.Remove("Input.Version");
        Input.Version = saved.Version;
        (SetBy, SetAt) = (saved.SetBy, saved.SetAt);
        return Page();
    }

    private void Show(CommuneBudget b)
    {
        Id = b.Id;
        (SetBy, SetAt) = (b.SetBy, b.SetAt);
        Input = new BudgetInput
        {
            CommuneId = b.CommuneId, Year = b.Year, Item = b.Item, Currency = b.Currency,
            Amount = Money.ForInput(b.AmountMinor, b.Currency), Version = b.Version,
        };
    }

    /// <summary>A line of a commune in the caller's area, else null (the page answers 404).</summary>
    private Task<CommuneBudget?> FindAsync(int id, bool tracked)
    {
        var communes = db.Communes.Where(me.Scope.CommunePredicate()).Select(c => c.Id);
        var budgets = tracked ? db.CommuneBudgets : db.CommuneBudgets.AsNoTracking();
        return budgets.FirstOrDefaultAsync(b => b.Id == id && communes.Contains(b.CommuneId));
    }

    private async Task LoadCommunesAsync()
    {
        var byName = db.Communes.AsNoTracking().Where(me.Scope.CommunePredicate());
        var rows = await (Localisation.IsKhmer ? byName.OrderBy(c => c.NameKm) : byName.OrderBy(c => c.NameEn)).ThenBy(c => c.Code)
            .Select(c => new { c.Id, c.NameKm, c.NameEn }).ToListAsync();
        Communes = rows.Select(c => (c.Id, c.NameKm, c.NameEn)).ToList();
    }
}
