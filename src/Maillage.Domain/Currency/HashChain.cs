using System.Security.Cryptography;
using System.Text;

namespace Maillage.Domain.Currency;

/// <summary>
/// The journal of a chamber is a chain: hash(n) = SHA-256(hash(n−1) ‖ canonical(operation n)). Editing an operation
/// changes its hash, deleting one breaks the sequence or the links, and the head stored with the currency catches a
/// deleted tail.
/// </summary>
public static class HashChain
{
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(string previousHash, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(operation);
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\n" + operation.Canonical());
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Checks one chamber's operations (any order) against its chain head; returns what is wrong, if anything.</summary>
    public static IReadOnlyList<string> Verify(IEnumerable<Operation> operations, long headSequence, string headHash)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var problems = new List<string>();
        var previous = Genesis;
        long expected = 1;
        foreach (var operation in operations.OrderBy(o => o.Sequence))
        {
            if (operation.Sequence != expected)
            {
                problems.Add($"Operation {operation.Id} has sequence {operation.Sequence}, expected {expected} (an operation is missing or duplicated).");
                expected = operation.Sequence;
            }

            if (!string.Equals(operation.PreviousHash, previous, StringComparison.Ordinal))
            {
                problems.Add($"Operation #{operation.Sequence} does not link to the hash of #{operation.Sequence - 1}.");
            }

            if (!string.Equals(HashOf(operation.PreviousHash, operation), operation.Hash, StringComparison.Ordinal))
            {
                problems.Add($"Operation #{operation.Sequence} was edited: its content no longer matches its hash.");
            }

            previous = operation.Hash;
            expected++;
        }

        if (expected - 1 != headSequence || !string.Equals(previous, headHash, StringComparison.Ordinal))
        {
            problems.Add($"The journal ends at #{expected - 1} but the chain head is #{headSequence}: operations were deleted or the head was altered.");
        }

        return problems;
    }
}
