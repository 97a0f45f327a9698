namespace VillageHive.Data.Scale;

/// <summary>
/// Collects generated rows per table and writes them in the order the tables were first used, so that a
/// row is always written after the rows it refers to (foreign keys hold at every flush).
/// </summary>
public sealed class RowSink(BulkWriter writer, int flushAt = 200_000)
{
    private readonly List<IBuffer> buffers = [];
    private readonly Dictionary<Type, IBuffer> byType = [];
    private int pending;

    public void Add<T>(T row) where T : class
    {
        if (!byType.TryGetValue(typeof(T), out var buffer))
        {
            buffer = new Buffer<T>();
            byType[typeof(T)] = buffer;
            buffers.Add(buffer);
        }
        ((Buffer<T>)buffer).Rows.Add(row);
        pending++;
    }

    /// <summary>Registers tables in dependency order before any row is added (a child table may fill first).</summary>
    public RowSink Order<T>() where T : class
    {
        if (!byType.ContainsKey(typeof(T)))
        {
            var buffer = new Buffer<T>();
            byType[typeof(T)] = buffer;
            buffers.Add(buffer);
        }
        return this;
    }

    public async Task FlushIfFullAsync()
    {
        if (pending >= flushAt) await FlushAsync();
    }

    public async Task FlushAsync()
    {
        foreach (var buffer in buffers)
            await buffer.WriteAsync(writer);
        pending = 0;
    }

    private interface IBuffer
    {
        Task WriteAsync(BulkWriter writer);
    }

    private sealed class Buffer<T> : IBuffer where T : class
    {
        public List<T> Rows { get; } = [];

        public async Task WriteAsync(BulkWriter writer)
        {
            await writer.WriteAsync(Rows);
            Rows.Clear();
        }
    }
}

/// <summary>Ids handed out by the generator, one counter per entity type, starting after what the table already holds.</summary>
public sealed class Ids
{
    private readonly Dictionary<Type, int> next = [];

    public int Next<T>()
    {
        var id = next.GetValueOrDefault(typeof(T), 1);
        next[typeof(T)] = id + 1;
        return id;
    }
}
