using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace VillageHive.Infrastructure;

/// <summary>
/// Reads posted form values in the invariant culture. Browsers post number and date inputs the same way in every
/// language ("12.50", "2026-11-24"), but the Khmer culture reads "." as the thousands separator, so with the default
/// provider "12.50" dollars became 1,250. Nothing on the forms is typed in a culture-specific number format.
/// </summary>
public sealed class InvariantFormValueProviderFactory : IValueProviderFactory
{
    public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.ActionContext.HttpContext.Request;
        if (!request.HasFormContentType) return;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.ActionContext.HttpContext.RequestAborted);
        }
        // As the default provider does: a form that cannot be read is the client's fault (400), not a 500.
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ValueProviderException("The posted form could not be read.", e);
        }
        context.ValueProviders.Add(new FormValueProvider(BindingSource.Form, form, CultureInfo.InvariantCulture));
    }

    /// <summary>Puts this factory where the default form value provider factory was.</summary>
    public static void Replace(IList<IValueProviderFactory> factories)
    {
        ArgumentNullException.ThrowIfNull(factories);
        var index = factories.IndexOf(factories.OfType<FormValueProviderFactory>().Single());
        factories[index] = new InvariantFormValueProviderFactory();
    }
}
