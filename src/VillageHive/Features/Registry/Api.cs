using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Api;
using VillageHive.Infrastructure.Audit;
using VillageHive.Infrastructure.Capture;

namespace VillageHive.Features.Registry;

/// <summary>
/// Households and persons for other systems: list (cursor, updated_since, external_id), read, create, update, with the
/// registry forms' own rules (<see cref="HouseholdInput"/>, <see cref="PersonInput"/>, <see cref="PossibleDuplicates"/>).
/// </summary>
public static class RegistryApi
{
    public sealed record HouseholdRecord(int Id, string? ExternalId, string VillageCode, string VillageNameKm, string VillageNameEn,
        string? Address, IdPoorStatus IdPoor, string? IdPoorCard, string? Phone, string? HeadNameKm, string? HeadNameLatin,
        DateTime CreatedAt, DateTime UpdatedAt, int Version) : IApiRecord;

    public sealed record PersonRecord(int Id, string? ExternalId, int HouseholdId, string FamilyNameKm, string GivenNameKm,
        string? FamilyNameLatin, string? GivenNameLatin, Sex Sex, DateOnly? DateOfBirth, int? EstimatedBirthYear,
        BirthRegistration BirthRegistration, bool HasDisability, string? DisabilityNote, SchoolStatus SchoolStatus,
        RelationToHead RelationToHead, DateTime CreatedAt, DateTime UpdatedAt, int Version) : IApiRecord;

    /// <summary>A new household with its head. A head who may be registered already holds the save up unless notDuplicate is true.</summary>
    public sealed record HouseholdCreate(Guid? RequestId, string? ExternalId, string? VillageCode, string? Address, IdPoorStatus IdPoor,
        string? Phone, PersonInput? Head, string? HeadExternalId, bool NotDuplicate);

    /// <summary>A change of a household; version is the one the caller last read (another change since: 409).</summary>
    public sealed record HouseholdUpdate(Guid? RequestId, int Version, string? ExternalId, string? VillageCode, string? Address, IdPoorStatus IdPoor, string? Phone);

    public sealed record PersonCreate(Guid? RequestId, string? ExternalId, int HouseholdId, PersonInput? Person, bool NotDuplicate);

    public sealed record PersonUpdate(Guid? RequestId, int Version, string? ExternalId, PersonInput? Person);

    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var households = api.MapGroup("/households").WithTags("Households");
        households.MapGet("", ListHouseholdsAsync).RequireAuthorization(Policies.RegistryRead)
            .WithSummary("Households in the client's area, oldest change first").Produces<ApiPage<HouseholdRecord>>().ProducesValidationProblem(422);
        households.MapGet("/{id:int}", ReadHouseholdAsync).RequireAuthorization(Policies.RegistryRead)
            .WithSummary("One household").Produces<HouseholdRecord>().ProducesProblem(404);
        households.MapPost("", CreateHouseholdAsync).RequireAuthorization(Policies.RegistryWrite)
            .WithSummary("Register a household with its head").Body<HouseholdCreate>()
            .Produces<HouseholdRecord>(201).Produces<HouseholdRecord>().ProducesValidationProblem(422).ProducesProblem(409).ProducesProblem(400);
        households.MapPut("/{id:int}", UpdateHouseholdAsync).RequireAuthorization(Policies.RegistryWrite)
            .WithSummary("Change a household").Body<HouseholdUpdate>()
            .Produces<HouseholdRecord>().ProducesValidationProblem(422).ProducesProblem(409).ProducesProblem(404).ProducesProblem(400);

        var persons = api.MapGroup("/persons").WithTags("Persons");
        persons.MapGet("", ListPersonsAsync).RequireAuthorization(Policies.RegistryRead)
            .WithSummary("Persons in the client's area, oldest change first").Produces<ApiPage<PersonRecord>>().ProducesValidationProblem(422);
        persons.MapGet("/{id:int}", ReadPersonAsync).RequireAuthorization(Policies.RegistryRead)
            .WithSummary("One person").Produces<PersonRecord>().ProducesProblem(404);
        persons.MapPost("", CreatePersonAsync).RequireAuthorization(Policies.RegistryWrite)
            .WithSummary("Add a person to a household").Body<PersonCreate>()
            .Produces<PersonRecord>(201).Produces<PersonRecord>().ProducesValidationProblem(422).ProducesProblem(409).ProducesProblem(400);
        persons.MapPut("/{id:int}", UpdatePersonAsync).RequireAuthorization(Policies.RegistryWrite)
            .WithSummary("Change a person").Body<PersonUpdate>()
            .Produces<PersonRecord>().ProducesValidationProblem(422).ProducesProblem(409).ProducesProblem(404).ProducesProblem(400);
        return api;
    }

    private static IQueryable<HouseholdRecord> Households(IQueryable<Household> q) => q.AsNoTracking().Select(HouseholdShape);

    private static readonly System.Linq.Expressions.Expression<Func<Household, HouseholdRecord>> HouseholdShape = h => new HouseholdRecord(
        h.Id, h.ExternalId, h.Village!.Code, h.Village.NameKm, h.Village.NameEn, h.Address, h.IdPoor, h.IdPoorCard, h.Phone,
        h.HeadNameKm == "" ? null : h.HeadNameKm, h.HeadNameLatin, h.CreatedAt, h.UpdatedAt, h.Version);

    private static readonly System.Linq.Expressions.Expression<Func<Person, PersonRecord>> PersonShape = p => new PersonRecord(
        p.Id, p.ExternalId, p.HouseholdId, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.Sex, p.DateOfBirth,
        p.EstimatedBirthYear, p.BirthRegistration, p.HasDisability, p.DisabilityNote, p.SchoolStatus, p.RelationToHead, p.CreatedAt, p.UpdatedAt, p.Version);

    private static async Task<IResult> ListHouseholdsAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l,
        [FromQuery] string? cursor, [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? limit,
        [FromQuery(Name = "external_id")] string? externalId, [FromQuery(Name = "village_code")] string? villageCode)
    {
        var errors = new ApiErrors(l);
        if (ApiPaging.Parse(cursor, updatedSince, limit, errors) is not { } query) return ApiProblems.Invalid(l, errors);
        var rows = db.HouseholdsIn(me.Scope).AsNoTracking();
        if (!string.IsNullOrEmpty(externalId)) rows = rows.Where(h => h.ExternalId == externalId);
        if (!string.IsNullOrEmpty(villageCode)) rows = rows.Where(h => h.Village!.Code == villageCode);
        var page = await ApiPaging.PageAsync(rows, query, HouseholdShape);
        await ApiJson.RecordReadsAsync(audit, nameof(Household), page.Items.Select(i => i.Id));
        return Results.Ok(page);
    }

    private static async Task<IResult> ReadHouseholdAsync(int id, HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l) =>
        await ShowHouseholdAsync(db, me, audit, l, id);

    private static async Task<IResult> ShowHouseholdAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer l, int id)
    {
        var record = await Households(db.HouseholdsIn(me.Scope).Where(h => h.Id == id)).FirstOrDefaultAsync();
        if (record is null) return ApiProblems.NotFound(l);
        await audit.RecordReadAsync(nameof(Household), id);
        return Results.Ok(record);
    }

    private static async Task<IResult> CreateHouseholdAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit,
        IStringLocalizer<SharedResource> l)
    {
        var (body, problem) = await ApiJson.ReadAsync<HouseholdCreate>(http, l);
        if (body is null) return problem!;
        if (body.RequestId is not { } requestId || requestId == Guid.Empty) return RequestIdMissing(l);
        return await ApiWrites.RunAsync(db, l, me, clock, "api:household", requestId, body, async record =>
        {
            var errors = new ApiErrors(l);
            var villageId = await VillageAsync(db, me.Scope, body.VillageCode, errors);
            var input = new HouseholdInput { VillageId = villageId, Address = body.Address, IdPoor = body.IdPoor, Phone = body.Phone };
            errors.Validate(input, "");
            errors.Validate(body.Head, "head");
            await ExternalIdFreeAsync(db, body.ExternalId, null, isHousehold: true, errors);
            await ExternalIdFreeAsync(db, body.HeadExternalId, null, isHousehold: false, errors, "headExternalId");
            if (errors.Any || body.Head is null) return errors.Rejected();
            var now = record.ReceivedAt;
            var today = clock.DayOf(now);
            var household = new Household { CreatedAt = now, ExternalId = TypedText.OrNull(body.ExternalId) };
            input.ApplyTo(household);
            var head = new Person { CreatedAt = now, ExternalId = TypedText.OrNull(body.HeadExternalId) };
            body.Head.RelationToHead = RelationToHead.Head;
            var state = new ModelStateDictionary();
            body.Head.ApplyTo(head, today, state, "head", k => l[k]);
            if (Add(errors, state)) return errors.Rejected();
            if (!body.NotDuplicate)
            {
                var name = new PersonName(head.FamilyNameKm, head.GivenNameKm, head.FamilyNameLatin, head.GivenNameLatin);
                if ((await PossibleDuplicates.FindAsync(db, me.Scope, name, head.AgeOn(today), household.VillageId, today)).Count > 0)
                {
                    errors.Add("head", "Registry.PossibleDuplicate");
                    return errors.Rejected();
                }
            }
            household.Members.Add(head);
            db.Households.Add(household);
            await db.SaveChangesAsync();
            return new SyncOutcome.Applied(household.Id, "");
        }, id => ShowHouseholdAsync(db, me, audit, l, id), id => ApiSetup.Prefix + "/households/" + id);
    }

    private static async Task<IResult> UpdateHouseholdAsync(int id, HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit,
        IStringLocalizer<SharedResource> l)
    {
        var (body, problem) = await ApiJson.ReadAsync<HouseholdUpdate>(http, l);
        if (body is null) return problem!;
        if (body.RequestId is not { } requestId || requestId == Guid.Empty) return RequestIdMissing(l);
        return await ApiWrites.RunAsync(db, l, me, clock, "api:household-update", requestId, new { id, body }, async record =>
        {
            var h = await db.HouseholdsIn(me.Scope).FirstOrDefaultAsync(x => x.Id == id);
            if (h is null) return new SyncOutcome.NotFound();
            var errors = new ApiErrors(l);
            var villageId = await VillageAsync(db, me.Scope, body.VillageCode, errors);
            var input = new HouseholdInput { VillageId = villageId, Address = body.Address, IdPoor = body.IdPoor, Phone = body.Phone };
            errors.Validate(input, "");
            await ExternalIdFreeAsync(db, body.ExternalId, id, isHousehold: true, errors);
            if (errors.Any) return errors.Rejected();
            if (h.Version != body.Version) return new SyncOutcome.Conflict(await Households(db.Households.Where(x => x.Id == id)).FirstAsync(), body);
            input.ApplyTo(h);
            if (body.ExternalId is not null) h.ExternalId = TypedText.OrNull(body.ExternalId);
            db.ExpectVersion(h, body.Version);
            return await SaveAsync(db, l, id, async () => await Households(db.Households.Where(x => x.Id == id)).FirstAsync(), body);
        }, id2 => ShowHouseholdAsync(db, me, audit, l, id2));
    }

    private static async Task<IResult> ListPersonsAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l,
        [FromQuery] string? cursor, [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? limit,
        [FromQuery(Name = "external_id")] string? externalId, [FromQuery(Name = "household_id")] int? householdId)
    {
        var errors = new ApiErrors(l);
        if (ApiPaging.Parse(cursor, updatedSince, limit, errors) is not { } query) return ApiProblems.Invalid(l, errors);
        var rows = db.PersonsIn(me.Scope).AsNoTracking();
        if (!string.IsNullOrEmpty(externalId)) rows = rows.Where(p => p.ExternalId == externalId);
        if (householdId is { } hid) rows = rows.Where(p => p.HouseholdId == hid);
        var page = await ApiPaging.PageAsync(rows, query, PersonShape);
        await ApiJson.RecordReadsAsync(audit, nameof(Person), page.Items.Select(i => i.Id));
        return Results.Ok(page);
    }

    private static async Task<IResult> ReadPersonAsync(int id, HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer<SharedResource> l) =>
        await ShowPersonAsync(db, me, audit, l, id);

    private static async Task<IResult> ShowPersonAsync(HiveDbContext db, CurrentUser me, AuditLog audit, IStringLocalizer l, int id)
    {
        var record = await db.PersonsIn(me.Scope).AsNoTracking().Where(p => p.Id == id).Select(PersonShape).FirstOrDefaultAsync();
        if (record is null) return ApiProblems.NotFound(l);
        await audit.RecordReadAsync(nameof(Person), id);
        return Results.Ok(record);
    }

    private static async Task<IResult> CreatePersonAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit,
        IStringLocalizer<SharedResource> l)
    {
        var (body, problem) = await ApiJson.ReadAsync<PersonCreate>(http, l);
        if (body is null) return problem!;
        if (body.RequestId is not { } requestId || requestId == Guid.Empty) return RequestIdMissing(l);
        return await ApiWrites.RunAsync(db, l, me, clock, "api:person", requestId, body, async record =>
        {
            var household = await db.HouseholdsIn(me.Scope).FirstOrDefaultAsync(h => h.Id == body.HouseholdId);
            var errors = new ApiErrors(l);
            if (household is null) errors.Add("householdId", "Api.NotFound");
            errors.Validate(body.Person, "person");
            await ExternalIdFreeAsync(db, body.ExternalId, null, isHousehold: false, errors);
            if (errors.Any || household is null || body.Person is null) return errors.Rejected();
            var now = record.ReceivedAt;
            var today = clock.DayOf(now);
            var person = new Person { HouseholdId = household.Id, CreatedAt = now, ExternalId = TypedText.OrNull(body.ExternalId) };
            var state = new ModelStateDictionary();
            body.Person.ApplyTo(person, today, state, "person", k => l[k]);
            if (Add(errors, state)) return errors.Rejected();
            if (!body.NotDuplicate)
            {
                var name = new PersonName(person.FamilyNameKm, person.GivenNameKm, person.FamilyNameLatin, person.GivenNameLatin);
                if ((await PossibleDuplicates.FindAsync(db, me.Scope, name, person.AgeOn(today), household.VillageId, today)).Count > 0)
                {
                    errors.Add("person", "Registry.PossibleDuplicate");
                    return errors.Rejected();
                }
            }
            db.Persons.Add(person);
            await db.SaveChangesAsync();
            return new SyncOutcome.Applied(person.Id, "");
        }, id => ShowPersonAsync(db, me, audit, l, id), id => ApiSetup.Prefix + "/persons/" + id);
    }

    private static async Task<IResult> UpdatePersonAsync(int id, HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit,
        IStringLocalizer<SharedResource> l)
    {
        var (body, problem) = await ApiJson.ReadAsync<PersonUpdate>(http, l);
        if (body is null) return problem!;
        if (body.RequestId is not { } requestId || requestId == Guid.Empty) return RequestIdMissing(l);
        return await ApiWrites.RunAsync(db, l, me, clock, "api:person-update", requestId, new { id, body }, async record =>
        {
            var p = await db.PersonsIn(me.Scope).FirstOrDefaultAsync(x => x.Id == id);
            if (p is null) return new SyncOutcome.NotFound();
            var errors = new ApiErrors(l);
            errors.Validate(body.Person, "person");
            await ExternalIdFreeAsync(db, body.ExternalId, id, isHousehold: false, errors);
            if (errors.Any || body.Person is null) return errors.Rejected();
            if (p.Version != body.Version) return new SyncOutcome.Conflict(await db.Persons.Where(x => x.Id == id).Select(PersonShape).FirstAsync(), body);
            var state = new ModelStateDictionary();
            body.Person.ApplyTo(p, clock.DayOf(record.ReceivedAt), state, "person", k => l[k]);
            if (Add(errors, state)) return errors.Rejected();
            if (body.ExternalId is not null) p.ExternalId = TypedText.OrNull(body.ExternalId);
            db.ExpectVersion(p, body.Version);
            return await SaveAsync(db, l, id, async () => await db.Persons.AsNoTracking().Where(x => x.Id == id).Select(PersonShape).FirstAsync(), body);
        }, id2 => ShowPersonAsync(db, me, audit, l, id2));
    }

    /// <summary>The village of an official code, if it is in the caller's area (else the same answer as a village that does not exist).</summary>
    private static async Task<int?> VillageAsync(HiveDbContext db, Scope scope, string? code, ApiErrors errors)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("villageCode", "Validation.Required");
            return null;
        }
        var id = await db.VillagesIn(scope).Where(v => v.Code == code.Trim()).Select(v => (int?)v.Id).FirstOrDefaultAsync();
        if (id is null) errors.Add("villageCode", "Validation.VillageOutOfScope");
        return id;
    }

    /// <summary>An external id names one household (one person): another record holding it is refused.</summary>
    private static async Task ExternalIdFreeAsync(HiveDbContext db, string? externalId, int? self, bool isHousehold, ApiErrors errors, string field = "externalId")
    {
        var id = TypedText.OrNull(externalId);
        if (id is null) return;
        if (id.Length > 64)
        {
            errors.Add(field, "Validation.TooLong");
            return;
        }
        var taken = isHousehold
            ? await db.Households.IgnoreQueryFilters().AnyAsync(h => h.ExternalId == id && h.Id != self)
            : await db.Persons.IgnoreQueryFilters().AnyAsync(p => p.ExternalId == id && p.Id != self);
        if (taken) errors.Add(field, "Api.ExternalIdTaken");
    }

    private static bool Add(ApiErrors errors, ModelStateDictionary state)
    {
        foreach (var (key, entry) in state)
            foreach (var e in entry.Errors)
                errors.AddText(key, e.ErrorMessage);
        return errors.Any;
    }

    private static async Task<SyncOutcome> SaveAsync(HiveDbContext db, IStringLocalizer l, int id, Func<Task<object>> current, object mine)
    {
        switch (await db.SaveOrRefuseAsync())
        {
            case SaveOutcome.Saved:
                return new SyncOutcome.Applied(id, "");
            case SaveOutcome.Changed:
                db.ChangeTracker.Clear();
                return new SyncOutcome.Conflict(await current(), mine);
            default:
                return SyncOutcome.Rejected.One("", l["Api.Refused"]);
        }
    }

    internal static IResult RequestIdMissing(IStringLocalizer l)
    {
        var errors = new ApiErrors(l);
        errors.Add("requestId", "Validation.Required");
        return ApiProblems.Invalid(l, errors);
    }
}
