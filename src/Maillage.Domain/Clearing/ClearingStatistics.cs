namespace Maillage.Domain.Clearing;

/// <summary>Size of the problem the solver saw and how much work it did; for logs and benchmarks.</summary>
public sealed record ClearingStatistics
{
    public int Members { get; init; }

    public int Pairs { get; init; }

    public int Components { get; init; }

    public int LargestComponent { get; init; }

    /// <summary>Pairs inside a strongly connected component: the only ones that can clear.</summary>
    public int IntraComponentPairs { get; init; }

    public int Phases { get; init; }

    public long Relabels { get; init; }

    public long Pushes { get; init; }

    public int GlobalUpdates { get; init; }

    /// <summary>An optimality test stopped the scaling before its last phase.</summary>
    public bool ProvedEarly { get; init; }

    public TimeSpan Elapsed { get; init; }
}
