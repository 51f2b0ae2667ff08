using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Email;

/// <summary>The outbox drained through a real SMTP server (aiosmtpd): what arrives, retries, failures, exactly once.</summary>
public abstract class OutboxDeliveryTests(MaillageApp app)
{
    private readonly SmtpSink _sink = SmtpSink.Shared;

    [Fact]
    public async Task A_message_arrives_as_plain_text_and_html_from_the_chamber_with_its_reply_to()
    {
        var to = NewAddress();
        var id = await QueueAsync("ge", to, "Votre adhésion à l'APRÈS-GE — étape suivante", "Bonjour,\n\nConfirmez ici : https://maillage.example/compte/confirmer?token=abc&x=<b>\n.ligne qui commence par un point\n\nMerci.");
        using var dispatcher = Dispatcher(_sink.Options());

        await DrainAsync(dispatcher);

        var mail = (await _sink.WaitForAsync(to)).ShouldHaveSingleItem();
        var chamber = await app.WithDbAsync(db => db.Chambers.SingleAsync(c => c.Slug == "ge"));
        mail.Header("From").ShouldBe($"{chamber.Name} <envoi@maillage.example>");
        mail.Header("Reply-To").ShouldBe(chamber.ContactEmail);
        mail.Header("X-Sink-From").ShouldBe("envoi@maillage.example");
        mail.Header("To").ShouldBe(to);
        mail.Header("Subject").ShouldBe("Votre adhésion à l'APRÈS-GE — étape suivante");
        mail.Header("Message-ID").ShouldBe($"<{id:N}@maillage.example>");
        mail.Header("MIME-Version").ShouldBe("1.0");
        mail.Header("Content-Type")!.ShouldStartWith("multipart/alternative;");
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
        mail.Header("List-Unsubscribe").ShouldBeNull("personal messages are not bulk mail");
        mail.Text.ShouldBe("Bonjour,\n\nConfirmez ici : https://maillage.example/compte/confirmer?token=abc&x=<b>\n.ligne qui commence par un point\n\nMerci.");
        mail.Html.ShouldContain("<a href=\"https://maillage.example/compte/confirmer?token=abc&amp;x=&lt;b&gt;\">");
        mail.Html.ShouldNotContain("<b>");
        mail.Html.ShouldContain(".ligne qui commence par un point", Case.Sensitive, "dot-stuffing is undone by the server");

        var row = await RowAsync(id);
        row.SentAt.ShouldNotBeNull();
        row.Attempts.ShouldBe(1);
        row.ClaimedBy.ShouldBeNull();
        row.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task Bulk_mail_carries_one_click_unsubscribe_headers_and_goes_after_personal_mail()
    {
        var bulkTo = NewAddress();
        var personalTo = NewAddress();
        var chamberId = await app.ChamberIdAsync("vd");
        var bulkId = await app.WithDbAsync(async db =>
        {
            var outbox = Outbox(db);
            var message = outbox.QueueBulk(chamberId, bulkTo, "Lettre d'information", "Texte", "<p>Texte</p>", "newsletter", "https://maillage.example/vd/desabonnement/jeton123");
            await db.SaveChangesAsync();
            return message.Id;
        });
        var personalId = await QueueAsync("vd", personalTo, "Mot de passe", "Lien");
        using var dispatcher = Dispatcher(_sink.Options(o => o.BatchSize = 1));

        await dispatcher.RunOnceAsync(CancellationToken.None);
        (await RowAsync(personalId)).SentAt.ShouldNotBeNull("the personal message was queued later but goes first");
        await DrainAsync(dispatcher);

        var mail = (await _sink.WaitForAsync(bulkTo)).ShouldHaveSingleItem();
        mail.Header("List-Unsubscribe").ShouldBe("<https://maillage.example/vd/desabonnement/jeton123>");
        mail.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        mail.Header("Precedence").ShouldBe("bulk");
        mail.Html.ShouldBe("<p>Texte</p>");
        (await RowAsync(bulkId)).SentAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_message_is_retried_with_back_off_while_the_server_is_down_and_sent_once_it_is_up()
    {
        var port = SmtpSink.FreePort();
        var to = NewAddress();
        var id = await QueueAsync("ge", to, "Bienvenue", "Texte");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var dispatcher = Dispatcher(_sink.Options(o =>
        {
            o.Port = port;
            o.FirstRetryDelay = TimeSpan.FromMinutes(1);
        }), clock);

        await DrainAsync(dispatcher);
        var afterFirst = await RowAsync(id);
        afterFirst.SentAt.ShouldBeNull();
        afterFirst.FailedAt.ShouldBeNull();
        afterFirst.Attempts.ShouldBe(1);
        afterFirst.LastErrorCode.ShouldBe(0);
        afterFirst.LastError.ShouldNotBeNullOrEmpty();
        afterFirst.NextAttemptAt!.Value.ShouldBeInRange(clock.Now.UtcDateTime.AddSeconds(59), clock.Now.UtcDateTime.AddMinutes(1.3));

        // Still down and not yet due: nothing is attempted before the back-off elapses.
        await DrainAsync(dispatcher);
        (await RowAsync(id)).Attempts.ShouldBe(1);
        clock.Advance(TimeSpan.FromMinutes(2));
        await DrainAsync(dispatcher);
        var afterSecond = await RowAsync(id);
        afterSecond.Attempts.ShouldBe(2);
        (afterSecond.NextAttemptAt!.Value - clock.Now.UtcDateTime).TotalMinutes.ShouldBeInRange(1.9, 2.5, "the second delay is twice the first");

        using var server = await SmtpSink.StartPrivateAsync(port);
        clock.Advance(TimeSpan.FromMinutes(3));
        await DrainAsync(dispatcher);

        (await server.Sink.WaitForAsync(to)).ShouldHaveSingleItem();
        var sent = await RowAsync(id);
        sent.SentAt.ShouldNotBeNull();
        sent.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task A_greylisting_4xx_is_retried_and_a_5xx_fails_for_good_with_its_reason()
    {
        var greylisted = $"rejet-une-fois-{Guid.NewGuid():N}@example.ch";
        var unknown = $"rejet-permanent-{Guid.NewGuid():N}@example.ch";
        var invalid = "pas une adresse";
        var greyId = await QueueAsync("ge", greylisted, "Sujet", "Texte");
        var unknownId = await QueueAsync("ge", unknown, "Sujet", "Texte");
        var invalidId = await QueueAsync("ge", invalid, "Sujet", "Texte");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var dispatcher = Dispatcher(_sink.Options(), clock);

        await DrainAsync(dispatcher);

        var grey = await RowAsync(greyId);
        grey.SentAt.ShouldBeNull();
        grey.LastErrorCode.ShouldBe(451, grey.LastError);
        grey.NextAttemptAt.ShouldNotBeNull();
        var refused = await RowAsync(unknownId);
        refused.FailedAt.ShouldNotBeNull();
        refused.LastErrorCode.ShouldBe(550);
        refused.LastError!.ShouldContain("5.1.1");
        (await RowAsync(invalidId)).FailedAt.ShouldNotBeNull();

        clock.Advance(TimeSpan.FromMinutes(5));
        await DrainAsync(dispatcher);

        (await RowAsync(greyId)).SentAt.ShouldNotBeNull();
        (await _sink.WaitForAsync(greylisted)).ShouldHaveSingleItem();
        (await RowAsync(unknownId)).Attempts.ShouldBe(1, "a permanent failure is never retried");
        _sink.For(unknown).ShouldBeEmpty();
    }

    [Fact]
    public async Task Temporary_failures_stop_after_the_last_attempt()
    {
        var to = $"rejet-temporaire-{Guid.NewGuid():N}@example.ch";
        var id = await QueueAsync("ge", to, "Sujet", "Texte");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var dispatcher = Dispatcher(_sink.Options(o => o.MaxAttempts = 3), clock);

        for (var i = 0; i < 5; i++)
        {
            await DrainAsync(dispatcher);
            clock.Advance(TimeSpan.FromHours(7));
        }

        var row = await RowAsync(id);
        row.Attempts.ShouldBe(3);
        row.FailedAt.ShouldNotBeNull();
        row.LastErrorCode.ShouldBe(451);
    }

    [Fact]
    public async Task Two_workers_on_one_database_send_each_message_exactly_once()
    {
        var chamberId = await app.ChamberIdAsync("ge");
        var recipients = Enumerable.Range(0, 240).Select(_ => NewAddress()).ToList();
        var ids = await app.WithDbAsync(async db =>
        {
            var outbox = Outbox(db);
            var list = recipients.Select(r => outbox.QueueBulk(chamberId, r, "Lettre", "Texte", "<p>Texte</p>", "newsletter", "https://maillage.example/ge/desabonnement/x").Id).ToList();
            await db.SaveChangesAsync();
            return list;
        });
        using var first = Dispatcher(_sink.Options(o => (o.BatchSize, o.Connections) = (15, 2)));
        using var second = Dispatcher(_sink.Options(o => (o.BatchSize, o.Connections) = (15, 2)));

        await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        var rows = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        rows.ShouldAllBe(r => r.SentAt != null && r.Attempts == 1 && r.ClaimedBy == null);
        await _sink.WaitForAsync(recipients[^1]);
        var received = Directory.EnumerateFiles(_sink.Directory, "*.eml").Select(ReceivedMail.Read).SelectMany(m => m.Recipients).Where(recipients.Contains).ToList();
        received.Count.ShouldBe(recipients.Count, "each message exactly once");
        received.Distinct().Count().ShouldBe(recipients.Count);
    }

    [Fact]
    public async Task Credentials_are_given_with_AUTH_and_a_refused_login_sends_nothing()
    {
        var port = SmtpSink.FreePort();
        using var server = await SmtpSink.StartPrivateAsync(port, auth: "maillage:s3cret");
        var to = NewAddress();
        var id = await QueueAsync("ge", to, "Sujet", "Texte");
        var clock = new ManualClock(DateTimeOffset.UtcNow);

        using (var wrong = Dispatcher(_sink.Options(o => (o.Port, o.UserName, o.Password) = (port, "maillage", "faux")), clock))
        {
            await DrainAsync(wrong);
        }

        (await RowAsync(id)).SentAt.ShouldBeNull();
        (await RowAsync(id)).LastError!.ShouldContain("AUTH");
        clock.Advance(TimeSpan.FromMinutes(5));
        using (var right = Dispatcher(_sink.Options(o => (o.Port, o.UserName, o.Password) = (port, "maillage", "s3cret")), clock))
        {
            await DrainAsync(right);
        }

        var mail = (await server.Sink.WaitForAsync(to)).ShouldHaveSingleItem();
        mail.Header("X-Sink-Auth").ShouldBe("yes");
    }

    [Fact]
    public async Task Staff_see_what_was_sent_what_failed_and_why_and_what_is_pending_in_their_chamber_only()
    {
        var sentTo = NewAddress();
        var failedTo = $"rejet-permanent-{Guid.NewGuid():N}@example.ch";
        await QueueAsync("ge", sentTo, "Envoyé à Genève", "Texte");
        await QueueAsync("ge", failedTo, "Refusé à Genève", "Texte");
        using (var dispatcher = Dispatcher(_sink.Options()))
        {
            await DrainAsync(dispatcher);
        }

        await QueueAsync("ge", NewAddress(), "En attente à Genève", "Texte");
        await QueueAsync("vd", NewAddress(), "Message vaudois", "Texte");
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);

        var failed = await staff.GetPageAsync("/ge/gestion/courriels?etat=echec");
        var failedRow = failed.QuerySelectorAll("#mails tbody tr").Where(r => r.TextContent.Contains("Refusé à Genève", StringComparison.Ordinal)).ShouldHaveSingleItem();
        failedRow.TextContent.ShouldContain("550");
        failedRow.TextContent.ShouldContain("5.1.1");
        failed.Text().ShouldNotContain("Envoyé à Genève");
        (await staff.GetPageAsync("/ge/gestion/courriels?etat=envoye")).Text().ShouldContain("Envoyé à Genève");
        var pending = await staff.GetPageAsync("/ge/gestion/courriels?etat=attente");
        pending.Text().ShouldContain("En attente à Genève");
        pending.Text().ShouldNotContain("Message vaudois");
        pending.QuerySelector("#count-failed")!.TextContent.Trim().ShouldNotBe("0");

        // Staff may send a failed message again (after the member fixed the address, say).
        var retried = await staff.SubmitAsync(failed, $"#retry-{failedRow.GetAttribute("data-id")}", []);
        retried.QuerySelector(".flash").ShouldNotBeNull();
        var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == failedTo));
        row.FailedAt.ShouldBeNull();
        row.Attempts.ShouldBe(0);
    }

    private static string NewAddress() => $"dest-{Guid.NewGuid():N}@example.ch";

    private static EmailOutbox Outbox(MaillageDbContext db) =>
        new(db, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Maillage.Web.Infrastructure.MaillageOptions()), new Microsoft.AspNetCore.Http.HttpContextAccessor());

    private async Task<Guid> QueueAsync(string chamber, string to, string subject, string body)
    {
        var chamberId = await app.ChamberIdAsync(chamber);
        return await app.WithDbAsync(async db =>
        {
            Outbox(db).Queue(chamberId, to, subject, body, "test");
            await db.SaveChangesAsync();
            return await db.Outbox.Where(m => m.ToAddress == to).Select(m => m.Id).SingleAsync();
        });
    }

    private Task<OutboxMessage> RowAsync(Guid id) => app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    private OutboxDispatcher Dispatcher(SmtpOptions options, TimeProvider? clock = null) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(options), clock ?? TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

    private static async Task DrainAsync(OutboxDispatcher dispatcher)
    {
        while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }
}

public sealed class OutboxDeliveryTestsOnSqlite(SqliteApp app) : OutboxDeliveryTests(app), IClassFixture<SqliteApp>;

public sealed class OutboxDeliveryTestsOnPostgreSQL(PostgresApp app) : OutboxDeliveryTests(app), IClassFixture<PostgresApp>;
