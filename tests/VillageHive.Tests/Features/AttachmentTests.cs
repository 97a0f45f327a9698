using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Infrastructure.Audit;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Photos and papers attached to records (issue 23 parts 2 and 3), on both databases, with the files in the folder
/// store and in an S3-compatible server (s3rver, started by ./test.sh; skipped with the reason when it is not running).
/// </summary>
public sealed class AttachmentTests(Apps apps)
{
    /// <summary>Every refusal says so in Khmer: "nothing was attached".</summary>
    private const string NothingAttached = "មិនបានភ្ជាប់អ្វីទេ";

    private async Task<(HiveApp App, int CaseId)> CaseAsync(string provider, string store)
    {
        var app = await apps.Get(provider, store);
        return (app, await app.NewCaseAsync("02030901", "ouchar.vbsw1"));
    }

    private static Task<List<Attachment>> RowsAsync(HiveApp app, AttachmentOwner owner, int id) =>
        app.WithDbAsync(db => db.Attachments.AsNoTracking().Where(a => a.Owner == owner && a.OwnerId == id).OrderBy(a => a.Id).ToListAsync());

    [Theory]
    [InlineData(Db.Sqlite, Store.Folder)]
    [InlineData(Db.Postgres, Store.Folder)]
    [InlineData(Db.Sqlite, Store.S3)]
    [InlineData(Db.Postgres, Store.S3)]
    public async Task A_PDF_and_a_JPEG_are_accepted_and_served_back_byte_identical_with_their_type_and_every_view_is_audited(string provider, string store)
    {
        var (app, caseId) = await CaseAsync(provider, store);
        var worker = await app.As("ouchar.vbsw1");
        var jpeg = AttachmentData.Jpeg(40_000);
        var pdf = AttachmentData.Pdf();
        (await worker.AttachAsync(AttachmentOwner.Case, caseId, "IMG_0001.jpg", jpeg, "the house after repair")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The type is the bytes', whatever the phone called it.
        (await worker.AttachAsync(AttachmentOwner.Case, caseId, "birth-certificate.bin", pdf, contentType: "application/octet-stream")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rows = await RowsAsync(app, AttachmentOwner.Case, caseId);
        rows.Count.ShouldBe(2);
        rows[0].ContentType.ShouldBe("image/jpeg");
        rows[0].Caption.ShouldBe("the house after repair");
        rows[0].Size.ShouldBe(jpeg.Length);
        rows[0].Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(jpeg)));
        rows[0].AddedBy.ShouldBe("ouchar.vbsw1");
        rows[0].StorageKey.Length.ShouldBe(32);
        rows[1].ContentType.ShouldBe("application/pdf");
        rows[1].FileName.ShouldBe("birth-certificate.bin");
        // Stored byte-identical under the random key, looked at in the folder or the bucket itself.
        var stored = await app.StoredAsync();
        (await stored.Single(o => o.Name == rows[0].StorageKey).ReadAsync()).ShouldBe(jpeg);
        (await stored.Single(o => o.Name == rows[1].StorageKey).ReadAsync()).ShouldBe(pdf);

        var page = await worker.GetHtmlAsync($"/Attachments/Of/Case/{caseId}");
        page.ShouldContain("the house after repair");
        page.ShouldContain($"/Attachments/{rows[0].Id}\"");

        var senior = await app.As("ouchar.senior");
        foreach (var (row, bytes, disposition) in new[] { (rows[0], jpeg, "inline"), (rows[1], pdf, "attachment") })
        {
            var response = await senior.GetAsync($"/Attachments/{row.Id}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(row.ContentType);
            response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
            response.Headers.CacheControl.Private.ShouldBeTrue();
            response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe(disposition);
        }
        // Seen twice more: three reads of the photo in the chain, each with who saw it.
        await senior.GetAsync($"/Attachments/{rows[0].Id}");
        await worker.GetAsync($"/Attachments/{rows[0].Id}");
        var key = rows[0].Id.ToString();
        var reads = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditLog.Read && a.EntityType == nameof(Attachment) && a.EntityId == key).Select(a => a.UserName).ToListAsync());
        reads.ShouldBe(["ouchar.senior", "ouchar.senior", "ouchar.vbsw1"], ignoreOrder: true);
        (await app.WithDbAsync(db => AuditChain.VerifyAsync(db))).BrokenAtId.ShouldBeNull();
    }

    [Theory]
    [InlineData(Db.Sqlite, Store.Folder)]
    [InlineData(Db.Postgres, Store.Folder)]
    [InlineData(Db.Sqlite, Store.S3)]
    [InlineData(Db.Postgres, Store.S3)]
    public async Task Another_communes_user_gets_404_for_the_file_its_list_and_its_form(string provider, string store)
    {
        var (app, caseId) = await CaseAsync(provider, store);
        var id = await app.NewAttachmentAsync(AttachmentOwner.Case, caseId, AttachmentData.Jpeg());
        var household = await app.UniqueHouseholdAsync("02030901");
        var householdFile = await app.NewAttachmentAsync(AttachmentOwner.Household, household.Id, AttachmentData.Pdf());
        foreach (var user in new[] { "svaypao.ccwc", "svaypao.vbsw1" })
        {
            var other = await app.As(user);
            (await other.GetAsync($"/Attachments/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.GetAsync($"/Attachments/{householdFile}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.GetAsync($"/Attachments/Of/Case/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.GetAsync($"/Attachments/{id}/Remove")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        // Nor does the file's number lead anywhere for someone who may not see the case at all.
        (await (await app.As("ouchar.member1")).GetAsync($"/Attachments/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Anonymous().GetAsync($"/Attachments/{id}")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await (await app.As("ouchar.ccwc")).GetAsync($"/Attachments/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Db.Sqlite, Store.Folder)]
    [InlineData(Db.Postgres, Store.Folder)]
    [InlineData(Db.Sqlite, Store.S3)]
    [InlineData(Db.Postgres, Store.S3)]
    public async Task An_executable_named_jpg_HTML_SVG_an_empty_file_and_an_oversize_file_are_refused_with_a_message_and_nothing_is_saved(string provider, string store)
    {
        var (app, caseId) = await CaseAsync(provider, store);
        var worker = await app.As("ouchar.vbsw1");
        var exe = new byte[4096];
        exe[0] = (byte)'M'; exe[1] = (byte)'Z';
        var refused = new (string Name, byte[] Bytes, string Message)[]
        {
            ("photo.jpg", exe, "អាចភ្ជាប់បានតែរូបថត"),
            ("photo.jpg", "<html><script>alert(1)</script></html>"u8.ToArray(), "អាចភ្ជាប់បានតែរូបថត"),
            ("drawing.png", """<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"""u8.ToArray(), "អាចភ្ជាប់បានតែរូបថត"),
            ("empty.jpg", [], "ឯកសារនេះទទេ"),
            ("big.jpg", AttachmentData.Jpeg(1024 * 1024 + 1), "ធំជាង 1 MB"),
        };
        var admin = await app.As("admin");
        (await admin.PostFormAsync("/Admin/Attachments", new() { ["MaxMegabytes"] = "1" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        try
        {
            foreach (var (name, bytes, message) in refused)
            {
                var response = await worker.AttachAsync(AttachmentOwner.Case, caseId, name, bytes);
                response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, name);
                var html = await response.Content.ReadAsStringAsync();
                html.ShouldContain(message);
                html.ShouldContain(NothingAttached);
                html.ShouldNotContain("<script>alert(1)");
            }
            (await RowsAsync(app, AttachmentOwner.Case, caseId)).ShouldBeEmpty();
            foreach (var (name, bytes, _) in refused.Where(r => r.Bytes.Length > 0)) (await app.StoredCopiesAsync(bytes)).ShouldBe(0, name);
            (await app.StoredAsync()).ShouldNotContain(o => o.Size == 0);

            // A body far over any limit is answered by the server before it is read: a 4xx, never a 500, nothing kept.
            var hugeBytes = AttachmentData.Jpeg(12 * 1024 * 1024);
            var huge = await worker.AttachAsync(AttachmentOwner.Case, caseId, "huge.jpg", hugeBytes);
            ((int)huge.StatusCode).ShouldBeInRange(400, 499);
            (await RowsAsync(app, AttachmentOwner.Case, caseId)).ShouldBeEmpty();
            (await app.StoredCopiesAsync(hugeBytes)).ShouldBe(0);
        }
        finally
        {
            (await admin.PostFormAsync("/Admin/Attachments", new() { ["MaxMegabytes"] = "5" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        // In English too.
        var english = await app.SignInAsync("ouchar.senior", Db.DemoPassword);
        await english.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/");
        var en = await english.AttachAsync(AttachmentOwner.Case, caseId, "photo.jpg", exe);
        (await en.Content.ReadAsStringAsync()).ShouldContain("Only photos (JPEG, PNG, WebP) and PDF files can be attached");
    }

    [Theory]
    [InlineData(Db.Sqlite, Store.Folder)]
    [InlineData(Db.Postgres, Store.Folder)]
    [InlineData(Db.Sqlite, Store.S3)]
    [InlineData(Db.Postgres, Store.S3)]
    public async Task Removing_asks_for_confirmation_and_keeps_the_file_and_the_audit(string provider, string store)
    {
        var (app, caseId) = await CaseAsync(provider, store);
        var worker = await app.As("ouchar.vbsw1");
        (await worker.AttachAsync(AttachmentOwner.Case, caseId, "receipt.jpg", AttachmentData.Jpeg())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = (await RowsAsync(app, AttachmentOwner.Case, caseId)).ShouldHaveSingleItem();
        var confirm = await worker.GetHtmlAsync($"/Attachments/{row.Id}/Remove");
        confirm.ShouldContain("remove-confirm");

        // Without the tick: asked again, nothing removed.
        (await worker.PostFormAsync($"/Attachments/{row.Id}/Remove", new() { ["Version"] = "0" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RowsAsync(app, AttachmentOwner.Case, caseId)).ShouldHaveSingleItem().RemovedAt.ShouldBeNull();

        (await worker.PostFormAsync($"/Attachments/{row.Id}/Remove", new() { ["Version"] = "0", ["Confirm"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var removed = (await RowsAsync(app, AttachmentOwner.Case, caseId)).ShouldHaveSingleItem();
        removed.RemovedBy.ShouldBe("ouchar.vbsw1");
        removed.RemovedAt.ShouldNotBeNull();
        (await worker.GetAsync($"/Attachments/{row.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await worker.GetHtmlAsync($"/Attachments/Of/Case/{caseId}")).ShouldNotContain($"/Attachments/{row.Id}\"");
        // Nothing lost: the bytes are still stored, and the chain holds the file's creation and its removal.
        (await app.StoredAsync()).ShouldContain(o => o.Name == row.StorageKey);
        var key = row.Id.ToString();
        var changes = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Attachment) && a.EntityId == key && a.Action != AuditLog.Read).OrderBy(a => a.Id).ToListAsync());
        changes.Select(c => c.Action).ShouldBe(["Create", "Update"]);
        changes[1].UserName.ShouldBe("ouchar.vbsw1");
        changes[1].Changes!.ShouldContain("RemovedBy");
    }

    [Theory]
    [InlineData(Db.Sqlite, Store.Folder)]
    [InlineData(Db.Postgres, Store.Folder)]
    [InlineData(Db.Sqlite, Store.S3)]
    [InlineData(Db.Postgres, Store.S3)]
    public async Task A_file_captured_offline_and_sent_twice_is_stored_once(string provider, string store)
    {
        var (app, caseId) = await CaseAsync(provider, store);
        var worker = await app.As("ouchar.vbsw1");
        var bytes = AttachmentData.Jpeg(30_000);
        var clientId = Guid.NewGuid();
        var record = new
        {
            clientId, kind = SyncKinds.Attachment, recordedAt = TestClock.UtcNow.AddMinutes(-30).ToString("O"),
            data = new { owner = "Case", ownerId = caseId, fileName = "thumbprint.jpg", caption = "offline", content = Convert.ToBase64String(bytes) },
        };
        foreach (var expected in new[] { "applied", "alreadyApplied" })
        {
            var token = (await worker.GetFromJsonAsync<JsonElement>("/api/sync/token")).GetProperty("token").GetString()!;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync")
            {
                Content = JsonContent.Create(new { sentAt = TestClock.UtcNow.ToString("O"), records = new[] { record } }),
            };
            request.Headers.Add("RequestVerificationToken", token);
            var response = await worker.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            JsonDocument.Parse(body).RootElement.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe(expected, body);
        }
        var row = (await RowsAsync(app, AttachmentOwner.Case, caseId)).ShouldHaveSingleItem();
        row.ClientId.ShouldBe(clientId);
        row.Caption.ShouldBe("offline");
        (await app.StoredCopiesAsync(bytes)).ShouldBe(1);
        (await (await app.As("ouchar.senior")).GetByteArrayAsync($"/Attachments/{row.Id}")).ShouldBe(bytes);

        // The same rules as the form: an executable sent from a phone is refused, nothing kept.
        var exe = new byte[100];
        exe[0] = (byte)'M'; exe[1] = (byte)'Z';
        var token2 = (await worker.GetFromJsonAsync<JsonElement>("/api/sync/token")).GetProperty("token").GetString()!;
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/sync")
        {
            Content = JsonContent.Create(new
            {
                sentAt = TestClock.UtcNow.ToString("O"),
                records = new[] { new { clientId = Guid.NewGuid(), kind = SyncKinds.Attachment, recordedAt = TestClock.UtcNow.ToString("O"),
                    data = new { owner = "Case", ownerId = caseId, fileName = "x.jpg", caption = "", content = Convert.ToBase64String(exe) } } },
            }),
        };
        bad.Headers.Add("RequestVerificationToken", token2);
        var badBody = await (await worker.SendAsync(bad)).Content.ReadAsStringAsync();
        JsonDocument.Parse(badBody).RootElement.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("rejected");
        (await RowsAsync(app, AttachmentOwner.Case, caseId)).Count.ShouldBe(1);
        (await app.StoredCopiesAsync(exe)).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite, Store.Folder)]
    [InlineData(Db.Postgres, Store.Folder)]
    [InlineData(Db.Sqlite, Store.S3)]
    [InlineData(Db.Postgres, Store.S3)]
    public async Task A_consent_shows_the_photo_of_the_paper_signed_with_a_thumbprint(string provider, string store)
    {
        var app = await apps.Get(provider, store);
        var household = await app.UniqueHouseholdAsync("02030901");
        var consentId = await app.WithDbAsync(async db =>
        {
            var c = new ConsentRecord
            {
                HouseholdId = household.Id, Use = ConsentUse.Reports, Given = true, AnsweredOn = TestClock.Today, Said = "the mother agreed, thumbprint",
                RecordedBy = "ouchar.vbsw1", RecordedAt = TestClock.UtcNow,
            };
            db.ConsentRecords.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var worker = await app.As("ouchar.vbsw1");
        (await worker.GetHtmlAsync($"/Registry/Households/{household.Id}/Outcomes")).ShouldContain($"/Attachments/Of/Consent/{consentId}\"");
        (await worker.AttachAsync(AttachmentOwner.Consent, consentId, "paper.jpg", AttachmentData.Jpeg())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = (await RowsAsync(app, AttachmentOwner.Consent, consentId)).ShouldHaveSingleItem();
        var page = await (await app.As("ouchar.senior")).GetHtmlAsync($"/Attachments/Of/Consent/{consentId}");
        page.ShouldContain("the mother agreed, thumbprint");
        page.ShouldContain($"<img class=\"hive-attachment-img\" src=\"/Attachments/{row.Id}\"");
        // A commune official reads the registry but does not record consent: sees the paper, no form.
        var chief = await (await app.As("ouchar.chief")).GetHtmlAsync($"/Attachments/Of/Consent/{consentId}");
        chief.ShouldContain($"/Attachments/{row.Id}\"");
        chief.ShouldNotContain("attachment-form");
        (await (await app.As("svaypao.ccwc")).GetAsync($"/Attachments/Of/Consent/{consentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
