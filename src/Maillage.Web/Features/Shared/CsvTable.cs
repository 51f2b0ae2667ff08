using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Maillage.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Shared;

/// <summary>
/// Reads a CSV text the way spreadsheets write it (semicolon, comma or tab; a header line whose names are matched
/// without case or accents) and hands each non-blank row to the caller. What stops the whole file (empty, unreadable,
/// required columns missing, too many rows) comes back as file problems in the person's language.
/// </summary>
public static class CsvTable
{
    /// <param name="onRow">Called with the row's line number (the header is line 1) and a reader of its fields by
    /// column name (empty when the column is absent).</param>
    public static async Task<List<string>> ReadAsync(string content, IReadOnlyCollection<string> requiredColumns, int maxRows, IStringLocalizer localizer, Func<int, Func<string, string>, Task> onRow)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(onRow);
        var problems = new List<string>();
        var firstLine = content.AsSpan().TrimStart('\uFEFF');
        var headerEnd = firstLine.IndexOfAny('\r', '\n');
        var header = headerEnd < 0 ? firstLine : firstLine[..headerEnd];
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = header.Count(';') >= header.Count(',') ? (header.Count('\t') > header.Count(';') ? "\t" : ";") : ",",
            HasHeaderRecord = true,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StringReader(content);
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader())
            {
                problems.Add(localizer["Import.EmptyFile"]);
                return problems;
            }
        }
        catch (CsvHelperException)
        {
            problems.Add(localizer["Import.Unreadable"]);
            return problems;
        }

        var headers = (csv.HeaderRecord ?? []).Select(h => TextNormalizer.Fold(h).Replace(' ', '_')).ToList();
        var missing = requiredColumns.Where(c => !headers.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(localizer["Import.MissingColumns", string.Join(", ", missing)]);
            return problems;
        }

        string Get(string column) => headers.IndexOf(column) is var index and >= 0 ? csv.GetField(index)?.Trim() ?? string.Empty : string.Empty;
        var rows = 0;
        while (true)
        {
            bool more;
            try
            {
                more = await csv.ReadAsync();
            }
            catch (CsvHelperException)
            {
                problems.Add(localizer["Import.UnreadableFrom", csv.Parser.RawRow]);
                break;
            }

            if (!more)
            {
                break;
            }

            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows++ >= maxRows)
            {
                problems.Add(localizer["Import.TooManyRows", maxRows]);
                break;
            }

            await onRow(csv.Parser.RawRow, Get);
        }

        return problems;
    }
}
