using Maillage.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddMaillage();

var app = builder.Build();
if (args.Length > 0 && await CommandLine.TryRunAsync(app, args))
{
    return;
}

await app.PrepareDatabaseAsync();
app.UseMaillage();
await app.RunAsync();

/// <summary>Entry point; public so that tests can start the real application.</summary>
public partial class Program;
