using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The offline sync endpoint: exactly once, the forms' own rules, scope, later-recorded attendance wins, conflicts.</summary>
public sealed class SyncTests(Apps apps)
{
    private static string Iso(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("O");

    private static object Record(Guid clientId, string kind, object data, DateTime? recordedAt = null) =>
        new { clientId, kind, recordedAt = Iso(recordedAt ?? TestClock.UtcNow.AddMinutes(-5)), data };

    private static object Batch(params object[] records) => Batch(TestClock.UtcNow, records);

    private static object Batch(DateTime sentAt, params object[] records) => new { sentAt = Iso(sentAt), records };

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var json = await client.GetFromJsonAsync<JsonElement>("/api/sync/token");
        return json.GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, HttpContent content, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync") { Content = content };
        if (withToken) request.Headers.Add("RequestVerificationToken", await TokenAsync(client));
        return await client.SendAsync(request);
    }

    /// <summary>Posts the batch and returns each record's answer by client id.</summary>
    private static async Task<Dictionary<Guid, JsonElement>> SyncAsync(HttpClient client, object batch)
    {
        var response = await PostAsync(client, JsonContent.Create(batch));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("serverTime").GetString().ShouldNotBeNullOrEmpty();
        return json.GetProperty("results").EnumerateArray().ToDictionary(r => Guid.Parse(r.GetProperty("clientId").GetString()!), r => r.Clone());
    }

    private static string Status(JsonElement answer) => answer.GetProperty("status").GetString()!;

    private static object Visit(int caseId, string observations = "Child at home, fed, in school uniform") => new
    {
        caseId, VisitedOn = TestClock.Today.AddDays(-1).ToString("yyyy-MM-dd"), Place = "Home",
        WhoWasSeen = "Grandmother and child", ChildSeenAlone = true, Observations = observations, WorkerScale = "6",
    };

    private static object Note(int caseId, string text) => new { caseId, Text = text, Confidential = "false" };

    /// <summary>The referral form's fields as the phone sends them: the form's names without "Input.", indexed children, a multi-value field as an array.</summary>
    private static Dictionary<string, object> Referral(int villageId, string latin) => new()
    {
        ["VillageId"] = villageId.ToString(),
        ["Children[0].FamilyNameKm"] = "តេស្ត", ["Children[0].GivenNameKm"] = "ក្រៅបណ្ដាញ", ["Children[0].FamilyNameLatin"] = "Test",
        ["Children[0].GivenNameLatin"] = latin, ["Children[0].Sex"] = "Male", ["Children[0].AgeYears"] = "7", ["Children[0].Match"] = "new",
        ["Concerns"] = new[] { "ParentsMigrating", "OutOfSchool" }, ["ConcernNote"] = "Captured offline", ["Urgency"] = "Soon", ["Channel"] = "InPerson", ["Consent"] = "Given",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_batch_replayed_ten_times_creates_each_record_once(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var village = await app.VillageIdAsync("02030902");
        var latin = DemoData.UniqueLatin();
        var (visit, note, referral) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var batch = Batch(Record(visit, "visit", Visit(caseId)), Record(note, "caseNote", Note(caseId, "Offline note " + latin)),
            Record(referral, "referral", Referral(village, latin)));
        var client = await app.As("ouchar.vbsw1");

        var first = await SyncAsync(client, batch);
        first.Values.Select(Status).ShouldAllBe(s => s == "applied", string.Join(" | ", first.Values));
        first[visit].GetProperty("url").GetString().ShouldBe($"/Cases/{caseId}#visits");
        first[referral].GetProperty("url").GetString()!.ShouldStartWith("/Referrals/");
        for (var i = 0; i < 9; i++)
        {
            var again = await SyncAsync(client, batch);
            again.Values.Select(Status).ShouldAllBe(s => s == "alreadyApplied");
            again[visit].GetProperty("url").GetString().ShouldBe($"/Cases/{caseId}#visits");
        }

        await app.WithDbAsync(async db =>
        {
            (await db.Visits.CountAsync(v => v.ClientId == visit)).ShouldBe(1);
            (await db.Visits.CountAsync(v => v.CaseId == caseId)).ShouldBe(1);
            (await db.CaseNotes.CountAsync(n => n.ClientId == note)).ShouldBe(1);
            (await db.Referrals.CountAsync(r => r.IdempotencyKey == referral)).ShouldBe(1);
            (await db.Persons.CountAsync(p => p.GivenNameLatin == latin)).ShouldBe(1);
            var receipts = await db.SyncReceipts.Where(r => r.ClientId == visit || r.ClientId == note || r.ClientId == referral).ToListAsync();
            receipts.Count.ShouldBe(3);
            receipts.ShouldAllBe(r => r.UserName == "ouchar.vbsw1" && r.DeviceRecordedAt != null && r.EntityId != null);
            var stored = await db.Referrals.Include(r => r.Children).SingleAsync(r => r.IdempotencyKey == referral);
            stored.Concerns.ShouldBe(Concerns.ParentsMigrating | Concerns.OutOfSchool);
            stored.EnteredBy.ShouldBe("ouchar.vbsw1");
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Parallel_duplicate_submissions_make_one_record_each(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var (visit, note) = (Guid.NewGuid(), Guid.NewGuid());
        var batch = Batch(Record(visit, "visit", Visit(caseId)), Record(note, "caseNote", Note(caseId, "Parallel note")));
        var client = await app.As("ouchar.vbsw1");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SyncAsync(client, batch)));

        foreach (var id in new[] { visit, note })
        {
            var statuses = answers.Select(a => Status(a[id])).ToList();
            statuses.Count(s => s == "applied").ShouldBe(1, string.Join(",", statuses));
            statuses.Count(s => s == "alreadyApplied").ShouldBe(7, string.Join(",", statuses));
        }
        (await app.WithDbAsync(db => db.Visits.CountAsync(v => v.CaseId == caseId))).ShouldBe(1);
        (await app.WithDbAsync(db => db.CaseNotes.CountAsync(n => n.CaseId == caseId))).ShouldBe(1);
        (await app.WithDbAsync(db => db.SyncReceipts.CountAsync(r => r.ClientId == visit))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Out_of_scope_case_and_programme_are_rejected_with_a_reason(string provider)
    {
        var app = await apps.Get(provider);
        var svayPaoCase = await app.NewCaseAsync("02030201", "svaypao.vbsw1");
        var (programme, enrolments) = await NewProgrammeAsync(app, "02030201", 1);
        var svayPaoVillage = await app.VillageIdAsync("02030201");
        var (visit, mark, referral) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var client = await app.As("ouchar.vbsw1");

        var answers = await SyncAsync(client, Batch(
            Record(visit, "visit", Visit(svayPaoCase)),
            Record(mark, "programmeAttendance", new { programmeId = programme, date = Today.ToString("yyyy-MM-dd"), marks = new[] { new { enrolmentId = enrolments[0], status = "Absent" } } }),
            Record(referral, "referral", Referral(svayPaoVillage, DemoData.UniqueLatin()))));

        foreach (var id in new[] { visit, mark, referral })
        {
            Status(answers[id]).ShouldBe("rejected");
            answers[id].GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        answers[referral].GetProperty("errors").GetProperty("VillageId").GetString().ShouldNotBeNullOrWhiteSpace();
        await app.WithDbAsync(async db =>
        {
            (await db.Visits.CountAsync(v => v.CaseId == svayPaoCase)).ShouldBe(0);
            (await db.ProgrammeAttendance.CountAsync(a => a.EnrolmentId == enrolments[0])).ShouldBe(0);
            (await db.Referrals.CountAsync(r => r.IdempotencyKey == referral)).ShouldBe(0);
            (await db.SyncReceipts.CountAsync(r => r.ClientId == visit || r.ClientId == mark || r.ClientId == referral)).ShouldBe(0);
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_invalid_record_is_rejected_in_the_users_language_while_the_others_apply(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var (bad, good, unknown) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var client = await app.As("ouchar.vbsw1");

        var answers = await SyncAsync(client, Batch(
            Record(bad, "visit", Visit(caseId, observations: "")),
            Record(good, "caseNote", Note(caseId, "Valid note beside an invalid visit")),
            Record(unknown, "payment", new { caseId })));

        Status(answers[bad]).ShouldBe("rejected");
        // Khmer is the default language: the form's own message, "This field is required."
        answers[bad].GetProperty("errors").GetProperty("Observations").GetString()!.ShouldContain("ត្រូវបំពេញ");
        Status(answers[good]).ShouldBe("applied");
        Status(answers[unknown]).ShouldBe("rejected");
        (await app.WithDbAsync(db => db.Visits.CountAsync(v => v.CaseId == caseId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.CaseNotes.CountAsync(n => n.ClientId == good))).ShouldBe(1);

        // Corrected on the phone and sent again with the same client id: now it applies.
        var resent = await SyncAsync(client, Batch(Record(bad, "visit", Visit(caseId))));
        Status(resent[bad]).ShouldBe("applied");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_devices_marking_the_same_child_and_day_keep_the_later_recorded_mark_and_both_in_history(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, enrolments) = await NewProgrammeAsync(app, "02030901", 1);
        var enrolment = enrolments[0];
        var day = Today.ToString("yyyy-MM-dd");
        var worker1 = await app.As("ouchar.vbsw1");
        var senior = await app.As("ouchar.senior");
        var (later, earlier) = (Guid.NewGuid(), Guid.NewGuid());

        // The later-recorded mark arrives first, the earlier one after it: the later one stays current.
        var a = await SyncAsync(worker1, Batch(Record(later, "programmeAttendance",
            new { programmeId = programme, date = day, marks = new[] { new { enrolmentId = enrolment, status = "Absent" } } }, TestClock.UtcNow.AddMinutes(-5))));
        Status(a[later]).ShouldBe("applied");
        var b = await SyncAsync(senior, Batch(Record(earlier, "programmeAttendance",
            new { programmeId = programme, date = day, marks = new[] { new { enrolmentId = enrolment, status = "Present" } } }, TestClock.UtcNow.AddMinutes(-40))));
        Status(b[earlier]).ShouldBe("applied");

        await app.WithDbAsync(async db =>
        {
            var current = await db.ProgrammeAttendance.SingleAsync(x => x.EnrolmentId == enrolment && x.Date == Today);
            current.Status.ShouldBe(AttendanceStatus.Absent);
            current.RecordedBy.ShouldBe("ouchar.vbsw1");
            current.DeviceRecordedAt.ShouldNotBeNull();
            var history = await db.ProgrammeAttendanceMarks.Where(x => x.EnrolmentId == enrolment && x.Date == Today).OrderBy(x => x.Id).ToListAsync();
            history.Select(h => (h.Status, h.RecordedBy, h.BecameCurrent)).ShouldBe(
                [(AttendanceStatus.Absent, "ouchar.vbsw1", true), (AttendanceStatus.Present, "ouchar.senior", false)]);
        });

        // A mark recorded later still than both replaces the current one.
        var c = Guid.NewGuid();
        await SyncAsync(senior, Batch(Record(c, "programmeAttendance",
            new { programmeId = programme, date = day, marks = new[] { new { enrolmentId = enrolment, status = "Excused" } } }, TestClock.UtcNow.AddMinutes(-1))));
        (await app.WithDbAsync(db => db.ProgrammeAttendance.Where(x => x.EnrolmentId == enrolment && x.Date == Today).Select(x => x.Status).SingleAsync()))
            .ShouldBe(AttendanceStatus.Excused);
        (await app.WithDbAsync(db => db.ProgrammeAttendanceMarks.CountAsync(x => x.EnrolmentId == enrolment))).ShouldBe(3);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_device_clock_hours_off_does_not_reorder_attendance(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, enrolments) = await NewProgrammeAsync(app, "02030901", 1);
        var enrolment = enrolments[0];
        var day = Today.ToString("yyyy-MM-dd");
        var client = await app.As("ouchar.vbsw1");
        var (slowPhone, goodPhone) = (Guid.NewGuid(), Guid.NewGuid());
        var now = TestClock.UtcNow;
        var behind = TimeSpan.FromHours(3);

        // The slow phone's clock is three hours behind: it marked five minutes ago, which it calls "three hours and five minutes ago".
        var slow = await SyncAsync(client, Batch(now - behind, Record(slowPhone, "programmeAttendance",
            new { programmeId = programme, date = day, marks = new[] { new { enrolmentId = enrolment, status = "Absent" } } }, now - behind - TimeSpan.FromMinutes(5))));
        Status(slow[slowPhone]).ShouldBe("applied");
        // The good phone marked half an hour ago: earlier in truth, though later by the raw clocks.
        var good = await SyncAsync(client, Batch(now, Record(goodPhone, "programmeAttendance",
            new { programmeId = programme, date = day, marks = new[] { new { enrolmentId = enrolment, status = "Present" } } }, now - TimeSpan.FromMinutes(30))));
        Status(good[goodPhone]).ShouldBe("applied");

        await app.WithDbAsync(async db =>
        {
            var current = await db.ProgrammeAttendance.SingleAsync(x => x.EnrolmentId == enrolment && x.Date == Today);
            current.Status.ShouldBe(AttendanceStatus.Absent);
            // Device time is kept as the device said it; the corrected time is on the server's clock.
            current.DeviceRecordedAt!.Value.ShouldBeLessThan(now - behind);
            current.CapturedAt!.Value.ShouldBeGreaterThan(now - TimeSpan.FromMinutes(10));
            var receipt = await db.SyncReceipts.SingleAsync(r => r.ClientId == slowPhone);
            (receipt.CapturedAt - receipt.DeviceRecordedAt!.Value).ShouldBeGreaterThan(TimeSpan.FromHours(2.9));
            (await db.ProgrammeAttendanceMarks.CountAsync(x => x.EnrolmentId == enrolment)).ShouldBe(2);
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stale_session_attendance_edit_is_a_conflict_with_both_versions_and_changes_nothing(string provider)
    {
        var app = await apps.Get(provider);
        var session = await NewSessionAsync(app, "02030901");
        var household = await app.UniqueHouseholdAsync("02030901");
        var person = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync());
        var member = await app.As("ouchar.member1");
        var worker = await app.As("ouchar.vbsw1");
        var (first, stale) = (Guid.NewGuid(), Guid.NewGuid());

        var a = await SyncAsync(member, Batch(Record(first, "sessionAttendance", new { sessionId = session, baseVersion = 0, personIds = new[] { person }, guests = 4 })));
        Status(a[first]).ShouldBe("applied");
        var before = await app.WithDbAsync(db => db.SessionAttendance.Where(x => x.SessionId == session).Select(x => new { x.PersonId, x.GuestCount }).ToListAsync());
        before.Sum(x => x.GuestCount).ShouldBe(4);

        // A second phone loaded the session at version 0 too and took an empty list.
        var b = await SyncAsync(worker, Batch(Record(stale, "sessionAttendance", new { sessionId = session, baseVersion = 0, personIds = Array.Empty<int>(), guests = 1 })));
        var answer = b[stale];
        Status(answer).ShouldBe("conflict");
        answer.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        var current = answer.GetProperty("current");
        current.GetProperty("version").GetInt32().ShouldBe(1);
        current.GetProperty("personIds").EnumerateArray().Select(x => x.GetInt32()).ShouldBe([person]);
        current.GetProperty("guests").GetInt32().ShouldBe(4);
        var mine = answer.GetProperty("mine");
        mine.GetProperty("version").GetInt32().ShouldBe(0);
        mine.GetProperty("personIds").GetArrayLength().ShouldBe(0);
        mine.GetProperty("guests").GetInt32().ShouldBe(1);

        var after = await app.WithDbAsync(db => db.SessionAttendance.Where(x => x.SessionId == session).Select(x => new { x.PersonId, x.GuestCount }).ToListAsync());
        after.ShouldBe(before, ignoreOrder: true);
        (await app.WithDbAsync(db => db.ActivitySessions.Where(s => s.Id == session).Select(s => s.Version).SingleAsync())).ShouldBe(1);
        (await app.WithDbAsync(db => db.SyncReceipts.CountAsync(r => r.ClientId == stale))).ShouldBe(0);

        // "Keep mine": the same record again, now made on the current version, with guests by cell as the form has them.
        var kept = await SyncAsync(worker, Batch(Record(stale, "sessionAttendance",
            new { sessionId = session, baseVersion = 1, personIds = Array.Empty<int>(), guests = GuestCells, notes = "Rain" })));
        Status(kept[stale]).ShouldBe("applied");
        await app.WithDbAsync(async db =>
        {
            var rows = await db.SessionAttendance.Where(x => x.SessionId == session).ToListAsync();
            rows.ShouldAllBe(x => x.PersonId == null && x.DeviceRecordedAt != null);
            rows.Single(x => x.GuestSex == Sex.Female && x.GuestAgeGroup == AgeGroup.Child).GuestCount.ShouldBe(1);
            rows.Single(x => x.GuestSex == Sex.Male && x.GuestAgeGroup == AgeGroup.Youth).GuestCount.ShouldBe(2);
            (await db.ActivitySessions.Where(s => s.Id == session).Select(s => s.Notes).SingleAsync()).ShouldBe("Rain");
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Signed_out_gets_401_json_not_the_sign_in_page(string provider)
    {
        var app = await apps.Get(provider);
        var anonymous = app.Anonymous();
        foreach (var url in new[] { "/api/sync/token", "/api/offline/caseload", "/api/offline/programmes", "/api/offline/sessions" })
        {
            var response = await anonymous.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        }
        var post = await anonymous.PostAsync("/api/sync", JsonContent.Create(Batch(Record(Guid.NewGuid(), "caseNote", Note(1, "x")))));
        post.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_malformed_batch_or_a_missing_token_is_400(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");

        foreach (var body in new[] { "{not json", "[]", "{\"records\": []}", "{\"sentAt\": \"2025-01-01T00:00:00Z\", \"records\": [{\"kind\": \"caseNote\", \"data\": {}}]}" })
        {
            var response = await PostAsync(client, new StringContent(body, Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        var id = Guid.NewGuid();
        var noToken = await PostAsync(client, JsonContent.Create(Batch(Record(id, "caseNote", Note(caseId, "No token")))), withToken: false);
        noToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.CaseNotes.CountAsync(n => n.ClientId == id))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Offline_reads_hold_only_the_workers_own_cases_and_rosters_in_scope(string provider)
    {
        var app = await apps.Get(provider);
        var mine = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var colleagues = await app.NewCaseAsync("02030904", "ouchar.vbsw2");
        var closed = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.Closed);
        var svayPao = await app.NewCaseAsync("02030201", "svaypao.vbsw1");
        var (ours, ourKids) = await NewProgrammeAsync(app, "02030901", 1);
        var (theirs, _) = await NewProgrammeAsync(app, "02030201", 1);
        var ourSession = await NewSessionAsync(app, "02030901");
        var theirSession = await NewSessionAsync(app, "02030201");
        var client = await app.As("ouchar.vbsw1");

        var caseload = await client.GetFromJsonAsync<JsonElement>("/api/offline/caseload");
        var ids = caseload.EnumerateArray().Select(c => c.GetProperty("caseId").GetInt32()).ToList();
        ids.ShouldContain(mine);
        ids.ShouldNotContain(colleagues);
        ids.ShouldNotContain(closed);
        ids.ShouldNotContain(svayPao);
        var item = caseload.EnumerateArray().Single(c => c.GetProperty("caseId").GetInt32() == mine);
        item.GetProperty("visitUrl").GetString().ShouldBe($"/Cases/{mine}/Visits/New");
        item.GetProperty("householdHead").GetString()!.ShouldStartWith("តេស្ត");
        item.GetProperty("nextDue").GetString().ShouldNotBeNullOrEmpty();

        var programmes = (await client.GetFromJsonAsync<JsonElement>("/api/offline/programmes")).EnumerateArray().ToList();
        programmes.Select(p => p.GetProperty("programmeId").GetInt32()).ShouldContain(ours);
        programmes.Select(p => p.GetProperty("programmeId").GetInt32()).ShouldNotContain(theirs);
        programmes.Single(p => p.GetProperty("programmeId").GetInt32() == ours).GetProperty("enrolments").EnumerateArray()
            .Select(e => e.GetProperty("enrolmentId").GetInt32()).ShouldBe(ourKids);
        var sessions = (await client.GetFromJsonAsync<JsonElement>("/api/offline/sessions")).EnumerateArray().Select(s => s.GetProperty("sessionId").GetInt32()).ToList();
        sessions.ShouldContain(ourSession);
        sessions.ShouldNotContain(theirSession);

        // Svay Pao's worker sees none of Ou Char's.
        var other = await app.As("svaypao.vbsw1");
        var theirLoad = await other.GetFromJsonAsync<JsonElement>("/api/offline/caseload");
        theirLoad.EnumerateArray().Select(c => c.GetProperty("caseId").GetInt32()).ShouldNotContain(mine);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_online_forms_posted_twice_make_one_record(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var client = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Visits/New";
        var html = await client.GetHtmlAsync(url);
        var clientId = System.Text.RegularExpressions.Regex.Match(html, "name=\"ClientId\" value=\"([^\"]+)\"").Groups[1].Value;
        Guid.TryParse(clientId, out _).ShouldBeTrue();
        var form = new Dictionary<string, string>
        {
            ["ClientId"] = clientId, ["Input.VisitedOn"] = TestClock.Today.AddDays(-1).ToString("yyyy-MM-dd"), ["Input.Place"] = "Home",
            ["Input.WhoWasSeen"] = "Mother", ["Input.ChildSeenAlone"] = "false", ["Input.Observations"] = "Double tap",
        };
        var sends = await Task.WhenAll(client.PostFormAsync(url, form), client.PostFormAsync(url, form));
        sends.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Visits.CountAsync(v => v.CaseId == caseId))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Visits.Where(v => v.CaseId == caseId).Select(v => v.ClientId).SingleAsync())).ShouldBe(Guid.Parse(clientId));

        // The note form and the register go through the same path: the same ClientId again is still one record.
        var noteUrl = $"/Cases/{caseId}/Notes/New";
        var noteId = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
            (await client.PostFormAsync(noteUrl, new() { ["ClientId"] = noteId, ["Input.Text"] = "Twice", ["Input.Confidential"] = "false" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.CaseNotes.CountAsync(n => n.CaseId == caseId))).ShouldBe(1);

        var (programme, enrolments) = await NewProgrammeAsync(app, "02030901", 1);
        var register = $"/Programmes/{programme}/Attendance?date={Today:yyyy-MM-dd}";
        var registerId = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            (await client.PostFormAsync(register, new()
            {
                ["ClientId"] = registerId, ["Date"] = Today.ToString("yyyy-MM-dd"), ["Marks[0].EnrolmentId"] = enrolments[0].ToString(), ["Marks[0].Status"] = "Absent",
            })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await app.WithDbAsync(db => db.ProgrammeAttendanceMarks.CountAsync(m => m.EnrolmentId == enrolments[0]))).ShouldBe(1);
        (await app.WithDbAsync(db => db.ProgrammeAttendance.Where(a => a.EnrolmentId == enrolments[0]).Select(a => a.Status).SingleAsync())).ShouldBe(AttendanceStatus.Absent);
    }

    private static readonly DateOnly Today = TestClock.Today;
    /// <summary>One girl and two young men as guests, in the session form's cell order.</summary>
    private static readonly int[] GuestCells = [1, 0, 0, 0, 2, 0];

    /// <summary>A programme in the village with children of a new household enrolled since last month; returns the enrolment ids.</summary>
    private static async Task<(int Programme, List<int> Enrolments)> NewProgrammeAsync(HiveApp app, string villageCode, int children)
    {
        var household = await app.UniqueHouseholdAsync(villageCode);
        var villageId = await app.VillageIdAsync(villageCode);
        return await app.WithDbAsync(async db =>
        {
            var communeId = await db.Villages.Where(v => v.Id == villageId).Select(v => v.CommuneId).SingleAsync();
            var programme = new Programme { Name = "Sync programme " + Guid.NewGuid().ToString("N")[..6], CommuneId = communeId, VillageId = villageId, Capacity = 20, ProjectOfficer = "ouchar.vbsw1", Eligibility = "test", CreatedAt = TestClock.UtcNow };
            db.Programmes.Add(programme);
            var enrolments = Enumerable.Range(0, children).Select(i =>
            {
                var p = new Person { HouseholdId = household.Id, Sex = Sex.Female, RelationToHead = RelationToHead.Child, DateOfBirth = Today.AddYears(-9), CreatedAt = TestClock.UtcNow };
                p.SetNames("តេស្ត", "សិស្ស" + i, "Test", DemoData.UniqueLatin());
                return new Enrolment { Programme = programme, Person = p, StartDate = Today.AddMonths(-1), EnrolledBy = "test", EnrolledAt = TestClock.UtcNow };
            }).ToList();
            db.Enrolments.AddRange(enrolments);
            await db.SaveChangesAsync();
            return (programme.Id, enrolments.Select(e => e.Id).ToList());
        });
    }

    /// <summary>A workshop with one session today in the village.</summary>
    private static async Task<int> NewSessionAsync(HiveApp app, string villageCode)
    {
        var villageId = await app.VillageIdAsync(villageCode);
        return await app.WithDbAsync(async db =>
        {
            var communeId = await db.Villages.Where(v => v.Id == villageId).Select(v => v.CommuneId).SingleAsync();
            var activity = new Activity
            {
                CommuneId = communeId, Type = ActivityType.Workshop, Title = "Sync workshop " + DemoData.UniqueLatin(), Topic = "Home safety", Facilitator = "ouchar.member1",
                CreatedBy = "test", CreatedAt = TestClock.UtcNow, Villages = [new ActivityVillage { VillageId = villageId }],
            };
            var session = new ActivitySession { Activity = activity, Date = Today, VillageId = villageId, Place = "Pagoda" };
            db.ActivitySessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
    }
}
