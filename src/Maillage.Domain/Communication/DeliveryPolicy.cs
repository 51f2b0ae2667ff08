namespace Maillage.Domain.Communication;

/// <summary>What an SMTP reply means for a message: delivered, try again later, or never again.</summary>
public enum DeliveryVerdict
{
    Accepted,
    Temporary,
    Permanent,
}

/// <summary>
/// Retries with exponential back-off: the first retry after <see cref="FirstDelay"/>, each next one twice as late, never
/// more than <see cref="MaxDelay"/> apart, and after <see cref="MaxAttempts"/> attempts the message is given up.
/// A jitter of up to a fifth of the delay spreads retries of a failed batch so they do not hit the server together.
/// </summary>
public sealed record DeliveryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public static readonly DeliveryPolicy Default = new(TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), 8);

    /// <summary>RFC 5321 §4.2.1: 2yz done, 4yz transient, 5yz permanent; anything else (no reply) is transient.</summary>
    public static DeliveryVerdict Classify(int replyCode) => replyCode switch
    {
        >= 200 and < 400 => DeliveryVerdict.Accepted,
        >= 500 and < 600 => DeliveryVerdict.Permanent,
        _ => DeliveryVerdict.Temporary,
    };

    /// <summary>The delay before attempt number <paramref name="attemptsSoFar"/> + 1; <paramref name="jitter"/> in [0, 1).</summary>
    public TimeSpan DelayAfter(int attemptsSoFar, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsSoFar, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1d);
        var exponent = Math.Min(attemptsSoFar - 1, 30);
        var ticks = Math.Min(FirstDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 + (jitter / 5))));
    }

    /// <summary>Whether a message that failed temporarily <paramref name="attemptsSoFar"/> times is tried again.</summary>
    public bool ShouldRetry(int attemptsSoFar) => attemptsSoFar < MaxAttempts;
}
