using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Shared;

/// <summary>
/// A printed paper (the commune report, a MoSVY form) as a whole HTML document without the site's header, rendered
/// in-process from a Razor view with the page model as its model, for the server's Chromium to print (decision 0006).
/// </summary>
public static class PrintDocument
{
    public static async Task<string> RenderAsync<TModel>(this TModel page, IRazorViewEngine views, ChromiumPdf chromium, string viewPath)
        where TModel : PageModel
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(chromium);
        var found = views.GetView(executingFilePath: null, viewPath: viewPath, isMainPage: true);
        if (!found.Success) throw new InvalidOperationException($"The document view {viewPath} is missing");
        await using var writer = new StringWriter();
        // The document's <base href> points at the web root, so that Chromium finds the stylesheets and the font.
        var data = new ViewDataDictionary<TModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = page };
        data["BaseHref"] = chromium.WebRootUri;
        var context = new ViewContext(page.PageContext, found.View, data, page.TempData, writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return writer.ToString();
    }
}
