using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Maillage.Domain.Surveys;
using Maillage.Web.Features.Surveys;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HttpStatusCode = System.Net.HttpStatusCode;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Surveys;

/// <summary>Surveys through the real pipeline: building, answering with drafts, personal and public links, results, CSV, isolation.</summary>
public abstract class SurveyTests(MaillageApp app)
{
    [Fact]
    public async Task Staff_build_a_survey_and_bad_questions_or_dates_are_refused_next_to_the_field()
    {
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var list = await staff.GetPageAsync("/ge/gestion/enquetes");
        var title = "Besoins " + Guid.NewGuid().ToString("N")[..6];
        var page = await staff.SubmitAsync(list, "#new-survey", [new("Input.Title", title)]);
        page.QuerySelector("h1")!.TextContent.ShouldBe(title);
        var survey = await app.WithDbAsync(db => db.Set<Survey>().SingleAsync(s => s.Title == title));
        survey.State.ShouldBe(SurveyState.Draft);

        var url = $"/ge/gestion/enquetes/{survey.Id}/question";
        var form = await staff.GetPageAsync(url);
        var refused = await staff.SubmitAsync(form, "#question-form", [new("Input.Kind", "SingleChoice"), new("Input.Prompt", "Vos besoins ?"), new("Input.Options", "\n  \n")]);
        refused.FieldError("Input.Options").ShouldBe("Donnez au moins deux options, une par ligne.");
        refused = await staff.SubmitAsync(form, "#question-form", [new("Input.Kind", "Scale"), new("Input.Prompt", "Satisfaction ?"), new("Input.ScaleMin", "5"), new("Input.ScaleMax", "5")]);
        refused.FieldError("Input.ScaleMax").ShouldBe("Le haut de l'échelle doit être plus grand que le bas.");
        refused = await staff.SubmitAsync(form, "#question-form", [new("Input.Kind", "MultipleChoice"), new("Input.Prompt", "Ressources ?"), new("Input.Options", "Salles\nVéhicules"), new("Input.MinSelections", "3")]);
        refused.FieldError("Input.MinSelections").ShouldNotBeNull();

        await staff.SubmitAsync(form, "#question-form", [new("Input.Kind", "SingleChoice"), new("Input.Prompt", "Taille ?"), new("Input.Required", "true"), new("Input.Options", "Petite\r\nMoyenne\r\nGrande\r\n")]);
        var edit = await staff.SubmitAsync(form, "#question-form", [new("Input.Kind", "Scale"), new("Input.Prompt", "Satisfaction ?"), new("Input.ScaleMin", "0"), new("Input.ScaleMax", "10")]);
        edit.QuerySelectorAll(".question-list li").Select(li => li.QuerySelector("strong")!.TextContent).ShouldBe(["Taille ?", "Satisfaction ?"]);

        var second = edit.QuerySelectorAll(".question-list li")[1].GetAttribute("data-question")!;
        var moved = await staff.PostAsync($"/ge/gestion/enquetes/{survey.Id}?handler=Move&questionId={second}&step=-1", [new("__RequestVerificationToken", edit.Token())]);
        moved.QuerySelectorAll(".question-list li").Select(li => li.QuerySelector("strong")!.TextContent).ShouldBe(["Satisfaction ?", "Taille ?"]);

        var dates = await staff.SubmitAsync(moved, "#settings-form", [new("Input.Title", title), new("Input.OpensAt", "2027-03-10T09:00"), new("Input.ClosesAt", "2027-03-01T18:00")]);
        dates.FieldError("Input.ClosesAt").ShouldBe("La clôture doit être après l'ouverture.");

        var opened = await staff.PostAsync($"/ge/gestion/enquetes/{survey.Id}?handler=Open", [new("__RequestVerificationToken", edit.Token())]);
        opened.QuerySelector("#survey-state")!.TextContent.ShouldBe("Ouverte");
        var stored = await app.WithDbAsync(db => db.Set<Survey>().Include(s => s.Questions).SingleAsync(s => s.Id == survey.Id));
        stored.Questions.Single(q => q.Kind == QuestionKind.SingleChoice).Options.ShouldBe(["Petite", "Moyenne", "Grande"]);
        stored.Questions.Single(q => q.Kind == QuestionKind.Scale).Position.ShouldBe(1);
    }

    [Fact]
    public async Task A_submit_missing_required_answers_keeps_everything_as_a_draft_with_errors_beside_the_questions()
    {
        var survey = await app.NewSurveyAsync();
        var q = survey.InOrder();
        using var visitor = new WebClient(app);
        var form = await visitor.GetPageAsync(SurveyServices.AnswerPath("ge", survey.PublicToken!));
        form.QuerySelectorAll("#survey-form fieldset.question legend").Length.ShouldBe(4);

        var kept = await visitor.SubmitAsync(form, "#survey-form", [new("RespondentName", "Claire Dumont"), .. SurveyFixtures.Answers("submit", (q[1], "0"), (q[1], "2"), (q[3], "Un atelier marchés publics"))]);
        kept.ErrorOf(q[0]).ShouldBe("Répondez à cette question.");
        kept.ErrorOf(q[2]).ShouldBe("Répondez à cette question.");
        kept.ErrorOf(q[1]).ShouldBeNull();
        kept.QuerySelector($"#{q[0].Field()}")!.GetAttribute("aria-invalid").ShouldBe("true");
        kept.QuerySelector($"#{q[0].Field()}")!.GetAttribute("aria-describedby")!.ShouldContain($"{q[0].Field()}-error");
        kept.QuerySelector("#error-summary a")!.GetAttribute("href").ShouldBe($"#{q[0].Field()}");
        ((AngleSharp.Html.Dom.IHtmlInputElement)kept.QuerySelector($"#{q[1].Field()}_2")!).IsChecked.ShouldBeTrue("what was ticked is still ticked");
        kept.QuerySelector($"textarea[name={q[3].Field()}]")!.TextContent.ShouldBe("Un atelier marchés publics");
        var resume = kept.QuerySelector("#resume-link")!.GetAttribute("href")!;

        var draft = await app.WithDbAsync(db => db.Set<SurveyResponse>().SingleAsync(r => r.SurveyId == survey.Id));
        draft.State.ShouldBe(ResponseState.Draft);
        draft.RespondentName.ShouldBe("Claire Dumont");
        draft.Answers().For(q[3].Id)!.Text.ShouldBe("Un atelier marchés publics");

        var mailed = await visitor.SubmitAsync(kept, "#resume-email", [new("ResumeEmail", "claire.dumont@example.ch")]);
        mailed.Text().ShouldContain("Le lien de reprise vous a été envoyé.");
        var resumeMail = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Kind == SurveyServices.ResumeKind && m.ToAddress == "claire.dumont@example.ch"));
        resumeMail.TextBody.ShouldContain(new Uri(resume).PathAndQuery);
        (await app.WithDbAsync(db => db.Set<SurveyResponse>().SingleAsync(r => r.SurveyId == survey.Id))).AnswersJson.ShouldNotContain("claire.dumont", Case.Insensitive, "the address is not kept with the answers");

        var again = await visitor.GetPageAsync(new Uri(resume).PathAndQuery);
        var done = await visitor.SubmitAsync(again, "#survey-form", [new("RespondentName", "Claire Dumont"), .. SurveyFixtures.Answers("submit", (q[0], "1"), (q[1], "0"), (q[1], "2"), (q[2], "4"), (q[3], "Un atelier marchés publics"))]);
        done.QuerySelector("#thanks").ShouldNotBeNull();
        var submitted = await app.WithDbAsync(db => db.Set<SurveyResponse>().SingleAsync(r => r.SurveyId == survey.Id));
        (submitted.Id, submitted.State).ShouldBe((draft.Id, ResponseState.Submitted));
        submitted.Answers().For(q[2].Id)!.Scale.ShouldBe(4);
    }

    [Fact]
    public async Task A_personal_link_saves_a_draft_comes_back_to_it_and_holds_one_answer_that_can_be_edited_until_closing()
    {
        var survey = await app.NewSurveyAsync(publicLink: false);
        var q = survey.InOrder();
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var (_, user) = await app.InviteAsync(survey);
        var page = await staff.GetPageAsync($"/ge/gestion/enquetes/{survey.Id}");
        var sent = await staff.PostAsync($"/ge/gestion/enquetes/{survey.Id}?handler=Send", [new("__RequestVerificationToken", page.Token())]);
        sent.Text().ShouldContain("lien(s) personnel(s)");
        var mail = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == SurveyServices.InvitationKind && m.ToAddress == DemoAccounts.GenevaMember).OrderByDescending(m => m.CreatedAt).FirstAsync());
        mail.TextBody.ShouldContain(survey.Title);
        var invitations = await app.WithDbAsync(db => db.Set<SurveyInvitation>().Where(i => i.SurveyId == survey.Id).ToListAsync());
        invitations.Count(i => i.UserId == user.Id).ShouldBe(1, "a contact already invited is not sent a second link");
        var token = SurveyFixtures.TokenIn(mail.TextBody);

        using var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.GenevaMember);
        var organisationId = invitations.Single(i => i.Token == token).OrganisationId;
        var organisation = await app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == organisationId));
        var space = await member.GetPageAsync($"/ge/espace/{organisation.Slug}/enquetes");
        space.QuerySelector($"[data-survey='{survey.Id}'] a")!.GetAttribute("href").ShouldBe($"/ge/enquete/{token}");

        var link = $"/ge/enquete/{token}";
        var form = await member.GetPageAsync(link);
        var saved = await member.SubmitAsync(form, "#survey-form", SurveyFixtures.Answers("draft", (q[0], "2"), (q[3], "À compléter")));
        saved.QuerySelector("#draft-saved").ShouldNotBeNull();
        (await app.WithDbAsync(db => db.Set<SurveyInvitation>().SingleAsync(i => i.Token == token))).DraftJson.ShouldNotBeNull();
        (await app.WithDbAsync(db => db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == survey.Id))).ShouldBe(0, "a personal draft lives on the link");

        var back = await member.GetPageAsync(link);
        ((AngleSharp.Html.Dom.IHtmlInputElement)back.QuerySelector($"#{q[0].Field()}_2")!).IsChecked.ShouldBeTrue();
        back.QuerySelector($"textarea[name={q[3].Field()}]")!.TextContent.ShouldBe("À compléter");
        await member.SubmitAsync(back, "#survey-form", SurveyFixtures.Answers("submit", (q[0], "2"), (q[2], "3"), (q[3], "Terminé")));

        var edited = await member.GetPageAsync(link);
        edited.QuerySelector("#submitted-note").ShouldNotBeNull();
        await member.SubmitAsync(edited, "#survey-form", SurveyFixtures.Answers("submit", (q[0], "0"), (q[2], "5"), (q[3], "Changé d'avis")));
        var responses = await app.WithDbAsync(db => db.Set<SurveyResponse>().Where(r => r.SurveyId == survey.Id).ToListAsync());
        responses.Count.ShouldBe(1, "one answer per personal link, edited in place");
        responses[0].InvitationId.ShouldBe(invitations.Single(i => i.Token == token).Id);
        responses[0].Answers().For(q[2].Id)!.Scale.ShouldBe(5);

        var results = await staff.GetPageAsync($"/ge/gestion/enquetes/{survey.Id}/resultats");
        results.QuerySelector("#respondents")!.TextContent.ShouldContain(organisation.Profile.Name);
        results.QuerySelector("#response-rate").ShouldNotBeNull();
    }

    [Fact]
    public async Task An_anonymous_answer_keeps_no_link_to_its_person_and_its_link_cannot_answer_twice()
    {
        var survey = await app.NewSurveyAsync(anonymous: true, publicLink: false);
        var q = survey.InOrder();
        var (invitation, user) = await app.InviteAsync(survey);
        using var person = new WebClient(app);
        var link = $"/ge/enquete/{invitation.Token}";
        var form = await person.GetPageAsync(link);
        form.QuerySelector("#anonymous-note").ShouldNotBeNull();
        await person.SubmitAsync(form, "#survey-form", SurveyFixtures.Answers("draft", (q[0], "1")));
        var stillForm = await person.GetPageAsync(link);
        var thanks = await person.SubmitAsync(stillForm, "#survey-form", SurveyFixtures.Answers("submit", (q[0], "1"), (q[2], "2"), (q[3], "Idée de " + user.FirstName)));
        thanks.QuerySelector("#thanks").ShouldNotBeNull();

        var response = await app.WithDbAsync(db => db.Set<SurveyResponse>().SingleAsync(r => r.SurveyId == survey.Id));
        response.InvitationId.ShouldBeNull();
        response.ResumeToken.ShouldBeNull();
        response.SubmittedAt.ShouldBe(response.SubmittedAt!.Value.Date);
        var used = await app.WithDbAsync(db => db.Set<SurveyInvitation>().SingleAsync(i => i.Id == invitation.Id));
        used.DraftJson.ShouldBeNull("the draft goes once the answers are detached");
        used.SubmittedOn.ShouldBe(used.SubmittedOn!.Value.Date);

        var sealedPage = await person.GetPageAsync(link);
        sealedPage.QuerySelector("#sealed").ShouldNotBeNull();
        sealedPage.QuerySelector("#survey-form").ShouldBeNull();
        await person.PostAsync(link, [new("__RequestVerificationToken", form.Token()), .. SurveyFixtures.Answers("submit", (q[0], "0"), (q[2], "1"))]);
        (await app.WithDbAsync(db => db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == survey.Id))).ShouldBe(1);

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var results = await staff.GetPageAsync($"/ge/gestion/enquetes/{survey.Id}/resultats");
        results.QuerySelector("#anonymous-results").ShouldNotBeNull();
        results.QuerySelector("#respondents").ShouldBeNull();
        results.Text().ShouldNotContain(user.Email!);
        results.QuerySelector("#response-rate")!.TextContent.ShouldBe("100\u00A0%");
        var csv = await staff.Http.GetStringAsync(new Uri($"/ge/gestion/enquetes/{survey.Id}/resultats?handler=Csv", UriKind.Relative));
        csv.Split('\n')[0].ShouldBe("N°;Envoyée le;Taille de l'organisation ?;Besoins ?;Satisfaction ?;Une idée ?\r", "no organisation or respondent column");
        csv.ShouldNotContain(user.LastName);
    }

    [Fact]
    public async Task Results_count_each_option_with_swiss_percentages_on_the_page_and_in_the_api()
    {
        var survey = await app.NewSurveyAsync();
        var q = survey.InOrder();
        using var visitor = new WebClient(app);
        foreach (var (size, needs, score) in new[] { ("0", new[] { "0", "1" }, "5"), ("0", ["1"], "4"), ("2", [], "5") })
        {
            var form = await visitor.GetPageAsync(SurveyServices.AnswerPath("ge", survey.PublicToken!));
            await visitor.SubmitAsync(form, "#survey-form", [new("RespondentName", "Candidat " + size + score), .. SurveyFixtures.Answers("submit", [(q[0], size), .. needs.Select(n => (q[1], n)), (q[2], score)])]);
        }

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var page = await staff.GetPageAsync($"/ge/gestion/enquetes/{survey.Id}/resultats");
        page.QuerySelector("#submitted-count")!.TextContent.ShouldBe("3");
        var sizeRows = page.QuerySelectorAll($"#result-{q[0].Id} tbody tr").Select(tr => string.Join("|", tr.Children.Select(c => c.TextContent))).ToList();
        sizeRows.ShouldBe(["Moins de 5|2|66,7\u00A0%", "5 à 20|0|0\u00A0%", "Plus de 20|1|33,3\u00A0%"]);
        var svg = page.QuerySelector($"#result-{q[0].Id} svg")!;
        svg.GetAttribute("role").ShouldBe("img");
        svg.QuerySelectorAll("rect").Length.ShouldBe(3);
        page.QuerySelector($"#result-{q[2].Id}")!.TextContent.ShouldContain("moyenne 4,67");

        var response = await staff.Http.GetAsync(new Uri($"/api/v1/chambers/ge/surveys/{survey.Id}/results", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("submitted").GetInt32().ShouldBe(3);
        var needsResult = json.GetProperty("questions")[1];
        needsResult.GetProperty("answered").GetInt32().ShouldBe(2);
        needsResult.GetProperty("counts").EnumerateArray().Select(c => (c.GetProperty("label").GetString(), c.GetProperty("count").GetInt32(), c.GetProperty("percent").GetDecimal()))
            .ShouldBe([("Locaux", 1, 50m), ("Financement", 2, 100m), ("Formation", 0, 0m)]);

        using var anonymousCaller = new WebClient(app);
        var refused = await anonymousCaller.Http.GetAsync(new Uri($"/api/v1/chambers/ge/surveys/{survey.Id}/results", UriKind.Relative));
        refused.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_csv_export_reads_back_one_row_per_response_with_multiple_choices_joined_and_formulas_neutralised()
    {
        var survey = await app.NewSurveyAsync();
        var q = survey.InOrder();
        using var visitor = new WebClient(app);
        var form = await visitor.GetPageAsync(SurveyServices.AnswerPath("ge", survey.PublicToken!));
        await visitor.SubmitAsync(form, "#survey-form", [new("RespondentName", "=HYPERLINK(\"x\")"), .. SurveyFixtures.Answers("submit", (q[0], "1"), (q[1], "0"), (q[1], "2"), (q[2], "3"), (q[3], "+41 22 000 00 00; ligne\nsuivante"))]);
        form = await visitor.GetPageAsync(SurveyServices.AnswerPath("ge", survey.PublicToken!));
        await visitor.SubmitAsync(form, "#survey-form", [new("RespondentName", "Aïcha Benali"), .. SurveyFixtures.Answers("submit", (q[0], "0"), (q[2], "5"))]);

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var response = await staff.Http.GetAsync(new Uri($"/ge/gestion/enquetes/{survey.Id}/resultats?handler=Csv", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        using var reader = new StringReader(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(csv.Parser.Record!);
        }

        rows[0].ShouldBe(["N°", "Envoyée le", "Organisation", "Répondant·e", "Taille de l'organisation ?", "Besoins ?", "Satisfaction ?", "Une idée ?"]);
        rows.Count.ShouldBe(3, "a header and one row per response");
        rows[1][3].ShouldBe("'=HYPERLINK(\"x\")");
        rows[1][4..].ShouldBe(["5 à 20", "Locaux | Formation", "3", "'+41 22 000 00 00; ligne\nsuivante"]);
        rows[2][3..].ShouldBe(["Aïcha Benali", "Moins de 5", "", "5", ""]);
    }

    [Fact]
    public async Task Another_chambers_survey_is_not_found_anywhere()
    {
        var survey = await app.NewSurveyAsync();
        using var vaud = new WebClient(app);
        await vaud.SignInAsync(DemoAccounts.VaudStaff);
        await vaud.GetPageAsync($"/vd/gestion/enquetes/{survey.Id}", HttpStatusCode.NotFound);
        await vaud.GetPageAsync($"/vd/gestion/enquetes/{survey.Id}/resultats", HttpStatusCode.NotFound);
        await vaud.GetPageAsync($"/vd/gestion/enquetes/{survey.Id}/question", HttpStatusCode.NotFound);
        (await vaud.Http.GetAsync(new Uri($"/vd/gestion/enquetes/{survey.Id}/resultats?handler=Csv", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await vaud.GetPageAsync($"/vd/enquete/{survey.PublicToken}", HttpStatusCode.NotFound);
        var api = await vaud.Http.GetAsync(new Uri($"/api/v1/chambers/vd/surveys/{survey.Id}/results", UriKind.Relative));
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("SurveyNotFound");
        (await vaud.Http.GetAsync(new Uri($"/api/v1/chambers/ge/surveys/{survey.Id}/results", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Set<Survey>().AnyAsync(s => s.Id == survey.Id))).ShouldBeTrue();
    }

    [Fact]
    public async Task Once_answered_a_question_cannot_lose_options_and_staff_are_told_why()
    {
        var survey = await app.NewSurveyAsync();
        var q = survey.InOrder();
        using var visitor = new WebClient(app);
        var form = await visitor.GetPageAsync(SurveyServices.AnswerPath("ge", survey.PublicToken!));
        await visitor.SubmitAsync(form, "#survey-form", [new("RespondentName", "Jean Perrin"), .. SurveyFixtures.Answers("draft", (q[1], "2"))]);

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var edit = await staff.GetPageAsync($"/ge/gestion/enquetes/{survey.Id}/question/{q[1].Id}");
        edit.QuerySelector("#answers-lock").ShouldNotBeNull();
        var refused = await staff.SubmitAsync(edit, "#question-form", [new("Input.Kind", "MultipleChoice"), new("Input.Prompt", "Besoins ?"), new("Input.Options", "Locaux\nFinancement")]);
        refused.FieldError("Input.Options")!.ShouldContain("gardez les 3 options");
        var accepted = await staff.SubmitAsync(edit, "#question-form", [new("Input.Kind", "MultipleChoice"), new("Input.Prompt", "Vos besoins ?"), new("Input.Options", "Locaux\nFinancement\nFormation\nVisibilité")]);
        accepted.QuerySelector(".question-list")!.TextContent.ShouldContain("Vos besoins ?");
        var page = await staff.GetPageAsync($"/ge/gestion/enquetes/{survey.Id}");
        page.QuerySelectorAll("form[action*='handler=Remove']").ShouldBeEmpty();
    }
}

public sealed class SurveyTestsOnSqlite(SqliteApp app) : SurveyTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyTestsOnPostgreSQL(PostgresApp app) : SurveyTests(app), IClassFixture<PostgresApp>;
