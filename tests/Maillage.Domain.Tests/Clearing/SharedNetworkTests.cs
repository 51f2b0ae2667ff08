using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

public class SharedNetworkTests
{
    [Theory]
    [InlineData("synthethic_network_01.csv")]
    [InlineData("synthethic_network_02.csv")]
    [InlineData("synthethic_network_03.csv")]
    public void Each_shared_network_clears_exactly_the_optimum_published_in_its_readme(string file)
    {
        var expected = SharedNetworks.Expected(file);
        using var reader = new StreamReader(SharedNetworks.PathOf(file));
        var csv = ObligationCsvReader.Read(reader);
        csv.Errors.ShouldBeEmpty();

        var result = ClearingSolver.Solve(csv.Obligations);

        result.TotalCleared.ShouldBe(expected.OptimalCleared);
        result.TotalSubmitted.ShouldBe(expected.TotalDebt);
        result.Pairs.Count.ShouldBe((int)expected.Pairs);
        result.Statistics.Members.ShouldBe((int)expected.Firms);
        ClearingInvariants.AssertHold(csv.Obligations, result);
    }
}
