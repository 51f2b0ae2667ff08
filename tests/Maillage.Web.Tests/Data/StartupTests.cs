using Maillage.Domain.Chambers;
using Maillage.Domain.Criteria;
using Maillage.Domain.Organisations;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Web.Tests.Data;

/// <summary>Several instances starting at once on one database migrate and seed it exactly once.</summary>
public abstract class StartupTests(Engine engine)
{
    private sealed class Instance(TestDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", database.ConnectionString);
            builder.UseSetting("Database:SeedDemo", "true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    [Fact]
    public async Task Three_instances_starting_together_seed_the_database_once()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var instances = Enumerable.Range(0, 3).Select(_ => new Instance(database)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(i => Task.Run(() => i.Server)));

            using var scope = instances[0].Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Maillage.Web.Data.MaillageDbContext>();
            (await db.Chambers.CountAsync()).ShouldBe(2);
            (await db.Criteria.CountAsync(c => c.ChamberId == null)).ShouldBe(8);
            (await db.Organisations.CountAsync()).ShouldBe(82);
            (await db.Users.CountAsync()).ShouldBe(5);

            // Each instance serves pages from the shared database.
            foreach (var instance in instances)
            {
                using var client = instance.CreateClient();
                (await client.GetStringAsync(new Uri("/api/v1/chambers", UriKind.Relative))).ShouldContain("\"ge\"");
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}

public sealed class StartupTestsOnSqlite() : StartupTests(Engine.Sqlite);

public sealed class StartupTestsOnPostgreSQL() : StartupTests(Engine.PostgreSQL);
