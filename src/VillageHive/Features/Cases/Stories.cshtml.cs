using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// A case's stories for the commune's report: written without names, chosen for a year's report, and shown there only
/// while the household's latest answer on use in reports is yes.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class StoriesModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class StoryInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Story.StoryTitle")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(4000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Story.Text")]
        public string? Text { get; set; }

        [Range(2000, 2100, ErrorMessage = "Validation.Year")]
        [Display(Name = "Story.Year")]
        public int? SelectedForYear { get; set; }
    }

    public sealed record Row(int Id, string Title, string Text, int? Year, string WrittenBy, DateTime WrittenAt, int Version);

    [BindProperty]
    public StoryInput Story { get; set; } = new();

    public CaseHeader Header { get; private set; } = null!;
    public List<Row> Stories { get; private set; } = [];
    public bool? ReportConsent { get; private set; }
    public bool MayWrite => me.IsInAnyRole(Roles.OutcomeRecorders) && Header.MayWork;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayWrite) return Forbid();
        if (!ModelState.IsValid) return Page();
        db.CaseStories.Add(new CaseStory
        {
            CaseId = id,
            Title = Story.Title!.Trim(),
            Text = Story.Text!.Trim(),
            SelectedForYear = Story.SelectedForYear,
            WrittenBy = me.UserName,
            WrittenAt = clock.UtcNow,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Stories", new { id });
    }

    /// <summary>Chooses (or clears) the year whose report shows a story; a stale version is refused, not overwritten.</summary>
    public async Task<IActionResult> OnPostSelectAsync(int id, int storyId, int? year, int version)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayWrite) return Forbid();
        var story = await db.CaseStories.FirstOrDefaultAsync(s => s.Id == storyId && s.CaseId == id);
        if (story is null) return NotFound();
        if (year is < 2000 or > 2100) ModelState.AddModelError("", l["Validation.Year"]);
        ModelState.Remove("Story.Title");
        ModelState.Remove("Story.Text");
        if (!ModelState.IsValid) return Page();
        story.SelectedForYear = year;
        db.ExpectVersion(story, version);
        if (!await db.TrySaveAsync())
        {
            ModelState.AddModelError("", l["Story.ChangedMeanwhile"]);
            await LoadAsync(id);
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Stories", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return false;
        Header = header;
        Stories = await db.CaseStories.AsNoTracking().Where(s => s.CaseId == id).OrderByDescending(s => s.WrittenAt)
            .Select(s => new Row(s.Id, s.Title, s.Text, s.SelectedForYear, s.WrittenBy, s.WrittenAt, s.Version))
            .ToListAsync();
        ReportConsent = await db.ConsentRecords
            .Where(c => c.HouseholdId == header.HouseholdId && c.PersonId == null && c.Use == ConsentUse.Reports)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
            .Select(c => (bool?)c.Given).FirstOrDefaultAsync();
        return true;
    }
}
