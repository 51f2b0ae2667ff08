using System.Net.Http.Json;
using System.Text;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Procurement;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Procurement;

/// <summary>Procurement through the real pages and services, on each engine.</summary>
public abstract class ProcurementTests(MaillageApp app)
{
    private static readonly DateTime FinalDeadline = new(2010, 4, 8, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Staff_upload_the_shared_release_package_and_a_reimport_changes_nothing()
    {
        var ocid = ProcurementFixtures.NewOcid();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);

        var import = await app.UploadAndWaitAsync(staff, "ge", "ocds-213czf-000-00001.json", ProcurementFixtures.SharedFile("ocds-213czf-000-00001.json", ocid));

        (import.State, import.Read, import.Created, import.Updated, import.Unchanged, import.Skipped).ShouldBe((TenderImportState.Completed, 6, 1, 5, 0, 0));
        import.PercentDone.ShouldBe(100);
        var lines = await app.LinesAsync(import.Id);
        lines.Select(l => (l.Position, l.Outcome)).ShouldBe([(1, TenderLineOutcome.Created), (2, TenderLineOutcome.Updated), (3, TenderLineOutcome.Updated), (4, TenderLineOutcome.Updated), (5, TenderLineOutcome.Updated), (6, TenderLineOutcome.Updated)]);
        lines[0].Reference.ShouldBe($"{ocid}-01-planning");
        var notice = await app.NoticeAsync("ge", ocid);
        (notice.Title, notice.Buyer, notice.ValueMinor, notice.Currency, notice.TenderDeadline, notice.EnquiryDeadline, notice.Status)
            .ShouldBe(("Planned cycle lane improvements", "London Borough of Barnet", 1_100_000_00L, "GBP", FinalDeadline, new DateTime(2010, 3, 14, 17, 30, 0, DateTimeKind.Utc), "complete"));
        notice.CpvList.ShouldBe(["45233130", "45233162"]);
        (await HistoryAsync(notice.Id)).ShouldBe(6);

        var report = await staff.GetPageAsync($"/ge/gestion/marches/import/{import.Id}");
        report.QuerySelectorAll("#import-lines tbody tr").Length.ShouldBe(6);
        report.QuerySelector("#import-state")!.TextContent.ShouldBe("Terminé");
        report.QuerySelector("meta[http-equiv=refresh]").ShouldBeNull("a finished import stops refreshing");

        var again = await app.UploadAndWaitAsync(staff, "ge", "ocds-213czf-000-00001.json", ProcurementFixtures.SharedFile("ocds-213czf-000-00001.json", ocid));
        (again.Read, again.Created, again.Updated, again.Unchanged, again.Skipped).ShouldBe((6, 0, 0, 6, 0));
        var after = await app.NoticeAsync("ge", ocid);
        (after.UpdatedAt, after.Data).ShouldBe((notice.UpdatedAt, notice.Data), "a re-import writes nothing");
        (await HistoryAsync(notice.Id)).ShouldBe(6);
    }

    [Fact]
    public async Task Successive_single_releases_merge_by_ocid_whatever_their_order_and_the_record_package_adds_its_compiled_release()
    {
        var ocid = ProcurementFixtures.NewOcid();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);

        var amendment = await app.UploadAndWaitAsync(staff, "ge", "amendment.json", ProcurementFixtures.SharedFile("ocds-213czf-000-00001-03-tenderAmendment.json", ocid));
        (amendment.Created, amendment.Read).ShouldBe((1, 1));
        (await app.NoticeAsync("ge", ocid)).TenderDeadline.ShouldBe(FinalDeadline);

        // The older tender release arrives later: the notice is recompiled from its history, the newest still wins.
        var tender = await app.UploadAndWaitAsync(staff, "ge", "tender.json", ProcurementFixtures.SharedFile("ocds-213czf-000-00001-02-tender.json", ocid));
        (tender.Updated, tender.Created).ShouldBe((1, 0));
        var merged = await app.NoticeAsync("ge", ocid);
        merged.TenderDeadline.ShouldBe(FinalDeadline);
        var compiled = TenderQueries.Compiled(merged);
        compiled.Documents.Select(d => d.Id).ShouldBe(["5.0", "6.0"]);
        compiled.History.Select(h => h.ReleaseId).ShouldBe([$"{ocid}-02-tender", $"{ocid}-03-tenderAmendment"]);

        var record = await app.UploadAndWaitAsync(staff, "ge", "record.json", ProcurementFixtures.SharedFile("record-ocds-213czf-000-00001.json", ocid));
        (record.Read, record.Updated, record.Skipped).ShouldBe((1, 1, 0));
        var final = await app.NoticeAsync("ge", ocid);
        (final.ValueMinor, final.TenderDeadline, final.Status).ShouldBe((1_100_000_00L, FinalDeadline, "complete"));
        TenderQueries.Compiled(final).Documents.Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_broken_package_imports_its_good_releases_and_reports_each_bad_one_with_its_position()
    {
        var ocid = ProcurementFixtures.NewOcid();
        var json = $$"""
            {"version":"1.1","releases":[
              {"ocid":"{{ocid}}-a","id":"a1","date":"2026-03-01T10:00:00Z","tender":{"title":"Nettoyage des écoles","value":{"amount":"120000","currency":"CHF"},"tenderPeriod":{"endDate":"2026-04-15 14:00 Eastern Daylight Time (EDT)"} } },
              42,
              {"id":"no-ocid","date":"2026-03-01"},
              {"ocid":"{{ocid}}-d","id":"d1","date":"someday"},
              {"ocid":"{{ocid}}-e","id":"e1","date":"2026-03-02T08:00:00","tender":null,"buyer":null,"unknown":{"x":[1]} }
            ]}
            """;
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);

        var import = await app.UploadAndWaitAsync(staff, "ge", "broken.json", Encoding.UTF8.GetBytes(json));

        (import.State, import.Read, import.Created, import.Skipped).ShouldBe((TenderImportState.Completed, 5, 2, 3));
        var skipped = (await app.LinesAsync(import.Id)).Where(l => l.Outcome == TenderLineOutcome.Skipped).Select(l => (l.Position, l.Message)).ToList();
        skipped.ShouldBe([(2, "not an object (Number)"), (3, "no ocid"), (4, "unreadable release date \"someday\"")]);
        (await app.NoticeAsync("ge", $"{ocid}-a")).TenderDeadline.ShouldBe(new DateTime(2026, 4, 15, 18, 0, 0, DateTimeKind.Utc));
        (await app.NoticeAsync("ge", $"{ocid}-e")).Title.ShouldBe($"{ocid}-e", "a release without tender still makes a notice, titled by its ocid");

        var report = await staff.GetPageAsync($"/ge/gestion/marches/import/{import.Id}?skippedOnly=true");
        report.QuerySelectorAll("#import-lines tbody tr").Select(r => r.GetAttribute("data-outcome")).ShouldBe(["Skipped", "Skipped", "Skipped"]);

        var notJson = await app.UploadAndWaitAsync(staff, "ge", "tableur.json", Encoding.UTF8.GetBytes("nom;montant\nA;1"));
        (notJson.State, notJson.Created, notJson.Skipped).ShouldBe((TenderImportState.Completed, 0, 1));
        (await app.LinesAsync(notJson.Id)).Single().Message!.ShouldStartWith("invalid JSON");
        var notOcds = await app.UploadAndWaitAsync(staff, "ge", "other.json", Encoding.UTF8.GetBytes("""{"rows":[1,2,3]}"""));
        (await app.LinesAsync(notOcds.Id)).Single().Message.ShouldBe("not OCDS: no \"releases\", \"records\" or \"ocid\"");
    }

    [Fact]
    public async Task A_package_of_several_batches_merges_across_them_reports_positions_in_the_whole_file_and_reimports_unchanged()
    {
        var ocid = ProcurementFixtures.NewOcid();
        static string Release(string ocid, string id, DateTime date, string tender) =>
            "{\"ocid\":\"" + ocid + "\",\"id\":\"" + id + "\",\"date\":\"" + date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\",\"tag\":[\"tender\"],\"tender\":{" + tender + "}}";
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var entries = Enumerable.Range(0, 1096)
            .Select(i => Release($"{ocid}-{i}", $"t-{i}", start.AddMinutes(i), $$$"""
                "title":"Avis {{{i}}}","tenderPeriod":{"endDate":"2026-05-01T12:00:00Z"},"items":[{"id":"1","classification":{"scheme":"UNSPSC","id":"76111500"}}]
                """))
            .ToList();
        var later = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        entries.Insert(9, Release($"{ocid}-5", "amend-5", later, "\"tenderPeriod\":{\"endDate\":\"2026-07-01T12:00:00Z\"}"));
        entries.Insert(699, Release($"{ocid}-7", "amend-7", later, "\"title\":\"Avis 7 modifié\""));
        entries.Insert(799, "\"oops\"");
        entries.Add(Release($"{ocid}-8", "early-8", start.AddDays(-30), "\"description\":\"Annonce préalable\""));
        entries.Add(entries[0]);
        TenderImporter.BatchSize.ShouldBeLessThan(entries.Count / 2, "the file spans three batches");
        var file = Encoding.UTF8.GetBytes($$"""{"version":"1.1","releases":[{{string.Join(",\n", entries)}}]}""");
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);

        var import = await app.UploadAndWaitAsync(staff, "ge", "trois-lots.json", file);

        (import.State, import.Read, import.Created, import.Updated, import.Unchanged, import.Skipped, import.Failure).ShouldBe((TenderImportState.Completed, 1101, 1096, 3, 1, 1, (string?)null));
        (import.BytesDone, import.PercentDone).ShouldBe(((long)file.Length, 100));
        (await app.LinesAsync(import.Id)).Where(l => l.Outcome == TenderLineOutcome.Skipped).Select(l => (l.Position, l.Message)).ShouldBe([(800, "not an object (String)")]);
        var inFirstBatch = await app.NoticeAsync("ge", $"{ocid}-5");
        inFirstBatch.TenderDeadline.ShouldBe(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc));
        (await app.NoticeAsync("ge", $"{ocid}-7")).Title.ShouldBe("Avis 7 modifié", "a release of the second batch updates a notice of the first");
        var recompiled = await app.NoticeAsync("ge", $"{ocid}-8");
        (recompiled.Title, TenderQueries.Compiled(recompiled).Description, recompiled.LatestReleaseDate).ShouldBe(("Avis 8", "Annonce préalable", start.AddMinutes(8)), "an older release is merged under the newer one");
        (await HistoryAsync(inFirstBatch.Id), await HistoryAsync(recompiled.Id)).ShouldBe((2, 2));
        var chamberId = await app.ChamberIdAsync("ge");
        var prefix = ocid + "-";
        (await app.WithDbAsync(db => db.Set<TenderNotice>().CountAsync(n => n.ChamberId == chamberId && n.Ocid.StartsWith(prefix)))).ShouldBe(1096);

        var again = await app.UploadAndWaitAsync(staff, "ge", "trois-lots.json", file);
        (again.Read, again.Created, again.Updated, again.Unchanged, again.Skipped).ShouldBe((1101, 0, 0, 1100, 1));
        (await app.NoticeAsync("ge", $"{ocid}-8")).ShouldSatisfyAllConditions(n => n.UpdatedAt.ShouldBe(recompiled.UpdatedAt), n => n.Data.ShouldBe(recompiled.Data));
        (await app.WithDbAsync(db => db.Set<TenderRelease>().CountAsync(r => r.ImportId == again.Id))).ShouldBe(0, "a re-import adds no history");
    }

    [Fact]
    public async Task A_member_watch_profile_matches_by_accented_plural_keywords_CPV_prefix_and_canton_and_says_why()
    {
        var member = await app.NewMemberAsync();
        var matching = await app.SchoolServicesNoticeAsync(title: "Nettoyage des écoles de Carouge " + Guid.NewGuid().ToString("N")[..6]);
        var elsewhere = await app.SchoolServicesNoticeAsync(canton: "VS", title: "Nettoyage des écoles de Sion");
        using var client = await SignedInAsync(member.Email);
        var page = await client.GetPageAsync($"/ge/espace/{member.Slug}/veille");

        var invalid = await client.SubmitAsync(page, "#profile-form", [new("Input.Name", "Écoles"), new("Input.CpvPrefixes", "9x")]);
        invalid.FieldError("Input.CpvPrefixes").ShouldBe("Un préfixe CPV a de 2 à 8 chiffres.");

        var saved = await client.SubmitAsync(page, "#profile-form", [new("Input.Name", "Écoles genevoises"), new("Input.Keywords", "ECOLE\nnettoyages"), new("Input.CpvPrefixes", "909"), new("Input.Regions", "GE"), new("Input.MinValue", "100'000"), new("Input.Frequency", "Weekly")]);
        saved.QuerySelector(".flash")!.TextContent.ShouldBe("Profil de veille enregistré.");
        var titles = saved.QuerySelectorAll("#matches h3").Select(h => h.TextContent.Trim()).ToList();
        titles.ShouldContain(matching.Title);
        titles.ShouldNotContain(elsewhere.Title);
        var why = saved.QuerySelectorAll("#matches li").Single(li => li.TextContent.Contains(matching.Title, StringComparison.Ordinal)).QuerySelector(".why")!.TextContent;
        why.ShouldContain("mot-clé « ECOLE »");
        why.ShouldContain("mot-clé « nettoyages »");
        why.ShouldContain("code CPV 90911200 (909…)");
        why.ShouldContain("canton GE");
        var profile = await app.WithDbAsync(db => db.Set<WatchProfile>().AsNoTracking().SingleAsync(p => p.OrganisationId == member.Id));
        (profile.MinValueMinor, profile.Regions, profile.Frequency).ShouldBe((100_000_00L, ",GE,", DigestFrequency.Weekly));
        profile.NextDigestAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_digest_lists_new_notices_and_those_closing_within_7_days_once_whatever_the_number_of_instances()
    {
        var member = await app.NewMemberAsync();
        var chamberId = await app.ChamberIdAsync("ge");
        var profile = new WatchProfile { ChamberId = chamberId, OrganisationId = member.Id, Name = "Autocars", Keywords = "autocar", Frequency = DigestFrequency.Daily, CreatedAt = DateTime.UtcNow.AddDays(-2), LastDigestAt = DateTime.UtcNow.AddDays(-1), NextDigestAt = DateTime.UtcNow.AddMinutes(-1) };
        await app.WithDbAsync(async db =>
        {
            db.Set<WatchProfile>().Add(profile);
            await db.SaveChangesAsync();
        });
        var soon = await app.SchoolServicesNoticeAsync(deadline: DateTime.UtcNow.AddDays(3));

        // Two instances tick at once: the conditional claim lets one of them write the digest.
        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<TenderDigests>().SendDueAsync(CancellationToken.None);
        }));

        sent.Sum().ShouldBe(1);
        var digests = await app.WithDbAsync(db => db.Set<TenderDigest>().AsNoTracking().Where(d => d.ProfileId == profile.Id).ToListAsync());
        digests.ShouldHaveSingleItem().ClosingCount.ShouldBeGreaterThanOrEqualTo(1);
        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == member.Email && m.Kind == EmailKinds.TenderDigest));
        mail.TextBody.ShouldContain("Délai dans les 7 jours");
        mail.TextBody.ShouldContain(soon.Title);
        var next = await app.WithDbAsync(db => db.Set<WatchProfile>().AsNoTracking().SingleAsync(p => p.Id == profile.Id));
        next.NextDigestAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTime.UtcNow);

        using var client = await SignedInAsync(member.Email);
        var page = await client.GetPageAsync($"/ge/espace/{member.Slug}/veille/resumes");
        page.QuerySelector(".digest .closing")!.TextContent.ShouldContain(soon.Title);
    }

    [Fact]
    public async Task A_member_looks_for_partners_the_suggestions_cover_the_lots_another_member_joins_and_the_outcome_feeds_the_indicators()
    {
        var lead = await app.NewMemberAsync(name: "Cuisine Solidaire " + Guid.NewGuid().ToString("N")[..4]);
        var cleaner = await app.NewMemberAsync(name: "Net'Insertion " + Guid.NewGuid().ToString("N")[..4]);
        var valais = await app.NewMemberAsync(name: "Propreté Valais " + Guid.NewGuid().ToString("N")[..4]);
        await app.OfferAsync(lead, "Repas pour collectivités", "traiteur/repas");
        await app.OfferAsync(cleaner, "Nettoyage de bureaux et d'écoles", "nettoyage/locaux");
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == valais.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Profile.Canton, "VS")));
        await app.OfferAsync(valais, "Nettoyage industriel", "nettoyage/locaux", "ge", "VS");
        var notice = await app.SchoolServicesNoticeAsync();
        var before = await IndicatorsAsync();

        using var a = await SignedInAsync(lead.Email);
        var noticePage = await a.GetPageAsync($"/ge/marches/{notice.Id}");
        noticePage.QuerySelector("#mine-fitting")!.TextContent.ShouldContain("Repas pour collectivités");
        noticePage.QuerySelector("#others-fitting")!.TextContent.ShouldContain(cleaner.Name);
        noticePage.QuerySelector("#others-fitting")!.TextContent.ShouldNotContain(valais.Name, Case.Sensitive, "it neither sits nor delivers in Geneva");
        noticePage.QuerySelector("#uncovered")!.TextContent.ShouldContain("Transport d'élèves en autocar");

        var workspace = await a.SubmitAsync(noticePage, "#partners-form", [new("OrganisationId", lead.Id.ToString())]);
        var consortium = await app.WithDbAsync(db => db.Set<Consortium>().AsNoTracking().Include(c => c.Members).SingleAsync(c => c.NoticeId == notice.Id));
        consortium.Members.ShouldHaveSingleItem().Role.ShouldBe(ConsortiumRole.Lead);
        workspace.QuerySelector("#countdown")!.TextContent.ShouldContain("jour(s)");
        var suggestion = workspace.QuerySelector($"#suggestions li[data-organisation='{cleaner.Id}']");
        suggestion.ShouldNotBeNull();
        suggestion.TextContent.ShouldContain("Nettoyage des locaux");
        var invited = await a.SubmitAsync(workspace, $"#suggestions li[data-organisation='{cleaner.Id}'] form", [new("Invite.OrganisationId", cleaner.Id.ToString()), new("Invite.Lots", "2"), new("Invite.Role", "Partner")]);
        invited.QuerySelector(".flash")!.TextContent.ShouldBe("Invitation envoyée.");
        (await app.WithDbAsync(db => db.Outbox.AsNoTracking().CountAsync(m => m.ToAddress == cleaner.Email && m.Kind == EmailKinds.ConsortiumInvitation))).ShouldBe(1);

        using var b = await SignedInAsync(cleaner.Email);
        var mine = await b.GetPageAsync($"/ge/espace/{cleaner.Slug}/consortiums");
        mine.QuerySelector("#invitations")!.TextContent.ShouldContain(notice.Title);
        var bWorkspace = await b.GetPageAsync($"/ge/consortiums/{consortium.Id}");
        var joined = await b.SubmitAsync(bWorkspace, "#invitation form:first-of-type", [new("accept", "true")]);
        joined.QuerySelector(".flash")!.TextContent.ShouldBe("Vous faites partie du groupement.");
        joined.QuerySelectorAll("#members tbody tr").Select(r => r.GetAttribute("data-status")).ShouldBe(["Accepted", "Accepted"]);
        joined.QuerySelector("#coverage")!.TextContent.ShouldBe("Lots couverts : 2 sur 3");
        await b.SubmitAsync(joined, "#note-form", [new("Note", "Nous pouvons couvrir les trois écoles.")]);

        // Only the lead records the outcome; winning needs the amount.
        (await b.GetPageAsync($"/ge/consortiums/{consortium.Id}")).QuerySelector("#outcome-form").ShouldBeNull();
        var leadPage = await a.GetPageAsync($"/ge/consortiums/{consortium.Id}");
        leadPage.QuerySelector(".timeline")!.TextContent.ShouldContain("Nous pouvons couvrir les trois écoles.");
        var submitted = await a.SubmitAsync(leadPage, "#outcome-form", [new("Outcome.State", "Submitted")]);
        var noAmount = await a.SubmitAsync(submitted, "#outcome-form", [new("Outcome.State", "Won")]);
        noAmount.FieldError("Outcome.AmountWon").ShouldBe("Indiquez le montant obtenu en francs (par exemple 120000).");
        await a.SubmitAsync(submitted, "#outcome-form", [new("Outcome.State", "Won"), new("Outcome.AmountWon", "480'000")]);
        (await app.WithDbAsync(db => db.Set<Consortium>().AsNoTracking().SingleAsync(c => c.Id == consortium.Id))).ShouldSatisfyAllConditions(
            c => c.State.ShouldBe(ConsortiumState.Won),
            c => c.AmountWonMinor.ShouldBe(480_000_00L));

        var after = await IndicatorsAsync();
        (after.ConsortiaFormed - before.ConsortiaFormed, after.Submitted - before.Submitted, after.Won - before.Won, after.AmountWonMinor - before.AmountWonMinor).ShouldBe((1, 1, 1, 480_000_00L));
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        (await staff.GetPageAsync("/ge/gestion/marches/indicateurs")).QuerySelector("[data-figure=won]")!.TextContent.ShouldBe(after.Won.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Staff_add_a_simap_notice_by_hand_and_mark_it_reserved_with_eForms_codes_which_a_later_import_keeps()
    {
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var form = await staff.GetPageAsync("/ge/gestion/marches/nouveau");
        var invalid = await staff.SubmitAsync(form, "#manual-form", [new("Input.Title", " "), new("Input.Cpv", "abc"), new("Input.Value", "beaucoup")]);
        invalid.FieldError("Input.Title").ShouldBe("Donnez un titre de 500 caractères au plus.");
        invalid.FieldError("Input.Value").ShouldBe("Un montant en francs, par exemple 250000 ou 250'000.");

        var reference = Guid.NewGuid().ToString("N")[..8];
        var saved = await staff.SubmitAsync(form, "#manual-form", [new("Input.Reference", reference), new("Input.Title", "Aide à domicile pour personnes âgées"), new("Input.Buyer", "Commune de Vernier"), new("Input.Canton", "GE"), new("Input.Cpv", "85312000-9"), new("Input.Value", "1'200'000"), new("Input.Deadline", "2030-06-30T12:00"), new("Input.DocumentUrl", "https://www.simap.ch/avis/123")]);
        saved.QuerySelector(".flash")!.TextContent.ShouldBe("Appel d'offres enregistré.");
        saved.QuerySelector("#value")!.TextContent.ShouldBe("CHF 1’200’000");
        saved.QuerySelector("#social-service")!.TextContent.ShouldContain("85312000");
        var notice = await app.NoticeAsync("ge", $"manual-ge-{reference}");
        notice.TenderDeadline.ShouldBe(new DateTime(2030, 6, 30, 10, 0, 0, DateTimeKind.Utc), "Swiss summer time is UTC+2");

        var marked = await staff.SubmitAsync(saved, "#mark-form", [new("Mark.Reserved", "res-ws"), new("Mark.Social", "opp"), new("Mark.Social", "not-a-code")]);
        marked.QuerySelector("#reserved-badge")!.TextContent.ShouldStartWith("La participation est réservée à des ateliers protégés");
        var after = await app.NoticeAsync("ge", notice.Ocid);
        (after.Reserved, after.SocialObjectives, after.MarkedByStaff).ShouldBe(("res-ws", ",opp,", true));

        // The same reference typed again updates the notice; the staff marks stay.
        await staff.SubmitAsync(form, "#manual-form", [new("Input.Reference", reference), new("Input.Title", "Aide à domicile (rectificatif)"), new("Input.Canton", "GE")]);
        var updated = await app.NoticeAsync("ge", notice.Ocid);
        (updated.Title, updated.Reserved, updated.ValueMinor).ShouldBe(("Aide à domicile (rectificatif)", "res-ws", 1_200_000_00L));
    }

    [Fact]
    public async Task Another_chambers_notices_imports_and_consortia_are_not_found()
    {
        var member = await app.NewMemberAsync();
        var notice = await app.SchoolServicesNoticeAsync();
        using var staffGe = await SignedInAsync(DemoAccounts.GenevaStaff);
        var import = await app.UploadAndWaitAsync(staffGe, "ge", "t.json", ProcurementFixtures.SharedFile("ocds-213czf-000-00001-02-tender.json", ProcurementFixtures.NewOcid()));
        using var a = await SignedInAsync(member.Email);
        var consortiumPage = await a.SubmitAsync(await a.GetPageAsync($"/ge/marches/{notice.Id}"), "#partners-form", [new("OrganisationId", member.Id.ToString())]);
        var consortiumId = await app.WithDbAsync(db => db.Set<Consortium>().Where(c => c.NoticeId == notice.Id).Select(c => c.Id).SingleAsync());
        consortiumPage.QuerySelector("h1")!.TextContent.ShouldBe("Espace du groupement");

        using var vaudStaff = await SignedInAsync(DemoAccounts.VaudStaff);
        await vaudStaff.GetPageAsync($"/vd/marches/{notice.Id}", System.Net.HttpStatusCode.NotFound);
        await vaudStaff.GetPageAsync($"/vd/gestion/marches/import/{import.Id}", System.Net.HttpStatusCode.NotFound);
        await vaudStaff.GetPageAsync($"/vd/consortiums/{consortiumId}", System.Net.HttpStatusCode.NotFound);
        (await vaudStaff.Http.GetAsync(new Uri($"/api/v1/chambers/vd/tenders/{notice.Id}", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await vaudStaff.Http.GetAsync(new Uri($"/api/v1/chambers/vd/tender-imports/{import.Id}", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await vaudStaff.Http.GetAsync(new Uri("/api/v1/chambers/ge/tender-imports", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        var vdList = await vaudStaff.Http.GetFromJsonAsync<TenderListDto>("/api/v1/chambers/vd/tenders");
        vdList!.Items.ShouldNotContain(t => t.Id == notice.Id);

        using var vaudMember = await SignedInAsync(DemoAccounts.VaudMember);
        await vaudMember.GetPageAsync($"/ge/marches/{notice.Id}", System.Net.HttpStatusCode.NotFound);
        await vaudMember.GetPageAsync($"/ge/consortiums/{consortiumId}", System.Net.HttpStatusCode.NotFound);
        (await vaudMember.Http.GetAsync(new Uri("/api/v1/chambers/ge/tenders", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);

        // Another Geneva member outside the consortium does not see its workspace either.
        var stranger = await app.NewMemberAsync();
        using var s = await SignedInAsync(stranger.Email);
        await s.GetPageAsync($"/ge/consortiums/{consortiumId}", System.Net.HttpStatusCode.NotFound);
        await s.GetPageAsync($"/ge/espace/{member.Slug}/veille", System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_API_lists_the_chambers_tenders_and_the_import_status()
    {
        var notice = await app.SchoolServicesNoticeAsync(title: "Repas scolaires " + Guid.NewGuid().ToString("N")[..6]);
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var import = await app.UploadAndWaitAsync(staff, "ge", "t.json", ProcurementFixtures.SharedFile("ocds-213czf-000-00001-02-tender.json", ProcurementFixtures.NewOcid()));

        var list = await staff.Http.GetFromJsonAsync<TenderListDto>($"/api/v1/chambers/ge/tenders?q={Uri.EscapeDataString(notice.Title)}&open=true");
        var dto = list!.Items.ShouldHaveSingleItem();
        (dto.Id, dto.Value, dto.Currency, dto.Cantons.Single(), dto.Cpv.Count).ShouldBe((notice.Id, 650_000m, "CHF", "GE", 3));
        var status = await staff.Http.GetFromJsonAsync<TenderImportDto>($"/api/v1/chambers/ge/tender-imports/{import.Id}");
        (status!.State, status.Created, status.Percent).ShouldBe(("Completed", 1, 100));

        using var anonymous = new WebClient(app);
        (await anonymous.Http.GetAsync(new Uri("/api/v1/chambers/ge/tenders", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    private Task<int> HistoryAsync(Guid noticeId) => app.WithDbAsync(db => db.Set<TenderRelease>().CountAsync(r => r.NoticeId == noticeId));

    private async Task<ProcurementIndicators> IndicatorsAsync()
    {
        var chamberId = await app.ChamberIdAsync("ge");
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Consortia>().IndicatorsAsync(chamberId, CancellationToken.None);
    }

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class ProcurementTestsOnSqlite(SqliteApp app) : ProcurementTests(app), IClassFixture<SqliteApp>;

public sealed class ProcurementTestsOnPostgreSQL(PostgresApp app) : ProcurementTests(app), IClassFixture<PostgresApp>;
