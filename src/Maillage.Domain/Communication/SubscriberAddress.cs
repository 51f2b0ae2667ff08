using System.Net.Mail;

namespace Maillage.Domain.Communication;

public enum AddressProblem
{
    None,
    Missing,
    Invalid,
    Disposable,
}

/// <summary>
/// Which addresses a chamber accepts for its mailing lists: a real mailbox syntax with a dotted domain, and no
/// throw-away mailbox service (those addresses vanish within hours, then bounce and hurt the chamber's reputation).
/// </summary>
public static class SubscriberAddress
{
    public const int MaxLength = 254;

    private static readonly HashSet<string> DisposableDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "10minutemail.com", "10minutemail.net",
        "tempmail.com", "temp-mail.org", "temp-mail.io", "yopmail.com", "yopmail.fr", "yopmail.net", "trashmail.com", "trashmail.de",
        "getnada.com", "nada.email", "dispostable.com", "maildrop.cc", "mailnesia.com", "throwawaymail.com", "fakeinbox.com",
        "tempinbox.com", "mintemail.com", "mohmal.com", "emailondeck.com", "spamgourmet.com", "jetable.org", "mail-temporaire.fr",
        "mytemp.email", "tempail.com", "burnermail.io", "discard.email", "moakt.com", "tmpmail.org", "tmail.ws", "inboxkitten.com",
    };

    /// <summary>Words in a domain that announce a throw-away service even when it is not in the list.</summary>
    private static readonly string[] DisposableHints = ["tempmail", "temp-mail", "throwaway", "trashmail", "10minute", "disposable", "yopmail", "mailinator", "jetable", "guerrillamail"];

    /// <summary>The address as stored and compared: trimmed, the domain in lower case.</summary>
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        return at < 0 ? trimmed : trimmed[..at] + "@" + trimmed[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>The key under which one person is one recipient, whatever the case they typed.</summary>
    public static string Key(string address) => Normalize(address).ToLowerInvariant();

    public static AddressProblem Check(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return AddressProblem.Missing;
        }

        var value = Normalize(address);
        if (value.Length > MaxLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"'))
        {
            return AddressProblem.Invalid;
        }

        if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value || !string.IsNullOrEmpty(parsed.DisplayName))
        {
            return AddressProblem.Invalid;
        }

        var domain = parsed.Host;
        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0 || l.StartsWith('-') || l.EndsWith('-')) || labels[^1].Length < 2 || labels[^1].All(char.IsDigit) || domain.Contains('[', StringComparison.Ordinal))
        {
            return AddressProblem.Invalid;
        }

        var registered = string.Join('.', labels[^2..]);
        if (DisposableDomains.Contains(domain) || DisposableDomains.Contains(registered) || DisposableHints.Any(h => domain.Contains(h, StringComparison.OrdinalIgnoreCase)))
        {
            return AddressProblem.Disposable;
        }

        return AddressProblem.None;
    }
}
