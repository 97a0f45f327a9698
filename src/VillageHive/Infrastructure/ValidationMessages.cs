using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace VillageHive.Infrastructure;

/// <summary>
/// Every validation message in the page's language with the field's translated name (issue 19): "The មកតាមរយៈ field is
/// required." came from an attribute without a message of ours, whose English default only had the name filled in.
/// An attribute without a message gets the app's key for its kind; the plain keys ("This field is required.") become
/// the named ones ("Enter ..."/"ត្រូវបំពេញ ...") on a field that has a translated name ([Display(Name = key)]). A field
/// without one keeps the plain message rather than show a raw property name like <c>ConcernNote</c>.
/// </summary>
public sealed partial class ValidationMessages : IValidationMetadataProvider
{
    /// <summary>Plain message key → the same message naming the field ({0}; then the attribute's own arguments).</summary>
    public static readonly IReadOnlyDictionary<string, string> Named = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Validation.Required"] = "Validation.RequiredNamed",
        ["Validation.TooLong"] = "Validation.TooLongNamed",
        ["Validation.Invalid"] = "Validation.InvalidNamed",
        ["Validation.Number"] = "Validation.NumberNamed",
    };

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hasName = context.Attributes.OfType<DisplayAttribute>().Any(d => !string.IsNullOrEmpty(d.Name));
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessageResourceType is not null || !string.IsNullOrEmpty(attribute.ErrorMessageResourceName)) continue;
            var key = string.IsNullOrEmpty(attribute.ErrorMessage) ? DefaultKey(attribute) : attribute.ErrorMessage;
            // A range's plain message names its limits only with the field's name.
            if (attribute is RangeAttribute && key == "Validation.Invalid" && hasName) key = "Validation.RangeNamed";
            attribute.ErrorMessage = hasName && Named.TryGetValue(key, out var named) ? named : key;
        }
    }

    private static string DefaultKey(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "Validation.Required",
        StringLengthAttribute or MaxLengthAttribute or MinLengthAttribute => "Validation.TooLong",
        _ => "Validation.Invalid",
    };

    /// <summary>
    /// A display name model binding passes on is the translated one, or the property's own name when the field has
    /// none (one word in Latin letters, or words run together: "ConcernNote"); only a translated one goes on screen.
    /// </summary>
    public static bool IsTranslatedName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && !RawName().IsMatch(name) && !(Localisation.IsKhmer && LatinWord().IsMatch(name));

    [GeneratedRegex("^[A-Za-z_][a-z0-9_]*[A-Z][A-Za-z0-9_.\\[\\]]*$|[A-Za-z\\]]\\.[A-Za-z]")]
    private static partial Regex RawName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex LatinWord();

    /// <summary>Model-binding messages ("the value 'x' is not valid") in the user's language, naming the field when it has a translated name.</summary>
    public static void LocaliseBindingMessages(DefaultModelBindingMessageProvider p, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(p);
        string Message(string key, string? name) => IsTranslatedName(name) ? l[Named[key], name!] : l[key];
        p.SetAttemptedValueIsInvalidAccessor((_, name) => Message("Validation.Invalid", name));
        p.SetUnknownValueIsInvalidAccessor(name => Message("Validation.Invalid", name));
        p.SetValueMustBeANumberAccessor(name => Message("Validation.Number", name));
        p.SetMissingBindRequiredValueAccessor(name => Message("Validation.Required", name));
        p.SetValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        p.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l["Validation.Invalid"]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.Invalid"]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number"]);
        p.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
    }
}
