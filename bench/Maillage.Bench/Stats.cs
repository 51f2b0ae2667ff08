namespace Maillage.Bench;

/// <summary>Latency percentiles from raw samples, in milliseconds.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sortedSamples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedSamples);
        if (sortedSamples.Count == 0)
        {
            return double.NaN;
        }

        var rank = percentile / 100.0 * (sortedSamples.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sortedSamples[low] + ((sortedSamples[high] - sortedSamples[low]) * (rank - low));
    }

    public static (double P50, double P95, double P99) Summarise(List<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        samples.Sort();
        return (Math.Round(Percentile(samples, 50), 3), Math.Round(Percentile(samples, 95), 3), Math.Round(Percentile(samples, 99), 3));
    }
}
