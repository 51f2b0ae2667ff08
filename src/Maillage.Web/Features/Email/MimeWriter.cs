using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Maillage.Web.Features.Email;

/// <summary>What one email says and to whom, ready to be written as MIME.</summary>
public sealed record MailEnvelope(
    Guid MessageId,
    string FromName,
    string FromAddress,
    string? ReplyTo,
    string To,
    string Subject,
    string TextBody,
    string HtmlBody,
    DateTime Date,
    string? UnsubscribeUrl,
    string Kind);

/// <summary>
/// Writes an RFC 5322 message: multipart/alternative with a plain-text and an HTML part (UTF-8, base64), encoded
/// words for non-ASCII headers (RFC 2047), and for bulk mail the List-Unsubscribe headers of RFC 2369 and RFC 8058.
/// </summary>
public static partial class MimeWriter
{
    public static byte[] Write(MailEnvelope mail, string domain)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var boundary = "=_maillage_" + mail.MessageId.ToString("N");
        var text = new StringBuilder(mail.TextBody.Length * 2 + mail.HtmlBody.Length * 2 + 1024);
        Header(text, "From", Mailbox(mail.FromName, mail.FromAddress));
        if (!string.IsNullOrWhiteSpace(mail.ReplyTo))
        {
            Header(text, "Reply-To", mail.ReplyTo);
        }

        Header(text, "To", mail.To);
        Header(text, "Subject", EncodeWords(mail.Subject));
        Header(text, "Date", mail.Date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(text, "Message-ID", $"<{mail.MessageId:N}@{domain}>");
        Header(text, "MIME-Version", "1.0");
        Header(text, "X-Maillage-Kind", mail.Kind);
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            Header(text, "List-Unsubscribe", $"<{unsubscribe}>");
            Header(text, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            Header(text, "Precedence", "bulk");
        }
        else
        {
            Header(text, "Auto-Submitted", "auto-generated");
        }

        Header(text, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        text.Append("\r\n");
        Part(text, boundary, "text/plain; charset=utf-8", mail.TextBody);
        Part(text, boundary, "text/html; charset=utf-8", mail.HtmlBody);
        text.Append("--").Append(boundary).Append("--\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>An HTML version of a plain-text email: paragraphs kept, links made clickable, everything else encoded.</summary>
    public static string HtmlFromText(string subject, string textBody)
    {
        ArgumentNullException.ThrowIfNull(textBody);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject))
            .Append("</title></head><body>");
        foreach (var paragraph in ParagraphBreak().Split(textBody.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()))
        {
            var encoded = WebUtility.HtmlEncode(paragraph);
            encoded = Link().Replace(encoded, m => $"<a href=\"{m.Value}\">{m.Value}</a>");
            html.Append("<p>").Append(encoded.Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>A display name and address; the name as an encoded word so that any character is safe.</summary>
    public static string Mailbox(string name, string address) =>
        string.IsNullOrWhiteSpace(name) ? address : $"{EncodeWords(name)} <{address}>";

    /// <summary>RFC 2047 "B" encoded words for text that is not plain printable ASCII, split to keep lines short.</summary>
    public static string EncodeWords(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.All(c => c is >= ' ' and <= '~') && value.Length < 70)
        {
            return value;
        }

        var words = new List<string>();
        var chunk = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            if (Encoding.UTF8.GetByteCount(chunk.ToString() + rune) > 45)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
            }

            chunk.Append(rune.ToString());
        }

        if (chunk.Length > 0)
        {
            words.Add(Word(chunk.ToString()));
        }

        return string.Join("\r\n ", words);

        static string Word(string s) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(s))}?=";
    }

    private static void Header(StringBuilder text, string name, string value)
    {
        // Header injection: a value never carries its own line breaks.
        var safe = value.Replace("\r\n ", "\u0001", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\u0001", "\r\n ", StringComparison.Ordinal);
        text.Append(name).Append(": ").Append(safe).Append("\r\n");
    }

    private static void Part(StringBuilder text, string boundary, string contentType, string body)
    {
        text.Append("--").Append(boundary).Append("\r\n");
        text.Append("Content-Type: ").Append(contentType).Append("\r\n");
        text.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        for (var i = 0; i < base64.Length; i += 76)
        {
            text.Append(base64, i, Math.Min(76, base64.Length - i)).Append("\r\n");
        }
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
