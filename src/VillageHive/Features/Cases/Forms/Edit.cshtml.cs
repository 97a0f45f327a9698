using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Forms;

/// <summary>
/// The fields of one MoSVY form the case does not otherwise hold, asked once and kept (one row per case, form and field;
/// a field emptied is removed). Whoever may record on the case may fill them, also once it is closed (form 6 is written then).
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class EditModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];

    public int Id { get; private set; }
    public int Number { get; private set; }
    public IReadOnlyList<MosvyForms.Field> Fields { get; private set; } = [];

    private async Task<IActionResult?> CheckAsync(int id, int n)
    {
        if (!MosvyForms.Exists(n)) return NotFound();
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Number = n;
        Fields = MosvyForms.FieldsOf(n);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id, int n)
    {
        if (await CheckAsync(id, n) is { } refused) return refused;
        Answers = await db.FormAnswers.AsNoTracking().Where(a => a.CaseId == id && a.Form == n)
            .ToDictionaryAsync(a => a.Field, a => (string?)a.Answer);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int n)
    {
        if (await CheckAsync(id, n) is { } refused) return refused;
        var kept = new Dictionary<string, string?>();
        foreach (var field in Fields)
        {
            var (value, refusal) = MosvyForms.Check(field, Answers.GetValueOrDefault(field.Key), clock.Today);
            if (refusal is not null) ModelState.AddModelError($"Answers[{field.Key}]", l[refusal]);
            kept[field.Key] = value;
        }
        if (!ModelState.IsValid) return Refused();

        var rows = await db.FormAnswers.Where(a => a.CaseId == id && a.Form == n).ToListAsync();
        foreach (var (key, value) in kept)
        {
            var row = rows.FirstOrDefault(r => r.Field == key);
            if (value is null)
            {
                if (row is not null) db.FormAnswers.Remove(row);
            }
            else if (row is null)
            {
                db.FormAnswers.Add(new FormAnswer { CaseId = id, Form = n, Field = key, Answer = value, AnsweredBy = me.UserName, AnsweredAt = clock.UtcNow });
            }
            else if (row.Answer != value)
            {
                row.Answer = value;
                row.AnsweredBy = me.UserName;
                row.AnsweredAt = clock.UtcNow;
            }
        }
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Forms.NotSaved"]);
            return Refused();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Forms/Sheet", null, new { id, n });
    }

    /// <summary>The form again with its messages, as 422: nothing was saved.</summary>
    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string? ErrorOf(string key) =>
        ModelState.TryGetValue($"Answers[{key}]", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
