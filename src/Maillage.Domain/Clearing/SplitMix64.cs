namespace Maillage.Domain.Clearing;

/// <summary>
/// A tiny seeded generator with a fixed algorithm, so generated networks are identical on every runtime and
/// machine (System.Random's seeded sequence is an implementation detail).
/// </summary>
internal struct SplitMix64(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound), bias-free (Lemire's multiply-and-reject).</summary>
    public int Next(int bound) => (int)NextBelow((ulong)bound);

    /// <summary>True with probability percent / 100.</summary>
    public bool Chance(int percent) => Next(100) < percent;

    private ulong NextBelow(ulong range)
    {
        while (true)
        {
            var x = NextUInt64();
            var high = Math.BigMul(x, range, out var low);
            if (low >= range || low >= (0UL - range) % range)
            {
                return high;
            }
        }
    }
}
