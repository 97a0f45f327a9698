using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;
using NoteInput = VillageHive.Features.Cases.Notes.NoteInput;
using VisitInput = VillageHive.Features.Cases.Visits.VisitInput;

namespace VillageHive.Features.Cases;

/// <summary>
/// Visits and case notes as the forms and /api/sync both record them: the same access check, the same rules, one
/// save. The input has passed the form's model validation; <see cref="SyncRunner"/> supplies the transaction.
/// </summary>
public static class CaseCapture
{
    public static async Task<SyncOutcome> VisitAsync(HiveDbContext db, CurrentUser me, IStringLocalizer l, HiveClock clock, LinkGenerator links,
        int caseId, VisitInput input, SyncRecord record)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(record);
        if (await WorkableAsync(db, me, l, caseId) is { } refused) return refused;
        var errors = new List<KeyValuePair<string, string>>();
        if (input.VisitedOn > clock.Today) errors.Add(new("Input.VisitedOn", l["Validation.DateInFuture"]));
        if (input.VisitedOn is null || string.IsNullOrWhiteSpace(input.Place) || string.IsNullOrWhiteSpace(input.WhoWasSeen) || string.IsNullOrWhiteSpace(input.Observations))
            errors.Add(new("", l["Validation.Required"]));
        if (errors.Count > 0) return new SyncOutcome.Rejected(errors);
        var visit = new Visit
        {
            CaseId = caseId, VisitedOn = input.VisitedOn!.Value, Place = input.Place!.Trim(), WhoWasSeen = input.WhoWasSeen!.Trim(),
            ChildSeenAlone = input.ChildSeenAlone, Observations = input.Observations!.Trim(), WorkerScale = input.WorkerScale,
            RecordedBy = me.UserName, RecordedAt = record.ReceivedAt, ClientId = record.ClientId,
        };
        db.Visits.Add(visit);
        await db.SaveChangesAsync();
        return new SyncOutcome.Applied(visit.Id, links.PathToPage("/Cases/CasePage/Details", new { id = caseId }, "visits"));
    }

    public static async Task<SyncOutcome> NoteAsync(HiveDbContext db, CurrentUser me, IStringLocalizer l, LinkGenerator links,
        int caseId, NoteInput input, SyncRecord record)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(record);
        if (await WorkableAsync(db, me, l, caseId) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(input.Text)) return SyncOutcome.Rejected.One("Input.Text", l["Validation.Required"]);
        var note = new CaseNote
        {
            CaseId = caseId, Text = input.Text.Trim(), Confidential = input.Confidential, WrittenBy = me.UserName,
            WrittenAt = record.ReceivedAt, ClientId = record.ClientId,
        };
        db.CaseNotes.Add(note);
        await db.SaveChangesAsync();
        return new SyncOutcome.Applied(note.Id, links.PathToPage("/Cases/CasePage/Details", new { id = caseId }, "notes"));
    }

    /// <summary>Null when the user may record work on the case now; otherwise why not.</summary>
    private static async Task<SyncOutcome?> WorkableAsync(HiveDbContext db, CurrentUser me, IStringLocalizer l, int caseId)
    {
        var header = await db.LoadAsync(me, caseId);
        if (header is null) return new SyncOutcome.NotFound();
        if (!header.MayWork) return new SyncOutcome.Forbidden();
        if (!header.TakesWork) return SyncOutcome.Rejected.One("", l[CaseRules.TakesNoWorkKey]);
        return null;
    }
}

/// <summary>
/// Work recorded on a case and captured offline (a visit, a note): the record names its case, its data is bound as the
/// kind's form binds it, and it is applied through <see cref="SyncRunner"/> by the same code as the form's post.
/// </summary>
public abstract class CaseRecordKind<TInput> : ICaptureKind where TInput : class, new()
{
    public abstract string Kind { get; }

    public string Policy => Policies.CaseWork;

    protected abstract Task<SyncOutcome> ApplyAsync(CaptureRequest request, int caseId, TInput input);

    public async Task<SyncOutcome> ApplyAsync(CaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Data.Number("caseId") is not { } caseId) return SyncOutcome.Rejected.One("caseId", request.L["Validation.Required"]);
        var (input, errors) = await request.Data.BindAsync(new TInput());
        if (errors is not null) return errors;
        return await SyncRunner.RunAsync(request.Db, request.L, request.Record, () => ApplyAsync(request, caseId, input));
    }
}

public sealed class VisitKind(LinkGenerator links) : CaseRecordKind<VisitInput>
{
    public override string Kind => SyncKinds.Visit;

    protected override Task<SyncOutcome> ApplyAsync(CaptureRequest request, int caseId, VisitInput input) =>
        CaseCapture.VisitAsync(request.Db, request.Me, request.L, request.Clock, links, caseId, input, request.Record);
}

public sealed class NoteKind(LinkGenerator links) : CaseRecordKind<NoteInput>
{
    public override string Kind => SyncKinds.CaseNote;

    protected override Task<SyncOutcome> ApplyAsync(CaptureRequest request, int caseId, NoteInput input) =>
        CaseCapture.NoteAsync(request.Db, request.Me, request.L, links, caseId, input, request.Record);
}
