using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Maillage.Web.Features.Email;
using Maillage.Web.Tests.Infrastructure;

namespace Maillage.Web.Tests.Email;

/// <summary>
/// The real SMTP server scripts/test.sh starts (MAILLAGE_TEST_SMTP="host:port directory"): every message it accepted
/// is a file in the directory. Without it the email tests fail, they are never skipped.
/// </summary>
public sealed partial class SmtpSink
{
    private SmtpSink(string host, int port, string directory)
    {
        Host = host;
        Port = port;
        Directory = directory;
    }

    public string Host { get; }

    public int Port { get; }

    public string Directory { get; }

    /// <summary>The server the test command started.</summary>
    public static SmtpSink Shared
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("MAILLAGE_TEST_SMTP")
                ?? throw new InvalidOperationException("MAILLAGE_TEST_SMTP is not set: run the tests with scripts/test.sh, which starts an SMTP server (or scripts/smtp.sh start).");
            var parts = value.Split(' ', 2);
            var hostPort = parts[0].Split(':');
            return new SmtpSink(hostPort[0], int.Parse(hostPort[1], System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        }
    }

    /// <summary>Options for a dispatcher sending to this server as fast as it can.</summary>
    public SmtpOptions Options(Action<SmtpOptions>? change = null)
    {
        var options = new SmtpOptions
        {
            Host = Host,
            Port = Port,
            Tls = SmtpTlsMode.None,
            FromAddress = "envoi@maillage.example",
            HeloName = "tests.maillage.example",
            MaxPerSecond = 0,
            BatchSize = 50,
            CommandTimeout = TimeSpan.FromSeconds(10),
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>Messages that arrived for <paramref name="recipient"/>, now.</summary>
    public IReadOnlyList<ReceivedMail> For(string recipient) =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.eml").Select(ReceivedMail.Read).Where(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Waits until <paramref name="count"/> messages arrived for <paramref name="recipient"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string recipient, int count = 1, int seconds = 20)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var mails = For(recipient);
            if (mails.Count >= count || watch.Elapsed.TotalSeconds > seconds)
            {
                return mails;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts another real server on a free port (for the "server down, then up" story); dispose stops it.</summary>
    public static async Task<PrivateServer> StartPrivateAsync(int port, string? auth = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "maillage-smtp-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "scripts", "smtp_sink.py"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(directory);
        if (auth is not null)
        {
            start.ArgumentList.Add("--auth");
            start.ArgumentList.Add(auth);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new PrivateServer(process, new SmtpSink("127.0.0.1", port, directory));
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill();
        throw new InvalidOperationException("The private SMTP server did not start: " + await process.StandardError.ReadToEndAsync());
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public sealed class PrivateServer(Process process, SmtpSink sink) : IDisposable
    {
        public SmtpSink Sink { get; } = sink;

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }

            process.Dispose();
        }
    }
}

/// <summary>One message as the server stored it: headers (unfolded, encoded words decoded) and decoded MIME parts.</summary>
public sealed partial class ReceivedMail
{
    public required IReadOnlyList<string> Recipients { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required IReadOnlyDictionary<string, string> Parts { get; init; }

    public required string Raw { get; init; }

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Text => Parts["text/plain"];

    public string Html => Parts["text/html"];

    public static ReceivedMail Read(string path)
    {
        var raw = File.ReadAllText(path, Encoding.ASCII).Replace("\r\n", "\n", StringComparison.Ordinal);
        var (headers, body) = Split(raw);
        var recipients = headers.Where(h => h.Key == "X-Sink-Rcpt").SelectMany(h => h.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var parts = new Dictionary<string, string>();
        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;
        var boundary = BoundaryPattern().Match(contentType);
        if (boundary.Success)
        {
            foreach (var section in body.Split("--" + boundary.Groups[1].Value).Skip(1))
            {
                if (section.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (partHeaders, partBody) = Split(section.TrimStart('\n'));
                var type = partHeaders.First(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value.Split(';')[0].Trim();
                var encoding = partHeaders.FirstOrDefault(h => h.Key.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value;
                parts[type] = encoding == "base64" ? Encoding.UTF8.GetString(Convert.FromBase64String(partBody.Replace("\n", string.Empty, StringComparison.Ordinal))) : partBody;
            }
        }

        return new ReceivedMail { Recipients = recipients, Headers = headers, Parts = parts, Raw = raw };
    }

    private static (List<KeyValuePair<string, string>> Headers, string Body) Split(string text)
    {
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? string.Empty : text[(end + 2)..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "\n" + line);
            }
            else if (line.Contains(':', StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        return ([.. headers.Select(h => new KeyValuePair<string, string>(h.Key, DecodeWords(h.Value)))], body);
    }

    private static string DecodeWords(string value)
    {
        // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
        var joined = BetweenWords().Replace(value, "?==?");
        joined = EncodedWord().Replace(joined, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
        return joined.Replace("\n", string.Empty, StringComparison.Ordinal);
    }

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?utf-8\?B\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}

/// <summary>A clock the test moves by hand, so a retry's back-off can elapse at once.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
