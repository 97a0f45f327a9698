using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data.Seed;
using VillageHive.Infrastructure.Audit;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Posts hostile and malformed values to every form of the app (found from the routes and the forms on their
/// pages). Whatever comes in: no 500, no script echoed unencoded, and nothing saved when the form is refused.
/// </summary>
public sealed partial class BadInputTests(Apps apps, ITestOutputHelper output)
{
    private const string Script = "<script>alert('hive')</script>";

    private static readonly string[] Values =
    [
        "",
        new string('x', 10_000),
        new string('ក', 10_000),
        "ក្មេងស្រី 👧🏽 ស្រីពៅ 🐝",
        Script,
        "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE \"Households\"; --",
        "1 OR 1=1",
        "2099-13-45",
        "31/02/2020",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "\u0000\u200B\uFEFF",
        "999999",
    ];

    [GeneratedRegex("""<form[^>]*method="post"[^>]*>(.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("""<(?:input|select|textarea)[^>]*\bname="([^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Field();

    [GeneratedRegex("""^<form[^>]*?\saction="([^"]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Action();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task No_form_answers_bad_input_with_an_error_an_echoed_script_or_a_half_save(string provider)
    {
        var app = await apps.Get(provider);
        var adminUser = "badinput." + provider.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(adminUser, Domain.Roles.Administrator, district: true);
        var adminClient = await app.SignInAsync(adminUser, Db.DemoPassword);

        var household = await app.UniqueHouseholdAsync("02030901");
        var values = new Dictionary<string, string>
        {
            ["id"] = household.Id.ToString(),
            ["household"] = household.Id.ToString(),
        };
        var person = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync());
        var commune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var kdol = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == "020307").Select(c => c.Id).SingleAsync());
        var village = await app.VillageIdAsync("02030901");
        var referral = await app.NewReferralAsync(household.Id, "ouchar.member1");
        // A throwaway user for the account actions (deactivate, reset password...), so the demo users stay as they are.
        var target = "badinput.target." + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(target, Domain.Roles.VillageSocialWorker);
        var user = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == target).Select(u => u.Id).SingleAsync());
        // Case pages: a case worker of the whole district (an administrator does not work cases), on a case with a
        // draft assessment and a network member.
        var caseUser = "badinput.case." + provider.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(caseUser, Domain.Roles.Ccwc, district: true);
        var caseClient = await app.SignInAsync(caseUser, Db.DemoPassword);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var (assessment, member) = await app.WithDbAsync(async db =>
        {
            var a = new Domain.Assessment { CaseId = caseId, Number = 1, AssessedOn = TestClock.Today, CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow };
            var m = new Domain.FamilyNetworkMember { CaseId = caseId, Name = "Test neighbour", Relation = Domain.NetworkRelation.Neighbour };
            db.AddRange(a, m);
            await db.SaveChangesAsync();
            return (a.Id, m.Id);
        });
        var community = await app.WithDbAsync(async db =>
        {
            var programme = await db.Programmes.Where(p => p.Name == DemoCommunity.ProgrammeName).Select(p => p.Id).SingleAsync();
            return (
                Programme: programme,
                Enrolment: await db.Enrolments.Where(e => e.ProgrammeId == programme && e.ExitDate == null).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(),
                FollowUp: await db.AbsenceFollowUps.Where(f => f.Enrolment!.ProgrammeId == programme).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync(),
                Activity: await db.ActivityVillages.Where(v => v.VillageId == village).OrderBy(v => v.ActivityId).Select(v => v.ActivityId).FirstAsync(),
                Session: await db.ActivitySessions.Where(s => s.VillageId == village).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                Consultation: await db.Consultations.Where(c => c.VillageId == village).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        });
        // A photo of the household's, for the attachment forms (the administrator may add to and remove from the registry's records).
        var attachment = await app.NewAttachmentAsync(Domain.AttachmentOwner.Household, household.Id, AttachmentData.Jpeg());
        var participant = await app.WithDbAsync(db => db.WaveParticipants.Where(p => p.Wave!.Cohort!.Name == DemoStudy.CohortName && p.Household!.Village!.Code == "02030901")
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        // The demo study, its questionnaire and its baseline wave, for the study's design forms (the administrator's).
        var study = await app.WithDbAsync(db => db.StudyWaves.Where(w => w.Cohort!.Name == DemoStudy.CohortName && w.Number == 1)
            .Select(w => new { Wave = w.Id, w.Cohort!.StudyId, w.QuestionnaireVersion!.QuestionnaireId }).SingleAsync());
        string Url(string pattern) => pattern switch
        {
            _ when pattern.StartsWith("/Study/Studies/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = study.StudyId.ToString() }),
            _ when pattern.StartsWith("/Study/Questionnaires/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = study.QuestionnaireId.ToString() }),
            _ when pattern.StartsWith("/Study/Waves/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = study.Wave.ToString() }),
            _ when pattern.StartsWith("/Attachments/Of/", StringComparison.Ordinal) => $"/Attachments/Of/Household/{household.Id}",
            _ when pattern.StartsWith("/Attachments/{id", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = attachment.ToString() }),
            _ when pattern.StartsWith("/Study/Interview/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = participant.ToString() }),
            _ when pattern.StartsWith("/Cases/{id", StringComparison.Ordinal) => Routes.Fill(
                pattern.Replace("{assessmentId:int}", assessment.ToString(), StringComparison.Ordinal).Replace("{memberId:int}", member.ToString(), StringComparison.Ordinal),
                new Dictionary<string, string> { ["id"] = caseId.ToString() }),
            _ when pattern.StartsWith("/Programmes/Enrolments/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = community.Enrolment.ToString() }),
            _ when pattern.StartsWith("/Programmes/FollowUps/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = community.FollowUp.ToString() }),
            _ when pattern.StartsWith("/Programmes/{", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = community.Programme.ToString() }),
            _ when pattern.StartsWith("/Community/Sessions/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = community.Session.ToString() }),
            _ when pattern.StartsWith("/Community/{", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = community.Activity.ToString() }),
            _ when pattern.StartsWith("/Services/Edit/{", StringComparison.Ordinal) => "/Services/Edit",
            _ when pattern.StartsWith("/Consultations/{", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = community.Consultation.ToString() }),
            _ when pattern.StartsWith("/Research/FocusGroups/{", StringComparison.Ordinal) => "/Research/FocusGroups",
            _ when pattern.StartsWith("/Research/CaseStudies/{", StringComparison.Ordinal) => "/Research/CaseStudies",
            _ when pattern.StartsWith("/Services/Providers/{", StringComparison.Ordinal) => "/Services/Providers",
            _ when pattern.StartsWith("/Reports/Commune/{", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = commune.ToString(), ["year"] = "2023" }),
            _ when pattern.StartsWith("/Referrals/{", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = referral.ToString() }),
            _ when pattern.StartsWith("/Admin/Users/{", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = user }),
            _ when pattern.StartsWith("/Registry/Persons/New", StringComparison.Ordinal) => $"/Registry/Persons/New?householdId={household.Id}",
            _ when pattern.StartsWith("/Registry/Persons/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = person.ToString() }),
            _ when pattern.StartsWith("/Admin/Geography/Communes/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = commune.ToString() }),
            _ when pattern.StartsWith("/Admin/Geography/Villages/", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = village.ToString() }),
            // A commune no other test reads: a valid piece of evidence is kept.
            _ when pattern.StartsWith("/Hives/{", StringComparison.Ordinal) => Routes.Fill(pattern, new Dictionary<string, string> { ["id"] = kdol.ToString(), ["item"] = "CouncilTrained" }),
            // The session form shows once a worker is chosen.
            "/Workforce/Supervision/New" => "/Workforce/Supervision/New?worker=ouchar.vbsw1",
            _ => Routes.Fill(pattern, values),
        };

        var forms = 0;
        var covered = new List<string>();
        var posts = 0;
        var problems = new List<string>();
        foreach (var route in Routes.All(app).Where(r => r.Methods.Contains("POST")))
        {
            var url = Url(route.Pattern);
            // Field work (cases, programmes, activities) is not the administrator's: a district CCWC posts there.
            var fieldWork = route.Pattern.StartsWith("/Cases/", StringComparison.Ordinal) || route.Pattern.StartsWith("/Programmes", StringComparison.Ordinal) || route.Pattern.StartsWith("/Community", StringComparison.Ordinal)
                || route.Pattern.EndsWith("/Care", StringComparison.Ordinal)
                || route.Pattern.StartsWith("/Workforce", StringComparison.Ordinal) || route.Pattern.StartsWith("/Hives", StringComparison.Ordinal)
                || route.Pattern.StartsWith("/Consultations", StringComparison.Ordinal) || route.Pattern.StartsWith("/Research", StringComparison.Ordinal)
                || route.Pattern.StartsWith("/Study/Interview/", StringComparison.Ordinal);
            var (client, userName) = fieldWork ? (caseClient, caseUser) : (adminClient, adminUser);
            var page = await client.GetAsync(url);
            if (page.StatusCode != HttpStatusCode.OK) continue;
            var html = await page.Content.ReadAsStringAsync();
            // The page's own forms: not the header's language switch and sign-out.
            var pageForms = Form().Matches(html)
                .Where(m => Action().Match(m.Value) is not { Success: true } a || (!a.Groups[1].Value.Contains("/Language", StringComparison.Ordinal) && !a.Groups[1].Value.Contains("/Account/Logout", StringComparison.Ordinal)))
                .ToList();
            foreach (var form in pageForms)
            {
                var fields = Field().Matches(form.Groups[1].Value).Select(m => m.Groups[1].Value)
                    .Where(n => n != "__RequestVerificationToken").Distinct().ToList();
                if (fields.Count == 0) continue;
                // Every form carries its own antiforgery token (a form with an explicit action gets none by default).
                if (!form.Value.Contains("__RequestVerificationToken", StringComparison.Ordinal))
                    problems.Add($"{url}: a form without an antiforgery token");
                forms++;
                covered.Add($"{(Action().Match(form.Value) is { Success: true } act && act.Groups[1].Value.Length > 0 ? WebUtility.HtmlDecode(act.Groups[1].Value) : url)} ({fields.Count} fields)");
                foreach (var value in Values)
                {
                    var before = await SavedCountAsync(app, userName);
                    var action = Action().Match(form.Value) is { Success: true } a && a.Groups[1].Value.Length > 0 ? WebUtility.HtmlDecode(a.Groups[1].Value) : url;
                    var response = await client.PostFormAsync(action, fields.ToDictionary(f => f, _ => value), formPage: url);
                    posts++;
                    var body = await response.Content.ReadAsStringAsync();
                    var label = $"{url} [{(value.Length > 20 ? value[..20] + "…" : value)}]";
                    if ((int)response.StatusCode >= 500) problems.Add($"{label}: {(int)response.StatusCode}");
                    if (body.Contains(Script, StringComparison.Ordinal) || body.Contains("<img src=x", StringComparison.Ordinal)) problems.Add($"{label}: script echoed unencoded");
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity && await SavedCountAsync(app, userName) != before)
                        problems.Add($"{label}: refused but something was saved");
                }
            }
        }
        output.WriteLine($"{provider}: {forms} forms, {Values.Length} values each, {posts} posts: {string.Join(", ", covered)}");
        forms.ShouldBeGreaterThanOrEqualTo(8);
        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Wrong_ids_in_the_address_are_404_not_errors(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        // Writing on a case (and where a child lives, a consultation's plan) is for case workers only: an administrator gets 403 before any id is looked at.
        var caseWorker = await app.As("ouchar.ccwc");
        foreach (var route in Routes.All(app).Where(r => r.Pattern.Contains("{id", StringComparison.Ordinal)))
        {
            var client = route.Pattern.StartsWith("/Cases/", StringComparison.Ordinal) || route.Pattern.EndsWith("/Care", StringComparison.Ordinal)
                || route.Pattern.StartsWith("/Study/Interview/", StringComparison.Ordinal)
                || (route.Pattern.StartsWith("/Consultations/", StringComparison.Ordinal) && route.Pattern.EndsWith("/Plan", StringComparison.Ordinal)) ? caseWorker : admin;
            foreach (var id in new[] { "0", "2147483647", "99999999999", "-5", "abc" })
            {
                var url = Routes.Fill(route.Pattern, new Dictionary<string, string> { ["id"] = id });
                var response = await client.GetAsync(url);
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            }
        }
    }

    /// <summary>What the user has changed so far, as the audit log counts it (every save is audited).</summary>
    private static Task<int> SavedCountAsync(HiveApp app, string userName) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == userName && a.Action != AuditLog.Read && a.Action != AuditLog.SignIn && a.Action != AuditLog.SignInFailed));

    /// <summary>Every API write (found from the routes) gets each hostile value in every field it reads, as JSON of any type.</summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task No_API_write_answers_bad_input_with_a_500_or_saves_half(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.NewApiClientAsync(VillageHive.Domain.Roles.Ccwc, [DemoGeography.OuCharCode]);
        var http = await app.ApiAsync(client);
        var household = (await app.OuCharHouseholdAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var writes = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains('*', StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Where(m => m != "GET")
                .Select(m => (Method: m, Url: "/" + e.RoutePattern.RawText!.Trim('/').Replace("{id:int}", household, StringComparison.Ordinal))))
            .ToList();
        writes.Count.ShouldBeGreaterThanOrEqualTo(6);
        string[] fields = ["requestId", "version", "externalId", "villageCode", "address", "phone", "idPoor", "householdId", "head", "person",
            "children", "concerns", "urgency", "status", "deliveredOn", "outcome", "reason", "notDuplicate"];
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "api:" + client.Name && a.Action != "Read"));
        var problems = new List<string>();
        foreach (var (method, url) in writes)
            foreach (var field in fields)
                foreach (var value in Values.Take(8).Cast<object>().Concat([12345678901234L, true, new[] { Script }, new { givenNameKm = Script }]))
                {
                    var body = new Dictionary<string, object> { ["requestId"] = Guid.NewGuid(), [field] = value };
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
                    var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.TooManyRequests)
                        problems.Add($"{method} {url} {field}={value}: {(int)response.StatusCode}");
                    else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        problems.Add($"{method} {url} {field}: not a problem ({response.Content.Headers.ContentType})");
                    else if (text.Contains("<script>", StringComparison.Ordinal))
                        problems.Add($"{method} {url} {field}: script echoed");
                }
        problems.ShouldBeEmpty();
        // Refused every time: nothing of it was saved.
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "api:" + client.Name && a.Action != "Read"))).ShouldBe(before);
    }

    /// <summary>
    /// Every DCI endpoint (found from the routes) gets hostile values in its header and message, signed with the client's
    /// real key so that they reach the checks behind the signature: never a 500, always a DCI answer, and a refused
    /// request saves nothing (not even its message id).
    /// </summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task No_DCI_request_answers_bad_input_with_a_500_or_saves_half(string provider)
    {
        var app = await apps.Get(provider);
        var dci = await DciTests.NewDciAsync(app, DemoGeography.OuCharCode);
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(p => p.StartsWith("dci/registry/", StringComparison.Ordinal))
            .Select(p => p["dci/registry/".Length..])
            .ToList();
        endpoints.Count.ShouldBe(6);
        object[] hostile = ["", Script, new string('9', 5000), 12345678901234L, -1, true, new[] { Script }, new { x = Script }, "2024-01-15T10:30:00", "javascript:alert(1)"];
        string[] headerFields = ["version", "message_id", "message_ts", "action", "sender_id", "total_count", "sender_uri"];
        string[] messageFields = ["transaction_id", "search_request", "subscribe_request", "subscription_codes", "timestamp", "txnstatus_request", "query", "pagination", "filter"];
        var problems = new List<string>();
        Task<int> SavedAsync() => app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "api:" + dci.Client.Name && a.Action != AuditLog.Read));
        foreach (var endpoint in endpoints)
        {
            var action = endpoint.Contains("txn", StringComparison.Ordinal) ? "txn-status" : endpoint.Replace("sync/", "", StringComparison.Ordinal);
            foreach (var (part, field) in headerFields.Select(f => ("header", f)).Concat(messageFields.Select(f => ("message", f))))
                foreach (var value in hostile)
                {
                    var header = new System.Text.Json.Nodes.JsonObject
                    {
                        ["version"] = "1.0.0", ["message_id"] = Guid.NewGuid().ToString("N"), ["message_ts"] = DciTests.Now(), ["action"] = action,
                        ["sender_id"] = DciTests.SenderId, ["total_count"] = 1, ["sender_uri"] = HiveApp.DciCallbackOrigin + "/bad/on-" + action,
                    };
                    var message = new System.Text.Json.Nodes.JsonObject
                    {
                        ["transaction_id"] = "t1", ["timestamp"] = DciTests.Now(), ["subscription_codes"] = new System.Text.Json.Nodes.JsonArray("sub-x"),
                        ["search_request"] = System.Text.Json.Nodes.JsonNode.Parse($$$$"""[{"reference_id":"r","timestamp":"{{{{DciTests.Now()}}}}","search_criteria":{"query_type":"idtype-value","query":{"type":"village_code","value":"02030901"}}}]"""),
                    };
                    var target = part == "header" ? header : message;
                    target[field] = System.Text.Json.JsonSerializer.SerializeToNode(value);
                    var h = header.ToJsonString();
                    var m = message.ToJsonString();
                    var envelope = VillageHive.Infrastructure.Dci.DciOutbox.Envelope(
                        VillageHive.Infrastructure.Dci.DciSignature.Sign(dci.PrivateKey, DciTests.SenderId, dci.KeyId, h, m, TestClock.UtcNow), h, m);
                    var before = await SavedAsync();
                    var response = await DciTests.PostAsync(dci, endpoint, envelope);
                    var text = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    if (status >= 500 || status == 429)
                        problems.Add($"{endpoint} {part}.{field}={value}: {status}");
                    else if (response.Content.Headers.ContentType?.MediaType != "application/json")
                        problems.Add($"{endpoint} {part}.{field}: not JSON ({response.Content.Headers.ContentType})");
                    else if (status >= 400)
                    {
                        if (!text.Contains("\"ack_status\":\"ERR\"", StringComparison.Ordinal)) problems.Add($"{endpoint} {part}.{field}: {status} without a DCI ERR");
                        if (await SavedAsync() != before) problems.Add($"{endpoint} {part}.{field}={value}: refused but saved something");
                    }
                }
        }
        problems.ShouldBeEmpty();
    }
}
