using Maillage.Domain.Procurement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>
/// A consortium's workspace: the notice and its countdown, members with roles, status and lots, suggestions of
/// members covering the lots still uncovered (the lead invites), the invited member's answer, notes, and the outcome.
/// Seen by the members of its organisations (invited ones included) and the chamber's staff.
/// </summary>
public sealed class WorkspaceModel(Consortia consortia, TenderQueries queries) : ProcurementPageModel
{
    public sealed class InviteInput
    {
        public Guid OrganisationId { get; set; }

        public ConsortiumRole Role { get; set; } = ConsortiumRole.Partner;

        public List<string> Lots { get; set; } = [];
    }

    public sealed class OutcomeInput
    {
        public ConsortiumState State { get; set; }

        public string? AmountWon { get; set; }
    }

    public Consortium Consortium { get; private set; } = null!;

    public TenderNotice Notice { get; private set; } = null!;

    public ConsortiumPlan Plan { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>My organisation that is in the consortium (accepted or invited), if any.</summary>
    public ConsortiumMember? MyMembership { get; private set; }

    public bool IsLead => MyMembership is { Role: ConsortiumRole.Lead, Status: ConsortiumMemberStatus.Accepted };

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [BindProperty]
    public OutcomeInput Outcome { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    public IEnumerable<string> CoveredParts => Consortium.Members.Where(m => m.Status == ConsortiumMemberStatus.Accepted).SelectMany(m => m.LotList).Distinct();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(Guid id)
    {
        if (!await LoadAsync(id) || !IsLead || Consortium.State != ConsortiumState.Forming)
        {
            return NotFound();
        }

        var lots = Invite.Lots.Where(l => Plan.Parts.Any(p => p.Key == l)).ToList();
        var ok = await consortia.InviteAsync(Consortium, Invite.OrganisationId, Invite.Role, lots, Chamber.Slug, HttpContext.RequestAborted);
        Flash(ok ? L["Procurement.Invited"] : L["Procurement.CannotInvite"]);
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, bool accept)
    {
        if (!await LoadAsync(id) || MyMembership is not { Status: ConsortiumMemberStatus.Invited })
        {
            return NotFound();
        }

        await consortia.RespondAsync(Consortium, MyMembership.OrganisationId, accept, HttpContext.RequestAborted);
        Flash(accept ? L["Procurement.Joined"] : L["Procurement.Declined"]);
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id)
    {
        if (!await LoadAsync(id) || MyMembership is not { Status: ConsortiumMemberStatus.Accepted })
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Note) || Note.Length > Consortia.NoteMax)
        {
            ModelState.AddModelError(nameof(Note), L["Procurement.NoteRequired", Consortia.NoteMax]);
            return Page();
        }

        await consortia.AddNoteAsync(Consortium, MyMembership.OrganisationId, Me.DisplayName, Note, HttpContext.RequestAborted);
        return Redirect(Path + "#notes");
    }

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id)
    {
        if (!await LoadAsync(id) || !IsLead)
        {
            return NotFound();
        }

        if (!ProcurementText.TryParseMinor(Outcome.AmountWon, out var amount) || (Outcome.State == ConsortiumState.Won && amount is null))
        {
            ModelState.AddModelError("Outcome.AmountWon", L["Procurement.AmountWonRequired"]);
            return Page();
        }

        if (!await consortia.RecordOutcomeAsync(Consortium, Outcome.State, amount, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("Outcome.State", L["Procurement.OutcomeNotAllowed"]);
            return Page();
        }

        Flash(L["Procurement.OutcomeSaved"]);
        return Redirect(Path);
    }

    public string PartLabel(string key) => Plan.Parts.FirstOrDefault(p => p.Key == key)?.Label ?? key;

    private string Path => $"/{Chamber.Slug}/consortiums/{Consortium.Id}";

    private async Task<bool> LoadAsync(Guid id)
    {
        await LoadPersonAsync();
        var consortium = await consortia.FindAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (consortium is null)
        {
            return false;
        }

        var mine = MyOrganisations.Select(o => o.Id).ToHashSet();
        MyMembership = consortium.Members.Where(m => mine.Contains(m.OrganisationId) && m.Status != ConsortiumMemberStatus.Declined)
            .OrderBy(m => m.Status == ConsortiumMemberStatus.Accepted ? 0 : 1).FirstOrDefault();
        if (MyMembership is null && !IsStaff)
        {
            return false;
        }

        Consortium = consortium;
        Notice = (await queries.FindAsync(Chamber.Id, consortium.NoticeId, HttpContext.RequestAborted))!;
        Plan = await queries.PlanAsync(Notice, HttpContext.RequestAborted);
        var ids = consortium.Members.Select(m => m.OrganisationId).ToList();
        Names = await Db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name, HttpContext.RequestAborted);
        return true;
    }
}
