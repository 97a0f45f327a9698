using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using VillageHive.Data;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Features.Dci;
using VillageHive.Infrastructure.Dci;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// The DCI Social Registry: the three query types over the allow-list, scope, Ed25519 signatures both ways, replayed
/// message ids, subscriptions with their notifications from the outbox, and nothing of cases or protection in any answer.
/// </summary>
[Collection(OutboxSenderTests.Collection)]
public sealed class DciTests(Apps apps)
{
    internal const string SenderId = "test-spmis";
    private static readonly string[] PoorLevels = ["level1", "level2"];

    /// <summary>A DCI client with its own Ed25519 key registered, and an HTTP client carrying its token.</summary>
    internal sealed record Dci(ApiData.Client Client, HttpClient Http, byte[] PrivateKey, string KeyId);

    internal static async Task<Dci> NewDciAsync(HiveApp app, string area)
    {
        var client = await app.NewApiClientAsync(Roles.SeniorSocialWorker, [area]);
        var (privateKey, publicKey) = DciSignature.NewKeyPair();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var error = await DciSenderKeyStore.AddAsync(scope.ServiceProvider.GetRequiredService<HiveDbContext>(), client.Name,
                Convert.ToBase64String(publicKey), null, TestClock.UtcNow);
            error.ShouldBeNull();
        }
        return new Dci(client, await app.ApiAsync(client), privateKey, DciSignature.KeyIdOf(publicKey));
    }

    internal static string Now() => DciApi.Now(TestClock.UtcNow);

    private static (string Header, string Message) Parts(string action, object message, string? senderUri = null, string? messageId = null)
    {
        var header = new JsonObject
        {
            ["version"] = "1.0.0", ["message_id"] = messageId ?? Guid.NewGuid().ToString("N"), ["message_ts"] = Now(), ["action"] = action,
            ["sender_id"] = SenderId, ["receiver_id"] = "village-hive", ["total_count"] = 1,
        };
        if (senderUri is not null) header["sender_uri"] = senderUri;
        return (header.ToJsonString(), JsonSerializer.Serialize(message));
    }

    private static string Signed(Dci dci, string action, object message, string? senderUri = null, string? messageId = null)
    {
        var (header, body) = Parts(action, message, senderUri, messageId);
        return DciOutbox.Envelope(DciSignature.Sign(dci.PrivateKey, SenderId, dci.KeyId, header, body, TestClock.UtcNow), header, body);
    }

    internal static Task<HttpResponseMessage> PostAsync(Dci dci, string path, string envelope) =>
        dci.Http.PostAsync("/dci/registry/" + path, new StringContent(envelope, Encoding.UTF8, "application/json"));

    private static object Search(params object[] queries) => new
    {
        transaction_id = Guid.NewGuid().ToString("N"),
        search_request = queries.Select((q, i) => new { reference_id = "ref-" + i, timestamp = Now(), search_criteria = q }).ToArray(),
    };

    private static object IdTypeValue(string type, object value) => new { query_type = "idtype-value", query = new { type, value } };

    private static object Expression(object query) =>
        new { query_type = "expression", query = new { type = "ns:org:QueryType:expression", value = new { expression = new { collection = "Group", query } } } };

    private static object Predicate(params object[] predicates) => new { query_type = "predicate", query = predicates };

    /// <summary>A sync search, its response's signature checked against /.well-known/jwks.json; the search_response items.</summary>
    private static async Task<List<JsonElement>> SyncSearchAsync(HiveApp app, Dci dci, params object[] queries)
    {
        var response = await PostAsync(dci, "sync/search", Signed(dci, "search", Search(queries)));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        await VerifyAsync(app, text);
        var root = JsonDocument.Parse(text).RootElement.Clone();
        root.GetProperty("header").GetProperty("action").GetString().ShouldBe("on-search");
        return [.. root.GetProperty("message").GetProperty("search_response").EnumerateArray()];
    }

    /// <summary>The envelope's signature verifies with the registry's published key.</summary>
    private static async Task VerifyAsync(HiveApp app, string envelope)
    {
        var jwks = await (await app.Anonymous().GetAsync("/.well-known/jwks.json")).JsonAsync(HttpStatusCode.OK);
        var jwk = jwks.GetProperty("keys")[0];
        jwk.GetProperty("crv").GetString().ShouldBe("Ed25519");
        var x = jwk.GetProperty("x").GetString()!.Replace('-', '+').Replace('_', '/');
        var publicKey = Convert.FromBase64String(x + new string('=', (4 - x.Length % 4) % 4));
        using var doc = JsonDocument.Parse(envelope);
        var parts = DciSignature.Parse(doc.RootElement.GetProperty("signature").GetString()).ShouldNotBeNull();
        (parts.SenderId + "|" + parts.KeyId + "|ed25519").ShouldBe(jwk.GetProperty("kid").GetString());
        DciSignature.Verify(parts, publicKey, doc.RootElement.GetProperty("header").GetRawText(), doc.RootElement.GetProperty("message").GetRawText(), TestClock.UtcNow)
            .ShouldBeTrue("the registry's signature verifies with its published key");
    }

    private static List<int> Ids(JsonElement item) =>
        [.. item.GetProperty("data").GetProperty("reg_records").EnumerateArray()
            .Select(r => int.Parse(r.GetProperty("group_identifier")[0].GetProperty("identifier_value").GetString()!, System.Globalization.CultureInfo.InvariantCulture))];

    private static int Total(JsonElement item) => item.GetProperty("pagination").GetProperty("total_count").GetInt32();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_three_query_types_find_households_by_the_allow_listed_attributes(string provider)
    {
        var app = await apps.Get(provider);
        var dci = await NewDciAsync(app, DemoGeography.OuCharCode);
        var household = await app.OuCharHouseholdAsync();

        // idtype-value: one household by its id.
        var byId = (await SyncSearchAsync(app, dci, IdTypeValue("HOUSEHOLD_ID", household.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Single();
        byId.GetProperty("status").GetString().ShouldBe("succ");
        Ids(byId).ShouldBe([household.Id]);

        // expression: a village's households at IDPoor level 1 or 2, counted in SQL like the database counts them.
        var village = await app.WithDbAsync(db => db.Households.Where(h => h.Id == household.Id).Select(h => h.Village!.Code).SingleAsync());
        var expected = await app.WithDbAsync(db => db.Households.CountAsync(h => h.Village!.Code == village && h.MergedIntoHouseholdId == null
            && (h.IdPoor == IdPoorStatus.Level1 || h.IdPoor == IdPoorStatus.Level2)));
        var byExpression = (await SyncSearchAsync(app, dci, Expression(new Dictionary<string, object>
        {
            ["$and"] = new object[] { new { village_code = new Dictionary<string, object> { ["$eq"] = village } }, new { idpoor_level = new Dictionary<string, object> { ["$in"] = PoorLevels } } },
        }))).Single();
        byExpression.GetProperty("status").GetString().ShouldBe("succ");
        Total(byExpression).ShouldBe(expected);
        expected.ShouldBeGreaterThan(0);

        // predicate: households of 4 or more with a girl born since 2010, in the commune.
        var predicate = (await SyncSearchAsync(app, dci, Predicate(
            new { seq_num = 1, expression1 = new { attribute_name = "household_size", @operator = "ge", attribute_value = "4" }, condition = "and",
                expression2 = new { attribute_name = "sex", @operator = "eq", attribute_value = "female" } },
            new { seq_num = 2, expression1 = new { attribute_name = "birth_year", @operator = "ge", attribute_value = 2010 } }))).Single();
        predicate.GetProperty("status").GetString().ShouldBe("succ");
        var found = Ids(predicate);
        var sizes = await app.WithDbAsync(db => db.Households.Where(h => found.Contains(h.Id))
            .Select(h => new { Size = h.Members.Count(m => m.MergedIntoPersonId == null), Girl = h.Members.Any(m => m.Sex == Sex.Female), Young = h.Members.Any(m => (m.DateOfBirth != null ? m.DateOfBirth.Value.Year : m.EstimatedBirthYear) >= 2010) })
            .ToListAsync());
        sizes.Count.ShouldBe(found.Count);
        sizes.ShouldAllBe(s => s.Size >= 4 && s.Girl && s.Young);
        var all = await app.WithDbAsync(db => db.Households.CountAsync(h => h.Village!.Commune!.Code == DemoGeography.OuCharCode && h.MergedIntoHouseholdId == null
            && h.Members.Count(m => m.MergedIntoPersonId == null) >= 4 && h.Members.Any(m => m.MergedIntoPersonId == null && m.Sex == Sex.Female)
            && h.Members.Any(m => m.MergedIntoPersonId == null && (m.DateOfBirth != null ? m.DateOfBirth.Value.Year : m.EstimatedBirthYear) >= 2010)));
        Total(predicate).ShouldBe(all);

        // The registry's status of that search, by its transaction id (sync txn/status).
        var search = Search(IdTypeValue("household_id", household.Id));
        var transactionId = JsonSerializer.SerializeToElement(search).GetProperty("transaction_id").GetString()!;
        (await PostAsync(dci, "sync/search", Signed(dci, "search", search))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var status = await PostAsync(dci, "sync/txn/status", Signed(dci, "txn-status", new
        {
            transaction_id = Guid.NewGuid().ToString("N"),
            txnstatus_request = new { reference_id = "r1", txn_type = "search", attribute_type = "transaction_id", attribute_value = transactionId },
        }));
        var statusText = await status.Content.ReadAsStringAsync();
        status.StatusCode.ShouldBe(HttpStatusCode.OK, statusText);
        var txn = JsonDocument.Parse(statusText).RootElement.GetProperty("message").GetProperty("txnstatus_response").GetProperty("txn_status");
        txn.GetProperty("transaction_id").GetString().ShouldBe(transactionId);
        txn.GetProperty("search_response")[0].GetProperty("status").GetString().ShouldBe("succ");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_attribute_outside_the_allow_list_is_rejected_with_the_specified_reason_code(string provider)
    {
        var app = await apps.Get(provider);
        var dci = await NewDciAsync(app, DemoGeography.OuCharCode);
        var items = await SyncSearchAsync(app, dci,
            Predicate(new { seq_num = 1, expression1 = new { attribute_name = "case_status", @operator = "eq", attribute_value = "open" } }),
            Expression(new { poverty_score = new Dictionary<string, object> { ["$lt"] = 5 } }),
            IdTypeValue("UIN", "TEST-001"),
            Expression(new { village_code = new Dictionary<string, object> { ["$regex"] = ".*" } }));
        items.Count.ShouldBe(4);
        foreach (var item in items)
        {
            item.GetProperty("status").GetString().ShouldBe("rjct");
            item.GetProperty("status_reason_code").GetString().ShouldBe("rjct.search_criteria.invalid");
            item.GetProperty("data").GetProperty("reg_records").GetArrayLength().ShouldBe(0);
        }
        // A page size the specification does not allow: its own reason code.
        var paged = await SyncSearchAsync(app, dci, new { query_type = "idtype-value", query = new { type = "village_code", value = "02030901" }, pagination = new { page_size = 0, page_number = 1 } });
        paged.Single().GetProperty("status_reason_code").GetString().ShouldBe("rjct.pagination.invalid");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_Svay_Pao_client_never_sees_Ou_Char_households_also_not_in_counts(string provider)
    {
        var app = await apps.Get(provider);
        var dci = await NewDciAsync(app, DemoGeography.SvayPaoCode);
        var ouChar = await app.OuCharHouseholdAsync();
        var items = await SyncSearchAsync(app, dci,
            IdTypeValue("HOUSEHOLD_ID", ouChar.Id),
            Expression(new { commune_code = DemoGeography.OuCharCode }),
            Predicate(new { seq_num = 1, expression1 = new { attribute_name = "household_size", @operator = "ge", attribute_value = 0 } }));
        Total(items[0]).ShouldBe(0);
        Total(items[1]).ShouldBe(0, "not even how many there are");
        var svayPao = await app.WithDbAsync(db => db.Households.CountAsync(h => h.Village!.Commune!.Code == DemoGeography.SvayPaoCode && h.MergedIntoHouseholdId == null));
        Total(items[2]).ShouldBe(svayPao, "every household counted is one of Svay Pao");
        svayPao.ShouldBeGreaterThan(0);
        items[2].GetProperty("data").GetProperty("reg_records").EnumerateArray()
            .ShouldAllBe(r => r.GetProperty("commune_code").GetString() == DemoGeography.SvayPaoCode);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_bad_or_missing_signature_and_a_replayed_message_id_are_refused(string provider)
    {
        var app = await apps.Get(provider);
        var dci = await NewDciAsync(app, DemoGeography.OuCharCode);
        var query = Search(IdTypeValue("village_code", "02030901"));

        // Signed, then the message changed: the signature no longer holds.
        var (header, message) = Parts("search", query);
        var signature = DciSignature.Sign(dci.PrivateKey, SenderId, dci.KeyId, header, message, TestClock.UtcNow);
        var tampered = DciOutbox.Envelope(signature, header, message.Replace("02030901", "02030902", StringComparison.Ordinal));
        await ErrAsync(await PostAsync(dci, "sync/search", tampered), HttpStatusCode.Unauthorized, "err.signature.invalid");
        // Another key than the client's own; the suite's placeholder (accepted only when configured for a conformance run); none.
        var (otherKey, _) = DciSignature.NewKeyPair();
        var (h2, m2) = Parts("search", query);
        await ErrAsync(await PostAsync(dci, "sync/search", DciOutbox.Envelope(DciSignature.Sign(otherKey, SenderId, dci.KeyId, h2, m2, TestClock.UtcNow), h2, m2)),
            HttpStatusCode.Unauthorized, "err.signature.invalid");
        await ErrAsync(await PostAsync(dci, "sync/search", DciOutbox.Envelope("unsigned-stub", h2, m2)), HttpStatusCode.Unauthorized, "err.signature.invalid");
        await ErrAsync(await PostAsync(dci, "sync/search", "{\"header\":" + h2 + ",\"message\":" + m2 + "}"), HttpStatusCode.Unauthorized, "err.signature.missing");
        // Expired: signed an hour and a half ago.
        var old = DciSignature.Sign(dci.PrivateKey, SenderId, dci.KeyId, h2, m2, TestClock.UtcNow.AddMinutes(-90));
        await ErrAsync(await PostAsync(dci, "sync/search", DciOutbox.Envelope(old, h2, m2)), HttpStatusCode.Unauthorized, "err.signature.invalid");

        // The same signed message twice: the second is a replay.
        var messageId = Guid.NewGuid().ToString("N");
        var envelope = Signed(dci, "search", query, messageId: messageId);
        (await PostAsync(dci, "sync/search", envelope)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ErrAsync(await PostAsync(dci, "sync/search", envelope), HttpStatusCode.Conflict, "err.request.bad");
        (await app.WithDbAsync(db => db.DciReceivedMessages.CountAsync(m => m.ClientId == dci.Client.Id && m.MessageId == messageId))).ShouldBe(1);
        // Another client may use the same message id (ids are unique per sender).
        var other = await NewDciAsync(app, DemoGeography.OuCharCode);
        (await PostAsync(other, "sync/search", Signed(other, "search", query, messageId: messageId))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without a token: 401 before anything is read.
        var anonymous = await app.Anonymous().PostAsync("/dci/registry/sync/search", new StringContent(Signed(dci, "search", query), Encoding.UTF8, "application/json"));
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task ErrAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var json = await response.JsonAsync(status);
        json.GetProperty("message").GetProperty("ack_status").GetString().ShouldBe("ERR");
        json.GetProperty("message").GetProperty("error").GetProperty("code").GetString().ShouldBe(code);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_subscription_gets_one_notification_per_household_change_sent_once_from_the_outbox(string provider)
    {
        var app = await apps.Get(provider);
        var dci = await NewDciAsync(app, DemoGeography.OuCharCode);
        var household = await app.OuCharHouseholdAsync();
        var path = $"{HiveApp.DciCallbackOrigin}/{Guid.NewGuid():N}";

        var ack = await (await PostAsync(dci, "subscribe", Signed(dci, "subscribe", new
        {
            transaction_id = Guid.NewGuid().ToString("N"),
            subscribe_request = new[]
            {
                new
                {
                    reference_id = "s1", timestamp = Now(),
                    subscribe_criteria = new { reg_event_type = "UPDATE", filter_type = "idtype-value", filter = new { type = "HOUSEHOLD_ID", value = household.Id }, notify_record_type = "Group" },
                },
            },
        }, senderUri: path + "/on-subscribe"))).JsonAsync(HttpStatusCode.Accepted);
        ack.GetProperty("message").GetProperty("ack_status").GetString().ShouldBe("ACK");

        // The on-subscribe callback, delivered by the outbox, signed, with the subscription's code.
        await ArrivedAsync(app, path + "/on-subscribe");
        var onSubscribe = DciReceiver.Received.Where(r => r.Url == path + "/on-subscribe").ShouldHaveSingleItem();
        await VerifyAsync(app, onSubscribe.Body);
        var code = JsonDocument.Parse(onSubscribe.Body).RootElement.GetProperty("message").GetProperty("subscribe_response")[0]
            .GetProperty("subscriptions")[0].GetProperty("code").GetString()!;

        // A change of the household: one notification, however often the registry looks and sends.
        await app.WithDbAsync(async db =>
        {
            var h = await db.Households.SingleAsync(x => x.Id == household.Id);
            h.Address = "DCI " + Guid.NewGuid().ToString("N")[..8];
            await db.SaveChangesAsync();
        });
        await QueueAsync(app);
        await QueueAsync(app);
        var subscriptionId = await app.WithDbAsync(db => db.DciSubscriptions.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());
        (await app.WithDbAsync(db => db.DciOutbox.CountAsync(m => m.SubscriptionId == subscriptionId))).ShouldBe(1);
        await ArrivedAsync(app, path + "/notify");
        await SendOutboxAsync(app);
        var notify = DciReceiver.Received.Where(r => r.Url == path + "/notify").ShouldHaveSingleItem();
        await VerifyAsync(app, notify.Body);
        var record = JsonDocument.Parse(notify.Body).RootElement.GetProperty("message").GetProperty("notify_event")[0].GetProperty("data").GetProperty("reg_records");
        record.GetProperty("group_identifier")[0].GetProperty("identifier_value").GetString().ShouldBe(household.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await app.WithDbAsync(db => db.DciOutbox.SingleAsync(m => m.SubscriptionId == subscriptionId))).SentAt.ShouldNotBeNull();

        // Unsubscribed: a further change is not notified.
        (await PostAsync(dci, "unsubscribe", Signed(dci, "unsubscribe", new { transaction_id = Guid.NewGuid().ToString("N"), timestamp = Now(), subscription_codes = new[] { code } },
            senderUri: path + "/on-unsubscribe"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await app.WithDbAsync(async db =>
        {
            var h = await db.Households.SingleAsync(x => x.Id == household.Id);
            h.Address = "DCI " + Guid.NewGuid().ToString("N")[..8];
            await db.SaveChangesAsync();
        });
        await QueueAsync(app);
        (await app.WithDbAsync(db => db.DciOutbox.CountAsync(m => m.SubscriptionId == subscriptionId))).ShouldBe(1);
    }

    private static async Task QueueAsync(HiveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DciNotifications>().QueueAsync();
    }

    private static async Task SendOutboxAsync(HiveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DciOutbox>().ProcessDueAsync();
    }

    /// <summary>
    /// Sends the outbox until a message to the address has arrived: other tests share the outbox, and one of them may have
    /// claimed this test's message and be sending it, or it may wait behind a batch of theirs.
    /// </summary>
    private static async Task ArrivedAsync(HiveApp app, string url)
    {
        for (var i = 0; i < 100 && !DciReceiver.Received.Any(r => r.Url == url); i++)
        {
            await SendOutboxAsync(app);
            if (!DciReceiver.Received.Any(r => r.Url == url)) await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task No_answer_carries_case_or_protection_data_or_names(string provider)
    {
        var app = await apps.Get(provider);
        var dci = await NewDciAsync(app, DemoGeography.OuCharCode);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var household = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.HouseholdId).SingleAsync());
        var names = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household).Select(p => p.GivenNameKm).ToListAsync());
        var response = await PostAsync(dci, "sync/search", Signed(dci, "search", Search(IdTypeValue("HOUSEHOLD_ID", household), Expression(new { village_code = "02030901" }))));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var items = JsonDocument.Parse(text).RootElement.GetProperty("message").GetProperty("search_response");
        Ids(items[0]).ShouldBe([household]);
        string[] allowed = ["@type", "group_identifier", "group_size", "idpoor_level", "village_code", "commune_code", "member_list", "last_updated"];
        foreach (var item in items.EnumerateArray())
            foreach (var record in item.GetProperty("data").GetProperty("reg_records").EnumerateArray())
            {
                record.EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(allowed);
                foreach (var member in record.GetProperty("member_list").EnumerateArray())
                    member.GetProperty("demographic_info").EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(["@type", "sex", "birth_year"]);
            }
        foreach (var word in new[] { "case", "referral", "concern", "risk", "note", "phone", "address" })
            text.Contains(word, StringComparison.OrdinalIgnoreCase).ShouldBeFalse(word);
        names.ShouldAllBe(n => !text.Contains(n, StringComparison.Ordinal));
        // Nor can they be asked about.
        foreach (var attribute in new[] { "case_status", "risk_level", "referral_status", "concern", "given_name" })
        {
            var refused = (await SyncSearchAsync(app, dci, Predicate(new { seq_num = 1, expression1 = new { attribute_name = attribute, @operator = "eq", attribute_value = "x" } }))).Single();
            refused.GetProperty("status_reason_code").GetString().ShouldBe("rjct.search_criteria.invalid");
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_keys_and_the_gazetteer_are_published_without_sign_in(string provider)
    {
        var app = await apps.Get(provider);
        var jwks = await (await app.Anonymous().GetAsync("/.well-known/jwks.json")).JsonAsync(HttpStatusCode.OK);
        jwks.GetProperty("keys")[0].GetProperty("kty").GetString().ShouldBe("OKP");
        jwks.GetProperty("keys")[0].TryGetProperty("d", out _).ShouldBeFalse("never the private key");
        var locations = await (await app.Anonymous().GetAsync("/.well-known/locations.json")).JsonAsync(HttpStatusCode.OK);
        var villages = await app.WithDbAsync(db => db.Villages.CountAsync());
        locations.GetProperty("villages").GetArrayLength().ShouldBe(villages);
        locations.GetProperty("communes").EnumerateArray().ShouldContain(c => c.GetProperty("code").GetString() == DemoGeography.OuCharCode);
    }

    [Fact]
    public void The_query_parser_refuses_what_is_not_on_the_allow_list()
    {
        DciQuery.Parse("predicate", JsonDocument.Parse("""[{"expression1":{"attribute_name":"birth_year","operator":"lt","attribute_value":"2000"}}]""").RootElement).Condition.ShouldNotBeNull();
        DciQuery.Parse("predicate", JsonDocument.Parse("""[{"expression1":{"attribute_name":"sex","operator":"lt","attribute_value":"female"}}]""").RootElement).Error.ShouldNotBeNull();
        DciQuery.Parse("graphql", JsonDocument.Parse("{}").RootElement).Error.ShouldNotBeNull();
        DciQuery.Parse("expression", JsonDocument.Parse("""{"type":"x","value":{"expression":{"collection":"Member","query":{"sex":"female"}}}}""").RootElement).Error.ShouldNotBeNull();
        DciQuery.Parse("idtype-value", JsonDocument.Parse("""{"type":"household_id","value":"12a"}""").RootElement).Error.ShouldNotBeNull();
        DciQuery.Parse("predicate", JsonDocument.Parse("""[{"seq_num":"x","expression1":{"attribute_name":"sex","operator":"eq","attribute_value":"f"},"condition":1,"expression2":{"attribute_name":"sex","operator":"eq","attribute_value":"m"}}]""").RootElement).Error.ShouldNotBeNull();
        DciQuery.Parse("expression", JsonDocument.Parse("""{"type":"x","value":{"expression":{"collection":7,"query":{"sex":"female"}}}}""").RootElement).Error.ShouldNotBeNull();
        // Signatures made with one key do not verify with another.
        var (a, pa) = DciSignature.NewKeyPair();
        var (_, pb) = DciSignature.NewKeyPair();
        var parts = DciSignature.Parse(DciSignature.Sign(a, "s", "k", "{}", "{}", TestClock.UtcNow)).ShouldNotBeNull();
        DciSignature.Verify(parts, pa, "{}", "{}", TestClock.UtcNow).ShouldBeTrue();
        DciSignature.Verify(parts, pb, "{}", "{}", TestClock.UtcNow).ShouldBeFalse();
        SignatureAlgorithm.Ed25519.PublicKeySize.ShouldBe(pa.Length);
    }
}

/// <summary>Stands in for the other systems the DCI outbox posts to (the test host's "dci" HTTP client ends here).</summary>
public sealed class DciReceiver : HttpMessageHandler
{
    public sealed record Call(string Url, string Body);

    public static readonly ConcurrentQueue<Call> Received = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Received.Enqueue(new Call(request.RequestUri!.AbsoluteUri, body));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"message":{"ack_status":"ACK","timestamp":"2026-01-01T00:00:00Z","correlation_id":"x"}}""", Encoding.UTF8, "application/json"),
        };
    }
}
