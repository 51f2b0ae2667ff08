using Maillage.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Email;

/// <summary>With an SMTP host configured, the app's own background worker sends what people trigger, without help.</summary>
public abstract class OutboxWorkerTests(MaillageApp app)
{
    [Fact]
    public async Task A_password_reset_asked_on_the_site_arrives_through_smtp_with_a_working_link()
    {
        var user = await app.CreateUserAsync();
        using var visitor = new WebClient(app);

        await visitor.PostFormAsync("/compte/mot-de-passe-oublie", [new("Email", user.Email!)]);

        var mail = (await SmtpSink.Shared.WaitForAsync(user.Email!)).ShouldHaveSingleItem();
        mail.Header("From")!.ShouldEndWith("<envoi@maillage.example>");
        mail.Text.ShouldContain("/compte/nouveau-mot-de-passe");
        mail.Html.ShouldContain("href=\"http");

        // The worker marks the message sent once the server has accepted it, a moment after the sink has it.
        var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == user.Email));
        for (var wait = 0; row.SentAt is null && wait < 100; wait++)
        {
            await Task.Delay(100);
            row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == user.Email));
        }

        row.SentAt.ShouldNotBeNull();
        row.Attempts.ShouldBe(1);
    }
}

/// <summary>The app configured to send through the test command's SMTP server.</summary>
public abstract class SmtpConfiguredApp(Engine engine) : MaillageApp(engine)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var sink = SmtpSink.Shared;
        builder.UseSetting("Smtp:Host", sink.Host);
        builder.UseSetting("Smtp:Port", sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Tls", "None");
        builder.UseSetting("Smtp:FromAddress", "envoi@maillage.example");
        builder.UseSetting("Smtp:PollInterval", "00:00:00.200");
    }
}

public sealed class SmtpSqliteApp() : SmtpConfiguredApp(Engine.Sqlite);

public sealed class SmtpPostgresApp() : SmtpConfiguredApp(Engine.PostgreSQL);

public sealed class OutboxWorkerTestsOnSqlite(SmtpSqliteApp app) : OutboxWorkerTests(app), IClassFixture<SmtpSqliteApp>;

public sealed class OutboxWorkerTestsOnPostgreSQL(SmtpPostgresApp app) : OutboxWorkerTests(app), IClassFixture<SmtpPostgresApp>;
