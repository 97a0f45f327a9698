using Microsoft.Extensions.Localization;

namespace VillageHive.Infrastructure;

/// <summary>
/// Under /api the answer is JSON, never a page or a redirect to the sign-in page: a phone syncing in the background
/// must see "401, sign in again" and keep its queue.
/// </summary>
public static class ApiAnswers
{
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Writes {"message": ...} in the user's language with the status code.</summary>
    public static Task WriteAsync(HttpContext context, int status, string messageKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new { message = l[messageKey].Value });
    }
}
