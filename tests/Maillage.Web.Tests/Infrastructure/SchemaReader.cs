using System.Data.Common;
using Maillage.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Maillage.Web.Tests.Infrastructure;

/// <summary>Reads a database's actual schema (tables, columns, indexes, keys) as sorted lines that can be compared.</summary>
public static class SchemaReader
{
    private static readonly HashSet<string> Ignored = ["__maillage_migrations", "__EFMigrationsHistory"];

    public static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Provider == DatabaseProvider.Sqlite
            ? await ReadSqliteAsync(database.ConnectionString)
            : await ReadPostgresAsync(database.ConnectionString);
    }

    private static async Task<IReadOnlyList<string>> ReadSqliteAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
        foreach (var table in tables.Where(t => !Ignored.Contains(t)))
        {
            lines.Add($"table {table}");
            lines.AddRange(await QueryAsync(connection, $"PRAGMA table_info('{table}')", r => $"column {table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt64(3)} pk={r.GetInt64(5)}"));
            var indexes = await QueryAsync(connection, $"PRAGMA index_list('{table}')", r => (Name: r.GetString(1), Unique: r.GetInt64(2), Origin: r.GetString(3)));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection, $"PRAGMA index_info('{index.Name}')", r => r.GetString(2));
                lines.Add($"index {table}.{(index.Origin == "c" ? index.Name : index.Origin)} ({string.Join(",", columns)}) unique={index.Unique}");
            }

            lines.AddRange(await QueryAsync(connection, $"PRAGMA foreign_key_list('{table}')", r => $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<IReadOnlyList<string>> ReadPostgresAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        lines.AddRange(await QueryAsync(connection,
            "SELECT table_name, column_name, data_type, COALESCE(character_maximum_length, -1), is_nullable, COALESCE(collation_name, ''), COALESCE(column_default, '') " +
            "FROM information_schema.columns WHERE table_schema = 'public'",
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}({r.GetInt32(3)}) nullable={r.GetString(4)} collation={r.GetString(5)} default={r.GetString(6)}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => $"index {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
            r => $"constraint {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.RemoveAll(l => Ignored.Any(i => l.Contains(i, StringComparison.Ordinal)));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(map(reader));
        }

        return result;
    }
}
