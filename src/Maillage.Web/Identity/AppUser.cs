using Microsoft.AspNetCore.Identity;

namespace Maillage.Web.Identity;

/// <summary>A person with an account. What they may do lives in chamber and organisation memberships.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    /// <summary>Network administrators run the installation across chambers.</summary>
    public bool IsNetworkAdmin { get; set; }

    public string? PreferredCulture { get; set; }

    public DateTime CreatedAt { get; set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();
}

public sealed class AppRole : IdentityRole<Guid>;
