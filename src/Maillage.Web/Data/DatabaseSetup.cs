using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Database settings (section "Database").</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a relative "Data Source" is resolved against the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/maillage.db";

    /// <summary>Seed the two demo chambers on an empty database (default: on for SQLite, off for PostgreSQL).</summary>
    public bool? SeedDemo { get; set; }

    public bool ShouldSeedDemo => SeedDemo ?? Provider == DatabaseProvider.Sqlite;
}

/// <summary>The one place that chooses the database provider and its quirks.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddMaillageDatabase(this IServiceCollection services, DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = ResolveConnectionString(options, contentRoot);
        services.AddSingleton(options);
        services.AddDbContext<MaillageDbContext>(builder => Configure(builder, options.Provider, connectionString));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance);
                break;
            case DatabaseProvider.PostgreSQL:
                builder.UseNpgsql(connectionString);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }
    }

    public static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return options.ConnectionString;
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>
    /// SQLite waits for a busy write lock in its own short steps (1, 2, 5, 10 ms…) for up to 5 s before reporting
    /// it; otherwise Microsoft.Data.Sqlite retries a busy statement only every 150 ms, so two writers on one file
    /// (the ledger's writer and any other write, e.g. an access token's "last used") would stall each other.
    /// </summary>
    private sealed class SqliteBusyTimeout : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public static readonly SqliteBusyTimeout Instance = new();

        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
        {
            ArgumentNullException.ThrowIfNull(connection);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 5000";
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(connection);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 5000";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Case- and accent-insensitive "contains" over folded text: plain LIKE behaves alike on both engines.</summary>
    public static string LikeContains(string foldedTerm) =>
        "%" + foldedTerm.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
