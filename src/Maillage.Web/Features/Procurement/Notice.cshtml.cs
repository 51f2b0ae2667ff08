using Maillage.Domain.Procurement;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>
/// A notice: its details, which of the member's offers and which other members' offers fit it, the consortia the
/// member is in, "looking for partners", and for staff the reserved / social marks (eForms code lists).
/// </summary>
public sealed class NoticeModel(TenderQueries queries, Consortia consortia, AuditLog audit) : ProcurementPageModel
{
    public sealed class MarkInput
    {
        public string? Reserved { get; set; }

        public List<string> Social { get; set; } = [];
    }

    public TenderNotice Entity { get; private set; } = null!;

    public Notice Compiled { get; private set; } = null!;

    public ConsortiumPlan Plan { get; private set; } = null!;

    public IReadOnlyList<(Consortium Consortium, string Lead)> MyConsortia { get; private set; } = [];

    public EformsCode? SocialService { get; private set; }

    [BindProperty]
    public MarkInput Mark { get; set; } = new();

    [BindProperty]
    public Guid OrganisationId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Mark = new MarkInput { Reserved = Entity.Reserved, Social = Entity.SocialList.ToList() };
        return Page();
    }

    public async Task<IActionResult> OnPostPartnersAsync(Guid id)
    {
        if (!await LoadAsync(id) || MyOrganisations.All(o => o.Id != OrganisationId))
        {
            return NotFound();
        }

        // The lead covers from the start the parts its own offers cover.
        var lots = Plan.Suggestions.Where(s => s.Member.OrganisationId == OrganisationId).SelectMany(s => s.Covers).Select(c => c.PartKey).ToList();
        var consortium = await consortia.StartAsync(Chamber.Id, Entity.Id, OrganisationId, lots, HttpContext.RequestAborted);
        return Redirect($"/{Chamber.Slug}/consortiums/{consortium.Id}");
    }

    public async Task<IActionResult> OnPostMarkAsync(Guid id)
    {
        if (!await LoadAsync(id) || !IsStaff)
        {
            return NotFound();
        }

        var reserved = EformsCodes.Reserved.Any(c => c.Code == Mark.Reserved) ? Mark.Reserved : null;
        var social = Mark.Social.Where(s => EformsCodes.SocialObjectives.Any(c => c.Code == s)).Distinct(StringComparer.Ordinal).ToList();
        await Db.Set<TenderNotice>().Where(n => n.Id == Entity.Id && n.ChamberId == Chamber.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Reserved, reserved).SetProperty(x => x.SocialObjectives, TenderImporter.List(social))
            .SetProperty(x => x.MarkedByStaff, true).SetProperty(x => x.UpdatedAt, Now), HttpContext.RequestAborted);
        audit.Record(Chamber.Id, "tenders.marked", nameof(TenderNotice), Entity.Id, $"{reserved ?? "-"} {string.Join(' ', social)}");
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Procurement.MarksSaved"]);
        return Redirect($"/{Chamber.Slug}/marches/{Entity.Id}");
    }

    /// <summary>Suggestions whose organisation is one of mine.</summary>
    public IEnumerable<MemberSuggestion> MineFitting => Plan.Suggestions.Where(s => MyOrganisations.Any(o => o.Id == s.Member.OrganisationId));

    public IEnumerable<MemberSuggestion> OthersFitting => Plan.Suggestions.Where(s => MyOrganisations.All(o => o.Id != s.Member.OrganisationId));

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await LoadPersonAsync())
        {
            return false;
        }

        var notice = await queries.FindAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (notice is null)
        {
            return false;
        }

        Entity = notice;
        Compiled = TenderQueries.Compiled(notice);
        Plan = await queries.PlanAsync(notice, HttpContext.RequestAborted);
        SocialService = EformsCodes.SocialService(notice.CpvList);
        var mine = MyOrganisations.Select(o => o.Id).ToList();
        var list = await Db.Set<Consortium>().AsNoTracking().Include(c => c.Members)
            .Where(c => c.ChamberId == Chamber.Id && c.NoticeId == id && (IsStaff || c.Members.Any(m => mine.Contains(m.OrganisationId))))
            .Join(Db.Organisations, c => c.LeadOrganisationId, o => o.Id, (c, o) => new { c, o.Profile.Name })
            .ToListAsync(HttpContext.RequestAborted);
        MyConsortia = list.Select(x => (x.c, x.Name)).ToList();
        return true;
    }
}
