using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Conferences;

/// <summary>
/// A case conference on a high-risk case. Participants with an account (commune officials, workers) are kept by
/// user name: <see cref="CaseAccess.CasesFor"/> then lets a commune official open this case.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ConferenceInput Input { get; set; } = new();

    public CaseHeading Heading { get; private set; } = null!;
    public bool HighRisk { get; private set; }
    public IReadOnlyList<StaffOption> People { get; private set; } = [];
    public IReadOnlyList<StaffOption> Workers { get; private set; } = [];

    public sealed class ConferenceInput
    {
        public DateOnly? HeldOn { get; set; }
        public string? Place { get; set; }
        public List<string> Participants { get; set; } = [];
        /// <summary>"name — role", one per line, for people without an account (police chief, village chief...).</summary>
        public string? Extra { get; set; }
        public string? Decisions { get; set; }
        public string? FollowUps { get; set; }
        public string? TaskText { get; set; }
        public DateOnly? TaskDueOn { get; set; }
        public string? TaskAssignee { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        Input.HeldOn = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        if (!HighRisk) return Page();
        if (!ModelState.IsValid) return Page();
        var today = clock.Today;
        if (Input.HeldOn is null) ModelState.AddModelError("Input.HeldOn", l["Validation.Required"]);
        else if (Input.HeldOn > today) ModelState.AddModelError("Input.HeldOn", l["Validation.DateInFuture"]);
        if (string.IsNullOrWhiteSpace(Input.Place)) ModelState.AddModelError("Input.Place", l["Validation.Required"]);
        else if (Input.Place.Length > 200) ModelState.AddModelError("Input.Place", l["Validation.TooLong"]);
        if (string.IsNullOrWhiteSpace(Input.Decisions)) ModelState.AddModelError("Input.Decisions", l["Validation.Required"]);
        else if (Input.Decisions.Length > 4000) ModelState.AddModelError("Input.Decisions", l["Validation.TooLong"]);
        if (Input.FollowUps is { Length: > 4000 }) ModelState.AddModelError("Input.FollowUps", l["Validation.TooLong"]);
        if (Input.Extra is { Length: > 4000 }) ModelState.AddModelError("Input.Extra", l["Validation.TooLong"]);
        if (Input.Participants.Any(p => People.All(o => o.UserName != p))) ModelState.AddModelError("Input.Participants", l["Validation.Invalid"]);
        var task = TypedText.OrNull(Input.TaskText);
        if (task is not null)
        {
            if (task.Length > 1000) ModelState.AddModelError("Input.TaskText", l["Validation.TooLong"]);
            if (Input.TaskDueOn is null) ModelState.AddModelError("Input.TaskDueOn", l["Validation.Required"]);
            if (string.IsNullOrEmpty(Input.TaskAssignee) || Workers.All(w => w.UserName != Input.TaskAssignee))
                ModelState.AddModelError("Input.TaskAssignee", l["Validation.Required"]);
        }
        var extras = (Input.Extra ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(['—', '–', '-'], 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts[0].Length > 0)
            .Select(parts => new ConferenceParticipant { Name = Cut(parts[0], 200), Role = parts.Length > 1 ? TypedText.OrNull(Cut(parts[1], 200)) : null })
            .ToList();
        if (Input.Participants.Count == 0 && extras.Count == 0) ModelState.AddModelError("Input.Participants", l["Conference.NoParticipants"]);
        if (!ModelState.IsValid) return Page();

        var now = clock.UtcNow;
        var participants = People.Where(p => Input.Participants.Contains(p.UserName)).DistinctBy(p => p.UserName)
            .Select(p => new ConferenceParticipant { UserName = p.UserName, Name = p.DisplayName, Role = p.Role })
            .Concat(extras).ToList();
        db.CaseConferences.Add(new CaseConference
        {
            CaseId = id, HeldOn = Input.HeldOn!.Value, Place = Input.Place!.Trim(), Decisions = Input.Decisions!.Trim(),
            FollowUps = TypedText.OrNull(Input.FollowUps), RecordedBy = me.UserName, RecordedAt = now, Participants = participants,
        });
        if (task is not null)
            db.CaseTasks.Add(new CaseTask { CaseId = id, Text = task, DueOn = Input.TaskDueOn!.Value, AssignedTo = Input.TaskAssignee!, CreatedBy = me.UserName, CreatedAt = now });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Conference.Saved"].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    private async Task PrepareAsync(CaseHeader header)
    {
        Heading = await CaseHeading.LoadAsync(db, header);
        HighRisk = header.RiskLevel == Priority.High;
        if (!HighRisk) ModelState.AddModelError("", l["Conference.HighRiskOnly"]);
        // Commune officials and workers whose scope covers the case's village: the commune's people.
        People = await db.StaffCoveringAsync([Roles.CommuneOfficial, Roles.VillageSocialWorker, Roles.SeniorSocialWorker, Roles.Ccwc], header.VillageId);
        Workers = People.Where(p => p.Role != Roles.CommuneOfficial).DistinctBy(p => p.UserName).ToList();
    }
}
