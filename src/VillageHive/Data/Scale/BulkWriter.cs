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

    protected TextWriter Progress { get; } = progress;

    protected TimeSpan Elapsed => clock.Elapsed;

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
            Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
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
    private readonly List<(string Name, string Sql)> indexes = [];
    private readonly List<(string Name, string Sql)> foreignKeys = [];

    /// <summary>The load's own tables; Identity's, the audit chain's and the migrations' stay as they are.</summary>
    private const string LoadedTables = """
        t.relname NOT LIKE 'AspNet%' AND t.relname NOT IN ('__EFMigrationsHistory', 'AuditEntries', 'DataProtectionKeys')
        """;

    public override async Task StartAsync()
    {
        connection = (NpgsqlConnection)Db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await ExecuteAsync("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'");
        // Loading into bare tables and building each index once at the end is several times faster than maintaining
        // every index (the trigram GIN index most of all) and checking every foreign key row by row during COPY.
        // The definitions are read from the catalogue and put back exactly; the constraints are validated when re-added.
        await using (var cmd = new NpgsqlCommand($"""
            SELECT c.conname, format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)), t.relname
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND {LoadedTables}
            """, connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) foreignKeys.Add((reader.GetString(0) + " ON " + reader.GetString(2), reader.GetString(1)));
        await using (var cmd = new NpgsqlCommand($"""
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) AND {LoadedTables}
            """, connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in foreignKeys)
        {
            var parts = name.Split(" ON ");
            await ExecuteAsync($"ALTER TABLE {Quote(parts[1])} DROP CONSTRAINT {Quote(parts[0])}");
        }
        foreach (var (name, _) in indexes)
            await ExecuteAsync($"DROP INDEX {Quote(name)}");
        // The generator writes the head of household itself; the triggers would repeat it row by row.
        await ExecuteAsync("""ALTER TABLE "Persons" DISABLE TRIGGER USER""");
        Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dropped {indexes.Count} secondary indexes and {foreignKeys.Count} foreign keys for the load; they are rebuilt at the end"));
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
        await ExecuteAsync("""ALTER TABLE "Persons" ENABLE TRIGGER USER""");
        foreach (var map in Tables.Where(t => t.IdentityColumn is not null))
        {
            var sql = $"SELECT setval(pg_get_serial_sequence('{Quote(map.Table)}', '{map.IdentityColumn}'), " +
                      $"(SELECT COALESCE(MAX({Quote(map.IdentityColumn!)}), 0) + 1 FROM {Quote(map.Table)}), false)";
            await ExecuteAsync(sql);
        }
        foreach (var (name, sql) in indexes.Concat(foreignKeys))
        {
            var started = Elapsed;
            await ExecuteAsync(sql);
            Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Elapsed.TotalSeconds,6:0.0}s  rebuilt {name} ({(Elapsed - started).TotalSeconds:0.0} s)"));
        }
        await ExecuteAsync("ANALYZE");
    }

    public override async ValueTask DisposeAsync() => await connection.CloseAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

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
        // The search table and the head-of-household triggers are rebuilt once at the end instead of row by row.
        foreach (var sql in DerivedSchema.SqliteDrop) await ExecuteAsync(sql);
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
        foreach (var sql in DerivedSchema.SqliteCreate) await ExecuteAsync(sql);
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
