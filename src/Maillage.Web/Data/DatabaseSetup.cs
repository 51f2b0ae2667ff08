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
        // Contexts are pooled: a request's context is a reset one, not one built with its internal services again
        // (that was a tenth of an API payment's CPU time). EF resets tracking and settings when one is returned.
        services.AddDbContextPool<MaillageDbContext>(builder => Configure(builder, options.Provider, connectionString));
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
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            return WithAutomaticPreparation(options.ConnectionString);
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
    /// PostgreSQL plans every statement it is sent unless it was prepared. Npgsql prepares automatically the
    /// statements a connection runs repeatedly (the API's token and account look-ups: about half a millisecond of
    /// planning each), unless the connection string already says otherwise.
    /// </summary>
    private static string WithAutomaticPreparation(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 3;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// SQLite waits for a busy write lock in its own short steps (1, 2, 5, 10 ms…) for up to 5 s before reporting
    /// it; otherwise Microsoft.Data.Sqlite retries a busy statement only every 150 ms, so two writers on one file
    /// (the ledger's writer and any other write, e.g. an access token's "last used") would stall each other.
    /// </summary>
    private sealed class SqliteBusyTimeout : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public static readonly SqliteBusyTimeout Instance = new();

        // The setting belongs to SQLite's connection, which Microsoft.Data.Sqlite pools and hands out again on each
        // open: it is set once per pooled connection, not with an extra statement on every open.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];

        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
        {
            ArgumentNullException.ThrowIfNull(connection);
            if (NeedsSetting(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout = 5000";
                command.ExecuteNonQuery();
                Remember(connection);
            }
        }

        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(connection);
            if (NeedsSetting(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout = 5000";
                await command.ExecuteNonQueryAsync(cancellationToken);
                Remember(connection);
            }
        }

        private static bool NeedsSetting(System.Data.Common.DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || !Configured.TryGetValue(handle, out _);

        private static void Remember(System.Data.Common.DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                Configured.AddOrUpdate(handle, handle);
            }
        }
    }

    /// <summary>Case- and accent-insensitive "contains" over folded text: plain LIKE behaves alike on both engines.</summary>
    public static string LikeContains(string foldedTerm) =>
        "%" + foldedTerm.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
