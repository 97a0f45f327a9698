using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>
/// Carrying a year's children over to the next year: the page lists who comes over and who does not (left, too old,
/// already enrolled) and is the confirmation; one button enrols them all in the next year, or one child at a time.
/// </summary>
// Read policy, then the running roles: a programme outside the scope is a 404 for everyone.
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class CarryOverModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public ProgrammeQueries.ProgrammeHeader Programme { get; private set; } = null!;
    /// <summary>The year the children come from (?from=, else the current year).</summary>
    public ProgrammeYear? From { get; private set; }
    public ProgrammeYear? Next { get; private set; }
    public IReadOnlyList<ProgrammeYears.Candidate> Coming { get; private set; } = [];
    public IReadOnlyList<ProgrammeYears.Candidate> NotComing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? from)
    {
        if (!await LoadAsync(id, from)) return NotFound();
        if (!me.MayRun()) return Forbid();
        return Page();
    }

    /// <summary>Everyone who comes over, as the page listed them (worked out again now).</summary>
    public async Task<IActionResult> OnPostAsync(int id, int? from)
    {
        if (!await LoadAsync(id, from)) return NotFound();
        if (!me.MayRun()) return Forbid();
        return await CarryAsync(id, Coming);
    }

    /// <summary>One child of the list.</summary>
    public async Task<IActionResult> OnPostOneAsync(int id, int? from, int? enrolmentId)
    {
        if (!await LoadAsync(id, from)) return NotFound();
        if (!me.MayRun()) return Forbid();
        var child = Coming.FirstOrDefault(c => c.EnrolmentId == enrolmentId);
        if (child is null)
        {
            ModelState.AddModelError("", l["CarryOver.NotOnList"]);
            return Page();
        }
        return await CarryAsync(id, [child]);
    }

    private async Task<IActionResult> CarryAsync(int id, IReadOnlyList<ProgrammeYears.Candidate> children)
    {
        if (Next is null)
        {
            ModelState.AddModelError("", l["CarryOver.NoNextYear"]);
            return Page();
        }
        if (children.Count == 0)
        {
            ModelState.AddModelError("", l["CarryOver.Nobody"]);
            return Page();
        }
        foreach (var c in children)
            db.Enrolments.Add(ProgrammeYears.Enrol(id, Next, c.PersonId, Next.StartDate, me.UserName, clock.UtcNow));
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Someone carried a child over meanwhile (the unique index kept one enrolment per child and year): nothing was saved.
            db.ChangeTracker.Clear();
            await LoadAsync(id, From?.Id);
            ModelState.AddModelError("", l["CarryOver.Changed"]);
            return Page();
        }
        TempData["Flash"] = string.Format(l["CarryOver.Done"], children.Count, Next.Label);
        return RedirectToPage("/Programmes/Details", new { id, year = Next.Id });
    }

    private async Task<bool> LoadAsync(int id, int? from)
    {
        var header = await db.HeaderAsync(me.Scope, id);
        if (header is null) return false;
        Programme = header;
        var years = await db.YearsAsync(id);
        var current = ProgrammeYearRules.Current(years, clock.Today);
        From = from is null ? current : years.FirstOrDefault(y => y.Id == from);
        if (from is not null && From is null) return false;
        Next = From is null ? null : ProgrammeYearRules.Next(years, From);
        if (From is null || Next is null) return true;
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == id);
        var all = await db.CarryOverAsync(programme, From, From == current, Next);
        Coming = all.Where(c => c.Refusal is null).ToList();
        NotComing = all.Where(c => c.Refusal is not null).ToList();
        return true;
    }
}
