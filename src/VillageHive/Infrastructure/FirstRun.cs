using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

/// <summary>
/// Whether this installation still needs its first administrator. Asked of the database until the answer is no;
/// from then on it stays no for the life of the process (an administrator is never the last to be removed).
/// </summary>
public sealed class FirstRun
{
    private volatile bool done;

    public async Task<bool> NeededAsync(HiveDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (done) return false;
        var hasAdmin = await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Administrator), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId).AnyAsync();
        if (hasAdmin) done = true;
        return !hasAdmin;
    }
}

/// <summary>
/// Takes a newcomer to <c>/Setup</c> while the database has no administrator: a fresh install opened in a browser
/// starts there rather than at a sign-in page nobody can pass. Static files, the phone's API and the language switch
/// pass through.
/// </summary>
public sealed class FirstRunGate(RequestDelegate next, FirstRun firstRun)
{
    public const string SetupPath = "/Setup";
    private static readonly PathString[] Open = [SetupPath, "/Account", "/Language", "/Error", "/api", "/health"];

    public async Task InvokeAsync(HttpContext context, HiveDbContext db)
    {
        var path = context.Request.Path;
        if (HttpMethods.IsGet(context.Request.Method) && !Open.Any(p => path.StartsWithSegments(p)) && await firstRun.NeededAsync(db))
        {
            context.Response.Redirect(context.Request.PathBase + SetupPath);
            return;
        }
        await next(context);
    }
}
