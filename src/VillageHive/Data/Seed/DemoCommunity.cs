using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Features.Programmes;

namespace VillageHive.Data.Seed;

/// <summary>
/// Ou Char's after-school programme in the public school (41 children in its first year, as in the 2023 report; its
/// later years in <see cref="DemoProgrammeYears"/>) with a term of daily attendance in the current year, two absence follow-ups (one back in the programme, one referred), learning support; and the
/// Community Network's parenting workshops, an alcohol support group and a children's club. Deterministic.
/// </summary>
public static class DemoCommunity
{
    /// <summary>The after-school programme opened with the 2023 school year: its 41 children are in the 2023 report.</summary>
    public static readonly DateOnly ProgrammeStart = new(2023, 9, 4);

    public const string ProgrammeName = "កម្មវិធីក្រោយម៉ោងសិក្សា អូរចារ · Ou Char after-school programme";
    public const string ProjectOfficer = "ouchar.vbsw1";
    public const int Children = 41;

    public static async Task SeedAsync(HiveDbContext db, Commune ouChar, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ouChar);
        var random = new Random(2023);
        var now = clock.UtcNow;
        var today = clock.Today;
        var villages = ouChar.Villages.OrderBy(v => v.Code).Select(v => v.Id).ToList();
        var officerVillages = villages.Take(3).ToList();

        // Children aged 6 to 14 in the project officer's villages, by id so the choice is the same on every seed.
        var candidates = await db.Persons.AsNoTracking().Where(p => officerVillages.Contains(p.Household!.VillageId) && p.DateOfBirth != null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.HouseholdId, p.DateOfBirth, p.EstimatedBirthYear }).ToListAsync();
        var children = candidates.Where(p => Person.Age(p.DateOfBirth, p.EstimatedBirthYear, today) is >= 6 and <= 14)
            .OrderBy(_ => random.Next()).Take(Children).ToList();

        var termStart = today.AddDays(-7 * 12);
        var lastDay = AbsenceRule.PreviousSchoolDay(today, []);
        // Pchum Ben-like break: one weekday off about five weeks ago.
        var holiday = today.AddDays(-35);
        while (holiday.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) holiday = holiday.AddDays(1);
        var programme = new Programme
        {
            Name = ProgrammeName,
            CommuneId = ouChar.Id,
            VillageId = villages[0],
            Place = "សាលាបឋមសិក្សាអូរចារ · Ou Char public school",
            Eligibility = "កុមារអាយុ ៦–១៤ ឆ្នាំ ដែលរៀននៅសាលាបឋមសិក្សាអូរចារ ហើយត្រូវការជំនួយក្រោយម៉ោងសិក្សា · Children aged 6–14 at the public school who need help after school",
            Capacity = 45,
            ProjectOfficer = ProjectOfficer,
            AbsenceThreshold = Programme.DefaultAbsenceThreshold,
            Holidays = [holiday],
            MaxAge = 14,
            CreatedAt = now.AddDays(-120),
        };
        var current = DemoProgrammeYears.Add(programme, children.Select(c => c.Id).ToList(),
            candidates.Select(c => (c.Id, c.DateOfBirth, c.EstimatedBirthYear)).ToList(), clock, ProjectOfficer);
        var firstYear = programme.Enrolments.Where(e => e.StartDate == ProgrammeStart).ToList();
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();

        var days = new List<DateOnly>();
        for (var d = termStart; d <= lastDay; d = d.AddDays(1))
            if (AbsenceRule.IsSchoolDay(d, programme.Holidays)) days.Add(d);
        var enrolments = current.OrderBy(e => e.Id).ToList();
        // Three children with a designed story: resolved after illness, referred after conflict at home,
        // and one absent on the last school day (so a second day absent today opens a follow-up).
        var ill = enrolments[3];
        var conflict = enrolments[7];
        var absentYesterday = enrolments[11];
        var illDays = days.Skip(days.Count - 25).Take(2).ToList();
        var conflictDays = days.Skip(days.Count - 12).Take(3).ToList();
        foreach (var e in enrolments)
        {
            AttendanceStatus? previous = null;
            foreach (var d in days)
            {
                var roll = random.NextDouble();
                // Single absences only (no second day in a row), so follow-ups exist only where the story says.
                var status = roll < 0.05 && previous != AttendanceStatus.Absent ? AttendanceStatus.Absent : roll < 0.07 ? AttendanceStatus.Excused : AttendanceStatus.Present;
                if (e == ill && illDays.Contains(d)) status = AttendanceStatus.Absent;
                else if (e == conflict && conflictDays.Contains(d)) status = AttendanceStatus.Absent;
                else if (e == absentYesterday && d == lastDay) status = AttendanceStatus.Absent;
                else if (e == absentYesterday && d == days[^2]) status = AttendanceStatus.Present;
                else if ((e == ill || e == conflict) && status == AttendanceStatus.Absent) status = AttendanceStatus.Present;
                if (status == AttendanceStatus.Absent && previous == AttendanceStatus.Absent && !(e == ill || e == conflict)) status = AttendanceStatus.Present;
                // An absence just before a designed run would lengthen it: keep the designed runs as they are.
                db.ProgrammeAttendance.Add(new ProgrammeAttendance
                {
                    EnrolmentId = e.Id, PersonId = e.PersonId, Date = d, Status = status, RecordedBy = ProjectOfficer,
                    RecordedAt = clock.At(d, new TimeOnly(16, 30)),
                });
                if (status != AttendanceStatus.Excused) previous = status;
            }
        }
        FirstTerm(db, firstYear, clock);
        var resolved = new AbsenceFollowUp
        {
            EnrolmentId = ill.Id, FromDate = illDays[0], Days = 2, Status = FollowUpStatus.Closed, Reason = AbsenceReason.Illness,
            ActionTaken = "បានទៅសួរសុខទុក្ខនៅផ្ទះ កុមារមានគ្រុនក្ដៅ ហើយបានណែនាំឱ្យទៅមណ្ឌលសុខភាព · Home visit: fever, sent to the health centre",
            Outcome = FollowUpOutcome.BackInProgramme, CreatedAt = clock.At(illDays[1], new TimeOnly(16, 30)),
            ClosedBy = ProjectOfficer, ClosedAt = clock.At(illDays[1].AddDays(2), new TimeOnly(10, 0)),
        };
        var referred = new AbsenceFollowUp
        {
            EnrolmentId = conflict.Id, FromDate = conflictDays[0], Days = 3, Status = FollowUpStatus.Closed, Reason = AbsenceReason.ConflictAtHome,
            ActionTaken = "ឪពុកស្រវឹង និងឈ្លោះប្រកែកក្នុងផ្ទះ កុមារភ័យខ្លាចមិនហ៊ានចេញពីផ្ទះ · Father drinking and fighting at home; the child is afraid to leave",
            Outcome = FollowUpOutcome.ReferredToSocialWorker, CreatedAt = clock.At(conflictDays[1], new TimeOnly(16, 30)),
            ClosedBy = ProjectOfficer, ClosedAt = clock.At(conflictDays[2].AddDays(1), new TimeOnly(11, 0)),
        };
        db.AbsenceFollowUps.AddRange(resolved, referred);
        var subjects = Enum.GetValues<SchoolSubject>();
        foreach (var e in enrolments.Where((_, i) => i % 4 == 1))
        {
            db.LearningSupport.Add(new LearningSupport
            {
                EnrolmentId = e.Id, Subject = subjects[random.Next(subjects.Length)], SupportGiven = (SupportKind)random.Next(3),
                Note = random.Next(2) == 0 ? "អានយឺត ត្រូវការហាត់អានបន្ថែម · Reads slowly, needs reading practice" : "មិនទាន់ចេះគុណ · Not yet able to multiply",
                Date = days[random.Next(days.Count)], RecordedBy = ProjectOfficer, RecordedAt = now.AddDays(-random.Next(1, 60)),
            });
        }
        await db.SaveChangesAsync();

        var household = await db.Households.FirstAsync(h => h.Id == db.Persons.Where(p => p.Id == conflict.PersonId).Select(p => p.HouseholdId).First());
        var referral = await Features.Referrals.ReferralIntake.AddAsync(db, household, [conflict.PersonId], ReferralChannel.School,
            Concerns.Violence | Concerns.AlcoholOrDrugs, referred.ActionTaken, Urgency.Soon, ProjectOfficer, FollowUpModel.ReferralKey(referred.Id), referred.ClosedAt!.Value);
        referred.Referral = referral;
        await db.SaveChangesAsync();

        SeedActivities(db, ouChar.Id, villages, await AdultsAsync(db, villages), random, clock);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The programme's first term (September to December 2023, the year of the commune's impact report): every
    /// child's register with a few single absences, none long enough to need a follow-up. Its own random numbers,
    /// so the recent term stays as it was.
    /// </summary>
    private static void FirstTerm(HiveDbContext db, List<Enrolment> enrolments, HiveClock clock)
    {
        var random = new Random(2022);
        var end = new DateOnly(2023, 12, 22);
        for (var d = ProgrammeStart; d <= end; d = d.AddDays(1))
        {
            if (!AbsenceRule.IsSchoolDay(d, [])) continue;
            foreach (var e in enrolments)
            {
                var roll = random.NextDouble();
                var status = roll < 0.04 ? AttendanceStatus.Absent : roll < 0.06 ? AttendanceStatus.Excused : AttendanceStatus.Present;
                db.ProgrammeAttendance.Add(new ProgrammeAttendance
                {
                    EnrolmentId = e.Id, PersonId = e.PersonId, Date = d, Status = status, RecordedBy = ProjectOfficer,
                    RecordedAt = clock.At(d, new TimeOnly(16, 30)),
                });
            }
        }
    }

    private static async Task<Dictionary<int, List<int>>> AdultsAsync(HiveDbContext db, List<int> villages)
    {
        var rows = await db.Persons.AsNoTracking()
            .Where(p => villages.Contains(p.Household!.VillageId) && (p.RelationToHead == RelationToHead.Head || p.RelationToHead == RelationToHead.Spouse))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Household!.VillageId }).ToListAsync();
        return rows.GroupBy(r => r.VillageId).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());
    }

    private static void SeedActivities(HiveDbContext db, int communeId, List<int> villages, Dictionary<int, List<int>> adults, Random random, HiveClock clock)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        (ActivityType Type, string Title, string Topic, string Facilitator, int[] Villages, int EveryDays, int Count)[] plan =
        [
            (ActivityType.Workshop, "វគ្គបណ្ដុះបណ្ដាលជំនាញចិញ្ចឹមកូន · Parenting skills workshops", "ការអប់រំកូនដោយវិជ្ជមាន · Positive discipline", "ouchar.vbsw1", [0, 1], 14, 6),
            (ActivityType.Workshop, "សុវត្ថិភាពក្នុងផ្ទះ · Home safety workshop", "សុវត្ថិភាពកុមារនៅផ្ទះ · Keeping children safe at home", "ouchar.member1", [0], 30, 3),
            (ActivityType.Workshop, "វគ្គចិញ្ចឹមកូន ភូមិ៤–៥ · Parenting workshops, villages 4–5", "ការការពារកុមារ · Child protection", "ouchar.vbsw2", [3, 4], 21, 4),
            (ActivityType.SupportGroup, "ក្រុមគាំទ្របញ្ហាគ្រឿងស្រវឹង · Alcohol support group", "កាត់បន្ថយការផឹកស្រា · Cutting down drinking", "ouchar.vbsw2", [2, 3, 4], 7, 10),
            (ActivityType.Club, "ក្លឹបពង្រឹងសមត្ថភាពកុមារ · Child empowerment club", "សិទ្ធិកុមារ · Children's rights and voice", "ouchar.vbsw1", [0, 1, 2], 14, 5),
        ];
        foreach (var p in plan)
        {
            var activity = new Activity
            {
                CommuneId = communeId, Type = p.Type, Title = p.Title, Topic = p.Topic, Facilitator = p.Facilitator,
                CreatedBy = p.Facilitator, CreatedAt = new DateTime(2023, 9, 15, 9, 0, 0, DateTimeKind.Utc),
                Villages = p.Villages.Select(i => new ActivityVillage { VillageId = villages[i] }).ToList(),
            };
            // Regulars: a dozen adults of each village who usually come.
            var regulars = p.Villages.SelectMany(i => adults.GetValueOrDefault(villages[i], []).OrderBy(_ => random.Next()).Take(12)).ToList();
            for (var s = 0; s < p.Count; s++)
            {
                var date = today.AddDays(-p.EveryDays * (p.Count - s) + 3);
                var villageIndex = p.Villages[s % p.Villages.Length];
                var session = new ActivitySession
                {
                    Date = date, VillageId = villages[villageIndex],
                    Place = random.Next(2) == 0 ? "សាលាឆាន់វត្ត · Pagoda hall" : "ផ្ទះមេភូមិ · Village chief's house",
                };
                foreach (var person in regulars.Where(_ => random.NextDouble() < 0.7))
                    session.Attendance.Add(new SessionAttendance { PersonId = person, RecordedBy = p.Facilitator, RecordedAt = clock.At(date, new TimeOnly(17, 0)) });
                foreach (var (sex, age) in new[] { (Sex.Female, AgeGroup.Adult), (Sex.Male, AgeGroup.Adult), (Sex.Female, AgeGroup.Youth) })
                {
                    var count = random.Next(0, 4);
                    if (count > 0)
                        session.Attendance.Add(new SessionAttendance { GuestSex = sex, GuestAgeGroup = age, GuestCount = count, RecordedBy = p.Facilitator, RecordedAt = clock.At(date, new TimeOnly(17, 0)) });
                }
                activity.Sessions.Add(session);
            }
            // The same series ran in the last months of 2023, the year of the commune's impact report.
            for (var s = 0; s < p.Count; s++)
            {
                var date = new DateOnly(2023, 10, 2).AddDays(p.EveryDays * s);
                var session = new ActivitySession { Date = date, VillageId = villages[p.Villages[s % p.Villages.Length]], Place = "សាលាឆាន់វត្ត · Pagoda hall" };
                foreach (var person in regulars.Where((_, i) => (i + s) % 3 != 0))
                    session.Attendance.Add(new SessionAttendance { PersonId = person, RecordedBy = p.Facilitator, RecordedAt = clock.At(date, new TimeOnly(17, 0)) });
                activity.Sessions.Add(session);
            }
            db.Activities.Add(activity);
        }
    }
}
