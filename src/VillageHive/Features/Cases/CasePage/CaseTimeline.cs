using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using static VillageHive.Features.Cases.CasePage.DetailsModel;

namespace VillageHive.Features.Cases.CasePage;

/// <summary>Puts the case's records, already loaded, into one timeline (newest first) and one scaling series.</summary>
public static class CaseTimeline
{
    private const int NoteExcerpt = 140;

    public static IReadOnlyList<TimelineEntry> Build(IStringLocalizer l, HiveClock clock, IUrlHelper url, int caseId, SummaryView summary, IReadOnlyList<AssessmentRow> assessments,
        IReadOnlyList<PlanVersionRow> plans, IReadOnlyList<VisitRow> visits, IReadOnlyList<NoteRow> notes, IReadOnlyList<TaskRow> tasks,
        IReadOnlyList<ReviewRow> reviews, IReadOnlyList<ConferenceRow> conferences, IReadOnlyList<ClosureRow> closures,
        IReadOnlyList<TransitionRow> transitions, IReadOnlyList<EscalationRow> escalations, IReadOnlyList<TransferRow> transfers,
        IReadOnlyList<AssignmentRow> assignments)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(url);
        var referral = url.Page("/Referrals/Details", new { id = summary.ReferralId });
        var list = new List<TimelineEntry>
        {
            new(summary.ReferralReceivedAt, "referral", l["Timeline.Referral"], null, referral),
            new(summary.OpenedAt, "opened", l["Timeline.Opened"], summary.ScreenedBy, null),
        };
        if (summary.ScreenedAt is { } screenedAt && summary.Decision is { } decision)
            list.Add(new(screenedAt, "screening", Format(l, "Timeline.Screening", l.Label(decision), summary.Score), summary.ScreenedBy, referral));
        foreach (var t in transitions)
        {
            // Closing and reopening have their own lines, with the reason.
            if (t.To == CaseStatus.Closed || t.From == CaseStatus.Closed) continue;
            var text = Format(l, "Timeline.Move", l.Label(t.From), l.Label(t.To));
            list.Add(new(t.At, "move", t.Reason is null ? text : $"{text}: {t.Reason}", t.By, null));
        }
        foreach (var a in assignments)
            list.Add(new(a.At, "team", Format(l, a.Handover ? "Timeline.Handover" : "Timeline.LeadChanged", a.From, a.To) + ": " + a.Reason, a.By, null));
        foreach (var a in assessments)
        {
            var link = url.Page("/Cases/Assessments/Details", new { id = caseId, assessmentId = a.Id });
            list.Add(new(a.CreatedAt, "assessment", Format(l, "Timeline.Assessment", a.Number), a.CreatedBy, link));
            if (a.ApprovedAt is { } approvedAt)
                list.Add(new(approvedAt, "assessment", Format(l, "Timeline.AssessmentApproved", a.Number), a.ApprovedBy, link));
        }
        foreach (var p in plans)
        {
            var link = url.Page("/Cases/Plan/Index", new { id = caseId, number = p.Number });
            list.Add(new(p.CreatedAt, "plan", Format(l, "Timeline.Plan", p.Number) + (p.ChangeReason is null ? "" : $": {p.ChangeReason}"), p.CreatedBy, link));
            if (p.AgreedOn is { } agreed)
                list.Add(new(clock.StartOfDayUtc(agreed), "plan", Format(l, "Timeline.PlanAgreed", p.Number), null, link));
            if (p.ApprovedAt is { } approvedAt)
                list.Add(new(approvedAt, "plan", Format(l, "Timeline.PlanApproved", p.Number), p.ApprovedBy, link));
        }
        foreach (var v in visits)
            list.Add(new(v.RecordedAt, "visit", Format(l, "Timeline.Visit", v.VisitedOn.ToString("d", CultureInfo.CurrentCulture), v.Place), v.RecordedBy, "#visits"));
        foreach (var n in notes)
        {
            var excerpt = n.Text.Length > NoteExcerpt ? n.Text[..NoteExcerpt] + "…" : n.Text;
            list.Add(new(n.WrittenAt, n.Confidential ? "confidential" : "note", $"{l[n.Confidential ? "Timeline.ConfidentialNote" : "Timeline.Note"]}: {excerpt}", n.WrittenBy, "#notes"));
        }
        foreach (var t in tasks)
        {
            list.Add(new(t.CreatedAt, "task", Format(l, "Timeline.Task", t.Text, t.DueOn.ToString("d", CultureInfo.CurrentCulture)), t.CreatedBy, "#tasks"));
            if (t.DoneAt is { } done)
                list.Add(new(done, "task", Format(l, "Timeline.TaskDone", t.Text), t.DoneBy, "#tasks"));
        }
        foreach (var r in reviews)
            list.Add(new(r.RecordedAt, "review", Format(l, "Timeline.Review", l.Label(r.Decision))
                + (r.TierAfter != r.TierBefore ? $" · {l.Label(r.TierBefore)} → {l.Label(r.TierAfter)}" : ""), r.ReviewedBy, "#reviews"));
        foreach (var c in conferences)
            list.Add(new(c.RecordedAt, "conference", Format(l, "Timeline.Conference", string.Join(", ", c.Participants)), c.RecordedBy, "#conferences"));
        foreach (var c in closures)
        {
            if (c.DecidedAt is null && c.Status == ClosureStatus.Approved)
            {
                // Closed before closure approval existed: one line.
                list.Add(new(c.RecordedAt, "closed", Format(l, "Timeline.Closed", l.Label(c.Reason)), c.ClosedBy, "#closures"));
            }
            else
            {
                list.Add(new(c.RecordedAt, "closure", Format(l, "Timeline.ClosureProposed", l.Label(c.Reason)), c.ClosedBy, "#closures"));
                if (c.DecidedAt is { } decided)
                {
                    list.Add(c.Status == ClosureStatus.Returned
                        ? new(decided, "closure", Format(l, "Timeline.ClosureReturned", c.ReturnReason), c.DecidedBy, "#closures")
                        : new(decided, "closed", Format(l, "Timeline.Closed", l.Label(c.Reason)), c.DecidedBy, "#closures"));
                }
            }
            if (c.ReopenedAt is { } reopened)
                list.Add(new(reopened, "reopened", Format(l, "Timeline.Reopened", c.ReopenReason), c.ReopenedBy, "#closures"));
        }
        foreach (var e in escalations)
        {
            list.Add(new(e.RequestedAt, "escalation", Format(l, "Timeline.Escalated", e.Reason), e.RequestedBy, null));
            if (e.AcceptedAt is { } accepted)
                list.Add(new(accepted, "escalation", l["Timeline.EscalationAccepted"], e.AcceptedBy, null));
        }
        foreach (var t in transfers)
        {
            var commune = Localisation.Name(t.ToCommuneKm, t.ToCommuneEn);
            list.Add(new(t.RequestedAt, "transfer", Format(l, "Timeline.TransferAsked", commune, t.Reason), t.RequestedBy, null));
            if (t.DecidedAt is { } decided)
                list.Add(new(decided, "transfer", Format(l, t.Accepted == true ? "Timeline.TransferAccepted" : "Timeline.TransferRejected", commune), t.DecidedBy, null));
        }
        return list.OrderByDescending(e => e.At).ToList();
    }

    /// <summary>Assessments give all four voices; visits the worker's reading when it was asked.</summary>
    public static IReadOnlyList<ScalingPoint> Scaling(IStringLocalizer l, IReadOnlyList<AssessmentRow> assessments, IReadOnlyList<VisitRow> visits)
    {
        ArgumentNullException.ThrowIfNull(l);
        var points = assessments
            .Where(a => a.WorkerScale is not null || a.FamilyScale is not null || a.NetworkScale is not null || a.ChildScale is not null)
            .Select(a => new ScalingPoint(a.AssessedOn, Format(l, "Case.Scaling.Assessment", a.Number), a.WorkerScale, a.FamilyScale, a.NetworkScale, a.ChildScale))
            .Concat(visits.Where(v => v.WorkerScale is not null)
                .Select(v => new ScalingPoint(v.VisitedOn, l["Case.Scaling.Visit"], v.WorkerScale, null, null, null)));
        return points.OrderBy(p => p.On).ToList();
    }

    private static string Format(IStringLocalizer l, string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, l[key], args);
}
