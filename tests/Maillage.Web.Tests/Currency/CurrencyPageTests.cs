using System.Text;
using Maillage.Domain.Chambers;
using Maillage.Domain.Currency;
using Maillage.Web.Features.Currency;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LedgerAccount = Maillage.Domain.Currency.Account;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Currency;

/// <summary>The currency's member and staff pages through the real forms, on each engine: payments, requests, standing orders, tokens, statements, settings, limits, blocks, reversals, verification.</summary>
public abstract class CurrencyPageTests(MaillageApp app)
{
    [Fact]
    public async Task A_member_pays_another_by_name_with_a_swiss_amount_and_both_accounts_show_it()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0, defaultCreditLimit: 200_000);
        var payer = await app.NewCurrencyMemberAsync(chamber, "Atelier du Rhône");
        var payee = await app.NewCurrencyMemberAsync(chamber, "Épicerie Vrac & Co");
        using var client = await SignedInAsync(payer.Email);

        var form = await client.GetPageAsync(Url(chamber, payer, "/payer"));
        form.QuerySelectorAll("#currency-members option").Select(o => o.GetAttribute("value")).ShouldContain(payee.Name);
        var done = await client.SubmitAsync(form, "#pay-form", Pay("epicerie vrac & co", "1'234.50", "Fournitures"));

        done.QuerySelector(".flash")!.TextContent.Spaced().ShouldBe("Paiement de 1 234,50 T à Épicerie Vrac & Co effectué.");
        done.QuerySelector("#balance")!.TextContent.Spaced().ShouldBe("-1 234,50 T");
        done.QuerySelector("#available")!.TextContent.Spaced().ShouldBe("765,50 T");
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(123_450);
        using var other = await SignedInAsync(payee.Email);
        (await other.GetPageAsync(Url(chamber, payee))).QuerySelector("#balance")!.TextContent.Spaced().ShouldBe("1 234,50 T");

        // French format too, and a second submission of the same form pays once.
        var again = await client.GetPageAsync(Url(chamber, payer, "/payer"));
        var key = again.QuerySelector("input[name='Input.Key']")!.GetAttribute("value")!;
        await client.SubmitAsync(again, "#pay-form", [.. Pay(payee.Name, "500,00", "Loyer"), new("Input.Key", key)]);
        await client.SubmitAsync(again, "#pay-form", [.. Pay(payee.Name, "500,00", "Loyer"), new("Input.Key", key)]);
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(173_450);
    }

    [Theory]
    [InlineData("0", "Le montant doit être plus grand que zéro.")]
    [InlineData("-10", "Le montant doit être plus grand que zéro.")]
    [InlineData("dix", "Le montant n'est pas un nombre")]
    [InlineData("1.234,5", "Le montant n'est pas un nombre")]
    [InlineData("12,345", "Le montant a trop de décimales : 2 au plus.")]
    [InlineData("99999999999", "Le montant est trop grand")]
    [InlineData("", "Indiquez un montant.")]
    public async Task Bad_amounts_in_the_form_get_a_french_message_next_to_the_field_and_nothing_is_written(string amount, string message)
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var client = await SignedInAsync(payer.Email);

        var page = await client.SubmitAsync(await client.GetPageAsync(Url(chamber, payer, "/payer")), "#pay-form", Pay(payee.Name, amount, "Test"));

        page.FieldError("Input.Amount")!.ShouldContain(message);
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
    }

    [Fact]
    public async Task Paying_oneself_an_unknown_a_blocked_or_too_much_is_refused_with_the_available_amount()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 100, defaultCreditLimit: 10_000);
        var other = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber, "Payeur Solidaire");
        var blocked = await app.NewCurrencyMemberAsync(chamber, "Compte Bloqué");
        var stranger = await app.NewCurrencyMemberAsync(other, "Membre Vaudois");
        await app.WithDbAsync(async db => await db.Set<LedgerAccount>().Where(a => a.Id == blocked.AccountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsBlocked, true)));
        using var client = await SignedInAsync(payer.Email);
        var form = await client.GetPageAsync(Url(chamber, payer, "/payer"));

        (await client.SubmitAsync(form, "#pay-form", Pay(payer.Name, "1", "x"))).FieldError("Input.Counterparty").ShouldBe("Vous ne pouvez pas vous payer vous-même.");
        (await client.SubmitAsync(form, "#pay-form", Pay(stranger.Name, "1", "x"))).FieldError("Input.Counterparty")!.ShouldContain("Aucun membre actif ne s'appelle");
        (await client.SubmitAsync(form, "#pay-form", Pay(blocked.Name, "1", "x"))).FieldError("Input.Counterparty").ShouldBe("Ce compte est bloqué : aucun paiement n'est possible.");
        (await client.SubmitAsync(form, "#pay-form", Pay("", "1", "x"))).FieldError("Input.Counterparty").ShouldBe("Indiquez le membre.");
        (await client.SubmitAsync(form, "#pay-form", Pay(blocked.Name, "1", " "))).FieldError("Input.Description").ShouldBe("Indiquez une description.");

        var payee = await app.NewCurrencyMemberAsync(chamber, "Bénéficiaire");
        (await client.SubmitAsync(form, "#pay-form", Pay(payee.Name, "100", "x"))).FieldError("Input.Amount")!.Spaced().ShouldBe("Solde insuffisant : vous pouvez payer au plus 100,00 T.");
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
        (await app.OperationCountAsync(other)).ShouldBe(0);
    }

    [Fact]
    public async Task Another_chambers_or_another_organisations_account_page_is_not_found()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var other = await app.NewCurrencyChamberAsync();
        var member = await app.NewCurrencyMemberAsync(chamber);
        var neighbour = await app.NewCurrencyMemberAsync(chamber);
        using var client = await SignedInAsync(member.Email);

        await client.GetPageAsync($"/{other.Slug}/espace/{member.Slug}/monnaie", System.Net.HttpStatusCode.NotFound);
        await client.GetPageAsync(Url(chamber, neighbour), System.Net.HttpStatusCode.NotFound);
        await client.GetPageAsync(Url(chamber, neighbour, "/payer"), System.Net.HttpStatusCode.NotFound);
        await client.GetPageAsync($"/{chamber.Slug}/gestion/monnaie", System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_request_is_accepted_by_the_payer_and_an_expired_one_can_no_longer_be_paid()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var shop = await app.NewCurrencyMemberAsync(chamber, "Boulangerie Solidaire");
        var customer = await app.NewCurrencyMemberAsync(chamber, "Maison de Quartier");
        using var s = await SignedInAsync(shop.Email);
        var sent = await s.SubmitAsync(await s.GetPageAsync(Url(chamber, shop, "/demander")), "#request-form", [new("Input.Counterparty", customer.Name), new("Input.Amount", "45,50"), new("Input.Description", "Pains pour la fête"), new("Input.ExpiresInDays", "7")]);
        sent.QuerySelector("#outgoing-requests")!.TextContent.ShouldContain("Maison de Quartier");
        (await s.SubmitAsync(await s.GetPageAsync(Url(chamber, shop, "/demander")), "#request-form", [new("Input.Counterparty", customer.Name), new("Input.Amount", "1"), new("Input.Description", "x"), new("Input.ExpiresInDays", "999")]))
            .FieldError("Input.ExpiresInDays").ShouldNotBeNull();

        using var c = await SignedInAsync(customer.Email);
        var account = await c.GetPageAsync(Url(chamber, customer));
        account.QuerySelector("#incoming-requests")!.TextContent.ShouldContain("Pains pour la fête");
        var paid = await c.SubmitAsync(account, "form[action*='handler=Accept']", []);
        paid.QuerySelector(".flash")!.TextContent.ShouldBe("Demande payée.");
        paid.QuerySelector("#balance")!.TextContent.Spaced().ShouldBe("-45,50 T");
        (await app.BalanceAsync(shop.AccountId)).ShouldBe(4_550);

        // A second request, then its expiry passes: paying it is refused and nothing moves.
        await s.SubmitAsync(await s.GetPageAsync(Url(chamber, shop, "/demander")), "#request-form", [new("Input.Counterparty", customer.Name), new("Input.Amount", "10"), new("Input.Description", "Croissants"), new("Input.ExpiresInDays", "3")]);
        var page = await c.GetPageAsync(Url(chamber, customer));
        await app.WithDbAsync(async db => await db.Set<PaymentRequest>().Where(r => r.State == PaymentRequestState.Pending && r.PayerAccountId == customer.AccountId).ExecuteUpdateAsync(u => u.SetProperty(r => r.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var refused = await c.SubmitAsync(page, "form[action*='handler=Accept']", []);
        refused.QuerySelector(".error-summary")!.TextContent.ShouldMatch("(a expiré|a déjà reçu une réponse)");
        (await app.BalanceAsync(shop.AccountId)).ShouldBe(4_550);
    }

    [Fact]
    public async Task A_standing_order_is_paid_once_per_due_date_by_the_schedule_even_when_two_runs_race_and_can_be_paused_and_cancelled()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var tenant = await app.NewCurrencyMemberAsync(chamber, "Locataire");
        var landlord = await app.NewCurrencyMemberAsync(chamber, "Coopérative d'habitation");
        using var client = await SignedInAsync(tenant.Email);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Maillage.Web.Infrastructure.Display.SwissTime));
        var form = await client.GetPageAsync(Url(chamber, tenant, "/recurrents"));
        (await client.SubmitAsync(form, "#recurring-form", [new("Input.Counterparty", landlord.Name), new("Input.Amount", "250"), new("Input.Description", "Loyer"), new("Input.Interval", "Monthly"), new("Input.Start", "2020-01-01")]))
            .FieldError("Input.Start").ShouldBe("La première échéance ne peut pas être dans le passé.");
        var created = await client.SubmitAsync(form, "#recurring-form", [new("Input.Counterparty", landlord.Name), new("Input.Amount", "250"), new("Input.Description", "Loyer"), new("Input.Interval", "Monthly"), new("Input.Start", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        created.QuerySelector("#recurring-payments")!.TextContent.ShouldContain("Coopérative d'habitation");

        var scheduler = app.Services.GetRequiredService<CurrencyScheduler>();
        var runs = await Task.WhenAll(scheduler.RunOnceAsync(), scheduler.RunOnceAsync());
        await scheduler.RunOnceAsync();
        runs.Sum(r => r.OccurrencesPaid).ShouldBeLessThanOrEqualTo(1);
        (await app.BalanceAsync(landlord.AccountId)).ShouldBe(25_000, "paid once, whatever the number of runs");

        var paused = await client.SubmitAsync(created, "form[action*='handler=Pause']", []);
        paused.QuerySelector("#recurring-payments .state")!.TextContent.ShouldBe("En pause");
        var cancelled = await client.SubmitAsync(paused, "form[action*='handler=Cancel']", []);
        cancelled.QuerySelector("#recurring-payments .state")!.TextContent.ShouldBe("Annulé");
        (await app.WithDbAsync(db => db.Set<RecurringPayment>().SingleAsync(r => r.PayerAccountId == tenant.AccountId))).IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task A_standing_order_that_cannot_be_paid_is_retried_for_its_retry_days_then_skipped_once_and_the_payer_told()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var tenant = await app.NewCurrencyMemberAsync(chamber, "Locataire distrait");
        var landlord = await app.NewCurrencyMemberAsync(chamber, "Coopérative Les Tilleuls");
        using var client = await SignedInAsync(tenant.Email);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Maillage.Web.Infrastructure.Display.SwissTime));
        var form = await client.GetPageAsync(Url(chamber, tenant, "/recurrents"));
        await client.SubmitAsync(form, "#recurring-form", [new("Input.Counterparty", landlord.Name), new("Input.Amount", "250"), new("Input.Description", "Loyer de l'atelier"), new("Input.Interval", "Weekly"), new("Input.Start", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        await app.WithDbAsync(db => db.Set<LedgerAccount>().Where(a => a.Id == tenant.AccountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsBlocked, true)));

        var clock = new Maillage.Web.Tests.Email.ManualClock(DateTimeOffset.UtcNow);
        var scheduler = new CurrencyScheduler(app.Services.GetRequiredService<IServiceScopeFactory>(), clock, app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<CurrencyScheduler>.Instance);
        var first = await scheduler.RunOnceAsync();
        (first.OccurrencesRefused, first.OccurrencesSkipped).ShouldBe((1, 0));
        clock.Advance(TimeSpan.FromDays(RecurringPayment.RetryDays));
        (await scheduler.RunOnceAsync()).OccurrencesSkipped.ShouldBe(0, "still within the retry days");

        clock.Advance(TimeSpan.FromDays(1));
        var runs = await Task.WhenAll(scheduler.RunOnceAsync(), scheduler.RunOnceAsync());
        runs.Sum(r => r.OccurrencesSkipped).ShouldBe(1, "two racing runs skip it once");
        var quiet = await scheduler.RunOnceAsync();
        (quiet.OccurrencesRefused, quiet.OccurrencesSkipped).ShouldBe((0, 0), "nothing is tried again once the occurrence is given up");
        (await app.BalanceAsync(landlord.AccountId)).ShouldBe(0);

        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == tenant.Email).Select(u => u.Id).SingleAsync());
        var notices = await app.WithDbAsync(db => db.Set<Maillage.Web.Features.Notifications.Notification>().Where(n => n.UserId == userId && n.Kind == CurrencyEmailKinds.StandingOrderSkipped).ToListAsync());
        notices.ShouldHaveSingleItem().Link.ShouldEndWith("/monnaie/recurrents");
        var mail = await app.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == tenant.Email && m.Kind == CurrencyEmailKinds.StandingOrderSkipped).ToListAsync());
        mail.ShouldHaveSingleItem().Subject.ShouldBe("Paiement récurrent non payé : Loyer de l'atelier");
        mail[0].TextBody.ShouldContain("compte bloqué");

        // The next week's occurrence is paid as usual once the account is unblocked. (The clock stays within a week:
        // the schedule also expires requests, and this class's demo requests must outlive it.)
        await app.WithDbAsync(db => db.Set<LedgerAccount>().Where(a => a.Id == tenant.AccountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsBlocked, false)));
        clock.Advance(TimeSpan.FromDays(7 - RecurringPayment.RetryDays - 1));
        (await scheduler.RunOnceAsync()).OccurrencesPaid.ShouldBe(1);
        (await app.BalanceAsync(landlord.AccountId)).ShouldBe(25_000);
    }

    [Fact]
    public async Task A_member_admin_creates_a_token_sees_it_once_uses_it_and_revokes_it()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var member = await app.NewCurrencyMemberAsync(chamber);
        using var client = await SignedInAsync(member.Email);
        var page = await client.GetPageAsync(Url(chamber, member, "/jetons"));

        (await client.SubmitAsync(page, "#token-form", [new("Input.Name", "Caisse"), new("Input.LifetimeDays", "90")])).QuerySelector(".error-summary")!.TextContent.ShouldContain("Choisissez au moins une permission.");
        var created = await client.SubmitAsync(page, "#token-form", [new("Input.Name", "Caisse du magasin"), new("Input.Scopes", AccessToken.AccountRead), new("Input.LifetimeDays", "90")]);
        var secret = created.QuerySelector("#token-secret")!.TextContent;
        secret.ShouldStartWith(AccessToken.SecretPrefix);
        (await client.GetPageAsync(Url(chamber, member, "/jetons"))).QuerySelector("#token-secret").ShouldBeNull("the secret is shown once");
        (await app.WithDbAsync(db => db.Set<AccessToken>().SingleAsync(t => t.OrganisationId == member.Id))).SecretHash.ShouldBe(AccessToken.HashOf(secret));

        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        ((int)(await api.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative))).StatusCode).ShouldBe(200);
        await client.SubmitAsync(await client.GetPageAsync(Url(chamber, member, "/jetons")), "form[action*='handler=Revoke']", []);
        ((int)(await api.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative))).StatusCode).ShouldBe(401);
    }

    [Fact]
    public async Task The_statement_downloads_as_csv_with_formulas_neutralised()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber, "=HYPERLINK(\"x\")");
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LedgerService>().ExecuteAsync(new Pay(chamber.Id, payer.AccountId, payee.AccountId, 1_000, "+cmd|' /C calc'!A0", "@ref", LedgerActor.System, DateTime.UtcNow));
        }

        using var client = await SignedInAsync(payer.Email);
        var response = await client.Http.GetAsync(new Uri(Url(chamber, payer) + "?handler=Csv", UriKind.Relative));
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.ShouldContain("Date;Type;Contrepartie;Description;Référence;Montant;Frais;Solde");
        csv.ShouldContain("'=HYPERLINK");
        csv.ShouldContain("'+cmd");
        csv.ShouldContain("'@ref");
        csv.ShouldContain(";-10.00;0.00;-10.00");
    }

    [Fact]
    public async Task Staff_change_a_limit_with_a_reason_and_one_that_excludes_the_balance_is_refused_without_a_trace()
    {
        var (chamber, staff) = await ChamberWithStaffAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        await app.FundAsync(chamber, payer, payee, 50_000);
        using var client = await SignedInAsync(staff);
        var page = await client.GetPageAsync($"/{chamber.Slug}/gestion/monnaie/comptes/{payer.AccountId}");

        (await client.SubmitAsync(page, "#limit-form", [new("CreditLimit", "400"), new("Reason", "Trop bas")])).FieldError("CreditLimit")!.ShouldContain("Refusé : le solde actuel");
        (await client.SubmitAsync(page, "#limit-form", [new("CreditLimit", "2 000"), new("Reason", " ")])).FieldError("Reason").ShouldBe("Indiquez la raison.");
        var before = await app.OperationCountAsync(chamber);
        var changed = await client.SubmitAsync(page, "#limit-form", [new("CreditLimit", "2'000"), new("Reason", "Bon historique de remboursement")]);

        changed.QuerySelector("#credit-limit")!.TextContent.Spaced().ShouldBe("2 000,00 T");
        var change = await app.WithDbAsync(db => db.Set<Operation>().SingleAsync(o => o.ChamberId == chamber.Id && o.Kind == OperationKind.LimitChange));
        (change.NewCreditLimit, change.Reason, change.ActorName.Length > 0).ShouldBe((200_000L, "Bon historique de remboursement", true));
        (await app.OperationCountAsync(chamber)).ShouldBe(before + 1);
        (await app.VerifyAsync(chamber)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_block_an_account_reverse_a_payment_and_verify_the_ledger()
    {
        var (chamber, staff) = await ChamberWithStaffAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        await app.FundAsync(chamber, payer, payee, 10_000);
        using var client = await SignedInAsync(staff);
        var page = await client.GetPageAsync($"/{chamber.Slug}/gestion/monnaie/comptes/{payer.AccountId}");

        var blocked = await client.SubmitAsync(page, "#block-form", [new("Reason", "Impayés")]);
        blocked.QuerySelector("#blocked").ShouldNotBeNull();
        await Should.ThrowAsync<LedgerException>(() => app.FundAsync(chamber, payer, payee, 100));

        (await client.SubmitAsync(blocked, "form.reverse-form", [new("reverseReason", "")])).QuerySelector(".error-summary")!.TextContent.ShouldContain("Indiquez la raison.");
        var reversed = await client.SubmitAsync(blocked, "form.reverse-form", [new("reverseReason", "Erreur de montant")]);
        reversed.QuerySelector(".flash")!.TextContent.ShouldContain("annulée");
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(0);
        (await app.BalanceAsync(chamber.FeeAccountId)).ShouldBe(0);

        await client.GetPageAsync($"/{chamber.Slug}/gestion/monnaie/comptes/{Guid.NewGuid()}", System.Net.HttpStatusCode.NotFound);
        var dashboard = await client.GetPageAsync($"/{chamber.Slug}/gestion/monnaie");
        dashboard.QuerySelector("svg.chart title").ShouldNotBeNull();
        dashboard.QuerySelector("#volume-per-month").ShouldNotBeNull();
        var verified = await client.SubmitAsync(dashboard, "#verify-form", []);
        verified.QuerySelector("#verify-result")!.TextContent.ShouldContain("Journal intact");
    }

    [Fact]
    public async Task Staff_find_accounts_by_holder_state_and_balance_and_export_the_list_as_shown()
    {
        var (chamber, staff) = await ChamberWithStaffAsync();
        var grocer = await app.NewCurrencyMemberAsync(chamber, "Épicerie Zèbre");
        var workshop = await app.NewCurrencyMemberAsync(chamber, "Atelier Alpha");
        var bakery = await app.NewCurrencyMemberAsync(chamber, "Boulangerie Milieu");
        await app.FundAsync(chamber, grocer, workshop, 95_000);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LedgerService>().ExecuteAsync(new SetBlocked(chamber.Id, bakery.AccountId, true, "Impayés", LedgerActor.System, DateTime.UtcNow));
        }

        using var client = await SignedInAsync(staff);
        string[] Holders(AngleSharp.Dom.IDocument page) => [.. page.QuerySelectorAll("#accounts tbody th").Select(th => th.TextContent.Trim())];
        var path = $"/{chamber.Slug}/gestion/monnaie/comptes";

        var all = await client.GetPageAsync(path);
        Holders(all).Take(3).ShouldBe(["Atelier Alpha", "Boulangerie Milieu", "Épicerie Zèbre"], "members by name, the chamber's own accounts after them");
        Holders(all).Length.ShouldBe(5);
        all.QuerySelector("#accounts")!.ParentElement!.ClassList.ShouldContain("table-scroll", "a wide table scrolls in its own box on a phone, not the page");
        all.QuerySelector("#account-figures")!.TextContent.Spaced().ShouldContain("959,50 T", customMessage: "the credit drawn: the grocer's negative balance");

        Holders(await client.GetPageAsync(path + "?q=EPICERIE")).ShouldBe(["Épicerie Zèbre"], "accents and case folded");
        Holders(await client.GetPageAsync(path + "?etat=bloques")).ShouldBe(["Boulangerie Milieu"]);
        var close = await client.GetPageAsync(path + "?etat=pres-limite");
        Holders(close).ShouldBe(["Épicerie Zèbre"], "40,50 available of a 1 000,00 limit");
        close.QuerySelector("[role=status]")!.TextContent.ShouldContain("1 compte(s) sur 5");
        Holders(await client.GetPageAsync(path + "?tri=solde-desc")).Take(3).ShouldBe(["Atelier Alpha", "Boulangerie Milieu", "Épicerie Zèbre"]);
        Holders(await client.GetPageAsync(path + "?tri=solde")).First().ShouldBe("Épicerie Zèbre");
        Holders(await client.GetPageAsync(path + "?etat=%3Cscript%3E&tri=x")).Length.ShouldBe(5, "an unknown filter shows every account");
        (await client.GetPageAsync(path + "?q=personne")).QuerySelector("#accounts").ShouldBeNull();

        var response = await client.Http.GetAsync(new Uri(path + "?handler=Csv&etat=bloques", UriKind.Relative));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe(["Titulaire;Type de compte;Solde;Limite de crédit;Disponible;État", "Boulangerie Milieu;Membre;0.00;1000.00;1000.00;Bloqué"]);
    }

    [Fact]
    public async Task Chamber_admins_change_the_rules_with_a_reason_the_code_and_unit_only_while_the_journal_is_empty_and_the_name_at_any_time()
    {
        var (chamber, staff) = await ChamberWithStaffAsync();
        using var client = await SignedInAsync(staff);
        var page = await client.GetPageAsync($"/{chamber.Slug}/gestion/monnaie/parametres");

        (await client.SubmitAsync(page, "#rules-form", [new("Rules.FeePercent", "12"), new("Rules.ReferralReward", "50"), new("Rules.CollectiveLimit", "1000"), new("Rules.IndividualLimit", "300"), new("Rules.Reason", "x")]))
            .FieldError("Rules.FeePercent")!.ShouldContain("Frais invalides");
        var saved = await client.SubmitAsync(page, "#rules-form", [new("Rules.FeePercent", "0,5"), new("Rules.ReferralReward", "50"), new("Rules.CollectiveLimit", "1'500"), new("Rules.IndividualLimit", "300"), new("Rules.Reason", "Décision du comité")]);
        saved.QuerySelector("#setting-changes")!.TextContent.ShouldContain("Décision du comité");
        (await app.WithDbAsync(db => db.Set<CurrencyDefinition>().SingleAsync(c => c.ChamberId == chamber.Id))).FeeBasisPoints.ShouldBe(50);

        var renamed = await client.SubmitAsync(saved, "#definition-form", [new("Definition.Name", "Sou du Lac"), new("Definition.Code", "SOU"), new("Definition.Symbol", "S"), new("Definition.MinorDigits", "0"), new("Definition.Reason", "Nom choisi par l'assemblée")]);
        var currency = await app.WithDbAsync(db => db.Set<CurrencyDefinition>().SingleAsync(c => c.ChamberId == chamber.Id));
        (currency.Name, currency.MinorDigits, currency.DefaultCreditLimit).ShouldBe(("Sou du Lac", 0, 1_500L));

        var member = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        await app.FundAsync(chamber, member, payee, 10);
        var inUse = await client.GetPageAsync($"/{chamber.Slug}/gestion/monnaie/parametres");
        inUse.QuerySelector("#definition-locked").ShouldNotBeNull();
        inUse.QuerySelector("#Definition_Code")!.HasAttribute("readonly").ShouldBeTrue("the code is shown, not offered");
        inUse.QuerySelectorAll("#Definition_MinorDigits option").Select(o => o.GetAttribute("value")).ShouldBe(["0"], "the unit offers only its current value");
        var newCode = await client.SubmitAsync(inUse, "#definition-form", [new("Definition.Name", "Autre"), new("Definition.Code", "AUT"), new("Definition.Symbol", "A"), new("Definition.MinorDigits", "0"), new("Definition.Reason", "Essai")]);
        newCode.FieldError("Definition.Code").ShouldBe("La monnaie a déjà des opérations : son code ne peut plus changer.");
        var newUnit = await client.SubmitAsync(inUse, "#definition-form", [new("Definition.Name", "Autre"), new("Definition.Code", "SOU"), new("Definition.Symbol", "A"), new("Definition.MinorDigits", "2"), new("Definition.Reason", "Essai")]);
        newUnit.FieldError("Definition.MinorDigits").ShouldBe("La monnaie a déjà des opérations : son unité ne peut plus changer.");
        (await app.WithDbAsync(db => db.Set<CurrencyDefinition>().SingleAsync(c => c.ChamberId == chamber.Id))).Name.ShouldBe("Sou du Lac");

        var relabelled = await client.SubmitAsync(inUse, "#definition-form", [new("Definition.Name", "Sou du Léman"), new("Definition.Code", "SOU"), new("Definition.Symbol", "SL"), new("Definition.MinorDigits", "0"), new("Definition.Reason", "Vote de l'assemblée")]);
        relabelled.QuerySelector("#setting-changes")!.TextContent.ShouldContain("Vote de l'assemblée");
        var after = await app.WithDbAsync(db => db.Set<CurrencyDefinition>().SingleAsync(c => c.ChamberId == chamber.Id));
        (after.Name, after.Symbol, after.Code, after.MinorDigits).ShouldBe(("Sou du Léman", "SL", "SOU", 0));
        (await app.VerifyAsync(chamber)).ShouldBeEmpty();
        renamed.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_demo_chambers_have_a_currency_with_history_and_the_demo_member_sees_its_account()
    {
        using var client = await SignedInAsync("membre@apres-ge.example");
        var organisation = await app.OrganisationOfAsync("membre@apres-ge.example");

        var page = await client.GetPageAsync($"/ge/espace/{organisation.Slug}/monnaie");

        page.QuerySelector("h2")!.TextContent.ShouldContain("Rhône solidaire");
        page.QuerySelector("#recent-operations").ShouldNotBeNull();
        page.QuerySelector("#incoming-requests").ShouldNotBeNull();
        page.QuerySelector("nav.tabs a[aria-current='page']")!.TextContent.ShouldBe("Monnaie");
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LedgerService>().VerifyAsync(await app.ChamberIdAsync("vd"))).ShouldBeEmpty();
    }

    private static List<KeyValuePair<string, string>> Pay(string payee, string amount, string description) =>
        [new("Input.Counterparty", payee), new("Input.Amount", amount), new("Input.Description", description)];

    private static string Url(CurrencyChamber chamber, CurrencyMember member, string path = "") => $"/{chamber.Slug}/espace/{member.Slug}/monnaie{path}";

    private async Task<(CurrencyChamber Chamber, string StaffEmail)> ChamberWithStaffAsync()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var user = await app.CreateUserAsync();
        await app.WithDbAsync(async db =>
        {
            db.ChamberStaff.Add(new ChamberStaffMember { ChamberId = chamber.Id, UserId = user.Id, Role = ChamberRole.Admin, Since = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        return (chamber, user.Email!);
    }

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

internal static class SpacedText
{
    /// <summary>Swiss French groups digits with a narrow no-break space and puts a no-break space before the symbol: compare with plain spaces.</summary>
    public static string Spaced(this string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');
}

public sealed class CurrencyPageTestsOnSqlite(SqliteApp app) : CurrencyPageTests(app), IClassFixture<SqliteApp>;

public sealed class CurrencyPageTestsOnPostgreSQL(PostgresApp app) : CurrencyPageTests(app), IClassFixture<PostgresApp>;
