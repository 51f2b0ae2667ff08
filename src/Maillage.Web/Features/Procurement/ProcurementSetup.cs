namespace Maillage.Web.Features.Procurement;

public static class ProcurementSetup
{
    public static IServiceCollection AddProcurement(this IServiceCollection services)
    {
        services.AddScoped<TenderImporter>();
        services.AddScoped<TenderImports>();
        services.AddScoped<TenderQueries>();
        services.AddScoped<TenderDigests>();
        services.AddScoped<Consortia>();
        services.AddSingleton<TenderUploadBacklog>();
        services.AddHostedService<TenderImportRunner>();
        services.AddHostedService<ProcurementWorker>();
        services.AddHttpClient(nameof(TenderImports), c => c.Timeout = TimeSpan.FromMinutes(10));
        return services;
    }
}
