using Maillage.Domain.Organisations;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>A member's practice sheets: where each stands, the form to write one, and to correct one.</summary>
[Authorize]
public sealed class MemberPracticesModel(MaillageDbContext db, PublicationDesk desk, AuditLog audit) : PracticeFormPage(db, desk, audit)
{
    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<PracticeSheet> Sheets { get; private set; } = [];

    public bool CanWrite { get; private set; }

    public override bool StaffForm => false;

    public async Task<IActionResult> OnGetAsync(string org, Guid? id)
    {
        if (!await LoadAsync(org, id))
        {
            return NotFound();
        }

        if (Editing is not null)
        {
            Input = PracticeForm.From(Editing);
        }
        else
        {
            Input.Organisations = [Organisation.Id];
            Input.Sectors = [.. Organisation.Profile.EssSectors];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org, Guid? id)
    {
        if (!await LoadAsync(org, id))
        {
            return NotFound();
        }

        if (!CanWrite || (Editing is not null && !Moderation.AuthorCanEdit(Editing.State)))
        {
            return Forbid();
        }

        var sheet = await SaveAsync(Organisation.Id);
        if (sheet is null)
        {
            return Page();
        }

        Flash(L["Publications.Practice.Sent", sheet.Title]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/bonnes-pratiques");
    }

    private async Task<bool> LoadAsync(string slug, Guid? id)
    {
        var organisation = await Db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Organisation = organisation;
        CanWrite = Me.IsMemberOf(organisation.Id) && organisation.State == OrganisationState.Active;
        Sheets = await Db.Set<PracticeSheet>().AsNoTracking().Where(p => p.AuthorOrganisationId == organisation.Id).OrderByDescending(p => p.SubmittedAt).ToListAsync();
        if (id is { } wanted)
        {
            Editing = Sheets.FirstOrDefault(p => p.Id == wanted);
            if (Editing is null)
            {
                return false;
            }
        }

        await LoadChoicesAsync();
        return true;
    }
}
