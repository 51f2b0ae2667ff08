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
    /// How long a registration, a cancellation or a staff change waits for its turn on an event before the person
    /// is asked to try again (a rush of thousands is served in seconds; this only bounds a stuck database).
    /// </summary>
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Lets one request per event at a time go to the database to change its seats (striped: two events may share a
/// turn). Across instances the database lock decides; within one, a rush waits here, in memory, instead of holding
/// a pooled connection each in the database's lock queue — the rest of the site keeps its connections.
/// </summary>
public sealed class AgendaAdmissionGate
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _turns = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The turn (dispose it to pass it on), or null when <paramref name="wait"/> passed first.</summary>
    public async Task<IDisposable?> EnterAsync(Guid eventId, TimeSpan wait, CancellationToken ct)
    {
        var turn = _turns[(eventId.GetHashCode() & int.MaxValue) % Stripes];
        return await turn.WaitAsync(wait, ct) ? new Turn(turn) : null;
    }

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
