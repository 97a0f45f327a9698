using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Consultations;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Research;

/// <summary>A focus group: read by research readers; recorded and corrected by the commune's seniors. People are counted by group and sex, never named.</summary>
[Authorize(Policy = Policies.ResearchRead)]
public sealed class FocusGroupModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly Sex[] Sexes = [Sex.Female, Sex.Male];

    public FocusGroup? Existing { get; private set; }
    public bool MayWrite { get; private set; }
    public IReadOnlyList<(int Id, string NameKm, string NameEn)> Communes { get; private set; } = [];
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    /// <summary>The active workers of the caller's communes (a name an older record holds is kept as typed).</summary>
    public IReadOnlyList<(string UserName, string DisplayName)> Workers { get; private set; } = [];
    public string FacilitatorShown { get; private set; } = "";
    [BindProperty] public GroupInput Input { get; set; } = new();

    public sealed class GroupInput
    {
        public string? Title { get; set; }
        public DateOnly? HeldOn { get; set; }
        public int? CommuneId { get; set; }
        public int? VillageId { get; set; }
        public string? Facilitator { get; set; }
        public string? Questions { get; set; }
        public string? Notes { get; set; }
        public string? Quotes { get; set; }
        public List<Themes> Themes { get; set; } = [];
        /// <summary>Counts by group and sex: index group × 2 + (0 women, 1 men).</summary>
        public Dictionary<int, int> Counts { get; set; } = [];
        public int Version { get; set; }
    }

    public static int Slot(ParticipantGroup g, Sex s) => (int)g * 2 + (s == Sex.Male ? 1 : 0);

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Existing is null && !MayWrite) return Forbid();
        if (Existing is { } f)
        {
            Input = new GroupInput
            {
                Title = f.Title, HeldOn = f.HeldOn, CommuneId = f.CommuneId, VillageId = f.VillageId, Facilitator = f.Facilitator, Questions = f.Questions,
                Notes = f.Notes, Quotes = f.Quotes, Themes = ThemeList.Split(f.Themes).ToList(), Version = f.Version,
            };
            foreach (var p in f.Participants) Input.Counts[Slot(p.Group, p.Sex)] = p.Count;
        }
        else
        {
            Input.HeldOn = clock.Today;
            Input.Facilitator = Workers.Any(w => w.UserName == me.UserName) ? me.UserName : null;
            Input.CommuneId = Communes.Count > 0 ? Communes[0].Id : null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayWrite) return Forbid();
        void Check(bool ok, string field, string key)
        {
            if (!ok) ModelState.AddModelError($"Input.{field}", l[key]);
        }
        Check(!string.IsNullOrWhiteSpace(Input.Title), nameof(Input.Title), "Validation.Required");
        Check(Input.Title is null || Input.Title.Length <= 200, nameof(Input.Title), "Validation.TooLong");
        Check(!string.IsNullOrWhiteSpace(Input.Facilitator), nameof(Input.Facilitator), "Validation.Required");
        Check(Input.Facilitator is null || Input.Facilitator.Length <= 256, nameof(Input.Facilitator), "Validation.TooLong");
        foreach (var (text, field) in new[] { (Input.Questions, nameof(Input.Questions)), (Input.Notes, nameof(Input.Notes)), (Input.Quotes, nameof(Input.Quotes)) })
            Check(text is null || text.Length <= 4000, field, "Validation.TooLong");
        Check(Input.HeldOn is not null, nameof(Input.HeldOn), "Validation.Required");
        Check(Input.HeldOn is not { } d || d <= clock.Today, nameof(Input.HeldOn), "Validation.DateInFuture");
        Check(Input.HeldOn is not { } o || o.Year >= 2000, nameof(Input.HeldOn), "Validation.DateTooOld");
        Check(Input.CommuneId is { } c && Communes.Any(x => x.Id == c), nameof(Input.CommuneId), "Validation.Required");
        Check(Input.VillageId is not { } v || Villages.Any(x => x.Id == v), nameof(Input.VillageId), "Validation.VillageOutOfScope");
        var themes = Input.Themes.Aggregate(Themes.None, (a, t) => a | t);
        Check(ThemeList.IsValid(themes), nameof(Input.Themes), "Validation.Invalid");
        Check(Input.Counts.All(n => n.Key >= 0 && n.Key < Enum.GetValues<ParticipantGroup>().Length * 2 && n.Value is >= 0 and <= ConsultationRules.MaxParticipantsPerGroup),
            nameof(Input.Counts), "Consultation.BadCount");
        if (ModelState.IsValid)
        {
            var workers = (await ConsultationQueries.FacilitatorsOfAsync(db, Input.CommuneId!.Value)).Select(w => w.UserName).ToList();
            string[] kept = Existing is null ? [] : [Existing.Facilitator];
            if (ConsultationRules.FacilitatorsRefused([Input.Facilitator!.Trim()], workers, kept) is [var refused])
                ModelState.AddModelError("Input.Facilitator", string.Format(l["Consultation.NotCommuneWorkers"], refused));
        }
        if (ModelState.IsValid && Input.VillageId is { } village && await db.Villages.Where(x => x.Id == village).Select(x => x.CommuneId).SingleAsync() != Input.CommuneId)
            Check(false, nameof(Input.VillageId), "Research.VillageNotInCommune");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var row = Existing is null ? new FocusGroup { CreatedBy = me.UserName, CreatedAt = clock.UtcNow } : await db.FocusGroups.Include(f => f.Participants).SingleAsync(f => f.Id == id);
        if (Existing is null) db.FocusGroups.Add(row);
        else db.ExpectVersion(row, Input.Version);
        row.Title = Input.Title!.Trim();
        row.HeldOn = Input.HeldOn!.Value;
        row.CommuneId = Input.CommuneId!.Value;
        row.VillageId = Input.VillageId;
        row.Facilitator = Input.Facilitator!.Trim();
        row.Questions = Clean(Input.Questions);
        row.Notes = Clean(Input.Notes);
        row.Quotes = Clean(Input.Quotes);
        row.Themes = themes;
        row.Participants.Clear();
        foreach (var g in Enum.GetValues<ParticipantGroup>())
            foreach (var s in Sexes)
                if (Input.Counts.GetValueOrDefault(Slot(g, s)) is > 0 and var n) row.Participants.Add(new FocusGroupParticipants { Group = g, Sex = s, Count = n });
        var outcome = await db.SaveOrRefuseAsync();
        if (outcome == SaveOutcome.Changed)
        {
            TempData["Error"] = l["Consultation.ChangedMeanwhile"].Value;
            return RedirectToPage("/Research/FocusGroup", new { id });
        }
        if (outcome != SaveOutcome.Saved) return StatusCode(StatusCodes.Status409Conflict);
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Research/FocusGroup", new { id = row.Id });
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<bool> LoadAsync(int? id)
    {
        MayWrite = me.IsInAnyRole(Roles.ResearchWriters);
        if (id is { } i)
        {
            Existing = await db.FocusGroupsIn(me.Scope).AsNoTracking().Include(f => f.Commune).Include(f => f.Village).Include(f => f.Participants)
                .SingleOrDefaultAsync(f => f.Id == i);
            if (Existing is null) return false;
        }
        if (MayWrite)
        {
            Communes = (await db.Communes.Where(me.Scope.CommunePredicate()).OrderBy(c => c.Code).Select(c => new { c.Id, c.NameKm, c.NameEn }).ToListAsync())
                .Select(c => (c.Id, c.NameKm, c.NameEn)).ToList();
            Villages = await db.VillageOptionsAsync(me.Scope);
            var workers = new List<(string, string)>();
            foreach (var c in Communes)
                workers.AddRange((await ConsultationQueries.FacilitatorsOfAsync(db, c.Id)).Select(w => (w.UserName, w.DisplayName)));
            if (Existing is { } f && workers.All(w => w.Item1 != f.Facilitator)) workers.Add((f.Facilitator, f.Facilitator));
            Workers = workers.DistinctBy(w => w.Item1).OrderBy(w => w.Item2, StringComparer.Ordinal).ToList();
        }
        if (Existing is not null) FacilitatorShown = await ConsultationQueries.ShownAsync(db, Existing.Facilitator);
        return true;
    }
}
