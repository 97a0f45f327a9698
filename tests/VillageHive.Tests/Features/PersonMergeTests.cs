using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Every test merges persons it created itself (the database is shared with tests running in parallel), in villages
/// 4 to 6 of Ou Char so that the household counts of ouchar.vbsw1's villages that other tests read do not move.
/// </summary>
public sealed partial class PersonMergeTests(Apps apps)
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static Task<int> HeadAsync(HiveApp app, int household) =>
        app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household).Select(p => p.Id).SingleAsync());

    private static Task<HttpResponseMessage> MergeAsync(HttpClient client, int keep, int duplicate, string confirm = "true") =>
        client.PostFormAsync($"/Admin/Persons/Merge?keep={keep}&duplicate={duplicate}",
            new() { ["Keep"] = S(keep), ["Duplicate"] = S(duplicate), ["Confirm"] = confirm }, formPage: "/Admin/Persons/Merge?q=x");

    private static Task<int> MergesOfAsync(HiveApp app, params int[] ids) =>
        app.WithDbAsync(db => db.PersonMerges.CountAsync(m => ids.Contains(m.KeptPersonId) || ids.Contains(m.MergedPersonId)));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Merging_moves_referrals_and_history_to_the_kept_person_and_hides_the_duplicate(string provider)
    {
        var app = await apps.Get(provider);
        var keptHousehold = await app.UniqueHouseholdAsync("02030904");
        var dupHousehold = await app.UniqueHouseholdAsync("02030905");
        var earlier = await app.UniqueHouseholdAsync("02030906");
        var kept = await HeadAsync(app, keptHousehold.Id);
        var duplicate = await HeadAsync(app, dupHousehold.Id);
        // The duplicate has a referral of its own, one shared with the kept record, and a move in its history.
        var ownReferral = await app.NewReferralAsync(dupHousehold.Id, "ouchar.member1");
        var (sharedReferral, move) = await app.WithDbAsync(async db =>
        {
            var village = await db.Households.Where(h => h.Id == keptHousehold.Id).Select(h => h.VillageId).SingleAsync();
            var referral = new Referral
            {
                HouseholdId = keptHousehold.Id, VillageId = village, EnteredBy = "ouchar.member1", Channel = ReferralChannel.School,
                Concerns = Concerns.OutOfSchool, ReceivedAt = TestClock.UtcNow, IdempotencyKey = Guid.NewGuid(),
                Children = [new() { PersonId = kept }, new() { PersonId = duplicate }],
            };
            var m = new PersonMove { PersonId = duplicate, FromHouseholdId = earlier.Id, ToHouseholdId = dupHousehold.Id, MovedOn = new DateOnly(2024, 1, 1), RecordedBy = "ouchar.vbsw1", RecordedAt = TestClock.UtcNow };
            db.Referrals.Add(referral);
            db.PersonMoves.Add(m);
            await db.SaveChangesAsync();
            return (referral.Id, m.Id);
        });
        var client = await app.As("admin");

        // Found by name, then both side by side.
        var found = await client.GetHtmlAsync("/Admin/Persons/Merge?q=" + Uri.EscapeDataString(dupHousehold.HeadLatin));
        found.ShouldContain($"#{duplicate} ");
        var compare = await client.GetHtmlAsync($"/Admin/Persons/Merge?keep={kept}&duplicate={duplicate}");
        compare.ShouldContain(keptHousehold.HeadKm);
        compare.ShouldContain(dupHousehold.HeadKm);
        compare.ShouldContain("name=\"Confirm\"");

        var response = await MergeAsync(client, kept, duplicate);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/Registry/Persons/{kept}");
        var links = await app.WithDbAsync(db => db.ReferralChildren.Where(c => c.PersonId == kept || c.PersonId == duplicate)
            .Select(c => new { c.ReferralId, c.PersonId }).ToListAsync());
        links.Where(l => l.PersonId == duplicate).ShouldBeEmpty();
        links.Select(l => l.ReferralId).Order().ShouldBe(new[] { ownReferral, sharedReferral }.Order());
        (await app.WithDbAsync(db => db.PersonMoves.Where(m => m.Id == move).Select(m => m.PersonId).SingleAsync())).ShouldBe(kept);
        var marked = await app.WithDbAsync(db => db.Persons.IgnoreQueryFilters().Where(p => p.Id == duplicate).Select(p => new { p.MergedIntoPersonId, p.HouseholdId }).SingleAsync());
        marked.MergedIntoPersonId.ShouldBe(kept);
        (await app.WithDbAsync(db => db.Persons.Where(p => p.Id == kept).Select(p => p.HouseholdId).SingleAsync())).ShouldBe(keptHousehold.Id);
        var record = await app.WithDbAsync(db => db.PersonMerges.SingleAsync(m => m.MergedPersonId == duplicate));
        record.KeptPersonId.ShouldBe(kept);
        record.MergedBy.ShouldBe("admin");
        record.MergedSnapshot.ShouldContain(dupHousehold.HeadLatin.Split(' ')[1]);

        // Hidden from its household's page and from the search; the kept record tells where it came from.
        (await client.GetHtmlAsync($"/Registry/Households/{dupHousehold.Id}")).ShouldNotContain(dupHousehold.HeadLatin);
        (await client.GetHtmlAsync("/Registry/Households?q=" + Uri.EscapeDataString(dupHousehold.HeadLatin))).ShouldNotContain($"/Registry/Households/{dupHousehold.Id}\"");
        await client.GetHtmlAsync($"/Registry/Persons/{duplicate}", HttpStatusCode.NotFound);
        var keptPage = await client.GetHtmlAsync($"/Registry/Persons/{kept}");
        keptPage.ShouldContain($"បានបញ្ចូលពីកំណត់ត្រា #{duplicate}");
        keptPage.ShouldContain("ដោយ admin");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_person_is_not_merged_into_itself_nor_is_a_merged_record_merged_again(string provider)
    {
        var app = await apps.Get(provider);
        var a = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var b = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var c = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var client = await app.As("admin");

        var response = await MergeAsync(client, a, a);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ត្រូវតែជាកំណត់ត្រាពីរផ្សេងគ្នា");

        // Not confirmed, or a confirmation that is not a yes: nothing happens.
        foreach (var confirm in new[] { "", "false", "abc" })
        {
            response = await MergeAsync(client, a, b, confirm);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, confirm);
        }
        (await MergesOfAsync(app, a, b, c)).ShouldBe(0);

        (await MergeAsync(client, a, b)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var (keep, dup) in new[] { (c, b), (b, c) })
        {
            response = await MergeAsync(client, keep, dup);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("ត្រូវបានបញ្ចូលទៅក្នុងកំណត់ត្រាផ្សេងរួចហើយ");
        }
        (await MergesOfAsync(app, a, b, c)).ShouldBe(1);
        (await app.WithDbAsync(db => db.Persons.IgnoreQueryFilters().Where(p => p.Id == b).Select(p => p.MergedIntoPersonId).SingleAsync())).ShouldBe(a);
        (await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.Id == c))).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Only_an_administrator_merges_persons(string provider)
    {
        var app = await apps.Get(provider);
        var a = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var b = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        foreach (var user in new[] { "ouchar.ccwc", "district.manager", "ouchar.vbsw1", "svaypao.ccwc" })
        {
            var client = await app.As(user);
            await client.GetHtmlAsync($"/Admin/Persons/Merge?keep={a}&duplicate={b}", HttpStatusCode.Forbidden);
            var response = await client.PostFormAsync($"/Admin/Persons/Merge?keep={a}&duplicate={b}",
                new() { ["Keep"] = S(a), ["Duplicate"] = S(b), ["Confirm"] = "true" }, formPage: "/");
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
        (await MergesOfAsync(app, a, b)).ShouldBe(0);
    }

    [GeneratedRegex("""<ul class="hive-card-list" id="roster">(.*?)</ul>""", RegexOptions.Singleline)]
    private static partial Regex RosterList();

    /// <summary>The children on the programme's roster page, as the project officer sees it.</summary>
    private static async Task<int> RosterCountAsync(HttpClient officer, int programme)
    {
        var html = await officer.GetHtmlAsync($"/Programmes/{programme}");
        var list = RosterList().Match(html);
        list.Success.ShouldBeTrue();
        return Regex.Count(list.Groups[1].Value, "<li>");
    }

    private static Task<HttpResponseMessage> UndoAsync(HttpClient client, int merge) =>
        client.PostFormAsync($"/Admin/Persons/Merge?handler=Undo&merge={merge}", [], formPage: "/Admin/Persons/Merge");

    /// <summary>
    /// The demo after-school programme has 40 children this year (41 in its first); a record of one of this year's
    /// children entered again, then merged with the enrolled record as the duplicate, must leave 40 on the roster (and the
    /// child's enrolments of earlier years with the kept record), with the child's attendance, Family Network place
    /// and consent on the record kept. An undo puts every row back. On a demo install of its own: demo children change.
    /// </summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Merging_an_enrolled_child_keeps_this_years_roster_and_an_undo_puts_everything_back(string provider)
    {
        await using var install = await apps.FreshDemoAsync(provider);
        var app = install.App;
        var (programme, child, household, caseId) = await app.WithDbAsync(async db =>
        {
            var p = await db.Programmes.SingleAsync(x => x.Name == DemoCommunity.ProgrammeName);
            var e = await db.Enrolments.Where(x => x.ProgrammeId == p.Id && x.ExitDate == null && x.YearEnd >= TestClock.Today && db.ProgrammeAttendance.Any(a => a.EnrolmentId == x.Id))
                .OrderBy(x => x.Id).Select(x => new { x.PersonId, x.Person!.HouseholdId }).FirstAsync();
            var c = await db.Cases.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            return (p.Id, e.PersonId, e.HouseholdId, c);
        });
        var officer = await app.As(DemoCommunity.ProjectOfficer);
        (await RosterCountAsync(officer, programme)).ShouldBe(DemoProgrammeYears.Rosters[^1]);
        // The same child registered a second time (the record to keep), and the enrolled record given a Family Network
        // place and a consent answer, so that every kind of row is there to move.
        var (kept, network, consent) = await app.WithDbAsync(async db =>
        {
            var p = new Person { HouseholdId = household, Sex = Sex.Female, RelationToHead = RelationToHead.Child, EstimatedBirthYear = 2016, CreatedAt = TestClock.UtcNow };
            p.SetNames("តេស្ត", "ស្ទួន", "Test", DemoData.UniqueLatin());
            db.Persons.Add(p);
            var n = new FamilyNetworkMember { CaseId = caseId, PersonId = child, Name = "test", Relation = NetworkRelation.Other };
            var c = new ConsentRecord { HouseholdId = household, PersonId = child, Use = ConsentUse.Reports, Given = true, Said = "yes", AnsweredOn = TestClock.Today, RecordedBy = "test", RecordedAt = TestClock.UtcNow };
            db.AddRange(n, c);
            await db.SaveChangesAsync();
            return (p.Id, n.Id, c.Id);
        });
        var attendance = await app.WithDbAsync(db => db.ProgrammeAttendance.CountAsync(a => a.PersonId == child));
        // One enrolment a year the child was in the programme.
        var years = await app.WithDbAsync(db => db.Enrolments.CountAsync(e => e.ProgrammeId == programme && e.PersonId == child && e.ExitDate == null));
        attendance.ShouldBeGreaterThan(0);
        // A photo on the enrolled record: it names its person by kind and id, not by a foreign key, and moves too.
        var photo = await app.NewAttachmentAsync(AttachmentOwner.Person, child, AttachmentData.Jpeg());
        Task<int> PhotoOwnerAsync() => app.WithDbAsync(db => db.Attachments.Where(a => a.Id == photo).Select(a => a.OwnerId).SingleAsync());
        var admin = await app.As("admin");

        var response = await MergeAsync(admin, kept, child);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RosterCountAsync(officer, programme)).ShouldBe(DemoProgrammeYears.Rosters[^1]);
        var after = await app.WithDbAsync(async db => new
        {
            Enrolled = await db.Enrolments.CountAsync(e => e.ProgrammeId == programme && e.PersonId == kept && e.ExitDate == null),
            Attendance = await db.ProgrammeAttendance.CountAsync(a => a.PersonId == kept),
            Left = await db.Enrolments.CountAsync(e => e.PersonId == child) + await db.ProgrammeAttendance.CountAsync(a => a.PersonId == child),
            Network = await db.FamilyNetworkMembers.Where(n => n.Id == network).Select(n => n.PersonId).SingleAsync(),
            Consent = await db.ConsentRecords.Where(c => c.Id == consent).Select(c => c.PersonId).SingleAsync(),
            Merge = await db.PersonMerges.SingleAsync(m => m.MergedPersonId == child),
        });
        after.Enrolled.ShouldBe(years);
        after.Attendance.ShouldBe(attendance);
        after.Left.ShouldBe(0);
        after.Network.ShouldBe(kept);
        after.Consent.ShouldBe(kept);
        after.Merge.Moved.ShouldContain("\"Enrolment.PersonId\":[");
        (await PhotoOwnerAsync()).ShouldBe(kept);

        // The administrator undoes it: the child's record is back with everything it held, and the roster is as it was.
        (await admin.GetHtmlAsync("/Admin/Persons/Merge")).ShouldContain($"merge={after.Merge.Id}");
        response = await UndoAsync(admin, after.Merge.Id);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/Registry/Persons/{child}");
        (await RosterCountAsync(officer, programme)).ShouldBe(DemoProgrammeYears.Rosters[^1]);
        var undone = await app.WithDbAsync(async db => new
        {
            Shown = await db.Persons.AnyAsync(p => p.Id == child),
            Enrolled = await db.Enrolments.CountAsync(e => e.ProgrammeId == programme && e.PersonId == child && e.ExitDate == null),
            Attendance = await db.ProgrammeAttendance.CountAsync(a => a.PersonId == child),
            OnKept = await db.Enrolments.CountAsync(e => e.PersonId == kept) + await db.ProgrammeAttendance.CountAsync(a => a.PersonId == kept),
            Network = await db.FamilyNetworkMembers.Where(n => n.Id == network).Select(n => n.PersonId).SingleAsync(),
            Consent = await db.ConsentRecords.Where(c => c.Id == consent).Select(c => c.PersonId).SingleAsync(),
            Merge = await db.PersonMerges.SingleAsync(m => m.Id == after.Merge.Id),
            Audited = await db.AuditEntries.CountAsync(a => a.EntityType == nameof(PersonMerge) && a.UserName == "admin"),
        });
        undone.Shown.ShouldBeTrue();
        undone.Enrolled.ShouldBe(years);
        undone.Attendance.ShouldBe(attendance);
        undone.OnKept.ShouldBe(0);
        undone.Network.ShouldBe(child);
        undone.Consent.ShouldBe(child);
        (await PhotoOwnerAsync()).ShouldBe(child);
        undone.Merge.UndoneBy.ShouldBe("admin");
        undone.Merge.UndoneAt.ShouldNotBeNull();
        undone.Audited.ShouldBeGreaterThanOrEqualTo(2);

        // Undone once only; and the two records can be merged again afterwards.
        (await UndoAsync(admin, after.Merge.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MergeAsync(admin, kept, child)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RosterCountAsync(officer, programme)).ShouldBe(DemoProgrammeYears.Rosters[^1]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_records_enrolled_in_one_programme_are_not_merged_and_the_page_says_which(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, kids) = await ProgrammeTests.NewProgrammeAsync(app, "02030904", capacity: 5, children: 2);
        await ProgrammeTests.EnrolDirectAsync(app, programme, kids[0], TestClock.Today);
        await ProgrammeTests.EnrolDirectAsync(app, programme, kids[1], TestClock.Today);
        var name = await app.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.Name).SingleAsync());
        var client = await app.As("admin");

        var response = await MergeAsync(client, kids[0], kids[1]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("កំណត់ត្រាទាំងពីរបានចុះឈ្មោះក្នុង");
        html.ShouldContain(name);
        (await MergesOfAsync(app, kids[0], kids[1])).ShouldBe(0);
        (await app.WithDbAsync(db => db.Enrolments.CountAsync(e => e.ProgrammeId == programme && e.PersonId == kids[1]))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Persons.CountAsync(p => kids.Contains(p.Id)))).ShouldBe(2);
    }

    /// <summary>
    /// Two records on one session's list cannot both move (one person once a session); the page says which session.
    /// A service referral of the duplicate, on another session only, moves with the merge.
    /// </summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_records_on_one_session_list_are_not_merged_and_a_service_referral_moves_when_they_are(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030904");
        var a = await HeadAsync(app, household.Id);
        var b = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var caseId = await app.NewCaseAsync("02030904", "ouchar.vbsw1");
        var serviceReferral = await app.NewServiceReferralAsync(caseId, DemoServices.HealthCentre);
        var title = "Test session " + DemoData.UniqueLatin();
        var shared = await app.WithDbAsync(async db =>
        {
            var village = await db.Households.Where(h => h.Id == household.Id).Select(h => h.VillageId).SingleAsync();
            var commune = await db.Villages.Where(v => v.Id == village).Select(v => v.CommuneId).SingleAsync();
            var activity = new Activity { CommuneId = commune, Type = ActivityType.Workshop, Title = title, Topic = "test", Facilitator = "test", CreatedBy = "test", CreatedAt = TestClock.UtcNow };
            var session = new ActivitySession { Activity = activity, Date = TestClock.Today, VillageId = village };
            session.Attendance.Add(new SessionAttendance { PersonId = a, RecordedBy = "test", RecordedAt = TestClock.UtcNow });
            session.Attendance.Add(new SessionAttendance { PersonId = b, RecordedBy = "test", RecordedAt = TestClock.UtcNow });
            db.ActivitySessions.Add(session);
            (await db.ServiceReferrals.SingleAsync(r => r.Id == serviceReferral)).PersonId = b;
            await db.SaveChangesAsync();
            return session.Id;
        });
        var client = await app.As("admin");

        var response = await MergeAsync(client, a, b);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("កំណត់ត្រាទាំងពីរមាននៅក្នុងបញ្ជីវត្តមាននៃវគ្គតែមួយ");
        html.ShouldContain(title);
        (await MergesOfAsync(app, a, b)).ShouldBe(0);
        (await app.WithDbAsync(db => db.ServiceReferrals.Where(r => r.Id == serviceReferral).Select(r => r.PersonId).SingleAsync())).ShouldBe(b);

        // Taken off that list, the duplicate merges, and its service referral follows.
        await app.WithDbAsync(async db =>
        {
            db.SessionAttendance.Remove(await db.SessionAttendance.SingleAsync(x => x.SessionId == shared && x.PersonId == b));
            await db.SaveChangesAsync();
        });
        (await MergeAsync(client, a, b)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ServiceReferrals.Where(r => r.Id == serviceReferral).Select(r => r.PersonId).SingleAsync())).ShouldBe(a);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_undo_of_an_unknown_merge_is_refused_and_only_an_administrator_undoes(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("admin");
        foreach (var id in new[] { "0", "-1", "999999999", "abc" })
        {
            var response = await client.PostFormAsync($"/Admin/Persons/Merge?handler=Undo&merge={id}", [], formPage: "/Admin/Persons/Merge");
            ((int)response.StatusCode).ShouldBeInRange(400, 499, id);
        }
        var a = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        var b = await HeadAsync(app, (await app.UniqueHouseholdAsync("02030904")).Id);
        (await MergeAsync(client, a, b)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var merge = await app.WithDbAsync(db => db.PersonMerges.Where(m => m.MergedPersonId == b).Select(m => m.Id).SingleAsync());
        foreach (var user in new[] { "ouchar.ccwc", "ouchar.vbsw1" })
        {
            var other = await app.As(user);
            (await other.PostFormAsync($"/Admin/Persons/Merge?handler=Undo&merge={merge}", [], formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
        (await app.WithDbAsync(db => db.PersonMerges.Where(m => m.Id == merge).Select(m => m.UndoneAt).SingleAsync())).ShouldBeNull();
    }
}
