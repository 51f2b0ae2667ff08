using Maillage.Domain.Common;
using Maillage.Domain.Invoices;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Clearing;

/// <summary>A member organisation another one can invoice or be invoiced by.</summary>
public sealed record Counterparty(Guid Id, string Slug, string Name, string? Uid);

/// <summary>An invoice as the input of a declaration (a form or a CSV row), before the rules are checked.</summary>
public sealed record InvoiceDraft(Guid DebtorId, Guid CreditorId, string Number, long Amount, DateOnly IssueDate, DateOnly DueDate);

/// <summary>
/// Declaring, confirming, disputing and withdrawing invoices between members of one chamber. The rules the
/// database must answer (active members of the same chamber, one number per creditor) are checked here; the rest
/// live in <see cref="InterMemberInvoice"/>.
/// </summary>
public sealed class InvoiceBook(MaillageDbContext db, AuditLog audit, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>The chamber's active members other than <paramref name="organisationId"/>, by name.</summary>
    public async Task<IReadOnlyList<Counterparty>> CounterpartiesAsync(Guid chamberId, Guid organisationId, CancellationToken ct) =>
        await db.Organisations.AsNoTracking()
            .Where(o => o.ChamberId == chamberId && o.Id != organisationId && o.State == OrganisationState.Active)
            .OrderBy(o => o.NormalizedName)
            .Select(o => new Counterparty(o.Id, o.Slug, o.Profile.Name, o.Profile.Uid))
            .ToListAsync(ct);

    /// <summary>Every rule of a declaration; <paramref name="pending"/> holds drafts already accepted from the same file.</summary>
    public async Task<IReadOnlyList<ValidationError>> CheckAsync(Guid chamberId, InvoiceDraft draft, IReadOnlyCollection<InvoiceDraft>? pending, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ValidationErrors();
        errors.AddRange(InterMemberInvoice.Validate(draft.DebtorId, draft.CreditorId, draft.Number, draft.Amount, draft.IssueDate, draft.DueDate));
        if (draft.DebtorId != draft.CreditorId)
        {
            var parties = await db.Organisations.AsNoTracking()
                .Where(o => o.Id == draft.DebtorId || o.Id == draft.CreditorId)
                .Select(o => new { o.Id, o.ChamberId, o.State })
                .ToListAsync(ct);
            if (parties.Count != 2 || parties.Any(p => p.ChamberId != chamberId))
            {
                errors.Add("Counterparty", InvoiceErrors.UnknownCounterparty);
            }
            else if (parties.Any(p => p.State != OrganisationState.Active))
            {
                errors.Add("Counterparty", InvoiceErrors.CounterpartyNotActive);
            }
        }

        var number = draft.Number.Trim();
        if (number.Length > 0 && await db.Set<InterMemberInvoice>().AnyAsync(i => i.CreditorId == draft.CreditorId && i.Number == number, ct))
        {
            errors.Add("Number", InvoiceErrors.DuplicateNumber, number);
        }
        else if (pending?.Any(p => p.CreditorId == draft.CreditorId && p.Number.Trim() == number) == true)
        {
            errors.Add("Number", InvoiceErrors.DuplicateInFile);
        }

        return errors.Items;
    }

    /// <summary>Adds the invoices (already checked) and tells the other side; the caller saves.</summary>
    public IReadOnlyList<InterMemberInvoice> Add(Guid chamberId, Guid declaringOrganisationId, Guid? userId, IEnumerable<InvoiceDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<InterMemberInvoice>();
        foreach (var draft in drafts)
        {
            var side = draft.CreditorId == declaringOrganisationId ? InvoiceSide.Creditor : InvoiceSide.Debtor;
            var invoice = InterMemberInvoice.Declare(chamberId, draft.DebtorId, draft.CreditorId, draft.Number, draft.Amount, draft.IssueDate, draft.DueDate, side, userId, now);
            db.Set<InterMemberInvoice>().Add(invoice);
            added.Add(invoice);
        }

        return added;
    }

    /// <summary>Declares one invoice; errors (in the fields' names) when a rule is broken, and then nothing is written.</summary>
    public async Task<(InterMemberInvoice? Invoice, IReadOnlyList<ValidationError> Errors)> DeclareAsync(
        string chamberSlug, Guid chamberId, Organisation declaring, Guid? userId, InvoiceDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaring);
        var errors = await CheckAsync(chamberId, draft, null, ct);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var invoice = Add(chamberId, declaring.Id, userId, [draft]).Single();
        audit.Record(chamberId, "invoice.declared", nameof(InterMemberInvoice), invoice.Id, $"{declaring.Profile.Name} · {invoice.Number} · CHF {MoneyText.Format(invoice.Amount)}");
        await NotifyAsync(chamberSlug, chamberId, invoice.SideOf(declaring.Id) == InvoiceSide.Creditor ? invoice.DebtorId : invoice.CreditorId, "Invoice.MailDeclaredSubject", "Invoice.MailDeclaredBody", declaring.Profile.Name, invoice, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two declarations of the same number at once: the unique index let one through.
            db.ChangeTracker.Clear();
            return (null, [new ValidationError("Number", InvoiceErrors.DuplicateNumber, invoice.Number)]);
        }

        return (invoice, []);
    }

    public enum Action
    {
        Confirm,
        Dispute,
        Withdraw,
    }

    /// <summary>
    /// The organisation acts on one of its invoices. Returns an error code when the action is not allowed (or the
    /// invoice changed meanwhile, e.g. a round reduced it), null when done.
    /// </summary>
    public async Task<string?> ActAsync(string chamberSlug, Guid chamberId, Organisation organisation, Guid invoiceId, Action action, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var invoice = await db.Set<InterMemberInvoice>().FirstOrDefaultAsync(i => i.Id == invoiceId && i.ChamberId == chamberId, ct);
        var side = invoice?.SideOf(organisation.Id);
        if (invoice is null || side is null)
        {
            return InvoiceErrors.NotAParty;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            switch (action)
            {
                case Action.Confirm:
                    invoice.Confirm(side.Value, now);
                    break;
                case Action.Dispute:
                    invoice.Dispute(side.Value, reason, now);
                    break;
                default:
                    invoice.Withdraw(side.Value, now);
                    break;
            }
        }
        catch (DomainException e)
        {
            return e.Code;
        }

        var other = side == InvoiceSide.Creditor ? invoice.DebtorId : invoice.CreditorId;
        var verb = action.ToString().ToLowerInvariant();
        audit.Record(chamberId, $"invoice.{verb}", nameof(InterMemberInvoice), invoice.Id, $"{organisation.Profile.Name} · {invoice.Number}");
        await NotifyAsync(chamberSlug, chamberId, other, $"Invoice.Mail{action}Subject", $"Invoice.Mail{action}Body", organisation.Profile.Name, invoice, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return InvoiceErrors.ChangedMeanwhile;
        }

        return null;
    }

    private async Task NotifyAsync(string chamberSlug, Guid chamberId, Guid organisationId, string subjectKey, string bodyKey, string actorName, InterMemberInvoice invoice, CancellationToken ct)
    {
        var target = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Slug).FirstAsync(ct);
        var addresses = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email)
            .ToListAsync(ct);
        var link = outbox.Link($"/{chamberSlug}/espace/{target}/factures");
        foreach (var address in addresses.OfType<string>())
        {
            outbox.Queue(chamberId, address, l[subjectKey, invoice.Number], l[bodyKey, actorName, invoice.Number, MoneyText.Format(invoice.Amount), link], EmailKinds.Invoice);
        }
    }
}
