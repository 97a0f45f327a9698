using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support;

/// <summary>What the case's support pages share: the case as this user may work on it, and the page they go back to.</summary>
public static class SupportWork
{
    public const string SupportPage = "/Support/CaseSupport";

    /// <summary>The case if this user may work on it; otherwise the answer to give (404 when they may not see it, 403 when they may only read it).</summary>
    public static async Task<(CaseHeader? Case, IActionResult? Refused)> ForWorkAsync(this HiveDbContext db, CurrentUser me, int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return (null, new NotFoundResult());
        return header.MayWork ? (header, null) : (null, new ForbidResult());
    }

    /// <summary>Back to the case's support page with the message: a flash when it saved, an error when it did not.</summary>
    public static RedirectToPageResult BackToSupport(this PageModel page, int id, bool saved, string message)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.TempData[saved ? "Flash" : "Error"] = message;
        return page.RedirectToPage(SupportPage, new { id });
    }

    /// <summary>A support payment schedule of this case, tracked for a change.</summary>
    public static Task<Domain.SupportPaymentSchedule?> ScheduleAsync(this HiveDbContext db, int caseId, int scheduleId) =>
        db.SupportPaymentSchedules.FirstOrDefaultAsync(x => x.Id == scheduleId && x.CaseId == caseId);
}
