using Maillage.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maillage.Web.Tests.Infrastructure;

/// <summary>
/// The real application (real pipeline, real database, demo data seeded) on one engine. Test classes take it as a
/// class fixture through <see cref="SqliteApp"/> and <see cref="PostgresApp"/>, so each test runs on both engines.
/// </summary>
public abstract class MaillageApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    protected MaillageApp(Engine engine)
    {
        Engine = engine;
    }

    public Engine Engine { get; }

    /// <summary>Errors the server logged: a test that sees a 500 can show why.</summary>
    public ErrorLog Errors { get; } = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not started.");

    /// <summary>Rate limits per window; high by default so that tests do not trip over them.</summary>
    protected virtual int SignInPerMinute => 10_000;

    protected virtual int FormsPerTenMinutes => 10_000;

    /// <summary>Serve on a real Kestrel port (browser tests) instead of the in-memory test server.</summary>
    protected virtual bool UseRealServer => false;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Engine);
        if (UseRealServer)
        {
            UseKestrel(0);
            StartServer();
        }
        else
        {
            // Building the server runs migrations and seeds the demo chambers.
            _ = Server;
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The address of the real server (browser tests).</summary>
    public Uri RootUri => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:SeedDemo", "true");
        builder.UseSetting("Maillage:ShowPersonalLinksInOutbox", "false");
        builder.UseSetting("Maillage:RateLimits:SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Maillage:RateLimits:FormsPerTenMinutes", FormsPerTenMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    /// <summary>Runs code against the app's database in its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<MaillageDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        return await action(db);
    }

    public Task WithDbAsync(Func<MaillageDbContext, Task> action) => WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    public Task<int> CountAsync<TEntity>()
        where TEntity : class => WithDbAsync(db => db.Set<TEntity>().CountAsync());
}

public sealed class SqliteApp() : MaillageApp(Engine.Sqlite);

public sealed class PostgresApp() : MaillageApp(Engine.PostgreSQL);
