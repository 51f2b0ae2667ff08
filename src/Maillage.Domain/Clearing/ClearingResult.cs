namespace Maillage.Domain.Clearing;

/// <summary>The outcome of one clearing round over aggregated (debtor, creditor) pairs.</summary>
/// <remarks>
/// Invariants: 0 ≤ Cleared ≤ Owed for every pair; cleared amounts form a circulation, so every member's net position
/// (owed by it − owed to it) is the same before and after; <see cref="TotalCleared"/> is the sum over pairs and is the
/// largest possible, as <see cref="Certificate"/> proves.
/// </remarks>
public sealed class ClearingResult
{
    private readonly ClearedPair[] _pairs;
    private readonly int[] _obligationPair;

    internal ClearingResult(ObligationGraph graph, long[] cleared, long totalCleared, ClearingCertificate certificate, ClearingStatistics statistics)
    {
        _pairs = new ClearedPair[graph.PairCount];
        var ids = graph.MemberIds;
        for (var p = 0; p < _pairs.Length; p++)
        {
            _pairs[p] = new ClearedPair(ids[graph.PairDebtor[p]], ids[graph.PairCreditor[p]], graph.PairAmount[p], cleared[p]);
        }

        _obligationPair = graph.ObligationPair;
        Graph = graph;
        ClearedByPair = cleared;
        TotalSubmitted = graph.TotalSubmitted;
        TotalCleared = totalCleared;
        Certificate = certificate;
        Statistics = statistics;
    }

    internal ObligationGraph Graph { get; }

    internal long[] ClearedByPair { get; }

    /// <summary>One entry per distinct (debtor, creditor), grouped by debtor in order of first appearance.</summary>
    public IReadOnlyList<ClearedPair> Pairs => _pairs;

    public long TotalSubmitted { get; }

    public long TotalCleared { get; }

    public long TotalRemaining => TotalSubmitted - TotalCleared;

    public ClearingCertificate Certificate { get; }

    public ClearingStatistics Statistics { get; }

    /// <summary>Index in <see cref="Pairs"/> of the pair the submitted obligation was aggregated into.</summary>
    public int PairIndexOf(int obligationIndex) => _obligationPair[obligationIndex];

    /// <summary>How many obligations were submitted (the domain of <see cref="PairIndexOf"/>).</summary>
    public int ObligationCount => _obligationPair.Length;

    /// <summary>Null when <see cref="Certificate"/> proves <see cref="Pairs"/> optimal; otherwise why not.</summary>
    public string? FindCertificateViolation() => Certificate.FindViolation(_pairs);
}
