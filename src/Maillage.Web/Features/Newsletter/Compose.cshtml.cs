using System.Globalization;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter;

/// <summary>Staff compose an issue: subject, introduction, the proposed items to keep, order and edit; preview; send or schedule.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class ComposeModel(MaillageDbContext db, NewsletterDesk desk) : ChamberPageModel
{
    public NewsletterIssue Issue { get; private set; } = null!;

    public int RecipientCount { get; private set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Intro { get; set; }

    [BindProperty]
    public List<ItemInput> Items { get; set; } = [];

    [BindProperty]
    public string? NewTitle { get; set; }

    [BindProperty]
    public string? NewText { get; set; }

    [BindProperty]
    public string? NewLink { get; set; }

    /// <summary>Local Swiss time, from a datetime-local field.</summary>
    [BindProperty]
    public string? ScheduleAt { get; set; }

    public sealed class ItemInput
    {
        public Guid Id { get; set; }

        public bool Included { get; set; }

        public int Position { get; set; }

        public string? Title { get; set; }

        public string? Text { get; set; }

        public string? Link { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Subject = Issue.Subject;
        Intro = Issue.Intro;
        return Page();
    }

    /// <summary>The issue exactly as the email's HTML part (with a sample footer), for staff to look at in the browser.</summary>
    public async Task<IActionResult> OnGetEmailAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var (_, html) = desk.Render(Chamber, Issue, "apercu");

        // The email carries its own inline styles (mail programs ignore style sheets); nothing else may run here.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        return Content(html, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        if (!await LoadAsync(id) || Issue.State != NewsletterState.Draft)
        {
            return NotFound();
        }

        if (!Apply())
        {
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Newsletter.Saved"]);
        return Redirect($"/{Chamber.Slug}/gestion/lettres/{id}");
    }

    public async Task<IActionResult> OnPostTestAsync(Guid id)
    {
        if (!await LoadAsync(id) || Issue.State != NewsletterState.Draft)
        {
            return NotFound();
        }

        if (!Apply())
        {
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var email = User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value
            ?? await db.Users.Where(u => u.Id == Me.UserId).Select(u => u.Email).SingleAsync(HttpContext.RequestAborted);
        await desk.SendTestAsync(Chamber, Issue, email!, HttpContext.RequestAborted);
        Flash(L["Newsletter.TestSent"]);
        return Redirect($"/{Chamber.Slug}/gestion/lettres/{id}");
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id, bool schedule)
    {
        if (!await LoadAsync(id) || Issue.State != NewsletterState.Draft)
        {
            return NotFound();
        }

        if (!Apply())
        {
            return Page();
        }

        DateTime? at = null;
        if (schedule)
        {
            if (!DateTime.TryParse(ScheduleAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                || TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Display.SwissTime) is var utc && utc <= Now)
            {
                ModelState.AddModelError(nameof(ScheduleAt), L["Newsletter.ScheduleInvalid"]);
                return Page();
            }

            at = utc;
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var count = await desk.SendAsync(Chamber, Issue, at, HttpContext.RequestAborted);
        Flash(string.Format(CultureInfo.CurrentCulture, L[at is null ? "Newsletter.SentFlash" : "Newsletter.ScheduledFlash"], count));
        return Redirect($"/{Chamber.Slug}/gestion/lettres/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var issue = await desk.FindAsync(Chamber, id, HttpContext.RequestAborted);
        if (issue is null)
        {
            return false;
        }

        Issue = issue;
        RecipientCount = issue.State == NewsletterState.Draft ? (await desk.RecipientsAsync(Chamber, issue.Audience, HttpContext.RequestAborted)).Count : issue.RecipientCount;
        db.ChangeTracker.Entries<Subscriber>().Where(e => e.State == EntityState.Added).ToList().ForEach(e => e.State = EntityState.Detached);
        return true;
    }

    /// <summary>Copies the form onto the issue; false (with errors next to the fields) when something is not acceptable.</summary>
    private bool Apply()
    {
        if (string.IsNullOrWhiteSpace(Subject) || Subject.Length > NewsletterIssue.SubjectMax)
        {
            ModelState.AddModelError(nameof(Subject), L["Newsletter.SubjectRequired"]);
        }

        if ((Intro?.Length ?? 0) > NewsletterIssue.IntroMax)
        {
            ModelState.AddModelError(nameof(Intro), L["Newsletter.IntroTooLong"]);
        }

        for (var i = 0; i < Items.Count; i++)
        {
            var input = Items[i];
            if (input.Included && string.IsNullOrWhiteSpace(input.Title))
            {
                ModelState.AddModelError($"Items[{i}].Title", L["Newsletter.ItemTitleRequired"]);
            }

            if (!IsSafeLink(input.Link))
            {
                ModelState.AddModelError($"Items[{i}].Link", L["Newsletter.LinkInvalid"]);
            }
        }

        if (!IsSafeLink(NewLink))
        {
            ModelState.AddModelError(nameof(NewLink), L["Newsletter.LinkInvalid"]);
        }

        if (!ModelState.IsValid)
        {
            return false;
        }

        Issue.Subject = Subject!.Trim();
        Issue.Intro = Intro?.Trim() ?? string.Empty;
        foreach (var input in Items)
        {
            var item = Issue.Items.SingleOrDefault(x => x.Id == input.Id);
            if (item is null)
            {
                continue;
            }

            item.Included = input.Included;
            item.Position = input.Position;
            item.Title = Cut(input.Title, NewsletterItem.TitleMax);
            item.Text = Cut(input.Text, NewsletterItem.TextMax);
            item.Link = string.IsNullOrWhiteSpace(input.Link) ? null : input.Link.Trim();
        }

        if (!string.IsNullOrWhiteSpace(NewTitle))
        {
            var item = new NewsletterItem
            {
                NewsletterId = Issue.Id,
                Kind = NewsletterItemKind.Text,
                Position = Issue.Items.Count == 0 ? 1 : Issue.Items.Max(x => x.Position) + 1,
                Title = Cut(NewTitle, NewsletterItem.TitleMax),
                Text = Cut(NewText, NewsletterItem.TextMax),
                Link = string.IsNullOrWhiteSpace(NewLink) ? null : NewLink.Trim(),
            };
            Issue.Items.Add(item);
            db.Add(item);
        }

        // Positions become 1, 2, 3… in the chosen order, so two equal numbers never leave the order to chance.
        var position = 1;
        foreach (var item in Issue.Items.OrderBy(x => x.Position).ThenBy(x => x.Title, StringComparer.Ordinal))
        {
            item.Position = position++;
        }

        return true;
    }

    private static string Cut(string? value, int max) => (value ?? string.Empty).Trim() is var v && v.Length > max ? v[..max] : v;

    /// <summary>A platform path or an http(s) address; nothing else (no javascript:, no data:).</summary>
    private static bool IsSafeLink(string? link) =>
        string.IsNullOrWhiteSpace(link)
        || (link.Trim().StartsWith('/') && !link.Trim().StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
