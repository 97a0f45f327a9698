using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Consultations;

/// <summary>
/// One version of a question script, with the script's other versions. A version no consultation has used yet may
/// still be edited by a planner; once used it is kept as it was (a change is the next version, from a debrief).
/// </summary>
[Authorize(Policy = Policies.ConsultationRead)]
public sealed class ScriptsModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int BlankRows = 3;

    public ScriptVersion V { get; private set; } = null!;
    public IReadOnlyList<(int Id, int Number, int Uses)> Versions { get; private set; } = [];
    public int Uses { get; private set; }
    public bool MayEdit { get; private set; }
    [BindProperty] public List<QuestionInput> Q { get; set; } = [];
    [BindProperty] public string? Changes { get; set; }

    public sealed class QuestionInput
    {
        public ConsultationColumn Column { get; set; }
        public QuestionKind Kind { get; set; }
        public string? TextKm { get; set; }
        public string? TextEn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Q = V.Questions.Select(q => new QuestionInput { Column = q.Column, Kind = q.Kind, TextKm = q.TextKm, TextEn = q.TextEn })
            .Concat(Enumerable.Range(0, BlankRows).Select(_ => new QuestionInput { Column = ConsultationColumn.NeedsToHappen })).ToList();
        Changes = V.Changes;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!me.IsInAnyRole(Roles.ConsultationPlanners)) return Forbid();
        if (!MayEdit) ModelState.AddModelError("", l["Script.Used"]);
        var kept = new List<ScriptQuestion>();
        for (var i = 0; i < Q.Count && i < 200; i++)
        {
            var q = Q[i];
            var km = q.TextKm?.Trim();
            var en = q.TextEn?.Trim();
            if (string.IsNullOrEmpty(km) && string.IsNullOrEmpty(en)) continue;
            if (string.IsNullOrEmpty(km) || string.IsNullOrEmpty(en)) ModelState.AddModelError($"Q[{i}]", l["Script.BothLanguages"]);
            else if (km.Length > 500 || en.Length > 500) ModelState.AddModelError($"Q[{i}]", l["Validation.TooLong"]);
            if (!Enum.IsDefined(q.Column) || !Enum.IsDefined(q.Kind)) ModelState.AddModelError($"Q[{i}]", l["Validation.Invalid"]);
            kept.Add(new ScriptQuestion { Order = i, Column = q.Column, Kind = q.Kind, TextKm = km ?? "", TextEn = en ?? "" });
        }
        if (kept.Count == 0) ModelState.AddModelError("", l["Script.NoQuestions"]);
        if (Changes?.Length > 4000) ModelState.AddModelError(nameof(Changes), l["Validation.TooLong"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var row = await db.ScriptVersions.Include(v => v.Questions).SingleAsync(v => v.Id == id);
        var renumbered = ConsultationRules.NextVersion(row, row.Number, kept, null, row.CreatedBy, row.CreatedAt, null).Questions;
        db.ScriptQuestions.RemoveRange(row.Questions);
        row.Questions.AddRange(renumbered);
        row.Changes = string.IsNullOrWhiteSpace(Changes) ? null : Changes.Trim();
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved) return StatusCode(StatusCodes.Status409Conflict);
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Consultations/Scripts", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var v = await db.ScriptVersions.AsNoTracking().Include(x => x.Script).Include(x => x.Questions.OrderBy(q => q.Column).ThenBy(q => q.Order))
            .SingleOrDefaultAsync(x => x.Id == id);
        if (v is null) return false;
        V = v;
        var list = await db.ScriptVersions.AsNoTracking().Where(x => x.ScriptId == v.ScriptId).OrderBy(x => x.Number)
            .Select(x => new { x.Id, x.Number, Uses = db.Consultations.Count(c => c.ScriptVersionId == x.Id) }).ToListAsync();
        Versions = list.Select(x => (x.Id, x.Number, x.Uses)).ToList();
        Uses = list.Single(x => x.Id == id).Uses;
        MayEdit = Uses == 0 && me.IsInAnyRole(Roles.ConsultationPlanners);
        return true;
    }
}
