using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Services.Referrals;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Api;
using VillageHive.Infrastructure.Audit;
using VillageHive.Infrastructure.Capture;

namespace VillageHive.Features.Services;

/// <summary>
/// The service directory, and a provider's inbox for its own system: the referrals sent to the client's organisation
/// (with the least the provider needs, as on its inbox page) and its answers to them.
/// </summary>
public static class ServiceApi
{
    public sealed record ServiceRecord(int Id, string NameKm, string NameEn, Tier Tier, ServiceCategory Category, int ProviderId,
        string ProviderName, string? ProviderPhone, string? Eligibility, int? Capacity, bool Active, IReadOnlyList<string> VillageCodes,
        DateTime UpdatedAt) : IApiRecord;

    public sealed record ServiceReferralRecord(int Id, int ServiceId, string ServiceNameKm, string ServiceNameEn, string VillageCode,
        string? ChildGivenNameKm, string? ChildGivenNameLatin, int? ChildBirthYear, string Request, ServiceReferralStatus Status,
        DateTime SentAt, DateOnly RespondBy, DateTime? RespondedAt, string? DeclineReason, bool DeclinedForCapacity,
        DateOnly? DeliveredOn, string? Outcome, DateTime UpdatedAt, int Version) : IApiRecord;

    /// <summary>Accepted, Declined (with a reason; noCapacity when the service is full) or Delivered (with deliveredOn and the outcome).</summary>
    public sealed record ServiceReferralAnswer(Guid? RequestId, int Version, ServiceReferralStatus? Status, string? Reason, bool NoCapacity,
        DateOnly? DeliveredOn, string? Outcome);

    private static readonly System.Linq.Expressions.Expression<Func<Service, ServiceRecord>> ServiceShape = s => new ServiceRecord(
        s.Id, s.NameKm, s.NameEn, s.Tier, s.Category, s.ProviderId, s.Provider!.Name, s.Provider.Phone, s.Eligibility, s.Capacity, s.Active,
        s.Coverage.Select(c => c.Village!.Code).ToList(), s.UpdatedAt);

    private static readonly System.Linq.Expressions.Expression<Func<ServiceReferral, ServiceReferralRecord>> ReferralShape = r => new ServiceReferralRecord(
        r.Id, r.ServiceId, r.Service!.NameKm, r.Service.NameEn, r.Case!.Village!.Code,
        r.Person != null ? r.Person.GivenNameKm : null, r.Person != null ? r.Person.GivenNameLatin : null,
        r.Person != null ? (r.Person.DateOfBirth != null ? r.Person.DateOfBirth.Value.Year : r.Person.EstimatedBirthYear) : null,
        r.Request, r.Status, r.SentAt, r.RespondBy, r.RespondedAt, r.DeclineReason, r.DeclinedForCapacity, r.DeliveredOn, r.Outcome, r.UpdatedAt, r.Version);

    public static RouteGroupBuilder MapServiceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/services", ListServicesAsync).RequireAuthorization(Policies.ServiceDirectory).WithTags("Services")
            .WithSummary("The service directory").Produces<ApiPage<ServiceRecord>>().ProducesValidationProblem(422);
        var inbox = api.MapGroup("/service-referrals").WithTags("Service referrals");
        inbox.MapGet("", ListReferralsAsync).RequireAuthorization(Policies.ServiceInbox)
            .WithSummary("Referrals sent to the client's organisation, oldest change first").Produces<ApiPage<ServiceReferralRecord>>().ProducesValidationProblem(422);
        inbox.MapGet("/{id:int}", ReadReferralAsync).RequireAuthorization(Policies.ServiceInbox)
            .WithSummary("One referral sent to the client's organisation").Produces<ServiceReferralRecord>().ProducesProblem(404);
        inbox.MapPost("/{id:int}/answer", AnswerAsync).RequireAuthorization(Policies.ServiceInbox)
            .WithSummary("Accept, decline or report delivered").Body<ServiceReferralAnswer>()
            .Produces<ServiceReferralRecord>().ProducesValidationProblem(422).ProducesProblem(409).ProducesProblem(404).ProducesProblem(400);
        return api;
    }

    private static async Task<IResult> ListServicesAsync(HiveDbContext db, IStringLocalizer<SharedResource> l,
        [FromQuery] string? cursor, [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? limit)
    {
        var errors = new ApiErrors(l);
        if (ApiPaging.Parse(cursor, updatedSince, limit, errors) is not { } query) return ApiProblems.Invalid(l, errors);
        // The directory names organisations, not families: no read is recorded, as on its page.
        return Results.Ok(await ApiPaging.PageAsync(db.Services.AsNoTracking(), query, ServiceShape));
    }

    private static async Task<IResult> ListReferralsAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l,
        [FromQuery] string? cursor, [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? limit)
    {
        var errors = new ApiErrors(l);
        if (ApiPaging.Parse(cursor, updatedSince, limit, errors) is not { } query) return ApiProblems.Invalid(l, errors);
        var providerId = await db.ProviderIdAsync(me);
        var rows = db.ServiceReferrals.AsNoTracking().Where(r => providerId != null && r.Service!.ProviderId == providerId);
        var page = await ApiPaging.PageAsync(rows, query, ReferralShape);
        await ApiJson.RecordReadsAsync(audit, nameof(ServiceReferral), page.Items.Select(i => i.Id));
        return Results.Ok(page);
    }

    private static Task<IResult> ReadReferralAsync(int id, HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l) =>
        ShowAsync(db, me, audit, l, id);

    private static async Task<IResult> ShowAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer l, int id)
    {
        var providerId = await db.ProviderIdAsync(me);
        var record = await db.ServiceReferrals.AsNoTracking().Where(r => r.Id == id && providerId != null && r.Service!.ProviderId == providerId)
            .Select(ReferralShape).FirstOrDefaultAsync();
        if (record is null) return ApiProblems.NotFound(l);
        await audit.RecordReadAsync(nameof(ServiceReferral), id);
        return Results.Ok(record);
    }

    private static async Task<IResult> AnswerAsync(int id, HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit,
        IStringLocalizer<SharedResource> l)
    {
        var (body, problem) = await ApiJson.ReadAsync<ServiceReferralAnswer>(http, l);
        if (body is null) return problem!;
        if (body.RequestId is not { } requestId || requestId == Guid.Empty) return Registry.RegistryApi.RequestIdMissing(l);
        return await ApiWrites.RunAsync(db, l, me, clock, "api:service-answer", requestId, new { id, body }, async record =>
        {
            var providerId = await db.ProviderIdAsync(me);
            var r = await db.ServiceReferrals.FirstOrDefaultAsync(x => x.Id == id && providerId != null && x.Service!.ProviderId == providerId);
            if (r is null) return new SyncOutcome.NotFound();
            var errors = new ApiErrors(l);
            if (body.Status is not ({ } to and (ServiceReferralStatus.Accepted or ServiceReferralStatus.Declined or ServiceReferralStatus.Delivered)))
            {
                errors.Add("status", "Validation.Invalid");
                return errors.Rejected();
            }
            var problems = ProviderAnswer.Problems(r, to, body.Version, body.Reason, body.DeliveredOn, body.Outcome, clock.DayOf(record.ReceivedAt));
            if (problems.Any(p => p.Key == "Concurrency.Changed"))
                return new SyncOutcome.Conflict(await db.ServiceReferrals.AsNoTracking().Where(x => x.Id == id).Select(ReferralShape).FirstAsync(), body);
            foreach (var (field, key) in problems) errors.Add(field, key);
            if (errors.Any) return errors.Rejected();
            await ProviderAnswer.ApplyAsync(db, r, to, body.Reason, body.NoCapacity, body.DeliveredOn, body.Outcome, me.UserName, record.ReceivedAt);
            db.ExpectVersion(r, body.Version);
            if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
            {
                db.ChangeTracker.Clear();
                return new SyncOutcome.Conflict(await db.ServiceReferrals.AsNoTracking().Where(x => x.Id == id).Select(ReferralShape).FirstAsync(), body);
            }
            return new SyncOutcome.Applied(id, "");
        }, id2 => ShowAsync(db, me, audit, l, id2));
    }
}
