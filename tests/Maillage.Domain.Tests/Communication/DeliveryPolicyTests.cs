using Maillage.Domain.Communication;

namespace Maillage.Domain.Tests.Communication;

public sealed class DeliveryPolicyTests
{
    [Theory]
    [InlineData(250, DeliveryVerdict.Accepted)]
    [InlineData(354, DeliveryVerdict.Accepted)]
    [InlineData(421, DeliveryVerdict.Temporary)]
    [InlineData(451, DeliveryVerdict.Temporary)]
    [InlineData(452, DeliveryVerdict.Temporary)]
    [InlineData(0, DeliveryVerdict.Temporary)]
    [InlineData(550, DeliveryVerdict.Permanent)]
    [InlineData(553, DeliveryVerdict.Permanent)]
    [InlineData(554, DeliveryVerdict.Permanent)]
    public void Reply_codes_are_classified_as_RFC_5321_says(int code, DeliveryVerdict expected) =>
        DeliveryPolicy.Classify(code).ShouldBe(expected);

    [Fact]
    public void Delays_double_from_the_first_and_stop_growing_at_the_maximum()
    {
        var policy = new DeliveryPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30), 10);

        Enumerable.Range(1, 7).Select(a => policy.DelayAfter(a, 0).TotalMinutes).ShouldBe([1, 2, 4, 8, 16, 30, 30]);
    }

    [Fact]
    public void Jitter_never_shortens_a_delay_nor_lengthens_it_by_more_than_a_fifth()
    {
        var policy = DeliveryPolicy.Default;
        var random = new Random(20261122);
        for (var i = 0; i < 10_000; i++)
        {
            var attempt = random.Next(1, 40);
            var jitter = random.NextDouble();
            var plain = policy.DelayAfter(attempt, 0);
            var delay = policy.DelayAfter(attempt, jitter);
            delay.ShouldBeGreaterThanOrEqualTo(plain);
            delay.Ticks.ShouldBeLessThanOrEqualTo((long)(plain.Ticks * 1.2) + 1);
            delay.ShouldBeLessThanOrEqualTo(policy.MaxDelay * 1.2);
        }
    }

    [Fact]
    public void A_message_is_given_up_after_the_last_attempt()
    {
        var policy = new DeliveryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 3);

        policy.ShouldRetry(1).ShouldBeTrue();
        policy.ShouldRetry(2).ShouldBeTrue();
        policy.ShouldRetry(3).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => policy.DelayAfter(0, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => policy.DelayAfter(1, 1));
    }
}
