using Maillage.Web.Features.Currency;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace Maillage.Web.Tests.Currency;

/// <summary>
/// The writer's commits are answered only once a flush that began after them has returned (invariant 6: durable
/// before the answer), the commits made during one flush share the next, and a failed flush answers its callers with
/// an error instead of a success.
/// </summary>
public sealed class LedgerDurabilityTests
{
    [Fact]
    public async Task A_commit_is_answered_only_after_a_flush_that_began_after_it()
    {
        using var barrier = new GatedBarrier();
        using (var durability = new LedgerDurability(NullLogger.Instance))
        {
            var first = Hand(durability, barrier);
            await barrier.FlushStarted.WaitAsync(TimeSpan.FromSeconds(10));

            // Three commits while the first flush is still on its way to the disk: not covered by it.
            var during = Enumerable.Range(0, 3).Select(_ => Hand(durability, barrier)).ToList();
            first.IsCompleted.ShouldBeFalse("the first flush has not returned yet");
            barrier.Release();
            await first.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(100);
            during.ShouldAllBe(t => !t.IsCompleted, "a flush that began before them does not make them durable");

            barrier.Release();
            await Task.WhenAll(during).WaitAsync(TimeSpan.FromSeconds(10));
            barrier.Flushes.ShouldBe(2, "the three commits made during the first flush share the second");
            (durability.Flushes, durability.FlushedBatches).ShouldBe((2, 4));
        }
    }

    [Fact]
    public async Task A_failed_flush_answers_its_callers_with_an_error()
    {
        using var barrier = new GatedBarrier { FailNext = true };
        using var durability = new LedgerDurability(NullLogger.Instance);

        var commit = Hand(durability, barrier);
        barrier.Release();

        var error = await Should.ThrowAsync<IOException>(() => commit.WaitAsync(TimeSpan.FromSeconds(10)));
        error.Message.ShouldBe("disk gone");
        durability.Failed.ShouldBeTrue("the writer must open a fresh session before its next batch");
    }

    private static Task Hand(LedgerDurability durability, ILogBarrier barrier)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        durability.AfterCommit(barrier, () => answered.TrySetResult(), e => answered.TrySetException(e));
        return answered.Task;
    }

    /// <summary>A log whose flush waits until the test releases it.</summary>
    private sealed class GatedBarrier : ILogBarrier
    {
        private readonly SemaphoreSlim _released = new(0);
        private readonly SemaphoreSlim _started = new(0);

        public bool FailNext { get; set; }

        public int Flushes { get; private set; }

        public Task FlushStarted => _started.WaitAsync();

        public void Release() => _released.Release();

        public void Flush()
        {
            _started.Release();
            _released.Wait();
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("disk gone");
            }

            Flushes++;
        }

        public void Dispose()
        {
            _released.Dispose();
            _started.Dispose();
        }
    }
}
