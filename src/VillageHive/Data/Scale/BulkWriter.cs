using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace VillageHive.Data.Scale;

/// <summary>
/// Writes many rows of mapped entities straight to their tables, bypassing the change tracker: PostgreSQL through
/// binary COPY, SQLite through one prepared INSERT reused inside a transaction per batch. Columns and value
/// conversions (enums, JSON lists, Guid text) come from the EF model, so a row is stored exactly as EF would store it.
/// Ids are the caller's: the writer takes them as they are and resets the sequences at the end.
/// </summary>
public abstract partial class BulkWriter(HiveDbContext db, TextWriter progress) : IAsyncDisposable
{
    private readonly Dictionary<Type, TableMap> maps = [];
    private readonly Dictionary<string, long> rowsPerTable = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastReport;
    private long totalRows;

    protected HiveDbContext Db { get; } = db;

    public long TotalRows => totalRows;

    public IReadOnlyDictionary<string, long> RowsPerTable => rowsPerTable;

    public static BulkWriter For(HiveDbContext db, TextWriter progress) =>
        db.Database.IsNpgsql() ? new PostgresBulkWriter(db, progress) : new SqliteBulkWriter(db, progress);

    public abstract Task StartAsync();

    /// <summary>Resets id sequences and refreshes the planner's statistics.</summary>
    public abstract Task FinishAsync();

    public abstract ValueTask DisposeAsync();

    public async Task WriteAsync<T>(IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var map = Map(typeof(T));
        await WriteRowsAsync(map, rows);
        rowsPerTable[map.Table] = rowsPerTable.GetValueOrDefault(map.Table) + rows.Count;
        totalRows += rows.Count;
        if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(2))
        {
            lastReport = clock.Elapsed;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {clock.Elapsed.TotalSeconds,6:0.0}s  {totalRows,12:N0} rows  {totalRows / clock.Elapsed.TotalSeconds,9:N0} rows/s  (last: {map.Table})"));
        }
    }

    protected abstract Task WriteRowsAsync(TableMap map, System.Collections.IEnumerable rows);

    protected IEnumerable<TableMap> Tables => maps.Values;

    protected sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        /// <summary>The value as the provider stores it (enum as number, list as JSON on SQLite...).</summary>
        public object? Read(object entity)
        {
            var value = Property.GetGetter().GetClrValueUsingContainingEntity(entity);
            if (value is null) return null;
            return Mapping.Converter is { } c ? c.ConvertToProvider(value) : value;
        }

        /// <summary>The store type without its length, the name Npgsql knows ("character varying", "integer[]").</summary>
        public string BaseStoreType => Facets().Replace(Mapping.StoreType, "");
    }

    protected sealed record TableMap(string Table, IReadOnlyList<Column> Columns, string? IdentityColumn);

    private TableMap Map(Type type)
    {
        if (maps.TryGetValue(type, out var map)) return map;
        var entity = Db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(store) is not null)
            .Select(p => new Column(p.GetColumnName(store)!, p, (RelationalTypeMapping)p.GetTypeMapping()))
            .ToList();
        if (columns.FirstOrDefault(c => c.Property.IsShadowProperty()) is { } shadow)
            throw new InvalidOperationException($"{type.Name}.{shadow.Name} is a shadow property: the bulk writer cannot read it");
        var key = entity.FindPrimaryKey()!.Properties;
        var identity = key.Count == 1 && key[0].ClrType == typeof(int) && key[0].ValueGenerated == ValueGenerated.OnAdd
            ? key[0].GetColumnName(store)
            : null;
        map = new TableMap(table, columns, identity);
        maps[type] = map;
        return map;
    }

    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex Facets();
}

internal sealed class PostgresBulkWriter(HiveDbContext db, TextWriter progress) : BulkWriter(db, progress)
{
    private NpgsqlConnection connection = null!;

    public override async Task StartAsync()
    {
        connection = (NpgsqlConnection)Db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
    }

    protected override async Task WriteRowsAsync(TableMap map, System.Collections.IEnumerable rows)
    {
        var columns = string.Join(", ", map.Columns.Select(c => Quote(c.Name)));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {Quote(map.Table)} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var column in map.Columns)
            {
                var value = column.Read(row);
                if (value is null) await importer.WriteNullAsync();
                else await importer.WriteAsync(value, column.BaseStoreType);
            }
        }
        await importer.CompleteAsync();
    }

    public override async Task FinishAsync()
    {
        foreach (var map in Tables.Where(t => t.IdentityColumn is not null))
        {
            var sql = $"SELECT setval(pg_get_serial_sequence('{Quote(map.Table)}', '{map.IdentityColumn}'), " +
                      $"(SELECT COALESCE(MAX({Quote(map.IdentityColumn!)}), 0) + 1 FROM {Quote(map.Table)}), false)";
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync() => await connection.CloseAsync();

    private static string Quote(string name) => $"\"{name}\"";
}

internal sealed class SqliteBulkWriter(HiveDbContext db, TextWriter progress) : BulkWriter(db, progress)
{
    private SqliteConnection connection = null!;

    public override async Task StartAsync()
    {
        connection = (SqliteConnection)Db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        // Nothing else uses the file while it loads: no fsync per transaction, a bigger page cache.
        await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;");
    }

    protected override async Task WriteRowsAsync(TableMap map, System.Collections.IEnumerable rows)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{map.Table}\" ({string.Join(", ", map.Columns.Select(c => $"\"{c.Name}\""))}) " +
                          $"VALUES ({string.Join(", ", map.Columns.Select((_, i) => $"$p{i}"))})";
        // The type mapping makes the parameter as EF does (Guid and dates as text, decimals as text...).
        var parameters = map.Columns.Select((c, i) => (DbParameter)c.Mapping.CreateParameter(cmd, $"$p{i}", null, nullable: true)).ToArray();
        cmd.Parameters.AddRange(parameters);
        await cmd.PrepareAsync();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
                parameters[i].Value = map.Columns[i].Read(row) ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    public override async Task FinishAsync()
    {
        // Explicit ids already moved sqlite_sequence; the statistics help the planner choose the scope indexes.
        await ExecuteAsync("ANALYZE; PRAGMA synchronous=NORMAL;");
        await ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public override async ValueTask DisposeAsync() => await connection.CloseAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
