using System.Text.Json.Nodes;

namespace Maillage.Bench;

/// <summary>One suite of the benchmark harness: it measures Maillage and its reference in the same run.</summary>
public interface IBenchSuite
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the suite and returns its figures and references as one JSON object.</summary>
    Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}

/// <param name="Quick">Same checks at small sizes, under two minutes.</param>
/// <param name="Arguments">The suite's own arguments (everything after the suite name but --quick).</param>
public sealed record BenchOptions(bool Quick, IReadOnlyList<string> Arguments)
{
    public string? Value(string name)
    {
        for (var i = 0; i < Arguments.Count - 1; i++)
        {
            if (Arguments[i] == name)
            {
                return Arguments[i + 1];
            }
        }

        return null;
    }
}
