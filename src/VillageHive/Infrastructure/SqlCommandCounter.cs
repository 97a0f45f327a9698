using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VillageHive.Infrastructure;

/// <summary>
/// Counts the SQL commands each request sends. With Diagnostics:SqlCommandHeader on (tests, benchmarks) the count is
/// sent back in the X-Hive-Sql-Commands header, so that "a page issues a fixed number of queries" can be checked
/// from outside, without a test hook in the page.
/// </summary>
public sealed class SqlCommandCounter(IHttpContextAccessor accessor) : DbCommandInterceptor
{
    public const string Header = "X-Hive-Sql-Commands";
    private static readonly object Key = new();

    private void Count()
    {
        if (accessor.HttpContext is not { } http) return;
        http.Items[Key] = (http.Items.TryGetValue(Key, out var n) ? (int)n! : 0) + 1;
    }

    public static int CountOf(HttpContext http) =>
        http is not null && http.Items.TryGetValue(Key, out var n) ? (int)n! : 0;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }
}

public static class SqlCommandHeader
{
    /// <summary>Adds the header when Diagnostics:SqlCommandHeader is true; otherwise nothing.</summary>
    public static IApplicationBuilder UseSqlCommandHeader(this IApplicationBuilder app, IConfiguration config)
    {
        if (!config.GetValue<bool>("Diagnostics:SqlCommandHeader")) return app;
        return app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[SqlCommandCounter.Header] = SqlCommandCounter.CountOf(http).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
