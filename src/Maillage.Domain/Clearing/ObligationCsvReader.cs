using System.Globalization;

namespace Maillage.Domain.Clearing;

/// <summary>A rejected CSV row: its 1-based line number in the file and why.</summary>
public readonly record struct CsvRowError(long LineNumber, string Reason);

/// <summary>The rows that parsed, and the ones that did not (bad rows are reported, never thrown).</summary>
public sealed class ObligationCsvResult
{
    private readonly List<long> _lines;

    internal ObligationCsvResult(List<Obligation> obligations, List<long> lines, List<CsvRowError> errors, long errorCount)
    {
        Obligations = obligations;
        _lines = lines;
        Errors = errors;
        ErrorCount = errorCount;
    }

    public IReadOnlyList<Obligation> Obligations { get; }

    /// <summary>The first rejected rows, in file order, up to the reader's cap.</summary>
    public IReadOnlyList<CsvRowError> Errors { get; }

    /// <summary>All rejected rows, including those past the cap.</summary>
    public long ErrorCount { get; }

    public bool IsValid => ErrorCount == 0;

    /// <summary>The file line an obligation came from, to point users at the row behind a later message.</summary>
    public long LineOf(int obligationIndex) => _lines[obligationIndex];
}

/// <summary>
/// Streams the shared obligation format: a header <c>debtor,creditor,amount</c>, then one invoice per line with
/// integer member ids and a positive integer amount in minor units. Blank lines are skipped.
/// </summary>
public static class ObligationCsvReader
{
    public const string Header = "debtor,creditor,amount";

    /// <summary>Errors kept in the result; a garbage upload must not produce a list as large as the file.</summary>
    public const int DefaultMaxErrors = 1000;

    public static ObligationCsvResult Read(TextReader reader, int maxErrors = DefaultMaxErrors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var state = new ParseState(maxErrors);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            state.Accept(line);
        }

        return state.ToResult();
    }

    public static async Task<ObligationCsvResult> ReadAsync(TextReader reader, int maxErrors = DefaultMaxErrors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var state = new ParseState(maxErrors);
        string? line;
        while ((line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) != null)
        {
            state.Accept(line);
        }

        return state.ToResult();
    }

    private sealed class ParseState(int maxErrors)
    {
        private readonly List<Obligation> _obligations = [];
        private readonly List<long> _lines = [];
        private readonly List<CsvRowError> _errors = [];
        private long _errorCount;
        private long _lineNumber;
        private bool _headerSeen;

        public void Accept(string line)
        {
            _lineNumber++;
            var text = line.AsSpan();
            if (_lineNumber == 1)
            {
                text = text.TrimStart('\uFEFF');
            }

            if (text.IsWhiteSpace())
            {
                return;
            }

            if (!_headerSeen)
            {
                // The first non-blank line is the header; a data row there is reported rather than guessed at.
                _headerSeen = true;
                if (!IsHeader(text))
                {
                    Fail($"expected the header '{Header}'");
                }

                return;
            }

            var reason = TryParseRow(text, out var obligation);
            if (reason is null)
            {
                _obligations.Add(obligation);
                _lines.Add(_lineNumber);
            }
            else
            {
                Fail(reason);
            }
        }

        public ObligationCsvResult ToResult()
        {
            if (!_headerSeen)
            {
                _lineNumber = Math.Max(_lineNumber, 1);
                Fail($"the file is empty; expected the header '{Header}'");
            }

            return new ObligationCsvResult(_obligations, _lines, _errors, _errorCount);
        }

        private void Fail(string reason)
        {
            _errorCount++;
            if (_errors.Count < maxErrors)
            {
                _errors.Add(new CsvRowError(_lineNumber, reason));
            }
        }

        private static bool IsHeader(ReadOnlySpan<char> text)
        {
            Span<Range> parts = stackalloc Range[4];
            var count = text.Split(parts, ',');
            return count == 3
                && Field(text[parts[0]]).Equals("debtor", StringComparison.OrdinalIgnoreCase)
                && Field(text[parts[1]]).Equals("creditor", StringComparison.OrdinalIgnoreCase)
                && Field(text[parts[2]]).Equals("amount", StringComparison.OrdinalIgnoreCase);
        }

        private static string? TryParseRow(ReadOnlySpan<char> text, out Obligation obligation)
        {
            obligation = default;
            Span<Range> parts = stackalloc Range[4];
            var count = text.Split(parts, ',');
            if (count != 3)
            {
                return $"expected 3 fields (debtor,creditor,amount), found {text.Count(',') + 1}";
            }

            var debtorText = Field(text[parts[0]]);
            var creditorText = Field(text[parts[1]]);
            var amountText = Field(text[parts[2]]);
            if (!TryParseInteger(debtorText, out var debtor))
            {
                return $"debtor '{debtorText}' is not an integer";
            }

            if (!TryParseInteger(creditorText, out var creditor))
            {
                return $"creditor '{creditorText}' is not an integer";
            }

            if (!TryParseInteger(amountText, out var amount))
            {
                return $"amount '{amountText}' is not an integer number of minor units";
            }

            if (amount <= 0)
            {
                return $"amount {amount} must be positive";
            }

            if (debtor == creditor)
            {
                return $"debtor and creditor are the same member ({debtor})";
            }

            obligation = new Obligation(debtor, creditor, amount);
            return null;
        }

        private static ReadOnlySpan<char> Field(ReadOnlySpan<char> raw)
        {
            var field = raw.Trim();
            if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
            {
                field = field[1..^1].Trim();
            }

            return field;
        }

        private static bool TryParseInteger(ReadOnlySpan<char> text, out long value) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
