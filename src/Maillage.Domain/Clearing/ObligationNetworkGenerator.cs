namespace Maillage.Domain.Clearing;

/// <summary>Shape of a generated trade network; percentages are per invoice.</summary>
/// <param name="Firms">Members, numbered 0 .. Firms − 1; a firm's number is its position along the supply chain.</param>
/// <param name="Invoices">Obligations to generate (several may share a pair).</param>
/// <param name="Seed">Same seed, same network, on every machine.</param>
/// <param name="RepeatPercent">A new invoice on an existing relationship (busy relationships get more).</param>
/// <param name="ReciprocalPercent">A back invoice: a supplier buys from one of its customers (short cycles).</param>
/// <param name="UpstreamPercent">For new relationships, how often the supplier must sit upstream of the buyer.</param>
/// <param name="HubBuyerPercent">For new relationships, how often the buyer is drawn by past purchases rather than uniformly.</param>
public sealed record ObligationNetworkShape(
    int Firms,
    int Invoices,
    long Seed,
    int RepeatPercent = 25,
    int ReciprocalPercent = 20,
    int UpstreamPercent = 60,
    int HubBuyerPercent = 30);

/// <summary>
/// Seeded scale-free supply chains: suppliers are chosen by preferential attachment (a few hubs sell to many),
/// mostly upstream of their buyers, with repeat business and reciprocal invoices that close many cycles, as in
/// real trade networks. Integer arithmetic only, with a fixed random algorithm, so a seed always gives the same list.
/// </summary>
public static class ObligationNetworkGenerator
{
    public static IReadOnlyList<Obligation> Generate(int firms, int invoices, long seed) =>
        Generate(new ObligationNetworkShape(firms, invoices, seed));

    public static IReadOnlyList<Obligation> Generate(ObligationNetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(shape.Firms, 2, nameof(shape));
        ArgumentOutOfRangeException.ThrowIfNegative(shape.Invoices, nameof(shape));

        var firms = shape.Firms;
        var rng = new SplitMix64(shape.Seed);
        var result = new Obligation[shape.Invoices];

        // Each entry is one "ticket" in a lottery: a firm appears once, plus once per invoice it received (sold)
        // or issued (bought), which yields heavy-tailed degrees.
        var sellers = new int[firms + shape.Invoices];
        var buyers = new int[firms + shape.Invoices];
        for (var f = 0; f < firms; f++)
        {
            sellers[f] = f;
            buyers[f] = f;
        }

        var sellerCount = firms;
        var buyerCount = firms;
        for (var i = 0; i < result.Length; i++)
        {
            int debtor;
            int creditor;
            var roll = rng.Next(100);
            if (i > 0 && roll < shape.RepeatPercent)
            {
                var earlier = result[rng.Next(i)];
                debtor = (int)earlier.Debtor;
                creditor = (int)earlier.Creditor;
            }
            else if (i > 0 && roll < shape.RepeatPercent + shape.ReciprocalPercent)
            {
                var earlier = result[rng.Next(i)];
                debtor = (int)earlier.Creditor;
                creditor = (int)earlier.Debtor;
            }
            else
            {
                debtor = rng.Chance(shape.HubBuyerPercent) ? buyers[rng.Next(buyerCount)] : rng.Next(firms);
                var upstream = rng.Chance(shape.UpstreamPercent) && debtor > 0;
                creditor = sellers[rng.Next(sellerCount)];
                for (var attempt = 0; attempt < 8 && (creditor == debtor || (upstream && creditor > debtor)); attempt++)
                {
                    creditor = sellers[rng.Next(sellerCount)];
                }

                if (creditor == debtor || (upstream && creditor > debtor))
                {
                    // The lottery keeps missing (an early firm has few upstream suppliers): any other firm will do.
                    creditor = upstream ? rng.Next(debtor) : (debtor + 1 + rng.Next(firms - 1)) % firms;
                }
            }

            sellers[sellerCount++] = creditor;
            buyers[buyerCount++] = debtor;
            result[i] = new Obligation(debtor, creditor, NextAmount(ref rng));
        }

        return result;
    }

    /// <summary>1 to 9,999 units times 1, 10, 100 or 1,000 (50/30/15/5 %): a few large invoices among many small.</summary>
    private static long NextAmount(ref SplitMix64 rng)
    {
        var units = 1 + rng.Next(9_999);
        var roll = rng.Next(100);
        var scale = roll < 50 ? 1 : roll < 80 ? 10 : roll < 95 ? 100 : 1000;
        return (long)units * scale;
    }
}
