using Maillage.Domain.Common;
using Maillage.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Labels;

/// <summary>Messages of the label's and images' own rules; the common ones (required, too long…) are shared.</summary>
public static class LabelMessages
{
    private static readonly HashSet<string> Shared = [ValidationCodes.Required, ValidationCodes.TooLong, ValidationCodes.TooShort];

    public static string For(IStringLocalizer localizer, ValidationError error, string prefix)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        return Shared.Contains(error.Code) ? localizer.Message(error) : localizer[$"{prefix}.{error.Code}", error.Arguments];
    }
}
