using System.Reflection;
using Maillage.Domain.Currency;

namespace Maillage.Domain.Tests.Currency;

public class HashChainTests
{
    private static LedgerWorld WorldWithHistory()
    {
        var world = new LedgerWorld();
        for (var i = 0; i < 6; i++)
        {
            world.Pay(i % 3, (i % 3) + 1, 1_000 + i);
        }

        world.AssertInvariants();
        return world;
    }

    [Fact]
    public void An_untouched_chain_verifies_and_links_every_operation_to_the_previous_hash()
    {
        var world = WorldWithHistory();
        var journal = world.State.Journal;

        HashChain.Verify(journal, world.Currency.ChainSequence, world.Currency.ChainHash).ShouldBeEmpty();
        journal.Skip(1).Zip(journal).All(p => p.First.PreviousHash == p.Second.Hash).ShouldBeTrue();
        world.Currency.ChainSequence.ShouldBe(6);
    }

    [Fact]
    public void An_edited_amount_is_detected()
    {
        var world = WorldWithHistory();
        var target = world.State.Journal[2].Entries[1];
        typeof(Entry).GetProperty(nameof(Entry.Amount))!.SetValue(target, target.Amount + 1);

        HashChain.Verify(world.State.Journal, world.Currency.ChainSequence, world.Currency.ChainHash).ShouldContain(p => p.Contains("#3 was edited", StringComparison.Ordinal));
        LedgerInvariants.Check(world.State).ShouldContain(v => v.Invariant == 5);
    }

    [Fact]
    public void An_edited_description_is_detected()
    {
        var world = WorldWithHistory();
        typeof(Operation).GetProperty(nameof(Operation.Description))!.SetValue(world.State.Journal[0], "Something else");

        HashChain.Verify(world.State.Journal, world.Currency.ChainSequence, world.Currency.ChainHash).ShouldHaveSingleItem().ShouldContain("#1 was edited");
    }

    [Fact]
    public void A_deleted_operation_in_the_middle_or_at_the_end_is_detected()
    {
        var world = WorldWithHistory();
        var journal = world.State.Journal;

        HashChain.Verify(journal.Where(o => o.Sequence != 4), world.Currency.ChainSequence, world.Currency.ChainHash).ShouldNotBeEmpty();
        HashChain.Verify(journal.Where(o => o.Sequence != 6), world.Currency.ChainSequence, world.Currency.ChainHash)
            .ShouldHaveSingleItem().ShouldContain("deleted");
    }

    [Fact]
    public void A_rehashed_forgery_still_breaks_the_links_of_the_operations_after_it()
    {
        var world = WorldWithHistory();
        var forged = world.State.Journal[1];
        typeof(Operation).GetProperty(nameof(Operation.Amount))!.SetValue(forged, 1L);
        typeof(Operation).GetMethod("Seal", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(forged, [forged.Sequence, forged.PreviousHash]);

        HashChain.Verify(world.State.Journal, world.Currency.ChainSequence, world.Currency.ChainHash).ShouldHaveSingleItem().ShouldContain("#3 does not link");
    }
}
