namespace Maillage.Domain.Surveys;

/// <summary>Text bound for a spreadsheet cell: a leading = + - @ (or tab, carriage return) would be run as a formula, so it gets a quote.</summary>
public static class SpreadsheetText
{
    public static string Neutralise(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
}
