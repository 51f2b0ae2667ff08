using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

/// <summary>Seeded random obligation lists; a failing seed replays exactly.</summary>
internal static class RandomNetworks
{
    /// <summary>3–8 members, up to 20 obligations, amounts 1–1000; repeated pairs and both directions happen.</summary>
    public static Obligation[] Small(int seed)
    {
        var random = new Random(seed);
        var members = random.Next(3, 9);
        var count = random.Next(1, 21);
        return Draw(random, members, count, maxAmount: 1000);
    }

    public static Obligation[] Dense(int seed, int members, int obligations) =>
        Draw(new Random(seed), members, obligations, maxAmount: 1_000_000);

    private static Obligation[] Draw(Random random, int members, int count, int maxAmount)
    {
        var result = new Obligation[count];
        for (var i = 0; i < count; i++)
        {
            var debtor = random.Next(members);
            var creditor = (debtor + 1 + random.Next(members - 1)) % members;
            result[i] = new Obligation(100 + debtor, 100 + creditor, random.Next(1, maxAmount + 1));
        }

        return result;
    }
}
