using Maillage.Domain.Common;
using Maillage.Domain.Publications;

namespace Maillage.Domain.Tests.Publications;

public sealed class ModerationTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static NewsDraft Draft(string title = "Notre épicerie ouvre le dimanche") =>
        new(title, "<p>Dès décembre, l'épicerie coopérative ouvre aussi le dimanche matin.</p>", "https://epicerie.example/dimanche");

    [Fact]
    public void A_submitted_news_waits_for_staff_and_is_not_public()
    {
        var (item, errors) = NewsItem.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Draft(), null, Now);

        errors.ShouldBeEmpty();
        item!.State.ShouldBe(ModerationState.Submitted);
        item.IsPublic.ShouldBeFalse();
        item.PublishedAt.ShouldBeNull();
    }

    [Fact]
    public void Changes_asked_then_resubmitted_then_published_keeps_the_first_publication_date()
    {
        var item = NewsItem.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Draft(), null, Now).Item!;
        item.Moderate(ModerationAction.RequestChanges, "Ajoutez l'adresse, s'il vous plaît.", Now.AddHours(1));
        item.State.ShouldBe(ModerationState.ChangesRequested);
        item.ModerationMessage.ShouldBe("Ajoutez l'adresse, s'il vous plaît.");

        item.Edit(Draft("Notre épicerie ouvre le dimanche, rue des Lilas"), null, false, Now.AddHours(2)).ShouldBeEmpty();
        item.State.ShouldBe(ModerationState.Submitted);

        item.Moderate(ModerationAction.Publish, null, Now.AddHours(3));
        item.IsPublic.ShouldBeTrue();
        item.ModerationMessage.ShouldBeNull();
        item.PublishedAt.ShouldBe(Now.AddHours(3));

        item.Moderate(ModerationAction.RequestChanges, "Le lien ne marche plus.", Now.AddDays(1));
        item.Edit(Draft(), null, false, Now.AddDays(2));
        item.Moderate(ModerationAction.Publish, null, Now.AddDays(3));
        item.PublishedAt.ShouldBe(Now.AddHours(3));
        item.UpdatedAt.ShouldBe(Now.AddDays(3));
    }

    [Theory]
    [InlineData(ModerationAction.RequestChanges)]
    [InlineData(ModerationAction.Refuse)]
    public void Asking_for_changes_or_refusing_needs_a_reason(ModerationAction action)
    {
        var item = NewsItem.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Draft(), null, Now).Item!;

        Should.Throw<DomainException>(() => item.Moderate(action, "  ", Now)).Code.ShouldBe(ValidationCodes.Required);
        item.State.ShouldBe(ModerationState.Submitted);
    }

    [Fact]
    public void A_refused_news_is_final_and_cannot_be_edited()
    {
        var item = NewsItem.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Draft(), null, Now).Item!;
        item.Moderate(ModerationAction.Refuse, "Hors du champ de l'ESS.", Now);

        foreach (var action in Enum.GetValues<ModerationAction>())
        {
            Moderation.After(ModerationState.Refused, action).ShouldBeNull();
        }

        Should.Throw<DomainException>(() => item.Edit(Draft(), null, false, Now)).Code.ShouldBe("ModerationNotAllowed");
    }

    [Fact]
    public void Random_sequences_of_actions_never_leave_the_state_machine()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var item = NewsItem.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Draft(), null, Now).Item!;
            DateTime? firstPublished = null;
            for (var step = 0; step < 20; step++)
            {
                var action = (ModerationAction)random.Next(4);
                var before = item.State;
                var expected = Moderation.After(before, action);
                try
                {
                    if (action == ModerationAction.Resubmit)
                    {
                        item.Edit(Draft(), null, false, Now.AddMinutes(step));
                    }
                    else
                    {
                        item.Moderate(action, "raison", Now.AddMinutes(step));
                    }

                    item.State.ShouldBe(expected!.Value);
                }
                catch (DomainException)
                {
                    expected.ShouldBeNull($"seed {seed}: {before} + {action}");
                    item.State.ShouldBe(before);
                }

                if (item.IsPublic)
                {
                    firstPublished ??= item.PublishedAt;
                    item.PublishedAt.ShouldBe(firstPublished);
                }

                item.IsPublic.ShouldBe(item.State == ModerationState.Published);
            }
        }
    }

    [Fact]
    public void A_news_is_checked_whole_and_its_body_stored_sanitised()
    {
        var (_, errors) = NewsItem.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new NewsDraft("", "<script>alert(1)</script>", "javascript:alert(1)"), Guid.NewGuid(), Now);
        errors.Select(e => e.Field).ShouldBe(["Title", "Body", "Link", "ImageAlt"], ignoreOrder: true);

        var item = NewsItem.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new NewsDraft("Titre correct", "<p onclick=x>Un texte assez long pour passer.</p><script>y</script>", null), null, Now).Item!;
        item.BodyHtml.ShouldBe("<p>Un texte assez long pour passer.</p>");
    }

    [Fact]
    public void A_position_paper_needs_its_pdf_and_valid_tags()
    {
        var draft = new PracticeDraft("Position sur les marchés publics", "La chambre demande des clauses sociales dans chaque marché.", null, null, null, ["achats"], ["conseil"], [], null);
        PracticeSheet.PublishByChamber(Guid.NewGuid(), PracticeKind.PositionPaper, Guid.NewGuid(), draft, null, null, Now).Errors.Select(e => e.Field).ShouldBe(["Document"]);
        var (paper, _) = PracticeSheet.PublishByChamber(Guid.NewGuid(), PracticeKind.PositionPaper, Guid.NewGuid(), draft, null, Guid.NewGuid(), Now);
        paper!.IsPublic.ShouldBeTrue();

        var bad = draft with { Themes = ["inconnu"], Sectors = ["nulle-part"] };
        PracticeSheet.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), bad, null, Now).Errors.Select(e => e.Field).ShouldBe(["Actions", "Themes", "Sectors"], ignoreOrder: true);
    }

    [Fact]
    public void Pdfs_are_recognised_from_their_bytes()
    {
        var pdf = PdfInspector.Minimal("Prise de position");
        PdfInspector.LooksWhole(pdf).ShouldBeTrue();
        PdfInspector.LooksWhole(pdf.AsSpan(0, pdf.Length / 2)).ShouldBeFalse();
        PdfInspector.LooksWhole("<html>%PDF-1.4 %%EOF</html>"u8).ShouldBeFalse();
        StoredFile.Pdf(Guid.NewGuid(), pdf, 100, Now).Errors.Single().Code.ShouldBe("PdfTooLarge");
        StoredFile.Image(Guid.NewGuid(), pdf, 1_000_000, Now).Errors.Single().Code.ShouldBe("ImageNotSupported");
    }
}
