using Maillage.Web.Features.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Identity;

/// <summary>
/// Brings a person into a team (an organisation's or a chamber's): an existing account is told by email; a new one
/// is created without a password and gets a link to choose it, which also confirms the address.
/// </summary>
public sealed class Invitations(UserManager<AppUser> users, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public sealed record Result(AppUser? User, IReadOnlyList<string> Errors);

    public Task<AppUser?> FindAsync(string email) => users.FindByEmailAsync(email.Trim());

    /// <param name="teamName">The organisation or chamber joined, as the email names it.</param>
    /// <param name="existingUserLink">Where an existing account finds the team.</param>
    public async Task<Result> InviteAsync(Guid? chamberId, string email, string? firstName, string? lastName, string inviterName, string teamName, string existingUserLink)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is not null)
        {
            outbox.Queue(chamberId, user.Email!, l["Email.Invitation.Subject", teamName], l["Email.AddedToTeam.Body", user.FirstName, inviterName, teamName, outbox.Link(existingUserLink)], EmailKinds.Invitation);
            return new Result(user, []);
        }

        user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            FirstName = firstName?.Trim() ?? string.Empty,
            LastName = lastName?.Trim() ?? string.Empty,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new Result(null, created.Errors.Select(e => e.Description).ToList());
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = outbox.Link($"/compte/nouveau-mot-de-passe?userId={user.Id}&token={Uri.EscapeDataString(token)}&invitation=true");
        outbox.Queue(chamberId, user.Email!, l["Email.Invitation.Subject", teamName], l["Email.Invitation.Body", user.FirstName, inviterName, teamName, link], EmailKinds.Invitation);
        return new Result(user, []);
    }
}
