using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Maillage.Domain.Surveys;
using Maillage.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Surveys;

/// <summary>
/// Answers as CSV for spreadsheets: one row per submitted response, one column per question (in the survey's order).
/// A multiple-choice answer is one cell with the chosen options joined by " | " (so a question stays one column
/// whatever its options; filter with "contains"); a scale answer is its number. Semicolons, UTF-8 with BOM (Excel
/// reads accents right); a cell starting with = + - @ gets a leading quote so it is never run as a formula.
/// Named surveys carry the organisation and the person; anonymous ones never do.
/// </summary>
public static class SurveyCsv
{
    public const string OptionSeparator = " | ";

    public static byte[] Write(SurveyReport report, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(l);
        var questions = report.Survey.Ordered().ToList();
        var named = !report.Survey.Anonymous;
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", NewLine = "\r\n" }))
        {
            csv.WriteField(l["Surveys.Csv.Number"].Value);
            csv.WriteField(l["Surveys.Csv.SubmittedOn"].Value);
            if (named)
            {
                csv.WriteField(l["Surveys.Csv.Organisation"].Value);
                csv.WriteField(l["Surveys.Csv.Respondent"].Value);
            }

            foreach (var q in questions)
            {
                csv.WriteField(SpreadsheetText.Neutralise(q.Prompt));
            }

            csv.NextRecord();
            var number = 1;
            foreach (var row in report.Rows)
            {
                csv.WriteField(number++.ToString(CultureInfo.InvariantCulture));

                // Anonymous responses hold only the day; named ones the Swiss local time.
                csv.WriteField(row.SubmittedAt is { } at
                    ? (report.Survey.Anonymous ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : TimeZoneInfo.ConvertTimeFromUtc(at, Display.SwissTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                    : string.Empty);
                if (named)
                {
                    csv.WriteField(SpreadsheetText.Neutralise(row.Organisation));
                    csv.WriteField(SpreadsheetText.Neutralise(row.Respondent));
                }

                foreach (var q in questions)
                {
                    csv.WriteField(SpreadsheetText.Neutralise(Cell(q, row.Answers.For(q.Id))));
                }

                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }

    private static string Cell(SurveyQuestion question, Answer? answer)
    {
        if (answer is null)
        {
            return string.Empty;
        }

        if (question.IsChoice)
        {
            return string.Join(OptionSeparator, (answer.Choices ?? []).Where(c => c >= 0 && c < question.Options.Count).Select(c => question.Options[c]));
        }

        return question.Kind == QuestionKind.Scale ? answer.Scale?.ToString(CultureInfo.InvariantCulture) ?? string.Empty : answer.Text ?? string.Empty;
    }
}
