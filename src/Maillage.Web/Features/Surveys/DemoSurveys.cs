using Maillage.Domain.Surveys;
using Maillage.Web.Data;

namespace Maillage.Web.Features.Surveys;

/// <summary>
/// Demo surveys of Geneva: the members' needs and resources survey (anonymous, open, sent to the demo member, a
/// dozen answers) and the candidates' survey on their ESS commitments (named, public link, four candidates answered).
/// </summary>
public static class DemoSurveys
{
    public static void Seed(MaillageDbContext db, Guid geneva, Guid memberOrganisation, Guid memberUser, string memberEmail, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var random = new Random(2027);

        var needs = Survey.Create(geneva, new SurveySettings
        {
            Title = "Besoins et ressources des membres 2027",
            Introduction = "Pour préparer le programme de l'année, nous aimerions connaître vos besoins et ce que vous pourriez partager avec les autres membres.\nLes réponses sont anonymes ; comptez cinq minutes.",
            Anonymous = true,
            OpensAt = now.AddDays(-12),
            ClosesAt = now.AddDays(30),
        }, now.AddDays(-14));
        Add(needs, QuestionKind.MultipleChoice, "Quels sont vos principaux besoins pour les douze prochains mois ?", true,
            ["Financement", "Locaux", "Recrutement et bénévolat", "Formation", "Visibilité et communication", "Outils numériques", "Accès aux marchés publics"], maxSelections: 3, help: "Trois choix au plus.");
        Add(needs, QuestionKind.MultipleChoice, "Quelles ressources pourriez-vous partager avec d'autres membres ?", false,
            ["Salles de réunion", "Matériel et véhicules", "Compétences (comptabilité, juridique, graphisme…)", "Espace de stockage", "Achats groupés"]);
        Add(needs, QuestionKind.SingleChoice, "Combien de personnes travaillent dans votre organisation (équivalents plein temps) ?", true,
            ["Moins d'un", "1 à 5", "6 à 20", "Plus de 20"]);
        Add(needs, QuestionKind.Scale, "Dans quelle mesure la chambre répond-elle à vos attentes ?", true, [], scale: (1, 5, "Pas du tout", "Tout à fait"));
        Add(needs, QuestionKind.LongText, "Une idée, une suggestion pour la chambre ?", false, []);
        needs.Open(now.AddDays(-12));
        db.Add(needs);
        db.Add(new SurveyInvitation { SurveyId = needs.Id, OrganisationId = memberOrganisation, UserId = memberUser, Email = memberEmail, Token = SurveyServices.NewToken(), SentAt = now.AddDays(-12) });

        string[] ideas =
        [
            "Organiser une bourse aux locaux vacants entre membres.",
            "Un atelier sur les marchés publics et les clauses sociales serait très utile.",
            "Mutualiser un poste de comptable à temps partiel entre plusieurs petites associations.",
            "Plus de cafés des bonnes pratiques en fin de journée, après le travail.",
        ];
        var q = needs.Ordered().ToList();
        for (var i = 0; i < 12; i++)
        {
            var answers = new SurveyAnswers();
            answers.Set(q[0], Pick(random, 7, random.Next(1, 4)));
            answers.Set(q[1], Pick(random, 5, random.Next(0, 3)));
            answers.Set(q[2], [random.Next(0, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            answers.Set(q[3], [random.Next(2, 6).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (i % 3 == 0)
            {
                answers.Set(q[4], [ideas[i / 3]]);
            }

            db.Add(Submitted(needs, answers, now, now.AddDays(-11 + i)));
        }

        var candidates = Survey.Create(geneva, new SurveySettings
        {
            Title = "Élections 2028 : vos engagements pour l'économie sociale et solidaire",
            Introduction = "La chambre interroge les candidates et candidats aux élections cantonales et communales sur leurs engagements pour l'ESS.\nLes réponses sont nominatives et seront publiées avant le scrutin.",
            Anonymous = false,
            ClosesAt = now.AddDays(45),
        }, now.AddDays(-8));
        Add(candidates, QuestionKind.SingleChoice, "À quelle élection êtes-vous candidat·e ?", true, ["Grand Conseil", "Conseil municipal", "Conseil administratif"]);
        Add(candidates, QuestionKind.MultipleChoice, "Quelles mesures soutiendrez-vous ?", true,
            ["Clauses sociales et environnementales dans les marchés publics", "Accès facilité aux locaux publics vacants", "Soutien à la monnaie complémentaire locale", "Fonds d'amorçage pour les entreprises de l'ESS", "Sensibilisation à l'ESS dans les écoles"]);
        Add(candidates, QuestionKind.Scale, "Quelle place l'ESS a-t-elle dans votre programme ?", true, [], scale: (0, 10, "Aucune", "Prioritaire"));
        Add(candidates, QuestionKind.LongText, "Quelle action concrète mènerez-vous pour l'ESS pendant la législature ?", true, [], maxLength: 1500);
        candidates.Open(now.AddDays(-7));
        candidates.PublishLink(SurveyServices.NewToken());
        db.Add(candidates);
        (string Name, int Election, string[] Measures, int Score, string Action)[] answered =
        [
            ("Claire Dumont (liste Genève solidaire)", 0, ["0", "1", "3"], 9, "Déposer un projet de loi pour réserver une part des marchés publics aux entreprises de l'ESS."),
            ("Marc-Antoine Rey (liste Ensemble pour la ville)", 1, ["1", "4"], 6, "Ouvrir les locaux communaux vacants aux associations à loyer modéré."),
            ("Aïcha Benali (liste Écologie et quartiers)", 1, ["0", "2", "4"], 8, "Accepter la monnaie complémentaire pour une partie des redevances communales."),
            ("Jean Perrin (liste Avenir genevois)", 0, ["3"], 4, "Étudier un fonds de garantie pour les prêts aux coopératives."),
        ];
        var c = candidates.Ordered().ToList();
        for (var i = 0; i < answered.Length; i++)
        {
            var (name, election, measures, score, action) = answered[i];
            var answers = new SurveyAnswers();
            answers.Set(c[0], [election.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            answers.Set(c[1], measures);
            answers.Set(c[2], [score.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            answers.Set(c[3], [action]);
            var response = Submitted(candidates, answers, now, now.AddDays(-6 + i));
            response.RespondentName = name;
            response.ResumeToken = SurveyServices.NewToken();
            db.Add(response);
        }
    }

    private static void Add(Survey survey, QuestionKind kind, string prompt, bool required, string[] options, int? maxSelections = null, string? help = null, (int Min, int Max, string Low, string High)? scale = null, int? maxLength = null)
    {
        var errors = survey.AddQuestion(new QuestionDraft
        {
            Kind = kind,
            Prompt = prompt,
            Help = help,
            Required = required,
            Options = options,
            MaxSelections = maxSelections,
            ScaleMin = scale?.Min ?? 1,
            ScaleMax = scale?.Max ?? 5,
            ScaleMinLabel = scale?.Low,
            ScaleMaxLabel = scale?.High,
            MaxLength = maxLength,
        }, hasAnswers: false);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Demo question refused: {errors[0].Code} ({prompt})");
        }
    }

    private static IEnumerable<string> Pick(Random random, int options, int count) =>
        Enumerable.Range(0, options).OrderBy(_ => random.Next()).Take(count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static SurveyResponse Submitted(Survey survey, SurveyAnswers answers, DateTime now, DateTime at)
    {
        var response = new SurveyResponse { SurveyId = survey.Id, State = ResponseState.Draft };
        response.Submit(survey, answers, now);
        response.SubmittedAt = survey.Anonymous ? at.Date : at;
        response.UpdatedAt = response.SubmittedAt.Value;
        return response;
    }
}
