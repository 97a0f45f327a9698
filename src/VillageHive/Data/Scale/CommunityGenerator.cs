using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// Each commune's after-school programme over the five years: children enrolled each school year (some leave),
/// with the last four weeks of attendance of every enrolment (present most days, some absences); and the commune's
/// workshops and support groups: sessions in its villages, attended by adults of those villages and some guests.
/// </summary>
public sealed class CommunityGenerator : IScaleGenerator
{
    private static readonly (ActivityType Type, string Title, string Topic)[] Activities =
    [
        (ActivityType.Workshop, "Positive parenting", "Discipline without violence"),
        (ActivityType.SupportGroup, "Caregivers' group", "Children left with grandparents"),
        (ActivityType.Workshop, "Safe migration", "Before a parent leaves for work abroad"),
        (ActivityType.Club, "Youth club", "Staying in school"),
    ];

    public void Generate(ScaleContext context, CommuneChunk chunk)
    {
        if (chunk.Households.Count == 0) return;
        var r = chunk.RandomFor(context, 5);
        Programme(context, chunk, r);
        Workshops(context, chunk, r);
    }

    private static void Programme(ScaleContext context, CommuneChunk chunk, Random r)
    {
        var rows = context.Rows;
        var ids = context.Ids;
        var village = chunk.Villages[0];
        var officer = ScaleContext.WorkerFor(village);
        var holidays = new List<DateOnly>();
        var programme = new Programme
        {
            Id = ids.Next<Programme>(),
            Name = $"កម្មវិធីក្រោយម៉ោងសិក្សា · After-school programme {village.CommuneCode}",
            CommuneId = village.CommuneId,
            VillageId = village.Id,
            Place = "Primary school",
            Eligibility = "Children aged 6–14 who need help after school",
            Capacity = 40,
            ProjectOfficer = officer,
            CreatedAt = context.Plan.From,
            Holidays = holidays,
        };
        rows.Add(programme);
        // Children of the programme's village and the next one, a different draw each school year.
        var children = chunk.Households.Where(h => h.Village.Id == village.Id || (chunk.Villages.Count > 1 && h.Village.Id == chunk.Villages[1].Id))
            .SelectMany(h => h.ChildIds).ToArray();
        if (children.Length == 0) return;
        var active = new HashSet<int>();
        for (var year = context.Plan.From.Year; year <= context.Now.Year; year++)
        {
            var start = new DateOnly(year, 10, 1);
            if (start > context.Today) break;
            var intake = Math.Min(children.Length, r.Next(15, 30));
            for (var i = 0; i < intake; i++)
            {
                var person = children[r.Next(children.Length)];
                if (!active.Add(person)) continue;
                var startOn = start.AddDays(r.Next(0, 20));
                if (startOn > context.Today) startOn = context.Today;
                // Most stay the school year, a few leave early; this year's intake is still in.
                DateOnly? exit = year == context.Now.Year || (year == context.Now.Year - 1 && context.Today < new DateOnly(year + 1, 8, 1))
                    ? null
                    : startOn.AddDays(r.Next(2) == 0 ? r.Next(60, 200) : 300);
                if (exit > context.Today) exit = null;
                var enrolment = new Enrolment
                {
                    Id = ids.Next<Enrolment>(),
                    ProgrammeId = programme.Id,
                    PersonId = person,
                    StartDate = startOn,
                    ExitDate = exit,
                    ExitReason = exit is null ? null : "End of the school year",
                    EnrolledBy = officer,
                    EnrolledAt = context.At(startOn, new TimeOnly(9, 0)),
                };
                rows.Add(enrolment);
                if (exit is not null) active.Remove(person);
                var last = exit?.AddDays(-1) ?? context.Today;
                var day = last;
                for (var n = 0; n < 20 && day >= startOn; day = day.AddDays(-1))
                {
                    if (!AbsenceRule.IsSchoolDay(day, holidays)) continue;
                    n++;
                    var roll = r.NextDouble();
                    rows.Add(new ProgrammeAttendance
                    {
                        Id = ids.Next<ProgrammeAttendance>(),
                        EnrolmentId = enrolment.Id,
                        PersonId = person,
                        Date = day,
                        Status = roll < 0.05 ? AttendanceStatus.Absent : roll < 0.08 ? AttendanceStatus.Excused : AttendanceStatus.Present,
                        RecordedBy = officer,
                        RecordedAt = context.At(day, new TimeOnly(17, 0)),
                    });
                }
            }
        }
    }

    private static void Workshops(ScaleContext context, CommuneChunk chunk, Random r)
    {
        var rows = context.Rows;
        var ids = context.Ids;
        var first = chunk.Villages[0];
        var facilitator = ScaleContext.SupervisorFor(first);
        var adultsByVillage = chunk.Households.GroupBy(h => h.Village.Id).ToDictionary(g => g.Key, g => g.SelectMany(h => h.AdultIds).ToArray());
        for (var year = context.Plan.From.Year; year <= context.Now.Year; year++)
        {
            // Two activities a year, each with six sessions moving round the villages.
            for (var a = 0; a < 2; a++)
            {
                var (type, title, topic) = Activities[r.Next(Activities.Length)];
                var created = new DateTime(year, 1 + (a * 6), 5, 8, 0, 0, DateTimeKind.Utc);
                if (created > context.Now) break;
                var activity = new Activity
                {
                    Id = ids.Next<Activity>(),
                    CommuneId = first.CommuneId,
                    Type = type,
                    Title = $"{title} {year}",
                    Topic = topic,
                    Facilitator = facilitator,
                    CreatedBy = facilitator,
                    CreatedAt = created,
                };
                rows.Add(activity);
                var villages = chunk.Villages.OrderBy(_ => r.Next()).Take(Math.Min(3, chunk.Villages.Count)).ToList();
                foreach (var v in villages)
                    rows.Add(new ActivityVillage { ActivityId = activity.Id, VillageId = v.Id });
                for (var s = 0; s < 6; s++)
                {
                    var date = context.DayOf(created.AddDays(7 + (s * 21)));
                    if (date > context.Today) break;
                    var v = villages[s % villages.Count];
                    var session = new ActivitySession { Id = ids.Next<ActivitySession>(), ActivityId = activity.Id, Date = date, VillageId = v.Id, Place = "Pagoda hall" };
                    rows.Add(session);
                    var recordedAt = context.At(date, new TimeOnly(16, 0));
                    if (adultsByVillage.TryGetValue(v.Id, out var adults) && adults.Length > 0)
                    {
                        foreach (var person in Enumerable.Range(0, r.Next(8, 20)).Select(_ => adults[r.Next(adults.Length)]).Distinct())
                            rows.Add(new SessionAttendance { Id = ids.Next<SessionAttendance>(), SessionId = session.Id, PersonId = person, RecordedBy = facilitator, RecordedAt = recordedAt });
                    }
                    rows.Add(new SessionAttendance
                    {
                        Id = ids.Next<SessionAttendance>(), SessionId = session.Id, GuestSex = Sex.Female, GuestAgeGroup = AgeGroup.Adult,
                        GuestCount = r.Next(1, 6), RecordedBy = facilitator, RecordedAt = recordedAt,
                    });
                }
            }
        }
    }
}
