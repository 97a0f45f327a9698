using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Account;

/// <summary>
/// The signed-in person's phone number and the kinds of notification they also want by SMS. A Cambodian number
/// (0XX XXX XXX or +855…) is kept as digits (012345678, as user administration keeps phones) and sent as +855…;
/// choosing SMS needs a number.
/// </summary>
public sealed class NotificationsModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public List<NotificationKind> Kinds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == me.UserName)
            .Select(u => new { u.PhoneNumber, u.SmsKinds }).FirstOrDefaultAsync();
        if (user is null) return NotFound();
        Phone = CambodianPhone.Show(user.PhoneNumber);
        Kinds = NotificationRules.Kinds.Where(k => (user.SmsKinds & k) != 0).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == me.UserName);
        if (user is null) return NotFound();
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            phone = Phone.Length > 30 ? null : CambodianPhone.National(Phone);
            if (phone is null) ModelState.AddModelError(nameof(Phone), l["Sms.PhoneInvalid"]);
        }
        if (Kinds.Any(k => !NotificationRules.Kinds.Contains(k))) ModelState.AddModelError(nameof(Kinds), l["Validation.Invalid"]);
        else if (Kinds.Count > 0 && string.IsNullOrWhiteSpace(Phone)) ModelState.AddModelError(nameof(Phone), l["Sms.PhoneNeeded"]);
        if (!ModelState.IsValid) return Page();
        user.PhoneNumber = phone;
        user.SmsKinds = Kinds.Aggregate(NotificationKind.None, (a, k) => a | k);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Account/Notifications");
    }
}
