using Maillage.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Maillage.Web;

/// <summary>Marker for the UI's resource files (Resources/SharedResource.resx is French, .en.resx English).</summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T> must be instantiable as a type argument.
public sealed class SharedResource;
#pragma warning restore CA1052

public static class LocalizerExtensions
{
    /// <summary>The message of a domain validation error in the current language.</summary>
    public static string Message(this IStringLocalizer localizer, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        return localizer["Validation." + error.Code, error.Arguments];
    }

    /// <summary>Puts domain validation errors next to their fields ("Input.Name").</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<ValidationError> errors, IStringLocalizer localizer, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            modelState.AddModelError(prefix + error.Field, localizer.Message(error));
        }
    }
}

/// <summary>Model binding's own messages ("the value is not valid") in the person's language.</summary>
public sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var l = factory.Create(typeof(SharedResource));
        var p = options.ModelBindingMessageProvider;
        p.SetValueIsInvalidAccessor(v => l["Validation.ValueInvalid", v]);
        p.SetAttemptedValueIsInvalidAccessor((v, _) => l["Validation.ValueInvalid", v]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Validation.ValueInvalid", v]);
        p.SetUnknownValueIsInvalidAccessor(_ => l["Validation.ValueInvalid", string.Empty]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.ValueInvalid", string.Empty]);
        p.SetValueMustBeANumberAccessor(_ => l["Validation.NotANumber"]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.NotANumber"]);
        p.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
        p.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
        p.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
    }
}

/// <summary>Identity's messages (password rules, taken email) in the person's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = l["Identity.PasswordTooShort", length] };

    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = l["Identity.PasswordRequiresDigit"] };

    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = l["Identity.PasswordRequiresLower"] };

    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = l["Identity.DuplicateEmail"] };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = l["Identity.DuplicateEmail"] };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = l["Validation.InvalidEmail"] };

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = l["Identity.InvalidToken"] };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = l["Identity.PasswordMismatch"] };
}

public static class InvoiceMessages
{
    /// <summary>The message of an invoice rule ("Invoice.Error.{code}"), or of a general validation code.</summary>
    public static string InvoiceMessage(this IStringLocalizer localizer, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        var text = localizer["Invoice.Error." + error.Code, error.Arguments];
        return text.ResourceNotFound ? localizer.Message(error) : text;
    }
}
