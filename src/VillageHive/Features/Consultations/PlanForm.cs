using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;

namespace VillageHive.Features.Consultations;

/// <summary>What a consultation's plan form posts (planning a new one and editing one until it is held).</summary>
public sealed class PlanInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Village")]
    public int? VillageId { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Consultation.PlannedOn")]
    public DateOnly? PlannedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Consultation.Script")]
    public int? ScriptVersionId { get; set; }

    /// <summary>The chosen workers' user names.</summary>
    public List<string> Facilitators { get; set; } = [];

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Consultation.PreBrief")]
    public string? PreBrief { get; set; }

    /// <summary>Participants per group (a group not given: none came).</summary>
    public Dictionary<ParticipantGroup, int> Counts { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>The choices of the plan form and the checks of what it posts, shared by the new and edit pages.</summary>
public sealed class PlanForm
{
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private init; } = [];
    public IReadOnlyList<ConsultationQueries.VersionOption> Scripts { get; private init; } = [];
    /// <summary>The active workers of the caller's communes, by display name; a name an older plan holds is added as typed.</summary>
    public IReadOnlyList<(string UserName, string DisplayName)> Workers { get; private init; } = [];

    /// <summary>The choices for the caller; <paramref name="existing"/> keeps an edited plan's script version and facilitators choosable.</summary>
    public static async Task<PlanForm> LoadAsync(HiveDbContext db, Scope scope, Consultation? existing = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var scripts = await db.LatestVersionsAsync();
        if (existing is not null && scripts.All(s => s.Id != existing.ScriptVersionId))
            scripts.Insert(0, await db.ScriptVersions.AsNoTracking().Where(v => v.Id == existing.ScriptVersionId)
                .Select(v => new ConsultationQueries.VersionOption(v.Id, v.Script!.Name, v.Number)).SingleAsync());
        var communes = await db.Communes.AsNoTracking().Where(scope.CommunePredicate()).Select(c => c.Id).ToListAsync();
        var workers = new List<(string, string)>();
        foreach (var commune in communes)
            workers.AddRange((await ConsultationQueries.FacilitatorsOfAsync(db, commune)).Select(w => (w.UserName, w.DisplayName)));
        var shown = await ConsultationQueries.DisplayNamesAsync(db, ConsultationQueries.Names(existing?.Facilitators));
        workers.AddRange(shown.Where(kv => workers.All(w => w.Item1 != kv.Key)).Select(kv => (kv.Key, kv.Value)));
        return new PlanForm
        {
            Villages = await db.VillageOptionsAsync(scope),
            Scripts = scripts,
            Workers = workers.DistinctBy(w => w.Item1).OrderBy(w => w.Item2, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>Checks the input (errors go into <paramref name="state"/>) and returns the facilitators chosen.</summary>
    public async Task<List<string>> CheckAsync(HiveDbContext db, PlanInput input, ModelStateDictionary state, IStringLocalizer l, Consultation? existing = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(l);
        if (input.VillageId is { } v && Villages.All(o => o.Id != v))
            state.AddModelError("Input.VillageId", l["Validation.VillageOutOfScope"]);
        if (input.ScriptVersionId is { } s && Scripts.All(o => o.Id != s))
            state.AddModelError("Input.ScriptVersionId", l["Consultation.OldScript"]);
        if (input.PlannedOn is { } d && (d.Year < 2000 || d.Year > 2100))
            state.AddModelError("Input.PlannedOn", l["Validation.DateTooOld"]);
        if (input.Counts.Any(c => !Enum.IsDefined(c.Key) || c.Value is < 0 or > ConsultationRules.MaxParticipantsPerGroup))
            state.AddModelError("Input.Counts", l["Consultation.BadCount"]);
        var names = input.Facilitators.SelectMany(ConsultationQueries.Names).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) state.AddModelError("Input.Facilitators", l["Consultation.ChooseFacilitator"]);
        else if (names.Count > 20 || names.Any(n => n.Length > 100)) state.AddModelError("Input.Facilitators", l["Validation.TooLong"]);
        else if (state.IsValid && input.VillageId is { } village)
        {
            var commune = await db.Villages.Where(x => x.Id == village).Select(x => x.CommuneId).SingleAsync();
            var workers = (await ConsultationQueries.FacilitatorsOfAsync(db, commune)).Select(w => w.UserName).ToList();
            var refused = ConsultationRules.FacilitatorsRefused(names, workers, ConsultationQueries.Names(existing?.Facilitators));
            if (refused.Count > 0)
                state.AddModelError("Input.Facilitators", string.Format(l["Consultation.NotCommuneWorkers"], string.Join(", ", refused)));
        }
        return names;
    }

    /// <summary>Writes the checked input onto the consultation (participants updated in place).</summary>
    public static void Apply(Consultation c, PlanInput input, IReadOnlyList<string> facilitators)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(input);
        c.VillageId = input.VillageId!.Value;
        c.PlannedOn = input.PlannedOn!.Value;
        c.ScriptVersionId = input.ScriptVersionId!.Value;
        c.Facilitators = string.Join(", ", facilitators);
        c.PreBrief = string.IsNullOrWhiteSpace(input.PreBrief) ? null : input.PreBrief.Trim();
        foreach (var g in Enum.GetValues<ParticipantGroup>())
        {
            var n = input.Counts.GetValueOrDefault(g);
            var row = c.Participants.SingleOrDefault(p => p.Group == g);
            if (n <= 0 && row is not null) c.Participants.Remove(row);
            else if (n > 0 && row is null) c.Participants.Add(new ConsultationParticipants { Group = g, Count = n });
            else if (row is not null) row.Count = n;
        }
    }
}
