using System.Text;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Shared;

/// <summary>Reads an uploaded CSV file as text, or says in the person's language why it cannot be used.</summary>
public static class CsvUpload
{
    public static async Task<(string? Content, string? Error)> ReadAsync(IFormFile? upload, long maxBytes, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (upload is null || upload.Length == 0)
        {
            return (null, localizer["Import.NoFile"]);
        }

        if (upload.Length > maxBytes)
        {
            return (null, localizer["Import.TooLarge", maxBytes / 1024 / 1024]);
        }

        string content;
        using (var stream = upload.OpenReadStream())
        using (var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true))
        {
            try
            {
                content = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                // Spreadsheets on Windows often save CSV as Windows-1252; Latin-1 reads its accents the same.
                stream.Position = 0;
                using var latin = new StreamReader(stream, Encoding.Latin1);
                content = await latin.ReadToEndAsync(cancellationToken);
            }
        }

        return content.Contains('\0', StringComparison.Ordinal) ? (null, localizer["Import.NotCsv"]) : (content, null);
    }
}
