namespace Maillage.Domain.Search;

/// <summary>
/// An in-memory inverted index for French text with facets and a geographic filter.
/// <list type="bullet">
/// <item>Terms are stemmed folded words (<see cref="FrenchAnalyzer"/>); postings are flat arrays in document order.</item>
/// <item>Typos: every folded word of the vocabulary is also indexed under each single-character deletion, so a query
/// word finds words one or two edits away (a deletion on either side), confirmed by <see cref="EditDistance"/>.</item>
/// <item>Prefixes: the last query word also matches the words it starts (people are still typing).</item>
/// <item>Ranking: documents matching more of the query's words come first; then a BM25-like score where title
/// matches weigh three times body matches, exact words beat typo and prefix matches, times the document's boost
/// and a nearness bonus.</item>
/// <item>Updates replace a document under a write lock; the old version is tombstoned and skipped, and the index
/// compacts itself when tombstones pile up. Searches run concurrently under a read lock.</item>
/// </list>
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const int MaxQueryLength = 500;
    public const int MaxQueryWords = 8;
    private const double TitleWeight = 3.0;
    private const double ExactWeight = 1.0;
    private const double TypoWeight = 0.6;
    private const double PrefixWeight = 0.75;
    private const int MaxPrefixExpansions = 40;
    private const int MaxPrefixExpansionsOfKnownWord = 3;
    private const int MaxTypoCandidates = 40;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _docByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<PostingList> _postings = [];
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
    private readonly List<WordEntry> _words = [];
    private readonly Dictionary<string, List<int>> _wordsByDeletion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _facetIds = new(StringComparer.Ordinal);
    private readonly List<FacetField> _facets = [];
    private DocEntry[] _docs = new DocEntry[1024];

    // Hot per-document data kept dense, apart from the entries, so that scoring walks arrays, not structs.
    private bool[] _alive = new bool[1024];
    private float[] _lengthNorm = new float[1024];

    // Per facet, per document: 0 no value, v + 1 the single value v, -1 several (then read the entry's list).
    private readonly List<int[]> _facetColumns = [];
    private int _docCount;
    private int _aliveCount;
    private string[]? _sortedWords;

    private sealed class PostingList
    {
        public int[] Docs = new int[4];
        public byte[] TitleCounts = new byte[4];
        public byte[] BodyCounts = new byte[4];
        public int Count;
        public int Alive;

        public void Add(int doc, int titleCount, int bodyCount)
        {
            if (Count == Docs.Length)
            {
                Array.Resize(ref Docs, Count * 2);
                Array.Resize(ref TitleCounts, Count * 2);
                Array.Resize(ref BodyCounts, Count * 2);
            }

            Docs[Count] = doc;
            TitleCounts[Count] = (byte)Math.Min(titleCount, 255);
            BodyCounts[Count] = (byte)Math.Min(bodyCount, 255);
            Count++;
            Alive++;
        }
    }

    private sealed class WordEntry(string text, int termId)
    {
        public string Text { get; } = text;

        public int TermId { get; } = termId;

        public int Documents { get; set; }
    }

    private sealed class FacetField
    {
        public Dictionary<string, int> ValueIds { get; } = new(StringComparer.Ordinal);

        public List<string> Values { get; } = [];

        public int IdOf(string value)
        {
            if (!ValueIds.TryGetValue(value, out var id))
            {
                id = Values.Count;
                ValueIds[value] = id;
                Values.Add(value);
            }

            return id;
        }
    }

    private struct DocEntry
    {
        public string Key;
        public bool Alive;
        public int[][] FacetValues;
        public double Latitude;
        public double Longitude;
        public bool HasLocation;
        public double Boost;
        public int Length;
        public int[] Terms;
        public int[] Words;
    }

    public void Dispose() => _lock.Dispose();

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _aliveCount;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Upsert(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var titleTerms = FrenchAnalyzer.Terms(document.Title);
        var bodyTerms = FrenchAnalyzer.Terms(document.Body);
        var words = FrenchAnalyzer.Words(document.Title + " " + document.Body).Where(w => w.Length <= 40).Distinct(StringComparer.Ordinal).ToList();

        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(document.Key);
            var doc = _docCount++;
            if (doc == _docs.Length)
            {
                Array.Resize(ref _docs, _docs.Length * 2);
                Array.Resize(ref _alive, _docs.Length);
                Array.Resize(ref _lengthNorm, _docs.Length);
                for (var f = 0; f < _facetColumns.Count; f++)
                {
                    var column = _facetColumns[f];
                    Array.Resize(ref column, _docs.Length);
                    _facetColumns[f] = column;
                }
            }

            var counts = new Dictionary<int, (int Title, int Body)>();
            foreach (var term in titleTerms)
            {
                var id = TermId(term);
                counts[id] = counts.TryGetValue(id, out var c) ? (c.Title + 1, c.Body) : (1, 0);
            }

            foreach (var term in bodyTerms)
            {
                var id = TermId(term);
                counts[id] = counts.TryGetValue(id, out var c) ? (c.Title, c.Body + 1) : (0, 1);
            }

            foreach (var (termId, (title, body)) in counts)
            {
                _postings[termId].Add(doc, title, body);
            }

            var wordIds = new List<int>(words.Count);
            foreach (var word in words)
            {
                if (!FrenchAnalyzer.StopWords.Contains(word))
                {
                    var entry = RegisterWord(word, out var wordId);
                    entry.Documents++;
                    wordIds.Add(wordId);
                }
            }

            var facetValues = new int[_facets.Count + document.Facets.Count][];
            foreach (var (name, values) in document.Facets)
            {
                var facet = FacetId(name);
                if (facet >= facetValues.Length)
                {
                    Array.Resize(ref facetValues, facet + 1);
                }

                facetValues[facet] = values.Distinct(StringComparer.Ordinal).Select(v => _facets[facet].IdOf(v)).ToArray();
                _facetColumns[facet][doc] = facetValues[facet].Length switch
                {
                    0 => 0,
                    1 => facetValues[facet][0] + 1,
                    _ => -1,
                };
            }

            _docs[doc] = new DocEntry
            {
                Key = document.Key,
                Alive = true,
                FacetValues = facetValues,
                Latitude = document.Location?.Latitude ?? 0,
                Longitude = document.Location?.Longitude ?? 0,
                HasLocation = document.Location is not null,
                Boost = document.Boost > 0 ? document.Boost : 1.0,
                Length = titleTerms.Count + bodyTerms.Count,
                Terms = [.. counts.Keys],
                Words = [.. wordIds],
            };
            _alive[doc] = true;
            _lengthNorm[doc] = 0.75f + (0.25f * Math.Min(titleTerms.Count + bodyTerms.Count, 200) / 40f);
            _docByKey[document.Key] = doc;
            _aliveCount++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(string key)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveLocked(key);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Words of the vocabulary that start like <paramref name="prefix"/>, most common first (autocomplete).</summary>
    public IReadOnlyList<string> Suggest(string? prefix, int max = 8)
    {
        var word = FrenchAnalyzer.Words(prefix).LastOrDefault();
        if (word is null || word.Length < 2)
        {
            return [];
        }

        _lock.EnterReadLock();
        try
        {
            return PrefixWords(word).OrderByDescending(w => w.Documents).ThenBy(w => w.Text, StringComparer.Ordinal).Take(max).Select(w => w.Text).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public SearchResults Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Query ?? string.Empty;
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }

        var queryWords = FrenchAnalyzer.Words(text).Where(w => w.Length <= 40).Distinct(StringComparer.Ordinal).ToList();
        var meaningful = queryWords.Where(w => !FrenchAnalyzer.StopWords.Contains(w)).ToList();
        queryWords = (meaningful.Count > 0 ? meaningful : queryWords).Take(MaxQueryWords).ToList();

        _lock.EnterReadLock();
        try
        {
            return SearchLocked(request, queryWords);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private SearchResults SearchLocked(SearchRequest request, List<string> queryWords)
    {
        var filters = ResolveFilters(request.Filters);
        var facetNames = (request.FacetNames ?? []).Where(_facetIds.ContainsKey).ToList();
        var facetCounts = facetNames.Select(n => new int[_facets[_facetIds[n]].Values.Count]).ToArray();
        var facetIds = facetNames.Select(n => _facetIds[n]).ToArray();
        var facetColumns = facetIds.Select(f => _facetColumns[f]).ToArray();
        var wanted = Math.Max(0, request.Skip) + Math.Clamp(request.Take, 0, 1000);
        var top = new PriorityQueue<(int Doc, float Score, int Matched, double? Distance), (int Matched, float Score, int Doc)>(wanted + 1, TopComparer.Instance);
        var total = 0;

        var totals = System.Buffers.ArrayPool<float>.Shared.Rent(_docCount);
        var matched = System.Buffers.ArrayPool<byte>.Shared.Rent(_docCount);
        var candidates = new List<int>();
        try
        {
            if (queryWords.Count > 0)
            {
                Array.Clear(totals, 0, _docCount);
                Array.Clear(matched, 0, _docCount);
                ScoreWords(queryWords, totals, matched, candidates);
            }
            else
            {
                for (var doc = 0; doc < _docCount; doc++)
                {
                    if (_alive[doc])
                    {
                        candidates.Add(doc);
                    }
                }
            }

            foreach (var doc in candidates)
            {
                ref var entry = ref _docs[doc];

                // Which filters fail: none → counted everywhere; exactly one → counted for that facet only.
                double? distance = null;
                if (request.Near is { } near)
                {
                    if (!entry.HasLocation)
                    {
                        continue;
                    }

                    distance = near.Centre.KilometresTo(new GeoPoint(entry.Latitude, entry.Longitude));
                    if (distance > near.RadiusKm)
                    {
                        continue;
                    }
                }

                var failedFacet = -1;
                var failures = 0;
                foreach (var (facet, accepted) in filters)
                {
                    var code = facet < _facetColumns.Count ? _facetColumns[facet][doc] : 0;
                    var passes = code > 0 ? accepted.Contains(code - 1) : code < 0 && ContainsAny(entry.FacetValues[facet], accepted);
                    if (!passes)
                    {
                        failures++;
                        failedFacet = facet;
                    }
                }

                if (failures > 1)
                {
                    continue;
                }

                for (var f = 0; f < facetIds.Length; f++)
                {
                    if (failures == 1 && failedFacet != facetIds[f])
                    {
                        continue;
                    }

                    var code = facetColumns[f][doc];
                    if (code > 0)
                    {
                        facetCounts[f][code - 1]++;
                    }
                    else if (code < 0)
                    {
                        foreach (var value in entry.FacetValues[facetIds[f]])
                        {
                            facetCounts[f][value]++;
                        }
                    }
                }

                if (failures > 0)
                {
                    continue;
                }

                total++;
                var score = queryWords.Count > 0 ? totals[doc] : 1f;
                if (distance is { } km)
                {
                    // Nearer is a little better: up to +50 % at the centre, fading out at 50 km.
                    score *= (float)(1 + (0.5 * Math.Max(0, 1 - (km / 50))));
                }

                var candidate = (doc, (float)(score * entry.Boost), queryWords.Count > 0 ? (int)matched[doc] : 0, distance);
                if (wanted == 0)
                {
                    continue;
                }

                if (top.Count < wanted)
                {
                    top.Enqueue(candidate, (candidate.Item3, candidate.Item2, doc));
                }
                else if (top.TryPeek(out _, out var worst) && TopComparer.Instance.Compare((candidate.Item3, candidate.Item2, doc), worst) > 0)
                {
                    top.EnqueueDequeue(candidate, (candidate.Item3, candidate.Item2, doc));
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(totals);
            System.Buffers.ArrayPool<byte>.Shared.Return(matched);
        }

        var ranked = new List<(int Doc, float Score, int Matched, double? Distance)>(top.Count);
        while (top.Count > 0)
        {
            ranked.Add(top.Dequeue());
        }

        ranked.Reverse();
        var page = ranked.Skip(Math.Max(0, request.Skip))
            .Select(h => new SearchHit(_docs[h.Doc].Key, Math.Round(h.Score, 6), h.Matched, h.Distance is { } d ? Math.Round(d, 3) : null))
            .ToList();
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        for (var f = 0; f < facetIds.Length; f++)
        {
            var values = _facets[facetIds[f]].Values;
            facets[facetNames[f]] = facetCounts[f]
                .Select((count, value) => new FacetCount(values[value], count))
                .Where(c => c.Count > 0)
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Value, StringComparer.Ordinal)
                .ToList();
        }

        foreach (var name in request.FacetNames ?? [])
        {
            facets.TryAdd(name, []);
        }

        return new SearchResults(page, total, facets, queryWords);
    }

    private static bool ContainsAny(int[] values, HashSet<int> accepted)
    {
        foreach (var value in values)
        {
            if (accepted.Contains(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Orders hits best first: more query words matched, then higher score, then earlier document.</summary>
    private sealed class TopComparer : IComparer<(int Matched, float Score, int Doc)>
    {
        public static readonly TopComparer Instance = new();

        // The priority queue keeps its smallest element on top: "smallest" is the worst hit.
        public int Compare((int Matched, float Score, int Doc) x, (int Matched, float Score, int Doc) y)
        {
            var byMatched = x.Matched.CompareTo(y.Matched);
            if (byMatched != 0)
            {
                return byMatched;
            }

            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Doc.CompareTo(x.Doc);
        }
    }

    /// <summary>For each query word, the best match per document (exact, typo or prefix); then the sum over words.</summary>
    private void ScoreWords(List<string> queryWords, float[] totals, byte[] matched, List<int> candidates)
    {
        var alive = Math.Max(1, _aliveCount);
        var best = System.Buffers.ArrayPool<float>.Shared.Rent(_docCount);
        Array.Clear(best, 0, _docCount);
        var touched = new List<int>();
        try
        {
            for (var i = 0; i < queryWords.Count; i++)
            {
                touched.Clear();
                foreach (var (termId, weight) in Expand(queryWords[i], isLast: i == queryWords.Count - 1))
                {
                    var postings = _postings[termId];
                    var idf = (float)(weight * Math.Log(1 + ((alive - postings.Alive + 0.5) / (postings.Alive + 0.5))));
                    var docs = postings.Docs;
                    var titles = postings.TitleCounts;
                    var bodies = postings.BodyCounts;
                    for (var p = 0; p < postings.Count; p++)
                    {
                        var doc = docs[p];
                        if (!_alive[doc])
                        {
                            continue;
                        }

                        var frequency = ((float)TitleWeight * titles[p]) + bodies[p];
                        var score = idf * (frequency * 2.2f / (frequency + (1.2f * _lengthNorm[doc])));
                        var previous = best[doc];
                        if (score > previous)
                        {
                            if (previous == 0)
                            {
                                touched.Add(doc);
                            }

                            best[doc] = score;
                        }
                    }
                }

                foreach (var doc in touched)
                {
                    if (matched[doc] == 0)
                    {
                        candidates.Add(doc);
                    }

                    totals[doc] += best[doc];
                    matched[doc]++;
                    best[doc] = 0;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(best);
        }
    }

    /// <summary>The terms a query word stands for, each with how much a match on it is worth.</summary>
    private Dictionary<int, double> Expand(string word, bool isLast)
    {
        var expansions = new Dictionary<int, double>();
        void Offer(int termId, double weight)
        {
            if (weight > expansions.GetValueOrDefault(termId))
            {
                expansions[termId] = weight;
            }
        }

        var stemKnown = _termIds.TryGetValue(FrenchAnalyzer.Stem(word), out var exact) && _postings[exact].Alive > 0;
        if (stemKnown)
        {
            Offer(exact, ExactWeight);
        }

        // A word the catalogue knows (as typed, or by its stem) is taken as typed: looking for its typos would only
        // add noise and work.
        var isKnown = (_wordIds.TryGetValue(word, out var known) && _words[known].Documents > 0) || stemKnown;
        if (_wordIds.TryGetValue(word, out known) && _words[known].Documents > 0)
        {
            Offer(_words[known].TermId, ExactWeight);
        }

        var allowed = isKnown ? 0 : EditDistance.AllowedTypos(word.Length);
        if (allowed > 0)
        {
            var candidates = new HashSet<int>();
            foreach (var variant in DeletionsOf(word).Append(word))
            {
                if (_wordsByDeletion.TryGetValue(variant, out var ids))
                {
                    candidates.UnionWith(ids);
                }

                if (_wordIds.TryGetValue(variant, out var direct))
                {
                    candidates.Add(direct);
                }
            }

            foreach (var id in candidates.Where(id => _words[id].Documents > 0).OrderByDescending(id => _words[id].Documents).Take(MaxTypoCandidates))
            {
                var candidate = _words[id];
                var distance = EditDistance.Bounded(word, candidate.Text, allowed);
                if (distance <= allowed)
                {
                    Offer(candidate.TermId, distance == 0 ? ExactWeight : TypoWeight / distance);
                }
            }
        }

        // The last word may still be being typed; a complete known word only borrows its few most common longer forms.
        if (isLast && word.Length >= 3)
        {
            foreach (var candidate in PrefixWords(word).OrderByDescending(w => w.Documents).Take(isKnown ? MaxPrefixExpansionsOfKnownWord : MaxPrefixExpansions))
            {
                Offer(candidate.TermId, candidate.Text.Length == word.Length ? ExactWeight : PrefixWeight);
            }
        }

        return expansions;
    }

    private IEnumerable<WordEntry> PrefixWords(string prefix)
    {
        _sortedWords ??= BuildSortedWords();
        var sorted = _sortedWords;
        var index = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        if (index < 0)
        {
            index = ~index;
        }

        for (var i = index; i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var entry = _words[_wordIds[sorted[i]]];
            if (entry.Documents > 0)
            {
                yield return entry;
            }
        }
    }

    private string[] BuildSortedWords()
    {
        // Built on a reader's first prefix query after a change; concurrent readers may build it twice, harmlessly.
        var words = _words.Select(w => w.Text).ToArray();
        Array.Sort(words, StringComparer.Ordinal);
        return words;
    }

    private List<(int Facet, HashSet<int> Accepted)> ResolveFilters(IReadOnlyDictionary<string, IReadOnlyCollection<string>>? filters)
    {
        var resolved = new List<(int, HashSet<int>)>();
        foreach (var (name, values) in filters ?? new Dictionary<string, IReadOnlyCollection<string>>())
        {
            if (values.Count == 0)
            {
                continue;
            }

            // An unknown facet or value accepts nothing: the filter stands, and matches no document.
            var accepted = new HashSet<int>();
            if (_facetIds.TryGetValue(name, out var facet))
            {
                foreach (var value in values)
                {
                    if (_facets[facet].ValueIds.TryGetValue(value, out var id))
                    {
                        accepted.Add(id);
                    }
                }
            }
            else
            {
                facet = int.MaxValue;
            }

            resolved.Add((facet, accepted));
        }

        return resolved;
    }

    private bool RemoveLocked(string key)
    {
        if (!_docByKey.Remove(key, out var doc))
        {
            return false;
        }

        ref var entry = ref _docs[doc];
        entry.Alive = false;
        _alive[doc] = false;
        foreach (var termId in entry.Terms)
        {
            _postings[termId].Alive--;
        }

        foreach (var wordId in entry.Words)
        {
            _words[wordId].Documents--;
        }

        _aliveCount--;
        if (_docCount > 10_000 && _aliveCount < _docCount / 2)
        {
            Compact();
        }

        return true;
    }

    /// <summary>Drops tombstoned documents from every posting list and renumbers the living ones, keeping their order.</summary>
    private void Compact()
    {
        var renumber = new int[_docCount];
        var next = 0;
        for (var doc = 0; doc < _docCount; doc++)
        {
            renumber[doc] = _docs[doc].Alive ? next++ : -1;
        }

        foreach (var postings in _postings)
        {
            var kept = 0;
            for (var p = 0; p < postings.Count; p++)
            {
                var target = renumber[postings.Docs[p]];
                if (target < 0)
                {
                    continue;
                }

                postings.Docs[kept] = target;
                postings.TitleCounts[kept] = postings.TitleCounts[p];
                postings.BodyCounts[kept] = postings.BodyCounts[p];
                kept++;
            }

            postings.Count = kept;
            postings.Alive = kept;
        }

        var capacity = Math.Max(1024, next * 2);
        var docs = new DocEntry[capacity];
        var alive = new bool[capacity];
        var lengthNorm = new float[capacity];
        var columns = _facetColumns.Select(_ => new int[capacity]).ToList();
        for (var doc = 0; doc < _docCount; doc++)
        {
            if (renumber[doc] >= 0)
            {
                docs[renumber[doc]] = _docs[doc];
                alive[renumber[doc]] = true;
                lengthNorm[renumber[doc]] = _lengthNorm[doc];
                for (var f = 0; f < columns.Count; f++)
                {
                    columns[f][renumber[doc]] = _facetColumns[f][doc];
                }

                _docByKey[_docs[doc].Key] = renumber[doc];
            }
        }

        for (var f = 0; f < columns.Count; f++)
        {
            _facetColumns[f] = columns[f];
        }

        _docs = docs;
        _alive = alive;
        _lengthNorm = lengthNorm;
        _docCount = next;
    }

    private int TermId(string term)
    {
        if (!_termIds.TryGetValue(term, out var id))
        {
            id = _postings.Count;
            _termIds[term] = id;
            _postings.Add(new PostingList());
        }

        return id;
    }

    private int FacetId(string name)
    {
        if (!_facetIds.TryGetValue(name, out var id))
        {
            id = _facets.Count;
            _facetIds[name] = id;
            _facets.Add(new FacetField());
            _facetColumns.Add(new int[_docs.Length]);
        }

        return id;
    }

    private WordEntry RegisterWord(string word, out int id)
    {
        if (_wordIds.TryGetValue(word, out id))
        {
            return _words[id];
        }

        id = _words.Count;
        var entry = new WordEntry(word, TermId(FrenchAnalyzer.Stem(word)));
        _words.Add(entry);
        _wordIds[word] = id;
        _sortedWords = null;
        if (EditDistance.AllowedTypos(word.Length) > 0)
        {
            foreach (var deletion in DeletionsOf(word))
            {
                if (!_wordsByDeletion.TryGetValue(deletion, out var ids))
                {
                    ids = [];
                    _wordsByDeletion[deletion] = ids;
                }

                ids.Add(id);
            }
        }

        return entry;
    }

    private static IEnumerable<string> DeletionsOf(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
        }
    }
}
