using Maillage.Web.Features.Notifications;

namespace Maillage.Web.Features.Needs;

public static class NeedsServices
{
    /// <summary>Needs and matching, with the generic in-app notifications they use.</summary>
    public static IServiceCollection AddNeeds(this IServiceCollection services)
    {
        services.AddNotifications();
        services.AddScoped<NeedBoard>();
        return services;
    }
}
