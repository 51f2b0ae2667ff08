using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Web.Tests.Infrastructure;

/// <summary>Fresh people for tests that lock, erase or otherwise use up an account (the demo ones stay intact).</summary>
public static class TestUsers
{
    /// <summary>A confirmed account with the demo password, optionally in an organisation's team.</summary>
    public static async Task<AppUser> CreateUserAsync(this MaillageApp app, Guid? organisationId = null, OrganisationRole role = OrganisationRole.MemberUser)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"test-{Guid.NewGuid():N}@example.ch";
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FirstName = "Aurélie",
            LastName = "Test",
            CreatedAt = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(user, DemoSeeder.DemoPassword);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Code)));
        if (organisationId is { } id)
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = id, UserId = user.Id, Role = role, Since = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        return user;
    }

    /// <summary>The organisation the demo member admin of a chamber looks after.</summary>
    public static Task<Organisation> OrganisationOfAsync(this MaillageApp app, string email) =>
        app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var organisationId = await db.OrganisationMembers.Where(m => m.UserId == userId).Select(m => m.OrganisationId).FirstAsync();
            return await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId);
        });

    /// <summary>A member of the chamber (not <paramref name="except"/>), picked by its place in the name order.</summary>
    public static Task<Organisation> OtherOrganisationAsync(this MaillageApp app, string chamberSlug, Guid except, int skip = 0) =>
        app.WithDbAsync(async db =>
        {
            var chamberId = await db.Chambers.Where(c => c.Slug == chamberSlug).Select(c => c.Id).SingleAsync();
            return await db.Organisations.AsNoTracking()
                .Where(o => o.ChamberId == chamberId && o.Id != except)
                .OrderBy(o => o.NormalizedName)
                .Skip(skip)
                .FirstAsync();
        });

    public static Task<Guid> ChamberIdAsync(this MaillageApp app, string slug) =>
        app.WithDbAsync(db => db.Chambers.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());
}
