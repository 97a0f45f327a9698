using Microsoft.EntityFrameworkCore;
using Npgsql;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The synthetic population (seed --scale) at a tiny size, in a fresh database of each provider: its invariants hold.</summary>
public sealed class ScaleGeneratorTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Generated_population_keeps_the_invariants_of_the_real_one(string provider)
    {
        var (cs, drop) = await FreshDatabaseAsync(provider);
        try
        {
            (await Cli.RunAsync(["seed", "--scale", "Commune", "--households", "600", "--seed", "11", "--as-of", "2026-06-30",
                "--provider", provider, "--connection", cs, "--demo-password", Db.DemoPassword])).ShouldBe(0);
            await using var db = Context(provider, cs);

            // Counts as requested: 600 households over Ou Char's six villages, about five people each.
            var households = await db.Households.CountAsync();
            households.ShouldBe(600);
            (await db.Persons.CountAsync()).ShouldBeInRange(households * 4, households * 6);
            (await db.Households.CountAsync(h => !h.Members.Any())).ShouldBe(0);
            (await db.Persons.CountAsync(p => !db.Households.Any(h => h.Id == p.HouseholdId))).ShouldBe(0);
            (await db.Households.CountAsync(h => h.Village!.Commune!.Code != "020309")).ShouldBe(0);

            // Every case has a screening, every screening a referral; a case's and a referral's village is its household's.
            var cases = await db.Cases.CountAsync();
            cases.ShouldBeGreaterThan(40);
            (await db.Cases.CountAsync(c => c.Referral!.Screening == null)).ShouldBe(0);
            (await db.Screenings.CountAsync(s => !db.Referrals.Any(r => r.Id == s.ReferralId))).ShouldBe(0);
            (await db.Cases.CountAsync(c => c.VillageId != c.Household!.VillageId || c.HouseholdId != c.Referral!.HouseholdId)).ShouldBe(0);
            (await db.Referrals.CountAsync(r => r.VillageId != r.Household!.VillageId)).ShouldBe(0);
            (await db.Cases.CountAsync(c => c.Referral!.Status != ReferralStatus.InSupport)).ShouldBe(0);

            // Cases at every stage, each with the transitions that brought it there and a closure when closed.
            var statuses = await db.Cases.Select(c => c.Status).Distinct().ToListAsync();
            statuses.ShouldContain(CaseStatus.Closed);
            statuses.ShouldContain(CaseStatus.ActiveSupport);
            statuses.Count.ShouldBeGreaterThanOrEqualTo(3);
            var lastMoves = await db.Cases.Select(c => new
            {
                c.Status,
                Last = db.CaseTransitions.Where(t => t.CaseId == c.Id).OrderByDescending(t => t.At).Select(t => (CaseStatus?)t.To).FirstOrDefault(),
                Closures = db.CaseClosures.Count(x => x.CaseId == c.Id),
            }).ToListAsync();
            lastMoves.ShouldAllBe(x => x.Last == null ? x.Status == CaseStatus.Open : x.Last == x.Status);
            lastMoves.ShouldAllBe(x => (x.Status == CaseStatus.Closed) == (x.Closures == 1));
            (await db.CaseTransitions.Where(t => t.From == CaseStatus.Open).Select(t => t.CaseId).Distinct().CountAsync())
                .ShouldBe(lastMoves.Count(x => x.Last != null));
            (await db.SupportPlans.CountAsync(p => p.Status == PlanStatus.Approved && !db.Assessments.Any(a => a.CaseId == p.CaseId && a.Status == AssessmentStatus.Approved))).ShouldBe(0);

            // Every payment was decided by someone other than the worker who asked for it, before it was handed over;
            // approved and disbursed ones within the approver's limit; a payment's household is its case's.
            var payments = await db.MaterialSupportRequests.CountAsync();
            payments.ShouldBeGreaterThan(20);
            (await db.MaterialSupportRequests.CountAsync(m => m.Status != SupportStatus.Requested
                && (m.DecidedBy == null || m.DecidedAt == null || m.DecidedBy == m.RequestedBy || m.DecidedAt < m.RequestedAt))).ShouldBe(0);
            (await db.MaterialSupportRequests.CountAsync(m => m.Status == SupportStatus.Requested && m.DecidedBy != null)).ShouldBe(0);
            (await db.MaterialSupportRequests.CountAsync(m => m.Status == SupportStatus.Disbursed
                && (m.DisbursedOn == null || m.ReceivedBy == null || m.AmountMinor > 2_000_000))).ShouldBe(0);
            (await db.MaterialSupportRequests.CountAsync(m => m.HouseholdId != m.Case!.HouseholdId)).ShouldBe(0);
            (await db.MaterialSupportRequests.CountAsync(m => m.ScheduleId != null
                && !db.SupportPaymentSchedules.Any(s => s.Id == m.ScheduleId && s.CaseId == m.CaseId && s.DecidedBy != null && s.DecidedBy != s.RequestedBy))).ShouldBe(0);

            // Services: referred from cases to services that cover the case's village, for a child of the family.
            (await db.ServiceReferrals.CountAsync()).ShouldBeGreaterThan(40);
            (await db.ServiceReferrals.CountAsync(x => !db.ServiceCoverage.Any(v => v.ServiceId == x.ServiceId && v.VillageId == x.Case!.VillageId))).ShouldBe(0);
            (await db.ServiceReferrals.CountAsync(x => x.PersonId != null && x.Person!.HouseholdId != x.Case!.HouseholdId)).ShouldBe(0);
            (await db.ServiceReferrals.CountAsync(x => x.Status != ServiceReferralStatus.Sent && x.RespondedAt == null)).ShouldBe(0);

            // Programmes and workshops: enrolled children and attendants live in the programme's or activity's commune;
            // attendance only on days the child was enrolled.
            (await db.Enrolments.CountAsync()).ShouldBeGreaterThan(10);
            (await db.Enrolments.CountAsync(e => e.Person!.Household!.Village!.CommuneId != e.Programme!.CommuneId)).ShouldBe(0);
            (await db.ProgrammeAttendance.CountAsync()).ShouldBeGreaterThan(100);
            (await db.ProgrammeAttendance.CountAsync(a => a.PersonId != a.Enrolment!.PersonId || a.Date < a.Enrolment.StartDate
                || (a.Enrolment.ExitDate != null && a.Date >= a.Enrolment.ExitDate))).ShouldBe(0);
            (await db.ActivitySessions.CountAsync()).ShouldBeGreaterThan(5);
            (await db.SessionAttendance.CountAsync(a => a.PersonId != null && a.Person!.Household!.VillageId != a.Session!.VillageId)).ShouldBe(0);
            (await db.ActivitySessions.CountAsync(s => s.Village!.CommuneId != s.Activity!.CommuneId)).ShouldBe(0);

            // Outcome surveys over the years, each of its case's household, none in the future.
            (await db.OutcomeSurveys.CountAsync()).ShouldBeGreaterThan(40);
            (await db.OutcomeSurveys.CountAsync(o => o.CaseId != null && !db.Cases.Any(c => c.Id == o.CaseId && c.HouseholdId == o.HouseholdId))).ShouldBe(0);
            (await db.OutcomeSurveys.CountAsync(o => o.SurveyedOn > new DateOnly(2026, 6, 30))).ShouldBe(0);
            (await db.OutcomeSurveys.Select(o => o.SurveyedOn.Year).Distinct().CountAsync()).ShouldBeGreaterThanOrEqualTo(4);

            // The head's names kept on each household (for the sorted list) are its head's.
            var heads = await db.Households.OrderBy(h => h.Id).Take(300).Select(h => new
            {
                h.HeadNameKm,
                Head = h.Members.Where(m => m.RelationToHead == RelationToHead.Head).OrderBy(m => m.Id).Select(m => m.FamilyNameKm + " " + m.GivenNameKm).FirstOrDefault(),
            }).ToListAsync();
            heads.ShouldAllBe(h => h.HeadNameKm == h.Head);

            // The search column is filled exactly as the app fills it.
            var persons = await db.Persons.OrderBy(p => p.Id).Take(300).ToListAsync();
            foreach (var p in persons)
            {
                var again = new Person();
                again.SetNames(p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin);
                p.SearchName.ShouldBe(again.SearchName);
            }

            // The demo users are there, and new rows get fresh ids after the generator's (sequences were reset).
            (await db.Users.CountAsync(u => u.UserName == "ouchar.vbsw1")).ShouldBe(1);
            var village = await db.Villages.Where(v => v.Code == "02030901").Select(v => v.Id).SingleAsync();
            var household = new Household { VillageId = village, CreatedAt = TestClock.UtcNow };
            db.Households.Add(household);
            await db.SaveChangesAsync();
            household.Id.ShouldBeGreaterThan(households);

            // The triggers are back after the load: a new head's name reaches the household, and (SQLite) the search table.
            var head = new Person { HouseholdId = household.Id, RelationToHead = RelationToHead.Head, Sex = Sex.Female, CreatedAt = TestClock.UtcNow };
            head.SetNames("ហេង", "ស្រីពៅ", "Heng", "Zzscalepov");
            db.Persons.Add(head);
            await db.SaveChangesAsync();
            (await db.Households.Where(h => h.Id == household.Id).Select(h => h.HeadNameLatin).SingleAsync()).ShouldBe("Heng Zzscalepov");
            (await db.PersonsNamed("zzscalepo").Select(p => p.Id).ToListAsync()).ShouldBe([head.Id]);
            var sample = persons[17];
            var part = sample.SearchName[1..5];
            (await db.PersonsContaining(part).CountAsync()).ShouldBe(await db.Persons.CountAsync(p => p.SearchName.Contains(part)));
        }
        finally
        {
            await drop();
        }
    }

    private async Task<(string ConnectionString, Func<Task> Drop)> FreshDatabaseAsync(string provider)
    {
        if (provider == Db.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hive-scale-{Guid.NewGuid():N}.db");
            return ($"Data Source={file};Pooling=False", () =>
            {
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            });
        }
        await apps.Get(Db.Postgres);
        var name = $"hive_scale_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(Apps.PostgresServer))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(Apps.PostgresServer) { Database = name, Pooling = false }.ConnectionString;
        return (cs, () => Apps.DropDatabaseAsync(name));
    }

    private static HiveDbContext Context(string provider, string cs)
    {
        if (provider == Db.Sqlite)
        {
            var o = new DbContextOptionsBuilder<SqliteHiveDbContext>();
            DatabaseSetup.ConfigureSqlite(o, cs);
            return new SqliteHiveDbContext(o.Options);
        }
        var p = new DbContextOptionsBuilder<PostgresHiveDbContext>();
        DatabaseSetup.ConfigurePostgres(p, cs);
        return new PostgresHiveDbContext(p.Options);
    }
}
