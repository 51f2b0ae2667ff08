using Maillage.Domain.Common;
using Maillage.Domain.Needs;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Needs;

/// <summary>
/// A need, seen by the members and staff of its chamber only. Its poster sees who was proposed and why, every
/// answering member's thread, similar needs to group with, and closes it; another member answers in its own thread.
/// </summary>
[Authorize]
public sealed class NeedDetailModel(MaillageDbContext db, NeedBoard board, AuditLog audit) : ChamberPageModel
{
    public sealed record MatchLine(NeedMatchRecord Record, string OrganisationName, string OrganisationSlug, string? OfferTitle, IReadOnlyList<MatchReason> Reasons);

    public sealed record Thread(Guid ResponderId, string ResponderName, string ResponderSlug, IReadOnlyList<NeedMessage> Messages);

    public sealed record SimilarNeed(Need Need, string OrganisationName);

    public Need Need { get; private set; } = null!;

    public Organisation Poster { get; private set; } = null!;

    /// <summary>The person belongs to the organisation that posted the need.</summary>
    public bool IsPosterSide { get; private set; }

    /// <summary>The organisation the person answers for (their first one in this chamber other than the poster).</summary>
    public Organisation? Responder { get; private set; }

    public bool IsStaff { get; private set; }

    public IReadOnlyList<MatchLine> Matches { get; private set; } = [];

    public IReadOnlyList<Thread> Threads { get; private set; } = [];

    public IReadOnlyList<SimilarNeed> Similar { get; private set; } = [];

    public bool SimilarIsLogistics { get; private set; }

    public string? FoundOrganisationName { get; private set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public Guid? ThreadId { get; set; }

    [BindProperty]
    public NeedOutcome? Outcome { get; set; }

    [BindProperty]
    public Guid? FoundOrganisationId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostMessageAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Guid responderId;
        if (IsPosterSide)
        {
            // The poster writes in an answering member's thread, or starts one with a member it was proposed.
            if (ThreadId is not { } thread || !(Threads.Any(t => t.ResponderId == thread) || Matches.Any(m => m.Record.OrganisationId == thread)))
            {
                return NotFound();
            }

            responderId = thread;
        }
        else if (Responder is not null)
        {
            responderId = Responder.Id;
        }
        else
        {
            return Forbid();
        }

        if (!Need.IsOpen)
        {
            ModelState.AddModelError(nameof(Body), L["Needs.ClosedNoMessage"]);
        }
        else if (string.IsNullOrWhiteSpace(Body))
        {
            ModelState.AddModelError(nameof(Body), L["Needs.MessageRequired"]);
        }
        else if (Body.Trim().Length > NeedMessage.BodyMax)
        {
            ModelState.AddModelError(nameof(Body), L["Validation.TooLong", NeedMessage.BodyMax]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var sender = IsPosterSide ? Poster.Id : responderId;
        await board.AddMessageAsync(Need, Chamber.Slug, responderId, sender, Me.UserId!.Value, Me.DisplayName, Body!, HttpContext.RequestAborted);
        Flash(L["Needs.MessageSent"]);
        return Redirect($"/{Chamber.Slug}/besoins/{Need.Id}#fil-{responderId}");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!IsPosterSide)
        {
            return Forbid();
        }

        if (Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            ModelState.AddModelError(nameof(Outcome), L["Needs.OutcomeRequired"]);
            return Page();
        }

        var found = outcome == NeedOutcome.FoundInNetwork ? FoundOrganisationId : null;
        if (found is { } foundId && !await db.Organisations.AnyAsync(o => o.Id == foundId && o.ChamberId == Chamber.Id && o.Id != Poster.Id))
        {
            ModelState.AddModelError(nameof(FoundOrganisationId), L["Validation.InvalidChoice"]);
            return Page();
        }

        var need = await db.Set<Need>().FirstAsync(n => n.Id == Need.Id);
        try
        {
            need.Close(outcome, found, Now);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Outcome), L[e.Code]);
            return Page();
        }

        audit.Record(Chamber.Id, "need.closed", nameof(Need), need.Id, outcome.ToString());
        await db.SaveChangesAsync();
        Flash(L["Needs.Closed"]);
        return Redirect($"/{Chamber.Slug}/besoins/{Need.Id}");
    }

    public async Task<IActionResult> OnPostGroupingAsync(Guid id, bool interested)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!IsPosterSide || !Need.IsOpen)
        {
            return Forbid();
        }

        var need = await db.Set<Need>().FirstAsync(n => n.Id == Need.Id);
        need.SetGroupingInterest(interested, Now);
        await db.SaveChangesAsync();
        Flash(L[interested ? "Needs.GroupingInterested" : "Needs.GroupingNotInterested"]);
        return Redirect($"/{Chamber.Slug}/besoins/{Need.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var need = await db.Set<Need>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.ChamberId == Chamber.Id);
        var inChamber = Me.Organisations.Where(o => o.Value.ChamberId == Chamber.Id).Select(o => o.Key).ToList();
        IsStaff = Me.IsStaff(Chamber.Id);
        if (need is null || (inChamber.Count == 0 && !IsStaff))
        {
            return false;
        }

        Need = need;
        Poster = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == need.OrganisationId);
        IsPosterSide = inChamber.Contains(need.OrganisationId);
        var responderId = inChamber.Where(o => o != need.OrganisationId).Order().Cast<Guid?>().FirstOrDefault();
        Responder = responderId is { } r ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == r) : null;

        // Others see only their own thread; the poster and staff see them all.
        var messages = await db.Set<NeedMessage>().AsNoTracking()
            .Where(m => m.NeedId == need.Id && (IsPosterSide || IsStaff || m.ResponderOrganisationId == responderId))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync();
        var records = IsPosterSide || IsStaff
            ? await db.Set<NeedMatchRecord>().AsNoTracking().Where(m => m.NeedId == need.Id).OrderBy(m => m.Rank).ToListAsync()
            : [];
        var organisationIds = messages.Select(m => m.ResponderOrganisationId).Concat(records.Select(r => r.OrganisationId)).Append(need.FoundOrganisationId ?? Guid.Empty).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        var offerIds = records.Where(r => r.OfferId is not null).Select(r => r.OfferId!.Value).ToList();
        var offers = await db.Set<Offer>().AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Details.Title);

        Matches = records.Where(r => organisations.ContainsKey(r.OrganisationId))
            .Select(r => new MatchLine(r, organisations[r.OrganisationId].Profile.Name, organisations[r.OrganisationId].Slug, r.OfferId is { } o ? offers.GetValueOrDefault(o) : null, NeedBoard.ReadReasons(r.Reasons)))
            .ToList();
        Threads = messages.GroupBy(m => m.ResponderOrganisationId)
            .Where(g => organisations.ContainsKey(g.Key))
            .Select(g => new Thread(g.Key, organisations[g.Key].Profile.Name, organisations[g.Key].Slug, g.ToList()))
            .OrderByDescending(t => t.Messages[^1].CreatedAt)
            .ToList();
        if (!IsPosterSide && Responder is not null && Threads.Count == 0)
        {
            Threads = [new Thread(Responder.Id, Responder.Profile.Name, Responder.Slug, [])];
        }

        FoundOrganisationName = need.FoundOrganisationId is { } f && organisations.TryGetValue(f, out var found) ? found.Profile.Name : null;

        if ((IsPosterSide || IsStaff) && need.IsOpen)
        {
            var today = Maillage.Domain.ChamberDays.Of(Now);
            var group = (await board.CommonGroupsAsync(Chamber.Id, today, HttpContext.RequestAborted)).FirstOrDefault(g => g.Needs.Any(n => n.NeedId == need.Id));
            if (group is not null)
            {
                var otherIds = group.Needs.Select(n => n.NeedId).Where(n => n != need.Id).ToList();
                var others = await db.Set<Need>().AsNoTracking().Where(n => otherIds.Contains(n.Id)).ToListAsync();
                var names = await db.Organisations.AsNoTracking().Where(o => others.Select(n => n.OrganisationId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name);
                Similar = others.OrderBy(n => n.Details.DateFrom).Select(n => new SimilarNeed(n, names.GetValueOrDefault(n.OrganisationId, string.Empty))).ToList();
                SimilarIsLogistics = group.IsLogistics;
            }
        }

        return true;
    }
}
