using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>Chamber staff: import OCDS files (upload or scheduled feed), see imports and the latest notices.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
[RequestSizeLimit(TenderImports.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = TenderImports.MaxUploadBytes)]
public sealed class StaffModel(MaillageDbContext db, TenderImports imports, TenderQueries queries, AuditLog audit) : Shared.ChamberPageModel
{
    public sealed class FeedInput
    {
        public string? Url { get; set; }

        public int IntervalHours { get; set; } = 24;
    }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public FeedInput Feed { get; set; } = new();

    public TenderFeed? CurrentFeed { get; private set; }

    public IReadOnlyList<TenderImport> Imports { get; private set; } = [];

    public TenderPage Notices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Feed = new FeedInput { Url = CurrentFeed?.Url, IntervalHours = CurrentFeed?.IntervalHours ?? 24 };
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), L["Procurement.FileRequired"]);
            await LoadAsync();
            return Page();
        }

        await using var stream = Upload.OpenReadStream();
        var import = await imports.StartUploadAsync(Chamber.Id, Upload.FileName, stream, Me.DisplayName, HttpContext.RequestAborted);
        return Redirect($"/{Chamber.Slug}/gestion/marches/import/{import.Id}");
    }

    public async Task<IActionResult> OnPostFeedAsync()
    {
        var url = Feed.Url?.Trim();
        var feed = await db.Set<TenderFeed>().FirstOrDefaultAsync(f => f.ChamberId == Chamber.Id, HttpContext.RequestAborted);
        if (!string.IsNullOrEmpty(url) && !Domain.Organisations.OrganisationProfile.IsHttpUrl(url))
        {
            ModelState.AddModelError("Feed.Url", L["Procurement.FeedUrlInvalid"]);
        }

        if (Feed.IntervalHours is < 1 or > 168)
        {
            ModelState.AddModelError("Feed.IntervalHours", L["Procurement.FeedIntervalRange"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        if (feed is null)
        {
            feed = new TenderFeed { ChamberId = Chamber.Id };
            db.Set<TenderFeed>().Add(feed);
        }

        feed.Url = url ?? string.Empty;
        feed.IntervalHours = Feed.IntervalHours;
        feed.NextPollAt = string.IsNullOrEmpty(url) ? null : Now;
        audit.Record(Chamber.Id, "tenders.feed", nameof(TenderFeed), Chamber.Id, url ?? "-");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(string.IsNullOrEmpty(url) ? L["Procurement.FeedOff"] : L["Procurement.FeedSaved"]);
        return Redirect($"/{Chamber.Slug}/gestion/marches");
    }

    private async Task LoadAsync()
    {
        CurrentFeed = await db.Set<TenderFeed>().AsNoTracking().FirstOrDefaultAsync(f => f.ChamberId == Chamber.Id, HttpContext.RequestAborted);
        Imports = await db.Set<TenderImport>().AsNoTracking().Where(i => i.ChamberId == Chamber.Id).OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync(HttpContext.RequestAborted);
        Notices = await queries.ListAsync(Chamber.Id, null, null, false, false, 1, HttpContext.RequestAborted, 10);
    }
}
