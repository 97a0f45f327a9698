using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The REST API for other systems: tokens, scope, exactly-once writes, cursor paging, problem details, audit.</summary>
public sealed class ApiTests(Apps apps)
{
    private const string OuChar = DemoGeography.OuCharCode;
    private const string SvayPao = DemoGeography.SvayPaoCode;

    private static object Head(string givenKm, string givenLatin) => new
    {
        familyNameKm = "សុខ", givenNameKm = givenKm, familyNameLatin = "Sok", givenNameLatin = givenLatin,
        sex = "Female", dateOfBirth = "1984-03-02",
    };

    private static object NewHousehold(Guid requestId, string externalId, string villageCode, string givenKm, string givenLatin) => new
    {
        requestId, externalId, villageCode, address = "ផ្ទះលេខ ១២ ផ្លូវភូមិ", idPoor = "Level2", phone = "012 345 678",
        head = Head(givenKm, givenLatin), notDuplicate = true,
    };

    private static string UniqueKhmer() =>
        new(Enumerable.Range(0, 6).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A3)).ToArray());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_Svay_Pao_client_never_sees_Ou_Char_records_in_lists_reads_or_counts(string provider)
    {
        var app = await apps.Get(provider);
        var (_, http) = await app.NewApiAsync(Roles.SeniorSocialWorker, SvayPao);

        var households = await http.AllAsync("/api/v1/households");
        households.ShouldNotBeEmpty();
        households.ShouldAllBe(h => h.GetProperty("villageCode").GetString()!.StartsWith(SvayPao, StringComparison.Ordinal));
        var inDb = await app.WithDbAsync(db => db.Households.CountAsync(h => h.Village!.Commune!.Code == SvayPao));
        households.Count.ShouldBe(inDb, "every Svay Pao household, once each, and nothing else");

        var persons = await http.AllAsync("/api/v1/persons");
        var svayPaoPersons = await app.WithDbAsync(db => db.Persons.CountAsync(p => p.Household!.Village!.Commune!.Code == SvayPao));
        persons.Count.ShouldBe(svayPaoPersons);

        var cases = await http.AllAsync("/api/v1/cases");
        cases.ShouldNotBeEmpty();
        cases.ShouldAllBe(c => c.GetProperty("villageCode").GetString()!.StartsWith(SvayPao, StringComparison.Ordinal));
        (await http.AllAsync("/api/v1/referrals")).ShouldAllBe(r => r.GetProperty("villageCode").GetString()!.StartsWith(SvayPao, StringComparison.Ordinal));

        // An Ou Char household, person and case by id: not there for this client.
        var ouChar = await app.OuCharHouseholdAsync();
        await (await http.GetAsync($"/api/v1/households/{ouChar.Id}")).JsonAsync(HttpStatusCode.NotFound);
        var ouCharPerson = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == ouChar.Id).Select(p => p.Id).FirstAsync());
        await (await http.GetAsync($"/api/v1/persons/{ouCharPerson}")).JsonAsync(HttpStatusCode.NotFound);
        var ouCharCase = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        await (await http.GetAsync($"/api/v1/cases/{ouCharCase}")).JsonAsync(HttpStatusCode.NotFound);
        // Filtering by an Ou Char village finds nothing, rather than telling what is there.
        (await http.AllAsync("/api/v1/households?village_code=02030901")).ShouldBeEmpty();
        // Nor can it write there.
        var refused = await (await http.PostJsonAsync("/api/v1/households",
            NewHousehold(Guid.NewGuid(), "X-" + Guid.NewGuid().ToString("N")[..8], "02030901", UniqueKhmer(), DemoData.UniqueLatin()))).JsonAsync(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors").TryGetProperty("villageCode", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_create_repeated_gives_the_same_record_and_a_conflicting_repeat_is_409(string provider)
    {
        var app = await apps.Get(provider);
        var (client, http) = await app.NewApiAsync(Roles.SeniorSocialWorker, OuChar);
        var requestId = Guid.NewGuid();
        var externalId = "OSCAR-" + Guid.NewGuid().ToString("N")[..10];
        var givenKm = UniqueKhmer();
        var body = NewHousehold(requestId, externalId, "02030902", givenKm, DemoData.UniqueLatin());

        var created = await (await http.PostJsonAsync("/api/v1/households", body)).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        created.GetProperty("externalId").GetString().ShouldBe(externalId);
        // Khmer comes back exactly as it was sent.
        created.GetProperty("headNameKm").GetString().ShouldBe("សុខ " + givenKm);
        created.GetProperty("address").GetString().ShouldBe("ផ្ទះលេខ ១២ ផ្លូវភូមិ");

        var again = await (await http.PostJsonAsync("/api/v1/households", body)).JsonAsync(HttpStatusCode.OK);
        again.GetProperty("id").GetInt32().ShouldBe(id);

        var conflicting = NewHousehold(requestId, externalId, "02030902", UniqueKhmer(), DemoData.UniqueLatin());
        var conflict = await (await http.PostJsonAsync("/api/v1/households", conflicting)).JsonAsync(HttpStatusCode.Conflict);
        conflict.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        // Another client cannot take over the id either.
        var (_, other) = await app.NewApiAsync(Roles.SeniorSocialWorker, OuChar);
        await (await other.PostJsonAsync("/api/v1/households", body)).JsonAsync(HttpStatusCode.Conflict);

        (await app.WithDbAsync(db => db.Households.CountAsync(h => h.ExternalId == externalId))).ShouldBe(1);
        // The same external id under a new request id: refused, the first household keeps it.
        var taken = await (await http.PostJsonAsync("/api/v1/households",
            NewHousehold(Guid.NewGuid(), externalId, "02030902", UniqueKhmer(), DemoData.UniqueLatin()))).JsonAsync(HttpStatusCode.UnprocessableEntity);
        taken.GetProperty("errors").GetProperty("externalId").EnumerateArray().ShouldNotBeEmpty();

        // Found again by the external id; changed with the version read (a stale version is 409 with the current record).
        var found = await http.AllAsync($"/api/v1/households?external_id={externalId}");
        found.Single().GetProperty("id").GetInt32().ShouldBe(id);
        var version = found.Single().GetProperty("version").GetInt32();
        var update = new { requestId = Guid.NewGuid(), version, villageCode = "02030902", address = "ភូមិថ្មី", idPoor = "Level1", phone = "012345679" };
        var updated = await (await http.PutJsonAsync($"/api/v1/households/{id}", update)).JsonAsync(HttpStatusCode.OK);
        updated.GetProperty("address").GetString().ShouldBe("ភូមិថ្មី");
        updated.GetProperty("version").GetInt32().ShouldBe(version + 1);
        var stale = await (await http.PutJsonAsync($"/api/v1/households/{id}", update with { })).JsonAsync(HttpStatusCode.OK);
        stale.GetProperty("version").GetInt32().ShouldBe(version + 1, "the same request again is the same result");
        var staleChange = new { requestId = Guid.NewGuid(), version, villageCode = "02030902", address = "ផ្សេង", idPoor = "Level1", phone = "012345679" };
        var staleAnswer = await (await http.PutJsonAsync($"/api/v1/households/{id}", staleChange)).JsonAsync(HttpStatusCode.Conflict);
        staleAnswer.GetProperty("current").GetProperty("address").GetString().ShouldBe("ភូមិថ្មី");

        // Every write and read is in the audit chain under the client's name.
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserName == "api:" + client.Name && a.EntityType == "Household" && a.EntityId == id.ToString())
            .Select(a => a.Action).ToListAsync());
        audit.ShouldContain("Create");
        audit.ShouldContain("Update");
        audit.ShouldContain("Read");
        var verified = await app.WithDbAsync(db => VillageHive.Infrastructure.Audit.AuditChain.VerifyAsync(db));
        verified.BrokenAtId.ShouldBeNull();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_referral_goes_through_the_forms_duplicate_check_and_is_made_once(string provider)
    {
        var app = await apps.Get(provider);
        var (client, http) = await app.NewApiAsync(Roles.SeniorSocialWorker, OuChar);
        // A registered nine-year-old with names nobody else has.
        var known = await app.UniqueHouseholdAsync("02030901");
        var (givenKm, givenLatin) = (UniqueKhmer(), DemoData.UniqueLatin());
        await app.WithDbAsync(async db =>
        {
            var child = new Person { HouseholdId = known.Id, Sex = Sex.Female, RelationToHead = RelationToHead.Child, DateOfBirth = TestClock.Today.AddYears(-9), CreatedAt = TestClock.UtcNow };
            child.SetNames("ចាន់", givenKm, "Chan", givenLatin);
            db.Persons.Add(child);
            await db.SaveChangesAsync();
        });
        string[] parts = ["ចាន់", givenKm];
        string[] latin = ["Chan", givenLatin];
        object Referral(Guid requestId, string? match) => new
        {
            requestId, villageCode = "02030901",
            children = new[] { new { familyNameKm = parts[0], givenNameKm = parts[1], familyNameLatin = latin[0], givenNameLatin = latin[1], sex = "Female", ageYears = 9, match } },
            channel = "InPerson", concerns = new[] { "OutOfSchool" }, concernNote = "ពីប្រព័ន្ធ OSCaR", urgency = "Soon", consent = "Given",
        };

        // The child's name is a registered person's: the same question as on the form, before anything is saved.
        var asked = await (await http.PostJsonAsync("/api/v1/referrals", Referral(Guid.NewGuid(), null))).JsonAsync(HttpStatusCode.UnprocessableEntity);
        asked.GetProperty("errors").TryGetProperty("children[0].match", out _).ShouldBeTrue(asked.ToString());

        var requestId = Guid.NewGuid();
        var created = await (await http.PostJsonAsync("/api/v1/referrals", Referral(requestId, "new"))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        created.GetProperty("requestId").GetGuid().ShouldBe(requestId);
        created.GetProperty("status").GetString().ShouldBe("Received");
        var again = await (await http.PostJsonAsync("/api/v1/referrals", Referral(requestId, "new"))).JsonAsync(HttpStatusCode.OK);
        again.GetProperty("id").GetInt32().ShouldBe(id);
        (await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.IdempotencyKey == requestId))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == id).Select(r => r.EnteredBy).FirstAsync())).ShouldBe("api:" + client.Name);
        var status = await (await http.GetAsync($"/api/v1/referrals/{id}")).JsonAsync(HttpStatusCode.OK);
        status.GetProperty("status").GetString().ShouldBe("Received");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_poller_gets_every_change_once_and_in_order_while_records_change_during_the_poll(string provider)
    {
        var app = await apps.Get(provider);
        var (_, http) = await app.NewApiAsync(Roles.SeniorSocialWorker, "02030903");
        var since = (await app.WithDbAsync(db => db.Households.IgnoreQueryFilters().MaxAsync(h => (DateTime?)h.UpdatedAt))) ?? DateTime.MinValue;
        var ids = new List<int>();
        for (var i = 0; i < 5; i++) ids.Add((await app.UniqueHouseholdAsync("02030903")).Id);

        var seen = new List<(int Id, DateTime At)>();
        var url = "/api/v1/households?limit=2&updated_since=" + Uri.EscapeDataString(since.AddTicks(10).ToString("O"));
        var page = await (await http.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        var round = 0;
        var changedSeen = 0;
        var late = 0;
        while (true)
        {
            foreach (var item in page.GetProperty("items").EnumerateArray())
                seen.Add((item.GetProperty("id").GetInt32(), item.GetProperty("updatedAt").GetDateTime()));
            round++;
            if (round == 1)
            {
                // While the poller is between pages: one household it has read changes, and a new one is made.
                changedSeen = seen[0].Id;
                await app.WithDbAsync(async db =>
                {
                    var h = await db.Households.SingleAsync(x => x.Id == changedSeen);
                    h.Address = "changed during the poll";
                    await db.SaveChangesAsync();
                });
                late = (await app.UniqueHouseholdAsync("02030903")).Id;
            }
            var cursor = page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean()) break;
            page = await (await http.GetAsync("/api/v1/households?limit=2&cursor=" + Uri.EscapeDataString(cursor!))).JsonAsync(HttpStatusCode.OK);
        }

        // In order of (updatedAt, id), no change twice, and nothing missed: the five, the late one, and the change.
        seen.ShouldBe(seen.OrderBy(s => s.At).ThenBy(s => s.Id).ToList());
        seen.Distinct().Count().ShouldBe(seen.Count);
        seen.Select(s => s.Id).Distinct().ShouldBe(ids.Append(late), ignoreOrder: true);
        seen.Count(s => s.Id == changedSeen).ShouldBe(2, "read once before its change and once after");
        seen.Last(s => s.Id == changedSeen).At.ShouldBeGreaterThan(seen.First(s => s.Id == changedSeen).At);

        // Polling on from the last cursor later finds nothing new, then exactly the next change.
        var last = page.GetProperty("nextCursor").GetString()!;
        var empty = await (await http.GetAsync("/api/v1/households?cursor=" + Uri.EscapeDataString(last))).JsonAsync(HttpStatusCode.OK);
        empty.GetProperty("items").GetArrayLength().ShouldBe(0);
        empty.GetProperty("nextCursor").GetString().ShouldBe(last);
        await app.WithDbAsync(async db =>
        {
            var h = await db.Households.SingleAsync(x => x.Id == ids[2]);
            h.Address = "changed after the poll";
            await db.SaveChangesAsync();
        });
        var next = await (await http.GetAsync("/api/v1/households?cursor=" + Uri.EscapeDataString(last))).JsonAsync(HttpStatusCode.OK);
        next.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe([ids[2]]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_revoked_or_rotated_away_secret_and_its_tokens_are_refused(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.NewApiClientAsync(Roles.SeniorSocialWorker, [OuChar]);
        var http = await app.ApiAsync(client);
        await (await http.GetAsync("/api/v1/households?limit=1")).JsonAsync(HttpStatusCode.OK);

        (await app.RequestTokenAsync(client.Id, client.Secret + "x")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.RequestTokenAsync(client.Id, "")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Rotated: the old secret and the tokens issued under it stop working; the new secret works.
        var secret = await app.WithDbAsync(async db =>
        {
            var c = await db.ApiClients.SingleAsync(x => x.ClientId == client.Id);
            var s = c.Rotate(TestClock.UtcNow);
            await db.SaveChangesAsync();
            return s;
        });
        var refused = await app.RequestTokenAsync(client.Id, client.Secret);
        (await refused.JsonAsync(HttpStatusCode.Unauthorized)).GetProperty("error").GetString().ShouldBe("invalid_client");
        var old = await (await http.GetAsync("/api/v1/households?limit=1")).JsonAsync(HttpStatusCode.Unauthorized);
        old.GetProperty("status").GetInt32().ShouldBe(401);
        var rotated = await app.ApiAsync(client with { Secret = secret });
        await (await rotated.GetAsync("/api/v1/households?limit=1")).JsonAsync(HttpStatusCode.OK);

        // Revoked: no token, and the one it holds is refused at once.
        await app.WithDbAsync(async db =>
        {
            var c = await db.ApiClients.SingleAsync(x => x.ClientId == client.Id);
            c.Revoke(TestClock.UtcNow);
            await db.SaveChangesAsync();
        });
        (await app.RequestTokenAsync(client.Id, secret)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await rotated.GetAsync("/api/v1/households?limit=1")).JsonAsync(HttpStatusCode.Unauthorized);
        var failures = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "api:" + client.Name && a.Action == "SignInFailed"));
        failures.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_input_is_a_problem_in_the_callers_language_never_a_500(string provider)
    {
        var app = await apps.Get(provider);
        var (client, http) = await app.NewApiAsync(Roles.SeniorSocialWorker, OuChar);
        async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", $"{response.RequestMessage!.RequestUri}");
            var json = await response.JsonAsync(status);
            json.GetProperty("status").GetInt32().ShouldBe((int)status);
            json.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
            return json;
        }
        using var malformed = new StringContent("{\"requestId\": ", System.Text.Encoding.UTF8, "application/json");
        await ProblemAsync(await http.PostAsync("/api/v1/households", malformed), HttpStatusCode.BadRequest);
        using var wrongType = new StringContent("""{"requestId":"9b1f3a52-5d1a-4a49-8f0e-3c3f0e7d2a11","villageCode":"02030902","head":{"sex":"Dragon"}}""",
            System.Text.Encoding.UTF8, "application/json");
        var typed = await ProblemAsync(await http.PostAsync("/api/v1/households", wrongType), HttpStatusCode.BadRequest);
        typed.GetProperty("errors").TryGetProperty("head.sex", out _).ShouldBeTrue(typed.ToString());
        using var text = new StringContent("villageCode=1", System.Text.Encoding.UTF8, "text/plain");
        await ProblemAsync(await http.PostAsync("/api/v1/households", text), HttpStatusCode.UnsupportedMediaType);

        var empty = await ProblemAsync(await http.PostJsonAsync("/api/v1/households", new { requestId = Guid.NewGuid() }), HttpStatusCode.UnprocessableEntity);
        var errors = empty.GetProperty("errors");
        errors.TryGetProperty("villageCode", out _).ShouldBeTrue(empty.ToString());
        errors.TryGetProperty("head", out _).ShouldBeTrue(empty.ToString());
        var tooLong = await ProblemAsync(await http.PostJsonAsync("/api/v1/households", new
        {
            requestId = Guid.NewGuid(), villageCode = "02030902", address = new string('ក', 301), head = Head(UniqueKhmer(), "x"), notDuplicate = true,
        }), HttpStatusCode.UnprocessableEntity);
        tooLong.GetProperty("errors").GetProperty("address")[0].GetString().ShouldBe("This text is too long.");
        await ProblemAsync(await http.PostJsonAsync("/api/v1/households", new { villageCode = "02030902" }), HttpStatusCode.UnprocessableEntity);

        foreach (var query in new[] { "cursor=%%%", "cursor=bm9wZQ", "limit=0", "limit=abc", "limit=100000", "updated_since=yesterday" })
            await ProblemAsync(await http.GetAsync("/api/v1/households?" + query), HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(await http.GetAsync("/api/v1/households/999999999"), HttpStatusCode.NotFound);
        await ProblemAsync(await http.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        await ProblemAsync(await http.PutJsonAsync("/api/v1/persons/999999999", new { requestId = Guid.NewGuid(), version = 0, person = new { } }), HttpStatusCode.NotFound);
        await ProblemAsync(await http.PostJsonAsync("/api/v1/service-referrals/1/answer", new { requestId = Guid.NewGuid(), version = 0, status = "Accepted" }), HttpStatusCode.Forbidden);

        // Khmer when asked for (and by default), English for "en-US".
        using var km = new HttpRequestMessage(HttpMethod.Get, "/api/v1/households/999999999");
        km.Headers.Authorization = http.DefaultRequestHeaders.Authorization;
        km.Headers.AcceptLanguage.ParseAdd("km");
        var khmer = await ProblemAsync(await app.Anonymous().SendAsync(km), HttpStatusCode.NotFound);
        khmer.GetProperty("title").GetString().ShouldBe("គ្មានកំណត់ត្រានេះនៅក្នុងតំបន់របស់កម្មវិធីនេះទេ។");
        using var en = new HttpRequestMessage(HttpMethod.Get, "/api/v1/households/999999999");
        en.Headers.Authorization = http.DefaultRequestHeaders.Authorization;
        en.Headers.AcceptLanguage.ParseAdd("en-US");
        (await ProblemAsync(await app.Anonymous().SendAsync(en), HttpStatusCode.NotFound)).GetProperty("title").GetString().ShouldBe("No such record in this client's area.");

        // No token, a made-up token, a cookie instead of a token: 401 problems.
        await ProblemAsync(await app.Anonymous().GetAsync("/api/v1/households"), HttpStatusCode.Unauthorized);
        var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await ProblemAsync(await forged.GetAsync("/api/v1/households"), HttpStatusCode.Unauthorized);
        var user = await app.As("ouchar.senior");
        await ProblemAsync(await user.GetAsync("/api/v1/households"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await user.PostJsonAsync("/api/v1/households", NewHousehold(Guid.NewGuid(), "C-" + Guid.NewGuid().ToString("N")[..6], "02030902", UniqueKhmer(), "x")),
            HttpStatusCode.Unauthorized);

        // The token endpoint answers RFC 6749 errors.
        var grant = await app.Anonymous().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" }));
        (await grant.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("error").GetString().ShouldBe("unsupported_grant_type");
        var json = await app.Anonymous().PostAsync("/connect/token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        (await json.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("error").GetString().ShouldBe("invalid_request");
        // HTTP Basic works too.
        using var basic = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}")));
        await (await app.Anonymous().SendAsync(basic)).JsonAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_client_over_its_rate_is_told_when_to_come_back(string provider)
    {
        var app = await apps.Get(provider);
        var (_, http) = await app.NewApiAsync(Roles.SeniorSocialWorker, OuChar);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 2100 && limited is null; i++)
        {
            var response = await http.GetAsync("/api/v1/no-such-thing");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        limited.ShouldNotBeNull();
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
        (await limited.JsonAsync(HttpStatusCode.TooManyRequests)).GetProperty("status").GetInt32().ShouldBe(429);
        // Another client is not held up by it.
        var (_, other) = await app.NewApiAsync(Roles.SeniorSocialWorker, OuChar);
        (await other.GetAsync("/api/v1/geography/villages")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_provider_system_reads_and_answers_only_the_referrals_sent_to_it(string provider)
    {
        var app = await apps.Get(provider);
        var providerName = await app.WithDbAsync(db => db.Services.Where(s => s.Coverage.Any(v => v.Village!.Code == "02030901")).OrderBy(s => s.Id).Select(s => s.Provider!.Name).FirstAsync());
        var client = await app.NewApiClientAsync(Roles.ServiceProvider, [OuChar], providerName);
        var http = await app.ApiAsync(client);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var mine = await app.NewServiceReferralAsync(caseId, providerName, "ពិនិត្យសុខភាពកុមារ");

        var inbox = await http.AllAsync("/api/v1/service-referrals");
        inbox.ShouldContain(r => r.GetProperty("id").GetInt32() == mine);
        var ofOthers = await app.WithDbAsync(db => db.ServiceReferrals.Where(r => r.Service!.Provider!.Name != providerName).Select(r => r.Id).ToListAsync());
        inbox.ShouldAllBe(r => !ofOthers.Contains(r.GetProperty("id").GetInt32()));
        var one = await (await http.GetAsync($"/api/v1/service-referrals/{mine}")).JsonAsync(HttpStatusCode.OK);
        one.GetProperty("request").GetString().ShouldBe("ពិនិត្យសុខភាពកុមារ");
        var version = one.GetProperty("version").GetInt32();

        var answer = new { requestId = Guid.NewGuid(), version, status = "Accepted" };
        var accepted = await (await http.PostJsonAsync($"/api/v1/service-referrals/{mine}/answer", answer)).JsonAsync(HttpStatusCode.OK);
        accepted.GetProperty("status").GetString().ShouldBe("Accepted");
        // Delivered without the day and outcome: the inbox page's own checks.
        var incomplete = await (await http.PostJsonAsync($"/api/v1/service-referrals/{mine}/answer",
            new { requestId = Guid.NewGuid(), version = version + 1, status = "Delivered" })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        incomplete.GetProperty("errors").TryGetProperty("deliveredOn", out _).ShouldBeTrue(incomplete.ToString());
        await (await http.PostJsonAsync($"/api/v1/service-referrals/{mine}/answer", answer with { requestId = Guid.NewGuid() })).JsonAsync(HttpStatusCode.Conflict);
        if (ofOthers.Count > 0)
            await (await http.GetAsync($"/api/v1/service-referrals/{ofOthers[0]}")).JsonAsync(HttpStatusCode.NotFound);
        // The directory and the geography with official codes.
        var services = await http.AllAsync("/api/v1/services");
        services.ShouldNotBeEmpty();
        var villages = await (await http.GetAsync("/api/v1/geography/villages")).JsonAsync(HttpStatusCode.OK);
        villages.GetProperty("items").EnumerateArray().ShouldContain(v => v.GetProperty("code").GetString() == "02030901" && v.GetProperty("communeCode").GetString() == OuChar);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_case_summary_carries_no_notes(string provider)
    {
        var app = await apps.Get(provider);
        var (_, http) = await app.NewApiAsync(Roles.SeniorSocialWorker, OuChar);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var summary = await (await http.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);
        summary.GetProperty("status").GetString().ShouldBe("Open");
        summary.GetProperty("childIds").GetArrayLength().ShouldBeGreaterThan(0);
        var fields = summary.EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldNotContain(f => f.Contains("note", StringComparison.OrdinalIgnoreCase) || f.Contains("confidential", StringComparison.OrdinalIgnoreCase));
        // A role without case pages (the Community Network) gets 403.
        var (_, member) = await app.NewApiAsync(Roles.CommunityNetworkMember, "02030901");
        await (await member.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_OpenAPI_document_is_3_1_and_describes_every_endpoint_with_its_schemas(string provider)
    {
        var app = await apps.Get(provider);
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonDocument.Parse(text).RootElement;
        document.GetProperty("openapi").GetString()!.ShouldStartWith("3.1");
        var paths = document.GetProperty("paths");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/') is var p && (p.StartsWith("api/v1/", StringComparison.Ordinal) || p == "connect/token") && !p.Contains('*', StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m.ToLowerInvariant(), Path: "/" + e.RoutePattern.RawText!.Trim('/').Replace(":int", "", StringComparison.Ordinal))))
            .ToList();
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(19);
        foreach (var (method, path) in endpoints)
        {
            paths.TryGetProperty(path, out var item).ShouldBeTrue($"{path} is not in the document");
            item.TryGetProperty(method, out var operation).ShouldBeTrue($"{method} {path} is not in the document");
            var ok = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            ok.ShouldNotBeEmpty($"{method} {path} has no success response");
            ok.All(r => r.Value.GetProperty("content").EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _))).ShouldBeTrue($"{method} {path}: a success without a schema");
            operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')).ShouldNotBeEmpty($"{method} {path} lists no error");
            if (method is "post" or "put")
                operation.GetProperty("requestBody").GetProperty("content").EnumerateObject().Single().Value.TryGetProperty("schema", out _).ShouldBeTrue($"{method} {path}");
        }
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("clientCredentials").GetProperty("type").GetString().ShouldBe("oauth2");
        // With the npm validator installed (tools/openapi: npm install), the document also passes its OpenAPI 3.1 checks.
        var tool = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tools/openapi"));
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "@readme", "openapi-parser")))
        {
            // test.sh installs it; under CI a missing validator is a failure, never a skip.
            Apps.InCi.ShouldBeFalse("tools/openapi has no node_modules: test.sh runs npm install there");
            Assert.Skip("tools/openapi has no node_modules: run npm install there (test.sh does) to validate with @readme/openapi-parser too.");
        }
        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, text);
        try
        {
            using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", ["validate.mjs", file])
            {
                WorkingDirectory = tool, RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = await node.StandardOutput.ReadToEndAsync() + await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            node.ExitCode.ShouldBe(0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_administrator_creates_rotates_and_revokes_a_client_on_its_page(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var name = "page-" + Guid.NewGuid().ToString("N")[..10];
        var created = await admin.PostFormAsync("/Admin/ApiClients", new() { ["Name"] = name, ["Role"] = Roles.Ccwc, ["Areas"] = OuChar });
        var html = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        created.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var id = System.Text.RegularExpressions.Regex.Match(html, "id=\"client-id\">([^<]+)<").Groups[1].Value;
        var secret = System.Text.RegularExpressions.Regex.Match(html, "id=\"client-secret\">([^<]+)<").Groups[1].Value;
        id.ShouldStartWith("hive-");
        secret.Length.ShouldBeGreaterThanOrEqualTo(40);
        var client = new ApiData.Client(name, id, secret);
        await (await (await app.ApiAsync(client)).GetAsync("/api/v1/households?limit=1")).JsonAsync(HttpStatusCode.OK);
        // The list shows the client, never its secret again.
        var list = await admin.GetHtmlAsync("/Admin/ApiClients");
        list.ShouldContain(name);
        list.ShouldNotContain(secret);
        // A bad area or a taken name: the form again with the reason, nothing made.
        var bad = await (await admin.PostFormAsync("/Admin/ApiClients", new() { ["Name"] = name, ["Role"] = Roles.Ccwc, ["Areas"] = "12" })).Content.ReadAsStringAsync();
        bad.ShouldNotContain("id=\"client-secret\"");

        var row = await app.WithDbAsync(db => db.ApiClients.Where(c => c.ClientId == id).Select(c => c.Id).FirstAsync());
        var rotated = await (await admin.PostFormAsync("/Admin/ApiClients?handler=Rotate", new() { ["ClientRow"] = row.ToString() }, "/Admin/ApiClients")).Content.ReadAsStringAsync();
        var newSecret = System.Text.RegularExpressions.Regex.Match(rotated, "id=\"client-secret\">([^<]+)<").Groups[1].Value;
        newSecret.ShouldNotBe(secret);
        (await app.RequestTokenAsync(id, secret)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await app.TokenAsync(client with { Secret = newSecret });

        // Revoking asks first; only the confirmation revokes.
        var asked = await (await admin.PostFormAsync("/Admin/ApiClients?handler=Revoke", new() { ["ClientRow"] = row.ToString() }, "/Admin/ApiClients")).Content.ReadAsStringAsync();
        asked.ShouldContain("id=\"revoke-confirm\"");
        (await app.WithDbAsync(db => db.ApiClients.Where(c => c.Id == row).Select(c => c.RevokedAt).FirstAsync())).ShouldBeNull();
        var done = await admin.PostFormAsync("/Admin/ApiClients?handler=Revoke", new() { ["ClientRow"] = row.ToString(), ["Confirmed"] = "true" }, "/Admin/ApiClients");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.RequestTokenAsync(id, newSecret)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The page speaks Khmer by default.
        (await app.Anonymous().GetAsync("/Admin/ApiClients")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        list = await admin.GetHtmlAsync("/Admin/ApiClients");
        list.ShouldContain("កម្មវិធីភ្ជាប់ API");
    }
}
