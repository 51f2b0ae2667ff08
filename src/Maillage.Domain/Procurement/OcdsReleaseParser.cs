using System.Globalization;
using System.Text.Json;
using Maillage.Domain.Common;

namespace Maillage.Domain.Procurement;

/// <summary>
/// Turns one OCDS release (1.0 or 1.1) into an <see cref="OcdsRelease"/>. Tolerant by design: unknown fields are
/// ignored, a <c>null</c> or a wrong type where an object is expected counts as absent, amounts may be numbers or
/// text; only a release without <c>ocid</c> or without a readable date is refused, since it cannot be merged.
/// </summary>
public static class OcdsReleaseParser
{
    private static readonly Dictionary<string, string> CantonNames = BuildCantonNames();

    /// <returns>The release, or null with the reason it was skipped.</returns>
    public static OcdsRelease? Parse(JsonElement release, out string? skipReason)
    {
        skipReason = null;
        if (release.ValueKind != JsonValueKind.Object)
        {
            skipReason = $"not an object ({release.ValueKind})";
            return null;
        }

        var ocid = Text(release, "ocid");
        if (string.IsNullOrWhiteSpace(ocid))
        {
            skipReason = "no ocid";
            return null;
        }

        var dateText = Text(release, "date");
        if (dateText is null)
        {
            skipReason = "no release date";
            return null;
        }

        if (OcdsDate.Parse(dateText) is not { } date)
        {
            skipReason = $"unreadable release date \"{Shorten(dateText)}\"";
            return null;
        }

        var warnings = new List<string>();
        var tender = Object(release, "tender");
        var (value, currency) = Amount(tender is { } t ? Object(t, "value") : null, warnings, "tender.value");
        return new OcdsRelease
        {
            Ocid = ocid.Trim(),
            Id = Text(release, "id") is { Length: > 0 } id ? id : $"{ocid}@{date:O}",
            Date = date,
            Tags = Strings(release, "tag"),
            Buyer = BuyerName(release),
            Title = tender is { } t1 ? Text(t1, "title") : null,
            Description = tender is { } t2 ? Text(t2, "description") : null,
            Status = tender is { } t3 ? Text(t3, "status") : null,
            Procedure = tender is { } t4 ? Text(t4, "procurementMethod") : null,
            ProcedureDetails = tender is { } t5 ? Text(t5, "procurementMethodDetails") : null,
            MainCategory = tender is { } t6 ? Text(t6, "mainProcurementCategory") : null,
            Value = value,
            Currency = currency,
            TenderDeadline = tender is { } t7 ? PeriodEnd(t7, "tenderPeriod", warnings) : null,
            EnquiryDeadline = tender is { } t8 ? PeriodEnd(t8, "enquiryPeriod", warnings) : null,
            Lots = tender is { } t9 && Array(t9, "lots") is { } lots ? Lots(lots, warnings) : null,
            Items = tender is { } t10 && Array(t10, "items") is { } items ? Items(items) : null,
            Documents = tender is { } t11 && Array(t11, "documents") is { } documents ? Documents(documents) : null,
            Regions = Regions(release, tender),
            Reserved = tender is { } t12 ? Reserved(t12) : null,
            SocialObjectives = tender is { } t13 ? SocialObjectives(t13) : null,
            Warnings = warnings,
        };
    }

    /// <summary>A canton code from a region or town text: "GE", "Genève", "Kanton Zürich", "CH-VD"; null when not Swiss.</summary>
    public static string? Canton(string? region)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return null;
        }

        var folded = TextNormalizer.Fold(region).Replace("canton de ", string.Empty, StringComparison.Ordinal).Replace("canton du ", string.Empty, StringComparison.Ordinal)
            .Replace("canton ", string.Empty, StringComparison.Ordinal).Replace("kanton ", string.Empty, StringComparison.Ordinal).Trim();
        if (folded.StartsWith("ch ", StringComparison.Ordinal))
        {
            folded = folded[3..];
        }

        return CantonNames.TryGetValue(folded, out var code) ? code : null;
    }

    private static Dictionary<string, string> BuildCantonNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in Cantons.All)
        {
            names[code.ToLowerInvariant()] = code;
        }

        foreach (var (code, list) in new[]
        {
            ("GE", "geneve|genf|ginevra|geneva"), ("VD", "vaud|waadt"), ("VS", "valais|wallis|vallese"), ("NE", "neuchatel|neuenburg"),
            ("FR", "fribourg|freiburg|friburgo"), ("JU", "jura"), ("BE", "berne|bern|berna"), ("ZH", "zurich|zuerich|zurigo"),
            ("TI", "tessin|ticino"), ("BS", "bale ville|basel stadt|basel"), ("BL", "bale campagne|basel landschaft"), ("LU", "lucerne|luzern"),
            ("SG", "saint gall|st gallen|sankt gallen"), ("GR", "grisons|graubunden|graubuenden"), ("AG", "argovie|aargau"), ("TG", "thurgovie|thurgau"),
            ("SO", "soleure|solothurn"), ("SH", "schaffhouse|schaffhausen"), ("SZ", "schwytz|schwyz"), ("ZG", "zoug|zug"), ("UR", "uri"),
            ("OW", "obwald|obwalden"), ("NW", "nidwald|nidwalden"), ("GL", "glaris|glarus"), ("AR", "appenzell rhodes exterieures|appenzell ausserrhoden"),
            ("AI", "appenzell rhodes interieures|appenzell innerrhoden"),
        })
        {
            foreach (var name in list.Split('|'))
            {
                names[name] = code;
            }
        }

        // Canton capitals and large towns often stand in for the region.
        foreach (var (town, code) in new[] { ("lausanne", "VD"), ("carouge", "GE"), ("vernier", "GE"), ("lancy", "GE"), ("yverdon les bains", "VD"), ("montreux", "VD"), ("nyon", "VD"), ("sion", "VS"), ("delemont", "JU"), ("la chaux de fonds", "NE") })
        {
            names[town] = code;
        }

        return names;
    }

    private static string? BuyerName(JsonElement release)
    {
        if (Object(release, "buyer") is { } buyer)
        {
            var name = Text(buyer, "name") ?? (Object(buyer, "identifier") is { } identifier ? Text(identifier, "legalName") : null);
            if (name is not null)
            {
                return name;
            }
        }

        // OCDS 1.0 sometimes only names the procuring entity.
        if (Object(release, "tender") is { } tender && Object(tender, "procuringEntity") is { } entity)
        {
            return Text(entity, "name") ?? (Object(entity, "identifier") is { } id ? Text(id, "legalName") : null);
        }

        return null;
    }

    private static List<string>? Regions(JsonElement release, JsonElement? tender)
    {
        var regions = new List<string>();
        void Add(JsonElement? address)
        {
            if (address is not { } a)
            {
                return;
            }

            var canton = Canton(Text(a, "region")) ?? Canton(Text(a, "locality"));
            if (canton is not null && !regions.Contains(canton))
            {
                regions.Add(canton);
            }
        }

        if (tender is { } t)
        {
            foreach (var item in Elements(Array(t, "items")))
            {
                Add(Object(item, "deliveryAddress"));
                foreach (var address in Elements(Array(item, "deliveryAddresses")))
                {
                    Add(address);
                }
            }

            foreach (var address in Elements(Array(t, "deliveryAddresses")))
            {
                Add(address);
            }
        }

        if (regions.Count == 0)
        {
            var buyerId = Object(release, "buyer") is { } b ? Text(b, "id") : null;
            foreach (var party in Elements(Array(release, "parties")))
            {
                var roles = Strings(party, "roles");
                if (roles.Contains("buyer") || roles.Contains("procuringEntity") || (buyerId is not null && Text(party, "id") == buyerId))
                {
                    Add(Object(party, "address"));
                }
            }
        }

        return regions.Count == 0 ? null : regions;
    }

    private static string? Reserved(JsonElement tender)
    {
        if (Object(tender, "otherRequirements") is { } other && Strings(other, "reservedParticipation") is { Count: > 0 } reserved)
        {
            return reserved[0] switch
            {
                "shelteredWorkshop" => "res-ws",
                "publicServiceMissionOrganization" => "res-pub-ser",
                var code when code.StartsWith("res-", StringComparison.Ordinal) => code,
                _ => "res-ws",
            };
        }

        return null;
    }

    private static List<string>? SocialObjectives(JsonElement tender)
    {
        var codes = new List<string>();
        foreach (var entry in Elements(Array(tender, "sustainability")))
        {
            var goal = Text(entry, "goal");
            if (goal is not null && goal.StartsWith("social", StringComparison.OrdinalIgnoreCase))
            {
                codes.Add(goal switch
                {
                    "social.disadvantagedEmployment" or "social.employmentOfDisadvantaged" => "opp",
                    "social.workConditions" => "work-cond",
                    "social.accessibility" => "acc-all",
                    "social.ethicalLabels" or "social.fairTrade" => "fair-trade",
                    "social.genderEquality" => "gen-eq",
                    _ => "other",
                });
            }
        }

        return codes.Count == 0 ? null : codes.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<NoticeLot> Lots(JsonElement lots, List<string> warnings)
    {
        var result = new List<NoticeLot>();
        var position = 0;
        foreach (var lot in Elements(lots))
        {
            position++;
            var (value, currency) = Amount(Object(lot, "value"), warnings, $"lot {position}");
            result.Add(new NoticeLot(Text(lot, "id") ?? position.ToString(CultureInfo.InvariantCulture), Text(lot, "title"), Text(lot, "description"), value, currency));
        }

        return result;
    }

    private static List<NoticeItem> Items(JsonElement items)
    {
        var result = new List<NoticeItem>();
        var position = 0;
        foreach (var item in Elements(items))
        {
            position++;
            var unit = Object(item, "unit") is { } u ? Text(u, "name") : null;
            result.Add(new NoticeItem(
                Text(item, "id") ?? position.ToString(CultureInfo.InvariantCulture),
                Text(item, "description"),
                ClassificationOf(Object(item, "classification")),
                Elements(Array(item, "additionalClassifications")).Select(c => ClassificationOf(c)).OfType<Classification>().ToList(),
                Text(item, "relatedLot"),
                Number(item, "quantity"),
                unit));
        }

        return result;
    }

    private static List<NoticeDocument> Documents(JsonElement documents)
    {
        var result = new List<NoticeDocument>();
        var position = 0;
        foreach (var document in Elements(documents))
        {
            position++;
            var url = Text(document, "url");
            if (url is not null && !(url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                // Only web links are shown as links; anything else would be an unsafe href.
                url = null;
            }

            result.Add(new NoticeDocument(Text(document, "id") ?? position.ToString(CultureInfo.InvariantCulture), Text(document, "title"), url, Text(document, "documentType")));
        }

        return result;
    }

    private static Classification? ClassificationOf(JsonElement? classification)
    {
        if (classification is not { } c || Text(c, "id") is not { Length: > 0 } code)
        {
            return null;
        }

        return Classification.Normalise(Text(c, "scheme"), code, Text(c, "description"));
    }

    private static DateTime? PeriodEnd(JsonElement tender, string name, List<string> warnings)
    {
        if (Object(tender, name) is not { } period || Text(period, "endDate") is not { } text)
        {
            return null;
        }

        var date = OcdsDate.Parse(text);
        if (date is null)
        {
            warnings.Add($"{name}.endDate unreadable: \"{Shorten(text)}\"");
        }

        return date;
    }

    private static (decimal? Amount, string? Currency) Amount(JsonElement? value, List<string> warnings, string where)
    {
        if (value is not { } v)
        {
            return (null, null);
        }

        var amount = Number(v, "amount");
        if (amount is null && v.TryGetProperty("amount", out var raw) && raw.ValueKind != JsonValueKind.Null)
        {
            warnings.Add($"{where}.amount unreadable");
        }

        if (amount is < 0)
        {
            warnings.Add($"{where}.amount negative, ignored");
            amount = null;
        }

        var currency = Text(v, "currency")?.Trim().ToUpperInvariant();
        return (amount, currency is { Length: 3 } ? currency : null);
    }

    private static decimal? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(value.GetString()?.Replace("'", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static JsonElement? Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    private static IEnumerable<JsonElement> Elements(JsonElement? array) =>
        array is { } a ? a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object) : [];

    private static List<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            JsonValueKind.String => [value.GetString()!],
            _ => [],
        };
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
