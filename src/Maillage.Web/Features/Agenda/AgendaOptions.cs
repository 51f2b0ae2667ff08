namespace Maillage.Web.Features.Agenda;

/// <summary>Settings of the agenda (configuration section "Agenda").</summary>
public sealed class AgendaOptions
{
    /// <summary>
    /// How long a visitor's registration waits for the button of the confirmation email. It holds no seat meanwhile
    /// (so bots typing addresses cannot empty an event), which is why the window can be a day rather than the 30
    /// minutes of a ticket shop's basket: a day lets people read their mail in the evening, and frees a mistyped or
    /// someone else's address by the next day.
    /// </summary>
    public TimeSpan PendingEmailLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a registration, a cancellation or a staff change waits for each of its turns (a request slot, then
    /// the event's turn) before the person is asked to try again: a rush of 2,000 is served in well under this on a
    /// quiet two-core server; it bounds a stuck database or a rush far beyond that.
    /// </summary>
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Two in-memory queues in front of the database. A request slot: a few registrations of this instance at a time
/// do their reads (a rush of thousands otherwise floods the thread pool and the connection pool, and the request
/// holding an event's turn waits behind them for each step). An event's turn: one request per event at a time
/// changes its seats (striped: two events may share a turn); across instances the database lock decides. A rush
/// thus waits here, cheaply, in arrival order, and the database sees at most one writer per event and instance.
/// </summary>
public sealed class AgendaAdmissionGate : IDisposable
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _turns = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly SemaphoreSlim _requests = new(RequestSlots, RequestSlots);

    /// <summary>Enough to keep the processors and one event's lock busy; more only lengthens every queue.</summary>
    public static int RequestSlots { get; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>A request slot (dispose it to pass it on), or null when <paramref name="wait"/> passed first.</summary>
    public Task<IDisposable?> EnterRequestAsync(TimeSpan wait, CancellationToken ct) => EnterAsync(_requests, wait, ct);

    /// <summary>The event's turn (dispose it to pass it on), or null when <paramref name="wait"/> passed first.</summary>
    public Task<IDisposable?> EnterAsync(Guid eventId, TimeSpan wait, CancellationToken ct) =>
        EnterAsync(_turns[(eventId.GetHashCode() & int.MaxValue) % Stripes], wait, ct);

    public void Dispose()
    {
        _requests.Dispose();
        foreach (var turn in _turns)
        {
            turn.Dispose();
        }
    }

    private static async Task<IDisposable?> EnterAsync(SemaphoreSlim semaphore, TimeSpan wait, CancellationToken ct) =>
        await semaphore.WaitAsync(wait, ct) ? new Turn(semaphore) : null;

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
