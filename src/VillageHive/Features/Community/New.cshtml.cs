using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Community;

/// <summary>A new workshop, support group or club for one or more villages of one commune.</summary>
[Authorize(Policy = Policies.ProgrammeRun)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ActivityInput Input { get; set; } = new();
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];

    public sealed class ActivityInput
    {
        [Display(Name = "Activity.Type")]
        public ActivityType Type { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Activity.Title")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Activity.Topic")]
        public string? Topic { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(256, ErrorMessage = "Validation.TooLong"), Display(Name = "Activity.Facilitator")]
        public string? Facilitator { get; set; }

        public List<int> VillageIds { get; set; } = [];
    }

    public async Task OnGetAsync()
    {
        Villages = await db.VillageOptionsAsync(me.Scope);
        Input.Facilitator = me.UserName;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Villages = await db.VillageOptionsAsync(me.Scope);
        var chosen = Input.VillageIds.Distinct().ToList();
        if (chosen.Count == 0 || chosen.Any(v => Villages.All(o => o.Id != v)))
            ModelState.AddModelError("Input.VillageIds", l["Activity.ChooseVillages"]);
        if (!Enum.IsDefined(Input.Type)) ModelState.AddModelError("Input.Type", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        var communes = await db.Villages.Where(v => chosen.Contains(v.Id)).Select(v => v.CommuneId).Distinct().ToListAsync();
        if (communes.Count != 1)
        {
            ModelState.AddModelError("Input.VillageIds", l["Activity.OneCommune"]);
            return Page();
        }
        var activity = new Activity
        {
            CommuneId = communes[0],
            Type = Input.Type,
            Title = Input.Title!.Trim(),
            Topic = Input.Topic!.Trim(),
            Facilitator = Input.Facilitator!.Trim(),
            CreatedBy = me.UserName,
            CreatedAt = clock.UtcNow,
            Villages = chosen.Select(v => new ActivityVillage { VillageId = v }).ToList(),
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return RedirectToPage("/Community/Details", new { id = activity.Id });
    }
}
