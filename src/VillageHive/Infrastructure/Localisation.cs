using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

public static class Localisation
{
    public const string Khmer = "km-KH";
    public const string English = "en";
    public static readonly string[] Cultures = [Khmer, English];

    public static bool IsKhmer => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "km";

    /// <summary>The name of a place in the language of the screen.</summary>
    public static string Name(this INamedPlace place) => IsKhmer ? place.NameKm : place.NameEn;

    public static string Name(string km, string en) => IsKhmer ? km : en;

    /// <summary>An enum value's label, from the resource key "Enum.Type.Value".</summary>
    public static string Label<T>(this IStringLocalizer l, T value) where T : struct, Enum =>
        l[$"Enum.{typeof(T).Name}.{value}"];

    public static IServiceCollection AddHiveLocalisation(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(Culture).ToList();
            o.DefaultRequestCulture = new RequestCulture(cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Pages: the language the person chose (Khmer until then). API calls: their Accept-Language ("en-US" is English).
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new ApiLanguageProvider()];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        return services;
    }

    /// <summary>
    /// A culture as the Hive shows it. Khmer times are written on the 24-hour clock, as Cambodian offices write them:
    /// the culture data's "9:11 PM" puts Latin letters into a Khmer line.
    /// </summary>
    public static CultureInfo Culture(string name)
    {
        var culture = new CultureInfo(name);
        if (name == Khmer)
        {
            culture.DateTimeFormat.ShortTimePattern = "HH:mm";
            culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        }
        return culture;
    }
}

/// <summary>Accept-Language, for the API only: a browser's own header does not change the pages' language.</summary>
public sealed class ApiLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Api.ApiSetup.IsApi(httpContext.Request) ? base.DetermineProviderCultureResult(httpContext) : NullProviderCultureResult;
}
