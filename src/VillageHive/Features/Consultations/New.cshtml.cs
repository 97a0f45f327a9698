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

namespace VillageHive.Features.Consultations;

/// <summary>Plans a consultation of one village: date, facilitators, participant groups, script version, pre-brief.</summary>
[Authorize(Policy = Policies.ConsultationPlan)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public PlanInput Input { get; set; } = new();
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public IReadOnlyList<ConsultationQueries.VersionOption> Scripts { get; private set; } = [];

    public sealed class PlanInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Village")]
        public int? VillageId { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Consultation.PlannedOn")]
        public DateOnly? PlannedOn { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Consultation.Script")]
        public int? ScriptVersionId { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Consultation.Facilitators")]
        public string? Facilitators { get; set; }

        [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Consultation.PreBrief")]
        public string? PreBrief { get; set; }

        /// <summary>Participants per group (a group not given: none came).</summary>
        public Dictionary<ParticipantGroup, int> Counts { get; set; } = [];
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.Facilitators = me.UserName;
        Input.PlannedOn = clock.Today.AddDays(7);
        Input.ScriptVersionId = Scripts.Count > 0 ? Scripts[0].Id : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Input.VillageId is { } v && Villages.All(o => o.Id != v))
            ModelState.AddModelError("Input.VillageId", l["Validation.VillageOutOfScope"]);
        if (Input.ScriptVersionId is { } s && Scripts.All(o => o.Id != s))
            ModelState.AddModelError("Input.ScriptVersionId", l["Consultation.OldScript"]);
        if (Input.PlannedOn is { } d && (d.Year < 2000 || d.Year > 2100))
            ModelState.AddModelError("Input.PlannedOn", l["Validation.DateTooOld"]);
        var groups = Enum.GetValues<ParticipantGroup>();
        if (Input.Counts.Any(c => !Enum.IsDefined(c.Key) || c.Value is < 0 or > ConsultationRules.MaxParticipantsPerGroup))
            ModelState.AddModelError("Input.Counts", l["Consultation.BadCount"]);
        var names = ConsultationQueries.Names(Input.Facilitators);
        if (names.Count > 0)
        {
            var known = await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => u.UserName!).ToListAsync();
            var unknown = names.Except(known).ToList();
            if (unknown.Count > 0) ModelState.AddModelError("Input.Facilitators", string.Format(l["Consultation.UnknownUsers"], string.Join(", ", unknown)));
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var consultation = new Consultation
        {
            VillageId = Input.VillageId!.Value,
            PlannedOn = Input.PlannedOn!.Value,
            ScriptVersionId = Input.ScriptVersionId!.Value,
            Facilitators = string.Join(", ", names),
            PreBrief = string.IsNullOrWhiteSpace(Input.PreBrief) ? null : Input.PreBrief.Trim(),
            Status = ConsultationStatus.Planned,
            CreatedBy = me.UserName,
            CreatedAt = clock.UtcNow,
            Participants = groups.Where(g => Input.Counts.GetValueOrDefault(g) > 0).Select(g => new ConsultationParticipants { Group = g, Count = Input.Counts[g] }).ToList(),
        };
        db.Consultations.Add(consultation);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved) return StatusCode(StatusCodes.Status409Conflict);
        return RedirectToPage("/Consultations/Details", new { id = consultation.Id });
    }

    private async Task LoadAsync()
    {
        Villages = await db.VillageOptionsAsync(me.Scope);
        Scripts = await db.LatestVersionsAsync();
    }
}
