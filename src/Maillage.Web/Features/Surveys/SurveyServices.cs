using System.Globalization;
using System.Security.Cryptography;
using Maillage.Domain.Chambers;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Domain.Surveys;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Surveys;

public static class SurveyServices
{
    public const string InvitationKind = "survey-invitation";
    public const string ResumeKind = "survey-resume";

    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddScoped<SurveyDesk>();
        services.AddScoped<SurveyAnswering>();
        return services;
    }

    /// <summary>A link secret: 24 random bytes, URL-safe (32 characters).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string AnswerPath(string chamberSlug, string token) => $"/{chamberSlug}/enquete/{token}";
}

/// <summary>Who answered (named surveys only) and what.</summary>
public sealed record ResponseRow(Guid Id, DateTime? SubmittedAt, string? Organisation, string? Respondent, SurveyAnswers Answers);

/// <summary>Everything the results page, the API and the CSV export show.</summary>
public sealed record SurveyReport(
    Survey Survey,
    IReadOnlyList<QuestionResult> Results,
    int Submitted,
    int Drafts,
    int InvitedPeople,
    int AnsweredPeople,
    int InvitedOrganisations,
    int AnsweredOrganisations,
    IReadOnlyList<ResponseRow> Rows)
{
    public decimal? ResponseRate => InvitedOrganisations == 0 ? null : SurveyResults.Percent(AnsweredOrganisations, InvitedOrganisations);
}

/// <summary>Staff's side: find a chamber's survey, know whether anyone answered, send personal links, tally results.</summary>
public sealed class SurveyDesk(MaillageDbContext db, EmailOutbox outbox, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A survey of this chamber with its questions, or null (another chamber's id is not found either).</summary>
    public Task<Survey?> FindAsync(Guid chamberId, Guid id, CancellationToken ct) =>
        db.Set<Survey>().Include(s => s.Questions).SingleOrDefaultAsync(s => s.Id == id && s.ChamberId == chamberId, ct);

    /// <summary>Whether answers exist that a change of questions could break: submitted responses and saved drafts alike.</summary>
    public async Task<bool> HasAnswersAsync(Guid surveyId, CancellationToken ct) =>
        await db.Set<SurveyResponse>().AnyAsync(r => r.SurveyId == surveyId, ct)
        || await db.Set<SurveyInvitation>().AnyAsync(i => i.SurveyId == surveyId && (i.DraftJson != null || i.SubmittedOn != null), ct);

    /// <summary>
    /// Sends a personal link to every contact (confirmed email) of every active member organisation not yet invited;
    /// running it again later reaches only new members. Returns how many emails were queued.
    /// </summary>
    public async Task<int> SendToMembersAsync(Chamber chamber, Survey survey, CancellationToken ct)
    {
        if (survey.StateAt(Now) != SurveyState.Open)
        {
            throw new DomainException(SurveyCodes.NotAccepting);
        }

        var contacts = await (
            from m in db.OrganisationMembers
            join o in db.Organisations on m.OrganisationId equals o.Id
            join u in db.Users on m.UserId equals u.Id
            where o.ChamberId == chamber.Id && o.State == OrganisationState.Active && u.EmailConfirmed && u.Email != null
            select new { m.OrganisationId, m.UserId, Email = u.Email!, Name = u.FirstName, Organisation = o.Profile.Name }).ToListAsync(ct);
        var already = (await db.Set<SurveyInvitation>().Where(i => i.SurveyId == survey.Id).Select(i => new { i.OrganisationId, i.UserId }).ToListAsync(ct))
            .Select(i => (i.OrganisationId, i.UserId)).ToHashSet();
        var sent = 0;
        foreach (var c in contacts.Where(c => !already.Contains((c.OrganisationId, c.UserId))))
        {
            var invitation = new SurveyInvitation { SurveyId = survey.Id, OrganisationId = c.OrganisationId, UserId = c.UserId, Email = c.Email, Token = SurveyServices.NewToken(), SentAt = Now };
            db.Add(invitation);
            var link = outbox.Link(SurveyServices.AnswerPath(chamber.Slug, invitation.Token));
            var closes = survey.ClosesAt is { } at ? string.Format(CultureInfo.CurrentCulture, l["Surveys.Mail.Closes"], Display.DateTime(at)) : string.Empty;
            var body = string.Format(CultureInfo.CurrentCulture, l["Surveys.Mail.InvitationBody"], c.Name, chamber.Name, survey.Title, c.Organisation, link, closes, survey.Anonymous ? l["Surveys.Mail.Anonymous"] : l["Surveys.Mail.Named"]);
            outbox.Queue(chamber.Id, c.Email, string.Format(CultureInfo.CurrentCulture, l["Surveys.Mail.InvitationSubject"], chamber.ShortName, survey.Title), body, SurveyServices.InvitationKind);
            sent++;
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }

    public async Task<SurveyReport> ReportAsync(Survey survey, CancellationToken ct)
    {
        var responses = await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == survey.Id).ToListAsync(ct);
        var submitted = responses.Where(r => r.State == ResponseState.Submitted).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).ToList();
        var invitations = await db.Set<SurveyInvitation>().AsNoTracking().Where(i => i.SurveyId == survey.Id)
            .Select(i => new { i.Id, i.OrganisationId, i.UserId, i.SubmittedOn, Draft = i.DraftJson != null }).ToListAsync(ct);
        var drafts = responses.Count(r => r.State == ResponseState.Draft) + invitations.Count(i => i.Draft && i.SubmittedOn is null);

        // Who answered is shown only on a named survey; on an anonymous one responses carry no invitation anyway.
        var names = new Dictionary<Guid, (string Organisation, string Person)>();
        if (!survey.Anonymous)
        {
            var linked = submitted.Select(r => r.InvitationId).OfType<Guid>().ToList();
            names = (await (
                from i in db.Set<SurveyInvitation>()
                join o in db.Organisations on i.OrganisationId equals o.Id
                join u in db.Users on i.UserId equals u.Id
                where linked.Contains(i.Id)
                select new { i.Id, Organisation = o.Profile.Name, u.FirstName, u.LastName }).ToListAsync(ct))
                .ToDictionary(x => x.Id, x => (x.Organisation, $"{x.FirstName} {x.LastName}".Trim()));
        }

        var rows = submitted.Select(r =>
        {
            var who = r.InvitationId is { } id && names.TryGetValue(id, out var n) ? n : ((string, string)?)null;
            return new ResponseRow(r.Id, r.SubmittedAt, survey.Anonymous ? null : who?.Item1, survey.Anonymous ? null : who?.Item2 ?? r.RespondentName, r.Answers());
        }).ToList();
        return new SurveyReport(
            survey,
            SurveyResults.Tally(survey.Questions, rows.Select(r => r.Answers).ToList()),
            submitted.Count,
            drafts,
            invitations.Count,
            invitations.Count(i => i.SubmittedOn is not null),
            invitations.Select(i => i.OrganisationId).Distinct().Count(),
            invitations.Where(i => i.SubmittedOn is not null).Select(i => i.OrganisationId).Distinct().Count(),
            rows);
    }
}
