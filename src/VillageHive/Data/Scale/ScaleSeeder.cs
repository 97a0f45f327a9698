using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// Fills an empty database with a synthetic population at a chosen scale, commune by commune so that memory stays
/// flat at national scale. Generators run in order for each commune; add a capability by adding one to <see cref="Generators"/>.
/// </summary>
public sealed class ScaleSeeder(HiveDbContext db, DemoSeeder demo, HiveClock clock)
{
    public static IReadOnlyList<IScaleGenerator> Generators { get; } =
        [new RegistryGenerator(), new ReferralGenerator(), new CaseGenerator(), new ServiceGenerator(), new CommunityGenerator(), new OutcomeGenerator()];

    public sealed record Result(TimeSpan Elapsed, long Rows, IReadOnlyDictionary<string, long> RowsPerTable);

    public async Task<Result> SeedAsync(ScalePlan plan, string password, TextWriter progress)
    {
        await demo.EnsureRolesAsync();
        if (await db.Provinces.AnyAsync())
            throw new InvalidOperationException("The database already has geography: seed --scale needs an empty database.");
        var stopwatch = Stopwatch.StartNew();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeding {plan.Level} scale (seed {plan.Seed}, {plan.HouseholdsPerVillage} households a village, as of {clock.DayOf(plan.Now):yyyy-MM-dd})"));
        await using var writer = BulkWriter.For(db, progress);
        await writer.StartAsync();
        var sink = new RowSink(writer);
        var ids = new Ids();
        var criteria = ScreeningScorer.DefaultVersion(plan.From);
        criteria.Id = ids.Next<ScreeningCriteriaVersion>();
        var context = new ScaleContext(plan, ids, sink, criteria, clock);

        var chunks = GeographyGenerator.Generate(context);
        sink.Add(criteria);
        foreach (var criterion in criteria.Criteria)
        {
            criterion.Id = ids.Next<ScreeningCriterion>();
            criterion.VersionId = criteria.Id;
            sink.Add(criterion);
        }
        await sink.FlushAsync();

        foreach (var chunk in chunks)
        {
            foreach (var generator in Generators)
                generator.Generate(context, chunk);
            await sink.FlushIfFullAsync();
        }
        await sink.FlushAsync();
        progress.WriteLine("Resetting sequences and analysing tables ...");
        await writer.FinishAsync();
        await writer.DisposeAsync();
        db.ChangeTracker.Clear();
        await demo.CreateDemoUsersAsync(password);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {writer.TotalRows:N0} rows in {stopwatch.Elapsed.TotalSeconds:0.0} s"));
        foreach (var (table, count) in writer.RowsPerTable.OrderByDescending(t => t.Value))
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-28} {count,12:N0}"));
        return new Result(stopwatch.Elapsed, writer.TotalRows, writer.RowsPerTable);
    }
}
