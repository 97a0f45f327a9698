using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Registry.Persons;

/// <summary>Moves a person to another household in the caller's scope; the old household stays in the history.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class MoveModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty]
    public MoveInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string NameKm { get; private set; } = "";
    public int CurrentHouseholdId { get; private set; }
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public sealed record Candidate(int Id, string? HeadKm, string VillageKm, string VillageEn, int Members);

    public sealed class MoveInput
    {
        [Required(ErrorMessage = "Move.ChooseHousehold")]
        public int? TargetHouseholdId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Date)]
        [Display(Name = "Move.MovedOn")]
        public DateOnly? MovedOn { get; set; }

        [Display(Name = "Field.RelationToHead")]
        public RelationToHead NewRelation { get; set; } = RelationToHead.OtherRelative;

        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Move.Reason")]
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input.MovedOn = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var person = await db.PersonsIn(me.Scope).FirstOrDefaultAsync(p => p.Id == id);
        if (person is null) return NotFound();
        await LoadAsync(id);
        if (!ModelState.IsValid) return Page();
        var target = await db.HouseholdsIn(me.Scope).FirstOrDefaultAsync(h => h.Id == Input.TargetHouseholdId);
        if (target is null)
        {
            ModelState.AddModelError("Input.TargetHouseholdId", l["Move.ChooseHousehold"]);
            return Page();
        }
        var now = clock.UtcNow;
        try
        {
            person.MoveTo(target, Input.MovedOn!.Value, Input.NewRelation, Input.Reason, me.UserName, clock);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", l[e.MessageKey]);
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Move.Done"].Value;
        return RedirectToPage("/Registry/Persons/Details", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var scope = me.Scope;
        var p = await db.PersonsIn(scope).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.FamilyNameKm, x.GivenNameKm, x.HouseholdId }).FirstOrDefaultAsync();
        if (p is null) return false;
        Id = id;
        NameKm = $"{p.FamilyNameKm} {p.GivenNameKm}";
        CurrentHouseholdId = p.HouseholdId;
        if (Query is { Length: > 100 }) Query = Query[..100];
        if (!string.IsNullOrWhiteSpace(Query) || Input.TargetHouseholdId is not null)
        {
            var chosen = Input.TargetHouseholdId;
            Candidates = await db.HouseholdsIn(scope).AsNoTracking()
                .Where(h => h.Id != p.HouseholdId)
                .Matching(db, string.IsNullOrWhiteSpace(Query) ? null : Query)
                .Where(h => !string.IsNullOrWhiteSpace(Query) || h.Id == chosen)
                .OrderBy(h => h.Id)
                .Take(20)
                .Select(h => new Candidate(h.Id,
                    Household.Shown(h.HeadNameKm),
                    h.Village!.NameKm, h.Village.NameEn, h.Members.Count))
                .ToListAsync();
        }
        return true;
    }
}
