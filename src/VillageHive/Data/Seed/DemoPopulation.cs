using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>A believable, deterministic population of households and persons with Khmer names.</summary>
public static class DemoPopulation
{
    internal static readonly (string Km, string Latin)[] FamilyNames =
    [
        ("សុខ", "Sok"), ("ចាន់", "Chan"), ("គីម", "Kim"), ("ហេង", "Heng"), ("មាស", "Meas"), ("កែវ", "Keo"),
        ("ញឹម", "Nhem"), ("ជា", "Chea"), ("អ៊ុក", "Ouk"), ("ប្រាក់", "Prak"), ("ពេជ្រ", "Pich"), ("សំ", "Sam"),
        ("ទូច", "Touch"), ("ឡុង", "Long"), ("ម៉ៅ", "Mao"), ("សេង", "Seng"), ("លី", "Ly"), ("យឹម", "Yim"),
        ("ខៀវ", "Khieu"), ("ហែម", "Hem"), ("ផាន", "Phan"), ("ថាច់", "Thach"), ("នួន", "Nuon"), ("គង់", "Kong"),
        ("ឈឹម", "Chhim"), ("សោម", "Som"), ("ម៉ែន", "Men"), ("អ៊ុំ", "Oum"), ("រស់", "Ros"), ("ស៊ន", "Son"),
    ];

    internal static readonly (string Km, string Latin)[] FemaleNames =
    [
        ("ស្រីមុំ", "Sreymom"), ("សុភា", "Sophea"), ("ចន្ធី", "Chanthy"), ("បុប្ផា", "Bopha"), ("សុខា", "Sokha"),
        ("ចន្ទនារី", "Channary"), ("គន្ធា", "Kunthea"), ("លក្ខិណា", "Leakhena"), ("ស្រីនាង", "Sreyneang"),
        ("ធីតា", "Thida"), ("ម្លិះ", "Malis"), ("រស្មី", "Raksmey"), ("ពិសី", "Pisey"), ("ណាវី", "Navy"),
        ("ស្រីពៅ", "Sreypov"), ("វណ្ណា", "Vanna"), ("កុលាប", "Kolab"), ("ផល្លា", "Phalla"), ("ចិន្តា", "Chenda"),
        ("សុគន្ធា", "Sokunthea"),
    ];

    internal static readonly (string Km, string Latin)[] MaleNames =
    [
        ("វុទ្ធី", "Vuthy"), ("រិទ្ធី", "Rithy"), ("ដារ៉ា", "Dara"), ("សុភ័ក្រ", "Sopheak"), ("វិសាល", "Visal"),
        ("សំណាង", "Samnang"), ("ពិសិដ្ឋ", "Piseth"), ("ចាន់ធូ", "Chanthou"), ("ប៊ុនធឿន", "Bunthoeun"),
        ("សុវណ្ណ", "Sovann"), ("កុសល", "Kosal"), ("វិចិត្រ", "Vichet"), ("រដ្ឋា", "Rotha"), ("សុផល", "Sophal"),
        ("ណារិទ្ធ", "Narith"), ("វណ្ណៈ", "Vannak"), ("បុរី", "Borey"), ("មករា", "Makara"), ("សម្បត្តិ", "Sambath"),
        ("ភារម្យ", "Pheareom"),
    ];

    internal static readonly string[] Landmarks =
    [
        "ជិតវត្ត", "ក្បែរសាលារៀន", "ផ្លូវលំ លេខ ", "ទល់មុខផ្សារ", "ក្បែរស្រះទឹក", "ខាងកើតមណ្ឌលសុខភាព",
    ];

    /// <summary>Households for each given village; <paramref name="perVillage"/> households in each.</summary>
    public static List<Household> Build(IReadOnlyList<Village> villages, int perVillage, int seed, HiveClock clock)
    {
        var random = new Random(seed);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        var today = clock.Today;
        var result = new List<Household>(villages.Count * perVillage);
        foreach (var village in villages)
        {
            for (var i = 0; i < perVillage; i++)
                result.Add(BuildHousehold(random, village, today, now));
        }
        return result;
    }

    private static Household BuildHousehold(Random r, Village village, DateOnly today, DateTime now)
    {
        var roll = r.NextDouble();
        var household = new Household
        {
            VillageId = village.Id,
            Address = $"{Landmarks[r.Next(Landmarks.Length)]}{(r.Next(3) == 0 ? r.Next(1, 40).ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}".Trim(),
            IdPoor = roll < 0.08 ? IdPoorStatus.Level1 : roll < 0.2 ? IdPoorStatus.Level2 : roll < 0.85 ? IdPoorStatus.NotPoor : IdPoorStatus.NotAssessed,
            Phone = r.Next(10) < 7 ? $"0{r.Next(10, 99)}{r.Next(100000, 999999)}" : null,
            CreatedAt = now,
        };
        var family = FamilyNames[r.Next(FamilyNames.Length)];
        var headIsWoman = r.Next(4) == 0;
        var headAge = r.Next(22, 70);
        household.Members.Add(NewPerson(r, family, headIsWoman ? Sex.Female : Sex.Male, headAge, RelationToHead.Head, today, now));
        if (r.Next(10) < 8)
        {
            var spouseFamily = FamilyNames[r.Next(FamilyNames.Length)];
            household.Members.Add(NewPerson(r, spouseFamily, headIsWoman ? Sex.Male : Sex.Female,
                Math.Clamp(headAge + r.Next(-6, 4), 18, 90), RelationToHead.Spouse, today, now));
        }
        var children = headAge < 50 ? r.Next(0, 5) : r.Next(0, 2);
        for (var c = 0; c < children; c++)
        {
            var age = Math.Max(0, Math.Min(headAge - 18, r.Next(0, 18)));
            household.Members.Add(NewPerson(r, family, r.Next(2) == 0 ? Sex.Female : Sex.Male, age, RelationToHead.Child, today, now));
        }
        // Grandparents raising grandchildren while the parents work away is a common pattern the Hive looks for.
        if (headAge >= 50 && r.Next(3) == 0)
        {
            var grandchildren = r.Next(1, 4);
            for (var g = 0; g < grandchildren; g++)
                household.Members.Add(NewPerson(r, family, r.Next(2) == 0 ? Sex.Female : Sex.Male, r.Next(0, 15), RelationToHead.Grandchild, today, now));
        }
        if (r.Next(8) == 0)
            household.Members.Add(NewPerson(r, FamilyNames[r.Next(FamilyNames.Length)], Sex.Female, r.Next(65, 85), RelationToHead.Parent, today, now));
        return household;
    }

    internal static Person NewPerson(Random r, (string Km, string Latin) family, Sex sex, int age, RelationToHead relation, DateOnly today, DateTime now)
    {
        var given = sex == Sex.Female ? FemaleNames[r.Next(FemaleNames.Length)] : MaleNames[r.Next(MaleNames.Length)];
        var person = new Person
        {
            Sex = sex,
            RelationToHead = relation,
            CreatedAt = now,
            BirthRegistration = r.Next(10) switch { 0 => BirthRegistration.NotRegistered, 1 => BirthRegistration.Unknown, _ => BirthRegistration.Registered },
            HasDisability = r.Next(40) == 0,
        };
        person.SetNames(family.Km, given.Km, family.Latin, given.Latin);
        // Older people often know only their approximate age.
        if (age > 40 && r.Next(2) == 0)
            person.EstimatedBirthYear = today.Year - age;
        else
            person.DateOfBirth = today.AddYears(-age).AddDays(-r.Next(0, 365));
        person.SchoolStatus = age switch
        {
            < 6 => SchoolStatus.NotSchoolAge,
            <= 17 => r.Next(10) switch { 0 => SchoolStatus.DroppedOut, 1 => SchoolStatus.AttendingIrregularly, _ => SchoolStatus.Attending },
            _ => r.Next(3) == 0 ? SchoolStatus.Completed : SchoolStatus.DroppedOut,
        };
        return person;
    }
}
