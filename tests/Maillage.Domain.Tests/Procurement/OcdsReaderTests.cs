using Maillage.Domain.Procurement;

namespace Maillage.Domain.Tests.Procurement;

public class OcdsReaderTests
{
    private const string Ocid = "ocds-213czf-000-00001";
    private static readonly DateTime FinalDeadline = new(2010, 4, 8, 18, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime EnquiryDeadline = new(2010, 3, 14, 17, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void The_release_package_compiles_its_six_releases_into_one_notice()
    {
        var entries = OcdsFiles.Read("ocds-213czf-000-00001.json");

        entries.Count.ShouldBe(6);
        entries.ShouldAllBe(e => !e.Skipped);
        entries.Select(e => e.Position).ShouldBe([1, 2, 3, 4, 5, 6]);
        var notice = Notice.Compile(entries.Select(e => e.Release!));
        notice.Ocid.ShouldBe(Ocid);
        notice.Buyer.ShouldBe("London Borough of Barnet");
        notice.Title.ShouldBe("Planned cycle lane improvements");
        notice.Description.ShouldBe("Tenders solicited for work to build new cycle lanes in the centre of town.");
        notice.Value.ShouldBe(1_100_000m);
        notice.Currency.ShouldBe("GBP");
        notice.Procedure.ShouldBe("open");
        notice.Status.ShouldBe("complete");
        notice.TenderDeadline.ShouldBe(FinalDeadline);
        notice.EnquiryDeadline.ShouldBe(EnquiryDeadline);
        notice.Lots.ShouldBeEmpty();
        var item = notice.Items.ShouldHaveSingleItem();
        item.Classification.ShouldBe(new Classification("CPV", "45233130", "Construction work for highways"));
        item.Additional.Select(c => c.Code).ShouldBe(["45233162"]);
        item.Quantity.ShouldBe(8m);
        notice.CpvCodes.ShouldBe(["45233130", "45233162"]);
        notice.Documents.Select(d => d.Id).ShouldBe(["3.0", "4.0", "5.0", "6.0"]);
        notice.Documents.Single(d => d.Id == "4.0").Url.ShouldBeNull();
        notice.Documents.Single(d => d.Id == "6.0").Url.ShouldBe("http://example.com/enquiry-response/ocds-213czf-000-00001-01.html");
        notice.History.Count.ShouldBe(6);
        notice.LatestReleaseId.ShouldBe("ocds-213czf-000-00001-06-implementation");
        notice.LatestReleaseDate.ShouldBe(new DateTime(2011, 1, 10, 9, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void The_tender_release_alone_has_the_first_deadline()
    {
        var entry = OcdsFiles.Read("ocds-213czf-000-00001-02-tender.json").ShouldHaveSingleItem();

        var notice = Notice.Compile([entry.Release!]);
        notice.Value.ShouldBe(1_100_000m);
        notice.TenderDeadline.ShouldBe(new DateTime(2010, 4, 1, 18, 0, 0, DateTimeKind.Utc));
        notice.EnquiryDeadline.ShouldBe(EnquiryDeadline);
        notice.Documents.Select(d => d.Id).ShouldBe(["5.0"]);
        notice.Items.ShouldHaveSingleItem().Classification!.Code.ShouldBe("45233130");
    }

    [Fact]
    public void The_amendment_moves_the_deadline_whatever_order_the_releases_arrive_in()
    {
        var tender = OcdsFiles.Read("ocds-213czf-000-00001-02-tender.json").Single().Release!;
        var amendment = OcdsFiles.Read("ocds-213czf-000-00001-03-tenderAmendment.json").ShouldHaveSingleItem().Release!;

        var inOrder = Notice.Compile([tender, amendment]);
        var reversed = Notice.Compile([amendment, tender]);

        inOrder.TenderDeadline.ShouldBe(FinalDeadline);
        reversed.TenderDeadline.ShouldBe(FinalDeadline);
        inOrder.Documents.Select(d => d.Id).ShouldBe(["5.0", "6.0"]);
        reversed.LatestReleaseId.ShouldBe(amendment.Id);
        reversed.IsNewest(tender).ShouldBeFalse();
    }

    [Fact]
    public void Applying_a_release_twice_changes_nothing()
    {
        var releases = OcdsFiles.Read("ocds-213czf-000-00001.json").Select(e => e.Release!).ToList();
        var notice = Notice.Compile(releases);
        var before = System.Text.Json.JsonSerializer.Serialize(notice);

        foreach (var release in releases)
        {
            notice.Apply(release);
        }

        System.Text.Json.JsonSerializer.Serialize(notice).ShouldBe(before);
    }

    [Fact]
    public void The_record_package_gives_its_compiled_release()
    {
        var entry = OcdsFiles.Read("record-ocds-213czf-000-00001.json").ShouldHaveSingleItem();

        entry.Skipped.ShouldBeFalse();
        var notice = Notice.Compile([entry.Release!]);
        notice.Ocid.ShouldBe(Ocid);
        notice.Title.ShouldBe("Planned cycle lane improvements");
        notice.Value.ShouldBe(1_100_000m);
        notice.TenderDeadline.ShouldBe(FinalDeadline);
        notice.EnquiryDeadline.ShouldBe(EnquiryDeadline);
        notice.Documents.Count.ShouldBe(4);
        notice.Items.ShouldHaveSingleItem().Classification!.Code.ShouldBe("45233130");
    }

    [Theory]
    [InlineData("ocds-213czf-000-00001.json")]
    [InlineData("record-ocds-213czf-000-00001.json")]
    [InlineData("ocds-213czf-000-00001-03-tenderAmendment.json")]
    public void A_tiny_read_window_gives_the_same_entries(string file)
    {
        var whole = OcdsFiles.Read(file);
        var streamed = OcdsFiles.Read(file, bufferSize: 16);

        streamed.Select(e => (e.Position, e.ByteOffset, e.Release?.Id, e.SkipReason)).ShouldBe(whole.Select(e => (e.Position, e.ByteOffset, e.Release?.Id, e.SkipReason)));
    }

    [Fact]
    public void A_broken_package_keeps_the_good_releases_and_says_where_and_why_the_others_were_skipped()
    {
        const string json = """
            {"version":"1.1","extra":{"unknown":[1,2,{"x":null}]},"releases":[
              {"ocid":"ocds-a-1","id":"r1","date":"2024-03-01T10:00:00Z","tender":{"title":"Nettoyage des écoles","value":{"amount":"120000","currency":"chf"},
                "tenderPeriod":{"endDate":"2024-04-15 14:00 Eastern Daylight Time (EDT)"},"items":[{"id":"1","classification":{"scheme":"UNSPSC","id":"76111500"}}],"futureField":true}},
              "not a release",
              {"id":"r3","date":"2024-03-01"},
              {"ocid":"ocds-a-4","id":"r4","date":"last tuesday"},
              {"ocid":"ocds-a-5","id":"r5","date":"2024-03-02T08:00:00","tender":null,"buyer":null,"parties":null},
              {"ocid":"ocds-a-6","id":"r6","date":"15.03.2024 09:30","tender":{"tenderPeriod":{"endDate":"soon"},"value":null,"items":null,"lots":[{"id":"L1","title":"Lot 1","value":{"amount":5000,"currency":"CHF"}}]}}
            ]}
            """;

        var entries = OcdsFiles.ReadText(json);

        entries.Select(e => e.Position).ShouldBe([1, 2, 3, 4, 5, 6]);
        entries.Where(e => !e.Skipped).Select(e => e.Release!.Id).ShouldBe(["r1", "r5", "r6"]);
        entries[1].SkipReason.ShouldBe("not an object (String)");
        entries[2].SkipReason.ShouldBe("no ocid");
        entries[3].SkipReason.ShouldBe("unreadable release date \"last tuesday\"");
        entries[1].ByteOffset.ShouldBeGreaterThan(entries[0].ByteOffset);

        var first = entries[0].Release!;
        first.Value.ShouldBe(120_000m);
        first.Currency.ShouldBe("CHF");
        first.TenderDeadline.ShouldBe(new DateTime(2024, 4, 15, 18, 0, 0, DateTimeKind.Utc));
        first.Items!.Single().Classification.ShouldBe(new Classification("UNSPSC", "76111500", null));
        entries[4].Release!.Date.ShouldBe(new DateTime(2024, 3, 2, 8, 0, 0, DateTimeKind.Utc));
        entries[4].Release!.Title.ShouldBeNull();
        var sixth = entries[5].Release!;
        sixth.Date.ShouldBe(new DateTime(2024, 3, 15, 9, 30, 0, DateTimeKind.Utc));
        sixth.TenderDeadline.ShouldBeNull();
        sixth.Warnings.ShouldContain(w => w.Contains("tenderPeriod.endDate unreadable", StringComparison.Ordinal));
        sixth.Lots!.Single().Value.ShouldBe(5000m);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("  \n", "empty file")]
    [InlineData("this is not json", "invalid JSON")]
    [InlineData("42", "not OCDS")]
    [InlineData("{\"name\":\"a spreadsheet\",\"rows\":[1,2]}", "not OCDS")]
    public void A_file_that_is_not_OCDS_is_reported_not_fatal(string content, string reason)
    {
        var entry = OcdsFiles.ReadText(content).ShouldHaveSingleItem();

        entry.Skipped.ShouldBeTrue();
        entry.SkipReason!.ShouldStartWith(reason);
    }

    [Fact]
    public void A_truncated_package_keeps_what_came_before_the_break()
    {
        var entries = OcdsFiles.ReadText("""{"releases":[{"ocid":"o-1","id":"a","date":"2024-01-01T00:00:00Z"},{"ocid":"o-2","id":"b","da""", bufferSize: 16);

        entries.Count.ShouldBe(2);
        entries[0].Release!.Ocid.ShouldBe("o-1");
        entries[1].SkipReason!.ShouldContain("JSON");
        entries[1].Position.ShouldBe(2);
    }

    [Fact]
    public void A_single_release_and_a_bare_array_are_read_too()
    {
        var single = OcdsFiles.ReadText("""{"ocid":"o-1","id":"a","date":"2024-01-01","tender":{"title":"Repas scolaires","items":[{"id":"1","classification":{"scheme":"CPV","id":"55524000-9"},"deliveryAddress":{"region":"Genève"}}]}}""", bufferSize: 16);
        var array = OcdsFiles.ReadText("""[{"ocid":"o-1","id":"a","date":"2024-01-01"},{"ocid":"o-2","id":"b","date":"2024-01-02"}]""");

        var release = single.ShouldHaveSingleItem().Release!;
        release.Title.ShouldBe("Repas scolaires");
        release.Items!.Single().Classification!.Code.ShouldBe("55524000");
        release.Regions.ShouldBe(["GE"]);
        array.Select(e => e.Release!.Ocid).ShouldBe(["o-1", "o-2"]);
    }

    [Fact]
    public void OCDS_1_0_buyer_identifiers_and_reserved_participation_are_understood()
    {
        var entry = OcdsFiles.ReadText("""
            {"releases":[{"ocid":"o-1","id":"a","date":"2024-01-01T00:00:00Z","buyer":{"identifier":{"legalName":"Ville de Lausanne"}},
              "parties":[{"id":"b","roles":["buyer"],"address":{"locality":"Lausanne"}}],
              "tender":{"otherRequirements":{"reservedParticipation":["shelteredWorkshop"]},"sustainability":[{"goal":"social.disadvantagedEmployment"}]}}]}
            """).Single();

        entry.Release!.Buyer.ShouldBe("Ville de Lausanne");
        entry.Release.Regions.ShouldBe(["VD"]);
        entry.Release.Reserved.ShouldBe("res-ws");
        entry.Release.SocialObjectives.ShouldBe(["opp"]);
    }

    [Fact]
    public void A_large_package_is_read_release_by_release_with_a_small_window()
    {
        var builder = new System.Text.StringBuilder("{\"version\":\"1.1\",\"releases\":[");
        for (var i = 0; i < 5000; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append("{\"ocid\":\"o-").Append(i).Append("\",\"id\":\"r\",\"date\":\"2024-01-01T00:00:00Z\",\"tender\":{\"description\":\"").Append('x', 300).Append("\"}}");
        }

        builder.Append("]}");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(builder.ToString()));
        var reader = new OcdsReader(stream, bufferSize: 4096);
        var count = 0;
        long lastRead = 0;
        while (reader.Next() is { } entry)
        {
            entry.Skipped.ShouldBeFalse();
            count++;
            reader.BytesRead.ShouldBeGreaterThanOrEqualTo(lastRead);
            lastRead = reader.BytesRead;
            (reader.BytesRead - entry.ByteOffset).ShouldBeLessThan(2 * 4096);
        }

        count.ShouldBe(5000);
        reader.Version.ShouldBe("1.1");
    }
}
