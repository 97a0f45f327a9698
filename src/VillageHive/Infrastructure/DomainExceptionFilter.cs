using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

/// <summary>A broken domain rule during a handler becomes a message on the form (the page is shown again), never a 500.</summary>
public sealed class DomainExceptionFilter(IStringLocalizer<SharedResource> l) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is DomainException e && executed.HandlerInstance is PageModel page)
        {
            page.ModelState.AddModelError("", l[e.MessageKey]);
            executed.Result = page.Page();
            executed.ExceptionHandled = true;
        }
    }
}
