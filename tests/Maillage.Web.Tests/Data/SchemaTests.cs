using Maillage.Web.Data;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maillage.Web.Tests.Data;

/// <summary>The hand-written migrations produce exactly the schema the EF model describes, on each engine.</summary>
public abstract class SchemaTests(MaillageApp app)
{
    [Fact]
    public async Task Migrated_schema_matches_the_model()
    {
        await using var modelDatabase = await TestDatabase.CreateAsync(app.Engine);
        var options = new DbContextOptionsBuilder<MaillageDbContext>();
        DatabaseSetup.Configure(options, modelDatabase.Provider, modelDatabase.ConnectionString);
        await using (var db = new MaillageDbContext(options.Options))
        {
            (await db.Database.EnsureCreatedAsync()).ShouldBeTrue();
        }

        var fromModel = await SchemaReader.ReadAsync(modelDatabase);
        var fromMigrations = await SchemaReader.ReadAsync(app.Database);

        fromModel.Count.ShouldBeGreaterThan(100);
        fromMigrations.Except(fromModel).ShouldBeEmpty("in the migrated database but not in the model");
        fromModel.Except(fromMigrations).ShouldBeEmpty("in the model but not in the migrated database");
    }

    [Fact]
    public async Task Migrations_are_recorded_and_a_second_run_applies_nothing()
    {
        var applied = await app.WithDbAsync(async db =>
        {
            var runner = new MigrationRunner(db, new DatabaseOptions { Provider = app.Database.Provider, ConnectionString = app.Database.ConnectionString }, NullLogger<MigrationRunner>.Instance);
            return await runner.MigrateAsync();
        });

        applied.ShouldBeEmpty();
        MigrationRunner.LoadScripts(app.Database.Provider).Select(s => s.Id).ShouldContain("0001_initial");
    }

    [Fact]
    public async Task Both_engines_have_the_same_migrations()
    {
        var sqlite = MigrationRunner.LoadScripts(DatabaseProvider.Sqlite).Select(s => s.Id);
        var postgres = MigrationRunner.LoadScripts(DatabaseProvider.PostgreSQL).Select(s => s.Id);
        sqlite.ShouldBe(postgres);
        (await app.CountAsync<Domain.Chambers.Chamber>()).ShouldBe(2);
    }
}

public sealed class SchemaTestsOnSqlite(SqliteApp app) : SchemaTests(app), IClassFixture<SqliteApp>;

public sealed class SchemaTestsOnPostgreSQL(PostgresApp app) : SchemaTests(app), IClassFixture<PostgresApp>;
