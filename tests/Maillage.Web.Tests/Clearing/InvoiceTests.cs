using System.Text;
using AngleSharp.Html.Dom;
using Maillage.Domain.Invoices;
using Maillage.Web.Features.Email;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Clearing;

/// <summary>Members declare, confirm, dispute and import invoices through the real pages, on each engine.</summary>
public abstract class InvoiceTests(MaillageApp app)
{
    private static List<KeyValuePair<string, string>> Declaration(Guid counterparty, string number, string amount = "1'234,50", string direction = "owed-to-us", string issue = "2026-10-01", string due = "2026-10-31") =>
    [
        new("Input.Direction", direction),
        new("Input.Counterparty", counterparty.ToString()),
        new("Input.Number", number),
        new("Input.Amount", amount),
        new("Input.IssueDate", issue),
        new("Input.DueDate", due),
    ];

    [Fact]
    public async Task A_member_declares_an_invoice_the_other_confirms_it_and_a_second_one_is_disputed_with_its_reason()
    {
        var alpha = await app.NewMemberAsync();
        var beta = await app.NewMemberAsync();
        using var a = await SignedInAsync(alpha.Email);
        var page = await a.GetPageAsync(alpha.InvoicesUrl());
        page.QuerySelectorAll("#Input_Counterparty option").Select(o => o.GetAttribute("value")).ShouldContain(beta.Id.ToString());
        page.QuerySelectorAll("#Input_Counterparty option").Select(o => o.GetAttribute("value")).ShouldNotContain(alpha.Id.ToString());

        var declared = await a.SubmitAsync(page, "#declare-form", Declaration(beta.Id, "F-100"));
        declared.QuerySelector(".flash")!.TextContent.ShouldBe("Facture F-100 déclarée : l'autre membre doit maintenant la confirmer.");
        await a.SubmitAsync(declared, "#declare-form", Declaration(beta.Id, "F-101", "80", "owed-by-us"));

        var invoices = await app.InvoicesOfAsync(alpha.Id);
        var f100 = invoices.Single(i => i.Number == "F-100");
        (f100.DebtorId, f100.CreditorId, f100.Amount, f100.State, f100.DeclaredBy).ShouldBe((beta.Id, alpha.Id, 1234_50L, InvoiceState.Declared, InvoiceSide.Creditor));
        var f101 = invoices.Single(i => i.Number == "F-101");
        (f101.DebtorId, f101.CreditorId, f101.Amount).ShouldBe((alpha.Id, beta.Id, 80_00L));
        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ToAddress == beta.Email && m.Kind == EmailKinds.Invoice).CountAsync());
        mails.ShouldBe(2, "the other side is told of each declaration");

        // Beta confirms the first and disputes the second.
        using var b = await SignedInAsync(beta.Email);
        var betaPage = await b.GetPageAsync(beta.InvoicesUrl());
        betaPage.QuerySelector("#owed-by-us tr[data-invoice='F-100']")!.TextContent.ShouldContain("À vous de confirmer ou de contester.");
        var confirmed = await b.SubmitAsync(betaPage, $"form[action*='handler=Confirm'][action*='{f100.Id}']", []);
        confirmed.QuerySelector(".flash")!.TextContent.ShouldBe("Facture confirmée : elle participera au prochain tour de compensation.");
        (await app.InvoiceAsync(f100.Id)).State.ShouldBe(InvoiceState.Confirmed);

        var empty = await b.SubmitAsync(confirmed, $"form[action*='handler=Dispute'][action*='{f101.Id}']", [new("reason", " ")]);
        empty.QuerySelector(".error-summary")!.TextContent.ShouldContain("Indiquez le motif de la contestation.");
        (await app.InvoiceAsync(f101.Id)).State.ShouldBe(InvoiceState.Declared);
        await b.SubmitAsync(confirmed, $"form[action*='handler=Dispute'][action*='{f101.Id}']", [new("reason", "Livraison incomplète")]);
        var disputed = await app.InvoiceAsync(f101.Id);
        (disputed.State, disputed.DisputeReason).ShouldBe((InvoiceState.Disputed, "Livraison incomplète"));

        // Alpha sees why, and may not confirm its own declaration.
        var alphaPage = await a.GetPageAsync(alpha.InvoicesUrl());
        alphaPage.QuerySelector("#owed-by-us tr[data-invoice='F-101']")!.TextContent.ShouldContain("Motif : Livraison incomplète");
        alphaPage.QuerySelector($"form[action*='handler=Confirm'][action*='{f101.Id}']").ShouldBeNull();
        await a.PostAsync($"{alpha.InvoicesUrl()}?handler=Confirm&invoiceId={f101.Id}", [new("__RequestVerificationToken", alphaPage.Token())]);
        (await app.InvoiceAsync(f101.Id)).State.ShouldBe(InvoiceState.Disputed, "the declaring side cannot confirm its own invoice");
    }

    [Fact]
    public async Task Bad_declarations_are_refused_in_french_next_to_their_field_and_write_nothing()
    {
        var alpha = await app.NewMemberAsync();
        var beta = await app.NewMemberAsync();
        var vaudois = await app.NewMemberAsync("vd");
        await app.ConfirmedInvoiceAsync(beta, alpha, 10_00, "DEJA-1");
        using var a = await SignedInAsync(alpha.Email);
        var page = await a.GetPageAsync(alpha.InvoicesUrl());
        var before = await app.CountAsync<InterMemberInvoice>();

        async Task<IHtmlDocument> Declare(List<KeyValuePair<string, string>> fields)
        {
            var result = await a.SubmitAsync(page, "#declare-form", fields);
            result.QuerySelector(".error-summary").ShouldNotBeNull($"invoice {fields.Single(f => f.Key == "Input.Number").Value}: {result.QuerySelector(".flash")?.TextContent}");
            return result;
        }

        (await Declare(Declaration(alpha.Id, "SELF-1"))).FieldError("Input.Counterparty").ShouldBe("Une organisation ne peut pas se facturer elle-même.");
        (await Declare(Declaration(vaudois.Id, "VD-1"))).FieldError("Input.Counterparty").ShouldBe("Ce membre n'appartient pas à la chambre.");
        (await Declare(Declaration(beta.Id, "ZERO-1", "0"))).FieldError("Input.Amount").ShouldBe("Le montant doit être supérieur à zéro.");
        (await Declare(Declaration(beta.Id, "NEG-1", "-12.50"))).FieldError("Input.Amount").ShouldBe("Le montant doit être supérieur à zéro.");
        (await Declare(Declaration(beta.Id, "TXT-1", "douze francs"))).FieldError("Input.Amount").ShouldBe("Montant invalide (p. ex. 1234.50 ou 1'234,50).");
        (await Declare(Declaration(beta.Id, "HUGE-1", "1000000000"))).FieldError("Input.Amount").ShouldBe("Le montant dépasse CHF 100000000.");
        (await Declare(Declaration(beta.Id, "DATE-1", issue: "2026-10-31", due: "2026-10-01"))).FieldError("Input.DueDate").ShouldBe("L'échéance ne peut pas précéder la date d'émission.");
        (await Declare(Declaration(beta.Id, "DEJA-1"))).FieldError("Input.Number").ShouldBe("Le créancier a déjà une facture n° DEJA-1.");
        var kept = await Declare(Declaration(beta.Id, string.Empty, "12.5"));
        kept.FieldError("Input.Number").ShouldBe("Le numéro de facture est obligatoire.");
        kept.FieldValue("Input.Amount").ShouldBe("12.5", "what was typed stays");

        (await app.CountAsync<InterMemberInvoice>()).ShouldBe(before);
    }

    [Fact]
    public async Task Only_the_organisations_people_act_on_its_invoices_and_other_chambers_see_nothing()
    {
        var alpha = await app.NewMemberAsync();
        var beta = await app.NewMemberAsync();
        var stranger = await app.NewMemberAsync();
        var invoice = await app.ConfirmedInvoiceAsync(alpha, beta, 50_00);
        using var s = await SignedInAsync(stranger.Email);
        await s.GetPageAsync(alpha.InvoicesUrl(), System.Net.HttpStatusCode.NotFound);
        var own = await s.GetPageAsync(stranger.InvoicesUrl());
        await s.PostAsync($"{stranger.InvoicesUrl()}?handler=Dispute&invoiceId={invoice}", [new("__RequestVerificationToken", own.Token()), new("reason", "Pas à moi")], System.Net.HttpStatusCode.NotFound);
        (await app.InvoiceAsync(invoice)).State.ShouldBe(InvoiceState.Confirmed);

        using var vaud = await SignedInAsync(DemoAccounts.VaudStaff);
        await vaud.GetPageAsync(alpha.InvoicesUrl(), System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_CSV_import_previews_row_by_row_imports_nothing_until_confirmed_then_the_valid_rows_once()
    {
        var alpha = await app.NewMemberAsync();
        var beta = await app.NewMemberAsync();
        var vaudois = await app.NewMemberAsync("vd");
        var csv = string.Join('\n',
        [
            "numero;debiteur;crediteur;montant;date_emission;echeance",
            $"I-1;{beta.Slug};{alpha.Slug};1'234,50;2026-10-01;2026-10-31",          // 2: valid (owed to us)
            $"I-2;{alpha.Slug};{beta.Slug};99.90;01.10.2026;31.10.2026",            // 3: valid (owed by us)
            $"I-3;{alpha.Slug};{alpha.Slug};10;2026-10-01;2026-10-31",               // 4: to oneself
            $"I-4;{vaudois.Slug};{alpha.Slug};10;2026-10-01;2026-10-31",             // 5: another chamber's member
            $"I-5;{beta.Slug};{alpha.Slug};0;2026-10-01;2026-10-31",                 // 6: zero
            $"I-6;{beta.Slug};{alpha.Slug};-5;2026-10-01;2026-10-31",                // 7: negative
            $"I-7;{beta.Slug};{alpha.Slug};dix;2026-10-01;2026-10-31",               // 8: not an amount
            $"I-8;{beta.Slug};{alpha.Slug};10;2026-10-31;2026-10-01",                // 9: due before issue
            $"I-1;{beta.Slug};{alpha.Slug};10;2026-10-01;2026-10-31",                // 10: same number as line 2
            $"I-9;{beta.Slug};{alpha.Slug};10;31/13/2026;2026-10-31",                // 11: impossible date
            "I-10;;;;;",                                                            // 12: everything missing
            $"I-11;{beta.Uid};{alpha.Slug};CHF 7.05;2026-10-01;2026-10-31",        // 13: valid, the debtor named by its UID
        ]);
        using var a = await SignedInAsync(alpha.Email);
        var before = await app.CountAsync<InterMemberInvoice>();

        var upload = await a.UploadAsync($"{alpha.InvoicesUrl()}/import", "Upload", "factures.csv", Encoding.UTF8.GetBytes(csv));

        upload.Path.ShouldStartWith($"{alpha.InvoicesUrl()}/import/");
        var skipped = upload.Page.QuerySelectorAll("#skipped-rows tbody tr")
            .ToDictionary(r => int.Parse(r.QuerySelector("td")!.TextContent, System.Globalization.CultureInfo.InvariantCulture), r => r.QuerySelector("ul")!.TextContent);
        skipped.Keys.ShouldBe([4, 5, 6, 7, 8, 9, 10, 11, 12]);
        skipped[4].ShouldContain("Une organisation ne peut pas se facturer elle-même.");
        skipped[5].ShouldContain($"debiteur : membre inconnu dans la chambre « {vaudois.Slug} »");
        skipped[6].ShouldContain("montant : Le montant doit être supérieur à zéro.");
        skipped[7].ShouldContain("montant : Le montant doit être supérieur à zéro.");
        skipped[8].ShouldContain("montant : Montant invalide");
        skipped[9].ShouldContain("echeance : L'échéance ne peut pas précéder la date d'émission.");
        skipped[10].ShouldContain("numero : Doublon : la même facture figure plus haut dans le fichier.");
        skipped[11].ShouldContain("date_emission : Date invalide");
        skipped[12].ShouldContain("debiteur : Ce champ est obligatoire.");
        upload.Page.QuerySelector("#import-summary")!.TextContent.ShouldBe("3 ligne(s) prête(s) à importer, 9 ligne(s) ignorée(s).");
        (await app.CountAsync<InterMemberInvoice>()).ShouldBe(before, "a preview imports nothing");

        var done = await a.SubmitAsync(upload.Page, "form[action*='handler=Confirm']", []);
        done.QuerySelector(".flash")!.TextContent.ShouldBe("3 facture(s) importée(s), 9 ligne(s) ignorée(s).");
        var imported = await app.InvoicesOfAsync(alpha.Id);
        imported.Select(i => (i.Number, i.Amount, i.State)).ShouldBe([("I-1", 1234_50L, InvoiceState.Declared), ("I-2", 99_90L, InvoiceState.Declared), ("I-11", 7_05L, InvoiceState.Declared)], ignoreOrder: true);

        var again = await a.SubmitAsync(upload.Page, "form[action*='handler=Confirm']", []);
        again.QuerySelector(".flash")!.TextContent.ShouldBe("Cet import a déjà été effectué.");
        (await app.CountAsync<InterMemberInvoice>()).ShouldBe(before + 3);
    }

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class InvoiceTestsOnSqlite(SqliteApp app) : InvoiceTests(app), IClassFixture<SqliteApp>;

public sealed class InvoiceTestsOnPostgreSQL(PostgresApp app) : InvoiceTests(app), IClassFixture<PostgresApp>;
