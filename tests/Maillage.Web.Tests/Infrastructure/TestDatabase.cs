using Maillage.Web.Data;
using Npgsql;

namespace Maillage.Web.Tests.Infrastructure;

public enum Engine
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// A fresh, empty database on one engine, dropped at the end. PostgreSQL comes from MAILLAGE_TEST_POSTGRES, which
/// scripts/test.sh sets after starting a server: without it the PostgreSQL tests fail (they are never skipped).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnectionString;
    private readonly string? _sqliteFolder;

    private TestDatabase(Engine engine, string connectionString, string? adminConnectionString, string? sqliteFolder, string name)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        _sqliteFolder = sqliteFolder;
        Name = name;
    }

    public Engine Engine { get; }

    public string ConnectionString { get; }

    public string Name { get; }

    public DatabaseProvider Provider => Engine == Engine.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL;

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("MAILLAGE_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "MAILLAGE_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL and sets it.");

    public static async Task<TestDatabase> CreateAsync(Engine engine)
    {
        var name = "maillage_test_" + Guid.NewGuid().ToString("N")[..12];
        if (engine == Engine.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "maillage-tests", name);
            Directory.CreateDirectory(folder);
            return new TestDatabase(engine, $"Data Source={Path.Combine(folder, "maillage.db")}", null, folder, name);
        }

        var admin = PostgresAdminConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(engine, builder.ConnectionString, admin, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: the temp folder is cleaned by the OS.
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
