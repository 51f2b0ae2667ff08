using Maillage.Domain.Search;

namespace Maillage.Domain.Procurement;

/// <summary>A part of a notice a consortium must cover: a lot, or an item when the notice has no lots, or the whole notice.</summary>
public sealed record NoticePart(string Key, string Label, IReadOnlyList<string> CpvCodes, string Text);

public sealed record CandidateOffer(Guid Id, string Title, string Category, string Text, IReadOnlyList<string> DeliveryCantons);

/// <summary>A member that could join: its place (canton), ESS sectors and published offers.</summary>
public sealed record CandidateMember(Guid OrganisationId, string Name, string Canton, IReadOnlyList<string> Sectors, IReadOnlyList<CandidateOffer> Offers);

/// <summary>Why a member covers a part: the offer that fits (or the sector when no offer does).</summary>
public sealed record PartCover(string PartKey, Guid? OfferId, string Because);

public sealed record MemberSuggestion(CandidateMember Member, IReadOnlyList<PartCover> Covers, bool InTeam);

/// <summary>The suggested team (a small set of members covering as many parts as possible), other candidates, and what stays uncovered.</summary>
public sealed record ConsortiumPlan(IReadOnlyList<NoticePart> Parts, IReadOnlyList<MemberSuggestion> Suggestions, IReadOnlyList<NoticePart> Uncovered)
{
    public IEnumerable<MemberSuggestion> Team => Suggestions.Where(s => s.InTeam);
}

/// <summary>
/// Suggests members for a consortium. A member covers a part when one of its offers is filed under the category
/// the part's CPV codes belong to, or shares at least two words with the part, or (without such an offer) when
/// one of its ESS sectors is that category — and, when the notice names cantons, the offer is delivered there or
/// the member sits there. The team is chosen greedily (the member covering most uncovered parts first), which is
/// what a chamber adviser does by hand and is within a small factor of the best cover.
/// </summary>
public static class ConsortiumPlanner
{
    public const int MinSharedTerms = 2;

    /// <summary>The parts of a notice: its lots, else its items, else the notice as one part.</summary>
    public static IReadOnlyList<NoticePart> PartsOf(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        static IEnumerable<string> Cpv(IEnumerable<NoticeItem> items) => items
            .SelectMany(i => i.Classification is null ? i.Additional : i.Additional.Prepend(i.Classification))
            .Where(c => c.IsCpv).Select(c => c.Code).Distinct(StringComparer.Ordinal);
        if (notice.Lots.Count > 0)
        {
            return notice.Lots.Select(l =>
            {
                var items = notice.Items.Where(i => i.LotId == l.Id).ToList();
                var cpv = (items.Count > 0 ? Cpv(items) : notice.Lots.Count == 1 ? notice.CpvCodes : []).ToList();
                return new NoticePart(l.Id, l.Title ?? l.Id, cpv, $"{l.Title} {l.Description} {string.Join(' ', items.Select(i => i.Description))}");
            }).ToList();
        }

        if (notice.Items.Count > 1)
        {
            return notice.Items.Select(i => new NoticePart(i.Id, i.Description ?? i.Classification?.Description ?? i.Id, Cpv([i]).ToList(), $"{i.Description} {i.Classification?.Description}")).ToList();
        }

        return [new NoticePart("notice", notice.Title, notice.CpvCodes, $"{notice.Title} {notice.Description} {string.Join(' ', notice.Items.Select(i => i.Description))}")];
    }

    public static ConsortiumPlan Plan(IReadOnlyList<NoticePart> parts, IReadOnlyList<string> regions, IEnumerable<CandidateMember> candidates)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(candidates);
        var partTerms = parts.ToDictionary(p => p.Key, p => new HashSet<string>(FrenchAnalyzer.Terms(p.Text), StringComparer.Ordinal));
        var covering = new List<(CandidateMember Member, List<PartCover> Covers)>();
        foreach (var member in candidates)
        {
            var covers = new List<PartCover>();
            foreach (var part in parts)
            {
                if (CoverOf(member, part, partTerms[part.Key], regions) is { } cover)
                {
                    covers.Add(cover);
                }
            }

            if (covers.Count > 0)
            {
                covering.Add((member, covers));
            }
        }

        var uncovered = new HashSet<string>(parts.Select(p => p.Key), StringComparer.Ordinal);
        var team = new HashSet<Guid>();
        while (uncovered.Count > 0)
        {
            var best = covering
                .Where(c => !team.Contains(c.Member.OrganisationId))
                .Select(c => (c.Member, Gain: c.Covers.Count(x => uncovered.Contains(x.PartKey)), Offers: c.Covers.Count(x => x.OfferId is not null)))
                .Where(c => c.Gain > 0)
                .OrderByDescending(c => c.Gain).ThenByDescending(c => c.Offers).ThenBy(c => c.Member.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Member is null)
            {
                break;
            }

            team.Add(best.Member.OrganisationId);
            foreach (var cover in covering.First(c => c.Member.OrganisationId == best.Member.OrganisationId).Covers)
            {
                uncovered.Remove(cover.PartKey);
            }
        }

        var suggestions = covering
            .Select(c => new MemberSuggestion(c.Member, c.Covers, team.Contains(c.Member.OrganisationId)))
            .OrderByDescending(s => s.InTeam).ThenByDescending(s => s.Covers.Count).ThenBy(s => s.Member.Name, StringComparer.Ordinal)
            .ToList();
        return new ConsortiumPlan(parts, suggestions, parts.Where(p => uncovered.Contains(p.Key)).ToList());
    }

    private static PartCover? CoverOf(CandidateMember member, NoticePart part, HashSet<string> terms, IReadOnlyList<string> regions)
    {
        var memberThere = regions.Count == 0 || regions.Contains(member.Canton, StringComparer.Ordinal);
        foreach (var offer in member.Offers)
        {
            var served = memberThere || offer.DeliveryCantons.Any(c => regions.Contains(c, StringComparer.Ordinal));
            if (!served)
            {
                continue;
            }

            var cpv = part.CpvCodes.FirstOrDefault(code => CpvCategories.Covers(offer.Category, code));
            if (cpv is not null)
            {
                return new PartCover(part.Key, offer.Id, $"{offer.Title} — CPV {cpv}");
            }

            var shared = FrenchAnalyzer.Terms(offer.Text).Distinct(StringComparer.Ordinal).Count(terms.Contains);
            if (shared >= MinSharedTerms)
            {
                return new PartCover(part.Key, offer.Id, offer.Title);
            }
        }

        if (memberThere)
        {
            foreach (var sector in member.Sectors)
            {
                var cpv = part.CpvCodes.FirstOrDefault(code => CpvCategories.Covers(sector, code));
                if (cpv is not null)
                {
                    return new PartCover(part.Key, null, $"{sector} — CPV {cpv}");
                }
            }
        }

        return null;
    }
}
