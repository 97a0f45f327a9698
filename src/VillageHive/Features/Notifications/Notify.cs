using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Notifications;

/// <summary>
/// The one way a change tells people: adds each recipient's <see cref="Notification"/>, and the SMS of those who chose
/// that kind by SMS to the outbox, to the caller's unit of work. Nothing is saved here: the caller's one save keeps the
/// change and its notifications together (nothing half-saved). The person who made the change is not told.
/// </summary>
public static class Notify
{
    private static readonly ResourceManager Texts = new("VillageHive.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>Tells these people (active users only; the actor left out).</summary>
    public static Task PeopleAsync(this HiveDbContext db, IEnumerable<string> recipients, string? actor,
        NotificationSubject subject, int? caseId, int? targetId, DateTime now) =>
        db.PeopleAsync(recipients, actor, subject, [caseId], targetId, now);

    /// <summary>Tells these people once for each of these cases (a handover: the people are read once, not per case).</summary>
    public static async Task PeopleAsync(this HiveDbContext db, IEnumerable<string> recipients, string? actor,
        NotificationSubject subject, IReadOnlyCollection<int?> caseIds, int? targetId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caseIds);
        var names = recipients.Where(r => !string.IsNullOrEmpty(r) && r != actor).Distinct().ToArray();
        if (names.Length == 0 || caseIds.Count == 0) return;
        var people = await db.Users.AsNoTracking().Where(u => u.IsActive && names.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.PhoneNumber, u.SmsKinds, u.PreferredCulture })
            .ToListAsync();
        foreach (var p in people.OrderBy(p => p.UserName, StringComparer.Ordinal))
        {
            foreach (var caseId in caseIds)
            {
                var n = new Notification { Recipient = p.UserName!, Subject = subject, CaseId = caseId, TargetId = targetId, CreatedAt = now };
                db.Notifications.Add(n);
                // A number typed elsewhere (user administration keeps digits) is sent only when it is a Cambodian one.
                if (NotificationRules.BySms(subject, p.PhoneNumber, p.SmsKinds) && CambodianPhone.Normalise(p.PhoneNumber) is { } to)
                {
                    db.SmsOutbox.Add(new SmsMessage
                    {
                        Notification = n, To = to, Text = SmsText(n, p.PreferredCulture), CreatedAt = now, NextAttemptAt = now,
                    });
                }
            }
        }
    }

    /// <summary>Tells the active staff of these roles whose area covers the village (e.g. who may approve on a case there).</summary>
    public static async Task StaffCoveringAsync(this HiveDbContext db, IReadOnlyList<string> roles, int villageId, string? actor,
        NotificationSubject subject, int? caseId, int? targetId, DateTime now)
    {
        var staff = await db.StaffCoveringAsync(roles, villageId);
        await db.PeopleAsync(staff.Select(s => s.UserName), actor, subject, caseId, targetId, now);
    }

    /// <summary>Tells the active staff of these roles whose area takes in any village of the commune (the receiving side of a transfer).</summary>
    public static async Task StaffOfCommuneAsync(this HiveDbContext db, IReadOnlyList<string> roles, int communeId, string? actor,
        NotificationSubject subject, int? caseId, int? targetId, DateTime now)
    {
        var villages = await db.Villages.AsNoTracking().Where(v => v.CommuneId == communeId)
            .Select(v => new { v.Id, v.CommuneId, v.Commune!.DistrictId }).ToListAsync();
        var staff = (await db.StaffAsync(roles)).Where(s => villages.Any(v => s.Scope.Includes(v.Id, v.CommuneId, v.DistrictId)));
        await db.PeopleAsync(staff.Select(s => s.UserName), actor, subject, caseId, targetId, now);
    }

    /// <summary>What a notification says, in the language of the screen.</summary>
    public static string Text(Notification n) => Format(n, CultureInfo.CurrentUICulture);

    /// <summary>The SMS: the app's name and what happened, in the recipient's language (Khmer unless they chose English).</summary>
    public static string SmsText(Notification n, string? culture)
    {
        ArgumentNullException.ThrowIfNull(n);
        var c = Localisation.Culture(culture == Localisation.English ? Localisation.English : Localisation.Khmer);
        var text = $"{Texts.GetString("App.Name", c)}: {Format(n, c)}";
        return text.Length > SmsMessage.MaxText ? text[..SmsMessage.MaxText] : text;
    }

    private static string Format(Notification n, CultureInfo culture) =>
        string.Format(culture, Texts.GetString(NotificationRules.TextKey(n.Subject), culture) ?? n.Subject.ToString(),
            NotificationRules.NumberOf(n.Subject, n.CaseId, n.TargetId));

    /// <summary>Where a tap on the notification leads: the thing to act on.</summary>
    public static (string Page, object? Route, string? Fragment) Target(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return n.Subject switch
        {
            NotificationSubject.AssessmentSubmitted => ("/Cases/Assessments/Details", new { id = n.CaseId, assessmentId = n.TargetId }, null),
            NotificationSubject.PlanAgreed => ("/Cases/Plan/Index", new { id = n.CaseId }, null),
            NotificationSubject.ClosureProposed => ("/Cases/Close", new { id = n.CaseId }, null),
            NotificationSubject.SupportRequested => ("/Support/Approvals", null, null),
            NotificationSubject.ImmediateDanger => ("/Alerts/Index", null, null),
            NotificationSubject.ServiceReferralAccepted or NotificationSubject.ServiceReferralDeclined => ("/Services/CaseServices", new { id = n.CaseId }, null),
            NotificationSubject.TransferRequested => ("/Cases/Transfer", new { id = n.CaseId }, null),
            _ => ("/Cases/CasePage/Details", new { id = n.CaseId }, null),
        };
    }

    /// <summary>Redirects to the notification's target.</summary>
    public static Microsoft.AspNetCore.Mvc.RedirectToPageResult RedirectTo(this PageModel page, Notification n)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (target, route, fragment) = Target(n);
        return page.RedirectToPage(target, pageHandler: null, route, fragment);
    }
}
