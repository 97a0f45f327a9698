using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Api;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Cases;

/// <summary>
/// Case summaries for other systems, the cases the client may see (<see cref="CaseAccess.CasesFor"/>): where a case stands,
/// never what was written in it (no notes, no assessment, nothing confidential).
/// </summary>
public static class CaseApi
{
    public sealed record CaseSummary(int Id, int ReferralId, int HouseholdId, string VillageCode, CaseStatus Status, Tier Tier,
        Priority RiskLevel, DateTime OpenedAt, DateOnly? AssessmentDueOn, DateOnly? NextReviewDueOn, DateTime? ClosedAt,
        IReadOnlyList<int> ChildIds, DateTime UpdatedAt) : IApiRecord;

    private static System.Linq.Expressions.Expression<Func<Case, CaseSummary>> Shape(HiveDbContext db) => c => new CaseSummary(
        c.Id, c.ReferralId, c.HouseholdId, c.Village!.Code, c.Status, c.Tier, c.RiskLevel, c.OpenedAt, c.AssessmentDueOn, c.NextReviewDueOn,
        c.ClosedAt, db.ReferralChildren.Where(rc => rc.ReferralId == c.ReferralId).Select(rc => rc.PersonId).ToList(), c.UpdatedAt);

    public static RouteGroupBuilder MapCaseApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("", ListAsync).RequireAuthorization(Policies.CaseRead)
            .WithSummary("Summaries of the cases the client may see, oldest change first").Produces<ApiPage<CaseSummary>>().ProducesValidationProblem(422);
        cases.MapGet("/{id:int}", ReadAsync).RequireAuthorization(Policies.CaseRead)
            .WithSummary("One case's summary").Produces<CaseSummary>().ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> ListAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l,
        [FromQuery] string? cursor, [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? limit)
    {
        var errors = new ApiErrors(l);
        if (ApiPaging.Parse(cursor, updatedSince, limit, errors) is not { } query) return ApiProblems.Invalid(l, errors);
        var page = await ApiPaging.PageAsync(db.CasesFor(me).AsNoTracking(), query, Shape(db));
        await ApiJson.RecordReadsAsync(audit, nameof(Case), page.Items.Select(i => i.Id));
        return Results.Ok(page);
    }

    private static async Task<IResult> ReadAsync(int id, HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l)
    {
        var record = await db.CasesFor(me).AsNoTracking().Where(c => c.Id == id).Select(Shape(db)).FirstOrDefaultAsync();
        if (record is null) return ApiProblems.NotFound(l);
        await audit.RecordReadAsync(nameof(Case), id);
        return Results.Ok(record);
    }
}
