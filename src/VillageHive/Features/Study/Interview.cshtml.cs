using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Study;

/// <summary>
/// A household's interview in a wave: the wave's questionnaire version as a form (saving writes one row per answer
/// and sets the participant completed), or another status (refused, moved, not found, deceased) with its reason.
/// </summary>
[Authorize(Policy = Policies.StudyInterview)]
public sealed class InterviewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The form field of a question: "q." and its code.</summary>
    public static string FieldOf(StudyQuestion q) => "q." + q.Code;

    [BindProperty]
    public DateOnly? On { get; set; }

    [BindProperty]
    public ParticipantStatus? NewStatus { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int SeenVersion { get; set; }

    public int Id { get; private set; }
    public int WaveId { get; private set; }
    public int WaveNumber { get; private set; }
    public string CohortName { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string Household { get; private set; } = "";
    public string VillageKm { get; private set; } = "";
    public string VillageEn { get; private set; } = "";
    public ParticipantStatus Status { get; private set; }
    public DateOnly? StatusOn { get; private set; }
    public int VersionNumber { get; private set; }
    public IReadOnlyList<StudyQuestion> Questions { get; private set; } = [];
    /// <summary>What each field shows: the saved answer, or what was posted when the form comes back.</summary>
    public Dictionary<string, string> Values { get; } = [];
    public bool Changed { get; private set; }
    /// <summary>Whether the wave takes interviews today (its planned window holds the commune's today).</summary>
    public bool Open => StudyRules.OutsideWindow(clock.Today, clock.Today, From, To) is null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var participant = await LoadAsync(id);
        if (participant is null) return NotFound();
        On = participant.StatusOn ?? clock.Today;
        NewStatus = participant.Status == ParticipantStatus.Pending ? null : participant.Status;
        Reason = participant.Reason;
        SeenVersion = participant.Version;
        var answers = await db.StudyAnswers.AsNoTracking().Where(a => a.ParticipantId == id).ToListAsync();
        foreach (var a in answers)
            if (Questions.FirstOrDefault(q => q.Id == a.QuestionId) is { } q) Values[FieldOf(q)] = a.Value();
        return Page();
    }

    /// <summary>Saves the interview: one answer row per answered question, the participant completed on the day given.</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        var participant = await LoadAsync(id, track: true);
        if (participant is null) return NotFound();
        var answers = new List<StudyAnswer>();
        foreach (var q in Questions)
        {
            var text = Request.HasFormContentType ? Request.Form[FieldOf(q)].ToString() : null;
            if (!string.IsNullOrEmpty(text)) Values[FieldOf(q)] = text;
            if (!q.TryRead(text, out var answer, out var key)) ModelState.AddModelError(FieldOf(q), l[key!]);
            else if (answer is not null) answers.Add(answer);
        }
        if (ModelState.IsValid && answers.Count == 0) ModelState.AddModelError("", l["Study.NoAnswers"]);
        CheckStatus(ParticipantStatus.Completed);
        if (!ModelState.IsValid) return Refused();
        db.StudyAnswers.RemoveRange(await db.StudyAnswers.Where(a => a.ParticipantId == id).ToListAsync());
        foreach (var a in answers)
        {
            a.ParticipantId = id;
            db.StudyAnswers.Add(a);
        }
        return await SaveAsync(participant, ParticipantStatus.Completed, null);
    }

    /// <summary>Records an outcome other than an interview (refused, moved, not found, deceased) with its reason; any answers go.</summary>
    public async Task<IActionResult> OnPostStatusAsync(int id)
    {
        var participant = await LoadAsync(id, track: true);
        if (participant is null) return NotFound();
        var status = NewStatus ?? ParticipantStatus.Pending;
        if (status == ParticipantStatus.Completed) ModelState.AddModelError(nameof(NewStatus), l["Validation.Invalid"]);
        CheckStatus(status);
        if (!ModelState.IsValid) return Refused();
        db.StudyAnswers.RemoveRange(await db.StudyAnswers.Where(a => a.ParticipantId == id).ToListAsync());
        return await SaveAsync(participant, status, Reason!.Trim());
    }

    private void CheckStatus(ParticipantStatus status)
    {
        if (On is null)
        {
            ModelState.AddModelError(nameof(On), l["Validation.Required"]);
            return;
        }
        foreach (var (field, key) in StudyRules.ValidateStatus(status, On.Value, Reason, clock.Today))
            ModelState.AddModelError(field == "Status" ? nameof(NewStatus) : field, l[key]);
        // The wave takes interviews and statuses only in its planned window, by the commune's clock.
        if (StudyRules.OutsideWindow(On.Value, clock.Today, From, To) is { } window)
            ModelState.AddModelError(nameof(On), l[window, WaveNumber, From.ToString("d"), To.ToString("d")]);
    }

    private async Task<IActionResult> SaveAsync(WaveParticipant participant, ParticipantStatus status, string? reason)
    {
        db.ExpectVersion(participant, SeenVersion);
        participant.Status = status;
        participant.StatusOn = On;
        participant.Reason = reason;
        participant.RecordedBy = me.UserName;
        participant.RecordedAt = clock.UtcNow;
        switch (await db.SaveOrRefuseAsync())
        {
            case SaveOutcome.Saved:
                TempData["Flash"] = l["Form.Saved"].Value;
                return RedirectToPage("/Study/Wave", new { id = WaveId });
            case SaveOutcome.Changed:
                Changed = true;
                ModelState.AddModelError("", l["Study.ChangedMeanwhile"]);
                return Refused();
            default:
                ModelState.AddModelError("", l["Validation.Invalid"]);
                return Refused();
        }
    }

    /// <summary>The form again with its messages, as 422: nothing was saved.</summary>
    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The participant if its household is in the caller's scope (else null: a 404), with the wave's questions.</summary>
    private async Task<WaveParticipant?> LoadAsync(int id, bool track = false)
    {
        var query = db.ParticipantsIn(me.Scope).Where(p => p.Id == id);
        var participant = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (participant is null) return null;
        var facts = await db.WaveParticipants.AsNoTracking().Where(p => p.Id == id).Select(p => new
        {
            p.WaveId, p.Wave!.Number, p.Wave.Cohort!.Name, p.Wave.PlannedFrom, p.Wave.PlannedTo, p.Wave.QuestionnaireVersionId,
            VersionNumber = p.Wave.QuestionnaireVersion!.Number,
            Head = Domain.Household.Shown(p.Household!.HeadNameKm), p.Household.Village!.NameKm, p.Household.Village.NameEn,
        }).FirstAsync();
        Id = id;
        (WaveId, WaveNumber, CohortName, From, To, VersionNumber) = (facts.WaveId, facts.Number, facts.Name, facts.PlannedFrom, facts.PlannedTo, facts.VersionNumber);
        (Household, VillageKm, VillageEn) = (facts.Head ?? "–", facts.NameKm, facts.NameEn);
        (Status, StatusOn) = (participant.Status, participant.StatusOn);
        Questions = await db.StudyQuestions.AsNoTracking().Where(q => q.VersionId == facts.QuestionnaireVersionId).OrderBy(q => q.Order).ToListAsync();
        return participant;
    }
}
