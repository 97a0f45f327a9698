using System.Globalization;
using VillageHive.Data.Seed;
using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// Households of three to seven people on average five, with many children (half of rural Cambodia is under 25),
/// grandparents raising grandchildren, IDPoor shares of the rural poor, names from the demo's Khmer name lists.
/// </summary>
public sealed class RegistryGenerator : IScaleGenerator
{
    public void Generate(ScaleContext context, CommuneChunk chunk)
    {
        var r = chunk.RandomFor(context, 1);
        foreach (var village in chunk.Villages)
        {
            // Villages differ in size by a tenth either way, unless an exact total was asked for.
            var count = context.Plan.ExactHouseholds is { } total
                ? (total / context.PopulatedVillages) + (village.Ordinal < total % context.PopulatedVillages ? 1 : 0)
                : (int)Math.Round(context.Plan.HouseholdsPerVillage * (0.9 + (r.NextDouble() * 0.2)));
            for (var i = 0; i < count; i++)
                chunk.Households.Add(Household(context, r, village));
        }
    }

    private static HouseholdFacts Household(ScaleContext context, Random r, VillageRef village)
    {
        var today = context.Today;
        // Registered when the Hive came to the village, over the first year of the five.
        var createdAt = context.Plan.From.AddDays(r.NextDouble() * 365);
        var roll = r.NextDouble();
        var household = new Household
        {
            Id = context.Ids.Next<Household>(),
            VillageId = village.Id,
            Address = $"{DemoPopulation.Landmarks[r.Next(DemoPopulation.Landmarks.Length)]}{(r.Next(3) == 0 ? r.Next(1, 40).ToString(CultureInfo.InvariantCulture) : "")}".Trim(),
            IdPoor = roll < 0.10 ? IdPoorStatus.Level1 : roll < 0.22 ? IdPoorStatus.Level2 : roll < 0.85 ? IdPoorStatus.NotPoor : IdPoorStatus.NotAssessed,
            Phone = r.Next(10) < 7 ? $"0{r.Next(10, 99)}{r.Next(100000, 999999)}" : null,
            CreatedAt = createdAt,
        };
        context.Rows.Add(household);

        var members = new List<Person>(8);
        var family = DemoPopulation.FamilyNames[r.Next(DemoPopulation.FamilyNames.Length)];
        var headIsWoman = r.Next(4) == 0;
        var headAge = r.Next(22, 72);
        members.Add(DemoPopulation.NewPerson(r, family, headIsWoman ? Sex.Female : Sex.Male, headAge, RelationToHead.Head, today, createdAt));
        if (r.Next(100) < 85)
            members.Add(DemoPopulation.NewPerson(r, DemoPopulation.FamilyNames[r.Next(DemoPopulation.FamilyNames.Length)],
                headIsWoman ? Sex.Male : Sex.Female, Math.Clamp(headAge + r.Next(-6, 4), 18, 90), RelationToHead.Spouse, today, createdAt));
        // One to five children under the head's roof, fewer for older heads (grown children have left).
        var children = headAge < 50 ? 1 + r.Next(0, 6) : r.Next(0, 3);
        for (var c = 0; c < children; c++)
        {
            var age = Math.Clamp(r.Next(0, 22), 0, Math.Max(0, headAge - 18));
            members.Add(DemoPopulation.NewPerson(r, family, r.Next(2) == 0 ? Sex.Female : Sex.Male, age, RelationToHead.Child, today, createdAt));
        }
        // Parents working in Thailand leave children with the grandparents: the pattern the Hive looks for.
        if (headAge >= 45 && r.Next(100) < 45)
        {
            var grandchildren = r.Next(1, 4);
            for (var g = 0; g < grandchildren; g++)
                members.Add(DemoPopulation.NewPerson(r, family, r.Next(2) == 0 ? Sex.Female : Sex.Male, r.Next(0, 16), RelationToHead.Grandchild, today, createdAt));
        }
        if (r.Next(100) < 15)
            members.Add(DemoPopulation.NewPerson(r, DemoPopulation.FamilyNames[r.Next(DemoPopulation.FamilyNames.Length)],
                r.Next(3) == 0 ? Sex.Male : Sex.Female, r.Next(62, 88), RelationToHead.Parent, today, createdAt));
        if (r.Next(100) < 8)
            members.Add(DemoPopulation.NewPerson(r, family, r.Next(2) == 0 ? Sex.Female : Sex.Male, r.Next(16, 40), RelationToHead.Sibling, today, createdAt));

        // What the triggers on Persons would write (the bulk loader switches them off on PostgreSQL).
        household.HeadNameKm = members[0].DisplayNameKm;
        household.HeadNameLatin = members[0].DisplayNameLatin;
        var childIds = new List<int>();
        var adultIds = new List<int>();
        foreach (var person in members)
        {
            person.Id = context.Ids.Next<Person>();
            person.HouseholdId = household.Id;
            if (person.HasDisability) person.DisabilityNote = "ពិការភាពរាងកាយ";
            context.Rows.Add(person);
            if (person.AgeOn(today) is < 18 && person.RelationToHead is RelationToHead.Child or RelationToHead.Grandchild)
                childIds.Add(person.Id);
            else
                adultIds.Add(person.Id);
        }
        return new HouseholdFacts(household.Id, village, createdAt, members[0].Id, members[0].DisplayNameKm, [.. childIds], [.. adultIds]);
    }
}
