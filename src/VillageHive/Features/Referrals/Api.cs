using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Api;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Referrals;

/// <summary>
/// Referrals from other systems: created through <see cref="ReferralCapture"/>, the code of the form and of the phone's
/// sync (the same scope check, possible-duplicate rule and alert), exactly once per requestId; their status read back.
/// </summary>
public static class ReferralApi
{
    /// <summary>
    /// A referral. Each child is new (give match "new" once the possible duplicates are checked) or an existing person
    /// (match: the person's id). householdId links a known household; else a new one is made in the village.
    /// </summary>
    public sealed record ReferralCreate(Guid? RequestId, string? VillageCode, int? HouseholdId, string? Address, string? Phone,
        List<ChildInput>? Children, ReferralChannel Channel, string? ReferrerName, string? ReferrerPhone, List<Concerns>? Concerns,
        string? ConcernNote, Urgency Urgency, Consent Consent);

    public sealed record ReferralRecord(int Id, Guid RequestId, string VillageCode, int HouseholdId, ReferralStatus Status, Urgency Urgency,
        Concerns Concerns, ReferralChannel Channel, Consent Consent, DateTime ReceivedAt, IReadOnlyList<int> ChildIds,
        ScreeningDecision? Decision, int? CaseId, CaseStatus? CaseStatus, DateTime UpdatedAt) : IApiRecord;

    private static System.Linq.Expressions.Expression<Func<Referral, ReferralRecord>> Shape(HiveDbContext db) => r => new ReferralRecord(
        r.Id, r.IdempotencyKey, r.Village!.Code, r.HouseholdId, r.Status, r.Urgency, r.Concerns, r.Channel, r.Consent, r.ReceivedAt,
        r.Children.Select(c => c.PersonId).ToList(), r.Screening != null ? (ScreeningDecision?)r.Screening.Decision : null,
        db.Cases.Where(c => c.ReferralId == r.Id).Select(c => (int?)c.Id).FirstOrDefault(),
        db.Cases.Where(c => c.ReferralId == r.Id).Select(c => (CaseStatus?)c.Status).FirstOrDefault(), r.UpdatedAt);

    public static RouteGroupBuilder MapReferralApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var referrals = api.MapGroup("/referrals").WithTags("Referrals");
        referrals.MapGet("", ListAsync).RequireAuthorization(Policies.ReferralList)
            .WithSummary("Referrals the client may see, oldest change first").Produces<ApiPage<ReferralRecord>>().ProducesValidationProblem(422);
        referrals.MapGet("/{id:int}", ReadAsync).RequireAuthorization(Policies.ReferralList)
            .WithSummary("One referral and where it stands").Produces<ReferralRecord>().ProducesProblem(404);
        referrals.MapPost("", CreateAsync).RequireAuthorization(Policies.Refer)
            .WithSummary("Refer children").Body<ReferralCreate>()
            .Produces<ReferralRecord>(201).Produces<ReferralRecord>().ProducesValidationProblem(422).ProducesProblem(409).ProducesProblem(400);
        return api;
    }

    private static async Task<IResult> ListAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l,
        [FromQuery] string? cursor, [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? limit)
    {
        var errors = new ApiErrors(l);
        if (ApiPaging.Parse(cursor, updatedSince, limit, errors) is not { } query) return ApiProblems.Invalid(l, errors);
        var page = await ApiPaging.PageAsync(db.ReferralsFor(me).AsNoTracking(), query, Shape(db));
        await ApiJson.RecordReadsAsync(audit, nameof(Referral), page.Items.Select(i => i.Id));
        return Results.Ok(page);
    }

    private static Task<IResult> ReadAsync(int id, HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l) =>
        ShowAsync(db, me, audit, l, id);

    private static async Task<IResult> ShowAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer l, int id)
    {
        var record = await db.ReferralsFor(me).AsNoTracking().Where(r => r.Id == id).Select(Shape(db)).FirstOrDefaultAsync();
        if (record is null) return ApiProblems.NotFound(l);
        await audit.RecordReadAsync(nameof(Referral), id);
        return Results.Ok(record);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit,
        IStringLocalizer<SharedResource> l, LinkGenerator links)
    {
        var (body, problem) = await ApiJson.ReadAsync<ReferralCreate>(http, l);
        if (body is null) return problem!;
        if (body.RequestId is not { } requestId || requestId == Guid.Empty) return RegistryApi.RequestIdMissing(l);
        return await ApiWrites.RunAsync(db, l, me, clock, "api:referral", requestId, body, async record =>
        {
            var errors = new ApiErrors(l);
            int? villageId = null;
            if (string.IsNullOrWhiteSpace(body.VillageCode)) errors.Add("villageCode", "Validation.Required");
            else if ((villageId = await db.VillagesIn(me.Scope).Where(v => v.Code == body.VillageCode.Trim()).Select(v => (int?)v.Id).FirstOrDefaultAsync()) is null)
                errors.Add("villageCode", "Validation.VillageOutOfScope");
            var input = new ReferralInput
            {
                VillageId = villageId, HouseholdId = body.HouseholdId, Address = body.Address, Phone = body.Phone,
                Children = body.Children ?? [], Channel = body.Channel, ReferrerName = body.ReferrerName, ReferrerPhone = body.ReferrerPhone,
                Concerns = body.Concerns ?? [], ConcernNote = body.ConcernNote, Urgency = body.Urgency, Consent = body.Consent,
            };
            errors.Validate(input, "");
            if (input.Children.Count > NewModel.MaxChildren) errors.Add("children", "Api.TooMany");
            for (var i = 0; i < input.Children.Count; i++) errors.Validate(input.Children[i], $"children[{i}]");
            if (errors.Any) return errors.Rejected();
            var prepared = await ReferralCapture.PrepareAsync(db, me.Scope, clock, input);
            return await ReferralCapture.ApplyAsync(db, me, l, clock, links, input, prepared, null, record);
        }, id => ShowAsync(db, me, audit, l, id), id => ApiSetup.Prefix + "/referrals/" + id);
    }
}
