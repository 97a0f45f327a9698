using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// The after-school programme's school years (September to July, as its first year began on 4 September 2023):
/// 2023–2024 with exactly the 41 children of the 2023 report, then a year each to the current one, each with its own
/// enrolment: a few children leave during every year (not carried over), the others come over to the next, and new
/// children join. Deterministic for a given commune clock.
/// </summary>
public static class DemoProgrammeYears
{
    /// <summary>The roster of each year from 2023–2024 (while nobody has left): 41, then 41 − 5 + 6, 42 − 6 + 3, 39 − 4 + 5.</summary>
    public static readonly int[] Rosters = [41, 42, 39, 40];

    /// <summary>Children who leave during each year (from the first), and who join each year after the first.</summary>
    private static readonly int[] Leaving = [5, 6, 4];
    private static readonly int[] Joining = [6, 3, 5];

    private static readonly string[] Reasons =
    [
        "គ្រួសារផ្លាស់ទៅធ្វើការនៅថៃ · The family moved to Thailand for work",
        "ផ្លាស់ទៅរស់នៅជាមួយជីដូននៅភូមិផ្សេង · Moved to live with the grandmother in another village",
        "ត្រូវការនៅជួយការងារស្រែ · Needed for work in the rice fields",
        "ចូលរៀនថ្នាក់ក្រោយម៉ោងនៅសាលាផ្សេង · Joined the after-school class of another school",
    ];

    /// <summary>The first day of the year beginning in <paramref name="year"/>: the first Monday of September.</summary>
    public static DateOnly YearStart(int year)
    {
        var d = new DateOnly(year, 9, 1);
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(1);
        return d;
    }

    /// <summary>
    /// Adds the years and their enrolments to the (unsaved) programme: the first year's 41 from <paramref name="first"/>,
    /// joiners from <paramref name="pool"/> (children aged 6 to 10 when they join, so none is too old by today).
    /// The current year is the one the last twelve weeks of school fall in. Returns the current year's enrolments.
    /// </summary>
    public static List<Enrolment> Add(Programme programme, IReadOnlyList<int> first, IReadOnlyList<(int Id, DateOnly? DateOfBirth, int? EstimatedBirthYear)> pool,
        HiveClock clock, string by)
    {
        // Random numbers of its own: the current term's register (drawn after) stays as it was.
        var random = new Random(2024);
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(clock);
        var today = clock.Today;
        var termStart = today.AddDays(-7 * 12);
        var currentYear = Math.Max(2024, termStart >= YearStart(termStart.Year) ? termStart.Year : termStart.Year - 1);
        var taken = first.ToHashSet();
        var roster = first.ToList();
        List<Enrolment> enrolments = [];
        for (var y = 2023; y <= currentYear; y++)
        {
            var start = y == 2023 ? DemoCommunity.ProgrammeStart : YearStart(y);
            var end = new DateOnly(y + 1, 7, 31);
            // The demo's current year runs on past today if today is in the long holiday.
            if (y == currentYear && end < today) end = today.AddDays(30);
            var year = new ProgrammeYear { StartDate = start, EndDate = end, CreatedBy = by, CreatedAt = clock.At(start.AddDays(-14), new TimeOnly(9, 0)) };
            programme.Years.Add(year);
            if (y > 2023)
            {
                var joining = Joining[Math.Min(y - 2024, Joining.Length - 1)];
                var joiners = pool.Where(p => !taken.Contains(p.Id) && Person.Age(p.DateOfBirth, p.EstimatedBirthYear, start) is >= 6 and <= 10)
                    .Select(p => p.Id).Take(joining).ToList();
                taken.UnionWith(joiners);
                roster.AddRange(joiners);
            }
            enrolments = roster.Select(id => new Enrolment
            {
                PersonId = id, ProgrammeYear = year, YearEnd = end, StartDate = start, EnrolledBy = by, EnrolledAt = clock.At(y == 2023 ? start : start.AddDays(-7), new TimeOnly(9, 0)),
            }).ToList();
            programme.Enrolments.AddRange(enrolments);
            if (y == currentYear) break;
            // Some leave during the year (in its second half, so the 2023 report keeps all 41): they are not carried over.
            var leaving = Leaving[Math.Min(y - 2023, Leaving.Length - 1)];
            foreach (var e in enrolments.OrderBy(_ => random.Next()).Take(leaving))
            {
                e.ExitDate = new DateOnly(y + 1, 2, 1).AddDays(random.Next(120));
                e.ExitReason = Reasons[random.Next(Reasons.Length)];
                roster.Remove(e.PersonId);
            }
        }
        return enrolments;
    }
}
