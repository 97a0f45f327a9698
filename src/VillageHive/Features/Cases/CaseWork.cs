using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Cases;

/// <summary>Small rules shared by the pages that record work on a case (assessments, network, plan, visits, notes, tasks).</summary>
public static class CaseWork
{
    /// <summary>Adds the form-wide "this case takes no new work" message when the case's status refuses work; true when it did.</summary>
    public static bool RefuseUnlessTakesWork(this ModelStateDictionary modelState, CaseHeader header, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(l);
        if (header.TakesWork) return false;
        modelState.AddModelError("", l[CaseRules.TakesNoWorkKey]);
        return true;
    }

    /// <summary>The workers who may own a plan action or a task: the lead worker, the team and the user at work.</summary>
    public static List<string> Workers(CaseHeader header, string me)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new[] { header.LeadWorker }.Concat(header.Team).Append(me).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The safety goals of the case's latest approved assessment (plan goals are tied to them).</summary>
    public static Task<List<SafetyGoal>> ApprovedSafetyGoalsAsync(HiveDbContext db, int caseId) =>
        db.SafetyGoals.AsNoTracking()
            .Where(g => g.CaseId == caseId && g.AssessmentId == db.Assessments
                .Where(a => a.CaseId == caseId && a.Status == AssessmentStatus.Approved)
                .OrderByDescending(a => a.Number).Select(a => a.Id).FirstOrDefault())
            .OrderBy(g => g.Order)
            .ToListAsync();
}
