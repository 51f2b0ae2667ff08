using Maillage.Web.Features.Email;

namespace Maillage.Web.Features.Newsletter;

public static class NewsletterServices
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.AddScoped<Subscriptions>();
        services.AddScoped<NewsletterDesk>();
        services.AddScoped<IHardBounceHandler, SubscriberBounces>();
        return services;
    }
}
