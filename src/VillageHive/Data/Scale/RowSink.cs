namespace VillageHive.Data.Scale;

/// <summary>
/// Collects generated rows per table and writes them in the order the tables were first used, so that a
/// row is always written after the rows it refers to (foreign keys hold at every flush). A full sink is written in the
/// background while the generators fill a fresh one: generating and loading use a core each. Flushes never overlap.
/// </summary>
public sealed class RowSink(BulkWriter writer, int flushAt = 200_000)
{
    private readonly List<IBuffer> buffers = [];
    private readonly Dictionary<Type, IBuffer> byType = [];
    private int pending;
    private Task writing = Task.CompletedTask;

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

    /// <summary>When full, starts writing what is collected in the background (after the previous write has finished).</summary>
    public async Task FlushIfFullAsync()
    {
        if (pending < flushAt) return;
        await writing;
        writing = WriteAsync(Detach());
    }

    /// <summary>Writes everything collected and waits for it.</summary>
    public async Task FlushAsync()
    {
        await writing;
        writing = Task.CompletedTask;
        await WriteAsync(Detach());
    }

    private List<Func<BulkWriter, Task>> Detach()
    {
        var writes = buffers.Select(b => b.Detach()).ToList();
        pending = 0;
        return writes;
    }

    private async Task WriteAsync(List<Func<BulkWriter, Task>> writes)
    {
        foreach (var write in writes)
            await write(writer);
    }

    private interface IBuffer
    {
        Func<BulkWriter, Task> Detach();
    }

    private sealed class Buffer<T> : IBuffer where T : class
    {
        public List<T> Rows { get; private set; } = [];

        public Func<BulkWriter, Task> Detach()
        {
            var rows = Rows;
            Rows = [];
            return w => w.WriteAsync(rows);
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
