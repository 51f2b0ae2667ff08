namespace Maillage.Web.Infrastructure;

/// <summary>
/// A part of the app is still loading (e.g. the search index of a large catalogue after a start): the request is
/// answered 503 with Retry-After, as a temporary state, never as a failure with a trace.
/// </summary>
public sealed class ServiceWarmingUpException : Exception
{
    public const int RetryAfterSeconds = 5;

    public ServiceWarmingUpException()
    {
    }

    public ServiceWarmingUpException(string message)
        : base(message)
    {
    }

    public ServiceWarmingUpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
