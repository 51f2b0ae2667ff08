using System.Text.Json;

namespace Maillage.Domain.Procurement;

/// <summary>One entry read from a file: a release, or the reason the entry at that position was skipped.</summary>
/// <param name="Position">1-based position of the release (or record) in its array; 0 for the file itself.</param>
/// <param name="ByteOffset">Where the entry starts in the file.</param>
public sealed record OcdsEntry(int Position, long ByteOffset, OcdsRelease? Release, string? SkipReason, string? ReferenceId)
{
    public bool Skipped => Release is null;
}

/// <summary>
/// Reads OCDS files as a stream: release packages, record packages (the compiled release of each record, or its
/// embedded releases), a single release, or a bare array of releases. Only one release is held in memory at a
/// time (a <see cref="JsonDocument"/> per release over a growing window of the file), so a 100 MB package costs
/// the size of its largest release. Broken entries are reported with their position and the reading goes on; a
/// syntax error stops the reading there (what came before is kept) and is reported at its byte offset.
/// </summary>
public sealed class OcdsReader
{
    public const int MaxEntryBytes = 64 * 1024 * 1024;

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Stream _stream;
    private readonly Queue<OcdsEntry> _pending = new();
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private bool _bomChecked;
    private JsonReaderState _state = new(Options);
    private Phase _phase = Phase.Start;
    private ArrayKind _arrayKind;
    private bool _topLevelArray;
    private int _rootStart = -1;
    private bool _rootHasOcid;
    private bool _sawArray;
    private int _position;

    public OcdsReader(Stream stream, int bufferSize = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _buffer = new byte[Math.Max(bufferSize, 16)];
    }

    private enum Phase
    {
        Start,
        Root,
        Array,
        Done,
    }

    private enum ArrayKind
    {
        Releases,
        Records,
    }

    private enum Step
    {
        Progress,
        NeedMore,
    }

    /// <summary>The package's "version" ("1.0" when absent, as OCDS 1.0 packages may omit it).</summary>
    public string Version { get; private set; } = "1.0";

    /// <summary>Bytes of the file read so far (for progress).</summary>
    public long BytesRead => _bufferOffset + _end;

    /// <summary>Reads every entry of a stream.</summary>
    public static IEnumerable<OcdsEntry> ReadAll(Stream stream)
    {
        var reader = new OcdsReader(stream);
        while (reader.Next() is { } entry)
        {
            yield return entry;
        }
    }

    /// <summary>The next entry, or null at the end of the file.</summary>
    public OcdsEntry? Next()
    {
        while (true)
        {
            if (_pending.TryDequeue(out var ready))
            {
                return ready;
            }

            if (_phase == Phase.Done)
            {
                return null;
            }

            Step step;
            try
            {
                step = Advance();
            }
            catch (JsonException e)
            {
                _phase = Phase.Done;
                var at = _bufferOffset + _start + (e.BytePositionInLine ?? 0);
                _pending.Enqueue(new OcdsEntry(_position + 1, at, null, $"invalid JSON (line {(e.LineNumber ?? 0) + 1}): reading stopped here", null));
                continue;
            }

            if (step == Step.NeedMore)
            {
                if (_eof)
                {
                    _phase = Phase.Done;
                    _pending.Enqueue(new OcdsEntry(_position + 1, _bufferOffset + _start, null, "the file ends in the middle of the JSON", null));
                    continue;
                }

                if (!Refill())
                {
                    _phase = Phase.Done;
                    _pending.Enqueue(new OcdsEntry(_position + 1, _bufferOffset + _start, null, $"an entry larger than {MaxEntryBytes / (1024 * 1024)} MB", null));
                }
            }
        }
    }

    private Step Advance()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
        switch (_phase)
        {
            case Phase.Start:
                if (_eof && _buffer.AsSpan(_start, _end - _start).Trim(" \t\r\n"u8).IsEmpty)
                {
                    _phase = Phase.Done;
                    _pending.Enqueue(new OcdsEntry(0, 0, null, "empty file", null));
                    return Step.Progress;
                }

                if (!reader.Read())
                {
                    return Step.NeedMore;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    _rootStart = _start + (int)reader.TokenStartIndex;
                    _phase = Phase.Root;
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    _phase = Phase.Array;
                    _arrayKind = ArrayKind.Releases;
                    _topLevelArray = true;
                    _sawArray = true;
                }
                else
                {
                    _phase = Phase.Done;
                    _pending.Enqueue(new OcdsEntry(0, 0, null, "not OCDS: the file is not a JSON object or array", null));
                }

                Commit(ref reader);
                return Step.Progress;

            case Phase.Root:
                return AdvanceRoot(ref reader);

            case Phase.Array:
                return AdvanceArray(ref reader);

            default:
                return Step.Progress;
        }
    }

    private Step AdvanceRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMore;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            var rootEnd = _start + (int)reader.BytesConsumed;
            Commit(ref reader);
            _phase = Phase.Done;
            if (!_sawArray)
            {
                if (_rootHasOcid)
                {
                    using var document = JsonDocument.Parse(_buffer.AsMemory(_rootStart, rootEnd - _rootStart), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                    _position = 1;
                    EnqueueRelease(document.RootElement, 1, _bufferOffset + _rootStart);
                }
                else
                {
                    _pending.Enqueue(new OcdsEntry(0, 0, null, "not OCDS: no \"releases\", \"records\" or \"ocid\"", null));
                }
            }

            return Step.Progress;
        }

        var name = reader.GetString();
        if (!reader.Read())
        {
            return Step.NeedMore;
        }

        if ((name == "releases" || name == "records") && reader.TokenType == JsonTokenType.StartArray)
        {
            _arrayKind = name == "releases" ? ArrayKind.Releases : ArrayKind.Records;
            _sawArray = true;
            _phase = Phase.Array;
            Commit(ref reader);
            return Step.Progress;
        }

        if (name == "ocid" && reader.TokenType == JsonTokenType.String)
        {
            _rootHasOcid = true;
        }
        else if (name == "version" && reader.TokenType == JsonTokenType.String)
        {
            Version = reader.GetString() ?? Version;
        }
        else if (!reader.TrySkip())
        {
            return Step.NeedMore;
        }

        Commit(ref reader);
        return Step.Progress;
    }

    private Step AdvanceArray(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMore;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            Commit(ref reader);
            _phase = _topLevelArray ? Phase.Done : Phase.Root;
            return Step.Progress;
        }

        var offset = _bufferOffset + _start + reader.TokenStartIndex;
        var probe = reader;
        if (!probe.TrySkip())
        {
            return Step.NeedMore;
        }

        _position++;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            _ = reader.TrySkip();
            Commit(ref reader);
            _pending.Enqueue(new OcdsEntry(_position, offset, null, $"not an object ({reader.TokenType})", null));
            return Step.Progress;
        }

        using (var document = JsonDocument.ParseValue(ref reader))
        {
            Commit(ref reader);
            if (_arrayKind == ArrayKind.Releases)
            {
                EnqueueRelease(document.RootElement, _position, offset);
            }
            else
            {
                EnqueueRecord(document.RootElement, _position, offset);
            }
        }

        return Step.Progress;
    }

    private void EnqueueRelease(JsonElement element, int position, long offset)
    {
        var release = OcdsReleaseParser.Parse(element, out var reason);
        var reference = element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
            : element.TryGetProperty("ocid", out var ocid) && ocid.ValueKind == JsonValueKind.String ? ocid.GetString() : null;
        _pending.Enqueue(new OcdsEntry(position, offset, release, reason, reference));
    }

    private void EnqueueRecord(JsonElement record, int position, long offset)
    {
        var ocid = record.TryGetProperty("ocid", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
        if (record.TryGetProperty("compiledRelease", out var compiled) && compiled.ValueKind == JsonValueKind.Object)
        {
            EnqueueRelease(compiled, position, offset);
            return;
        }

        // Without a compiled release, the record's embedded releases (not mere links) are the data.
        var embedded = record.TryGetProperty("releases", out var releases) && releases.ValueKind == JsonValueKind.Array
            ? releases.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("ocid", out _)).ToList()
            : [];
        if (embedded.Count == 0)
        {
            _pending.Enqueue(new OcdsEntry(position, offset, null, "record without compiled release nor embedded releases (only links)", ocid));
            return;
        }

        foreach (var release in embedded)
        {
            EnqueueRelease(release, position, offset);
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <returns>False when one entry would exceed <see cref="MaxEntryBytes"/>.</returns>
    private bool Refill()
    {
        // While a single release may be the root object, its first byte must stay in the window.
        var keepFrom = _phase == Phase.Root && !_sawArray && _rootStart >= 0 ? _rootStart : _start;
        if (keepFrom > 0)
        {
            System.Array.Copy(_buffer, keepFrom, _buffer, 0, _end - keepFrom);
            _end -= keepFrom;
            _start -= keepFrom;
            if (_rootStart >= 0)
            {
                _rootStart -= keepFrom;
            }

            _bufferOffset += keepFrom;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxEntryBytes)
            {
                return false;
            }

            System.Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxEntryBytes));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        if (!_bomChecked && (_end >= 3 || _eof))
        {
            _bomChecked = true;
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = 3;
                if (_rootStart >= 0)
                {
                    _rootStart = Math.Max(_rootStart, 3);
                }
            }
        }

        return true;
    }
}
