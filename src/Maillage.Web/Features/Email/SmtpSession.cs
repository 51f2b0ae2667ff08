using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Maillage.Web.Features.Email;

/// <summary>One reply of the server: its code and its text lines joined.</summary>
public sealed record SmtpReply(int Code, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public override string ToString() => $"{Code} {Text}";
}

/// <summary>The server broke the conversation (closed, timed out, answered nonsense): every message in flight is retried later.</summary>
public sealed class SmtpTransportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A small SMTP client (RFC 5321) over one TCP connection: EHLO, STARTTLS (RFC 3207) or implicit TLS, AUTH PLAIN and
/// LOGIN (RFC 4954), then any number of transactions on the same connection. MailKit is not available here, and
/// System.Net.Mail.SmtpClient opens one connection per message, offers no implicit TLS, and reports only one status per
/// send, which makes neither the throughput nor the per-recipient 4xx/5xx distinction the outbox needs.
/// </summary>
public sealed class SmtpSession : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly TimeSpan _timeout;
    private Stream _stream;
    private StreamReader _reader;
    private HashSet<string> _extensions = new(StringComparer.OrdinalIgnoreCase);

    private SmtpSession(TcpClient tcp, Stream stream, TimeSpan timeout)
    {
        _tcp = tcp;
        _stream = stream;
        _timeout = timeout;
        _reader = NewReader(stream);
    }

    public bool IsBroken { get; private set; }

    public static async Task<SmtpSession> OpenAsync(SmtpOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tcp = new TcpClient { NoDelay = true };
        SmtpSession? session = null;
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connect.CancelAfter(options.CommandTimeout);
                await tcp.ConnectAsync(options.Host!, options.Port, connect.Token);
            }

            Stream stream = tcp.GetStream();
            if (options.Tls == SmtpTlsMode.Implicit)
            {
                stream = await AuthenticateTlsAsync(stream, options, cancellationToken);
            }

            session = new SmtpSession(tcp, stream, options.CommandTimeout);
            await ExpectAsync(await session.ReadReplyAsync(cancellationToken), "greeting");
            await session.HelloAsync(options.HeloName, cancellationToken);
            if (options.Tls == SmtpTlsMode.StartTls)
            {
                if (!session._extensions.Contains("STARTTLS"))
                {
                    throw new SmtpTransportException("The server does not offer STARTTLS and the configuration requires it.");
                }

                await ExpectAsync(await session.CommandAsync("STARTTLS", cancellationToken), "STARTTLS");
                session._stream = await AuthenticateTlsAsync(session._stream, options, cancellationToken);
                session._reader = NewReader(session._stream);
                await session.HelloAsync(options.HeloName, cancellationToken);
            }

            if (!string.IsNullOrEmpty(options.UserName))
            {
                await session.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
            }

            return session;
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
            else
            {
                tcp.Dispose();
            }

            throw new SmtpTransportException(e is OperationCanceledException ? "Timed out connecting to the mail server." : $"Cannot talk to the mail server: {e.Message}", e);
        }
        catch
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
            else
            {
                tcp.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// One transaction. Returns the first negative reply (MAIL, RCPT or the end of DATA) or the final positive one;
    /// after a negative reply the transaction is reset so the connection serves the next message.
    /// </summary>
    public async Task<SmtpReply> SendAsync(string envelopeFrom, string recipient, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var eightBit = _extensions.Contains("8BITMIME") ? " BODY=8BITMIME" : string.Empty;
        var reply = await CommandAsync($"MAIL FROM:<{envelopeFrom}>{eightBit}", cancellationToken);
        if (!reply.IsPositive)
        {
            await ResetAsync(cancellationToken);
            return reply;
        }

        reply = await CommandAsync($"RCPT TO:<{recipient}>", cancellationToken);
        if (!reply.IsPositive)
        {
            await ResetAsync(cancellationToken);
            return reply;
        }

        reply = await CommandAsync("DATA", cancellationToken);
        if (reply.Code != 354)
        {
            await ResetAsync(cancellationToken);
            return reply;
        }

        await WriteDotStuffedAsync(message, cancellationToken);
        return await ReadReplyAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!IsBroken)
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await CommandAsync("QUIT", quit.Token);
            }
            catch (Exception e) when (e is SmtpTransportException or OperationCanceledException)
            {
                // Closing anyway.
            }
        }

        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static StreamReader NewReader(Stream stream) => new(stream, Encoding.ASCII, false, 4096, leaveOpen: true);

    private static async Task<Stream> AuthenticateTlsAsync(Stream inner, SmtpOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            // A pinned certificate is trusted for exactly what it is, whatever its chain or name.
            return certificate is not null && !string.IsNullOrEmpty(options.PinnedCertificateSha256)
                && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), options.PinnedCertificateSha256.Replace(":", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        });
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handshake.CancelAfter(options.CommandTimeout);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host, EnabledSslProtocols = SslProtocols.None }, handshake.Token);
        return ssl;
    }

    private async Task HelloAsync(string heloName, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync($"EHLO {heloName}", cancellationToken);
        await ExpectAsync(reply, "EHLO");
        var lines = reply.Text.Split('\n');
        _extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var keyword = line.Trim().Split(' ', 2)[0];
            _extensions.Add(keyword);
            if (keyword.Equals("AUTH", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var mechanism in line.Trim().Split(' ').Skip(1))
                {
                    _extensions.Add("AUTH=" + mechanism);
                }
            }
        }
    }

    private async Task AuthenticateAsync(string user, string password, CancellationToken cancellationToken)
    {
        SmtpReply reply;
        if (_extensions.Contains("AUTH=PLAIN") || !_extensions.Contains("AUTH=LOGIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            reply = await CommandAsync($"AUTH PLAIN {token}", cancellationToken);
        }
        else
        {
            reply = await CommandAsync("AUTH LOGIN", cancellationToken);
            if (reply.Code == 334)
            {
                reply = await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), cancellationToken);
            }

            if (reply.Code == 334)
            {
                reply = await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), cancellationToken);
            }
        }

        // Credentials refused are a configuration problem: every message would fail the same way, so nothing is sent.
        await ExpectAsync(reply, "AUTH");
    }

    private static Task ExpectAsync(SmtpReply reply, string step) => reply.IsPositive
        ? Task.CompletedTask
        : throw new SmtpTransportException($"{step} refused: {reply}");

    private async Task ResetAsync(CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("RSET", cancellationToken);
        if (!reply.IsPositive)
        {
            IsBroken = true;
        }
    }

    private async Task<SmtpReply> CommandAsync(string line, CancellationToken cancellationToken)
    {
        await WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);
        return await ReadReplyAsync(cancellationToken);
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await _stream.WriteAsync(bytes, timeout.Token);
            await _stream.FlushAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            IsBroken = true;
            throw new SmtpTransportException("Writing to the mail server failed.", e);
        }
    }

    /// <summary>Writes the message with leading dots doubled (RFC 5321 §4.5.2) and the final lone dot.</summary>
    private async Task WriteDotStuffedAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream(message.Length + 64);
        var span = message.Span;
        var atLineStart = true;
        foreach (var b in span)
        {
            if (atLineStart && b == (byte)'.')
            {
                buffer.WriteByte((byte)'.');
            }

            buffer.WriteByte(b);
            atLineStart = b == (byte)'\n';
        }

        if (!atLineStart)
        {
            buffer.Write("\r\n"u8);
        }

        buffer.Write(".\r\n"u8);
        await WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    private async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var text = new StringBuilder();
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token);
                if (line is null || line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
                {
                    IsBroken = true;
                    throw new SmtpTransportException(line is null ? "The mail server closed the connection." : "The mail server answered something that is not SMTP.");
                }

                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(line.Length > 4 ? line[4..] : string.Empty);
                if (line.Length == 3 || line[3] == ' ')
                {
                    return new SmtpReply(code, text.ToString());
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            IsBroken = true;
            throw new SmtpTransportException("Reading from the mail server failed or timed out.", e);
        }
    }
}
