using Maillage.Domain.Common;
using Maillage.Domain.Criteria;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>
/// The chamber admin shapes the chamber's criteria: adopt a base criterion of the network, adapt one (the link to
/// the base stays, so cantons can compare), add the chamber's own, switch one off.
/// </summary>
public sealed class CriteriaModel(MaillageDbContext db, AuditLog audit) : ChamberPageModel
{
    public sealed class CriterionInput
    {
        public Guid? Id { get; set; }

        public string? Code { get; set; }

        public string? Title { get; set; }

        public string? Guidance { get; set; }

        public CriterionLevel ExpectedLevel { get; set; } = CriterionLevel.Partly;

        public int Weight { get; set; } = 1;

        public bool IsMandatory { get; set; }

        public int Position { get; set; } = 100;
    }

    public IReadOnlyList<Criterion> Own { get; private set; } = [];

    public IReadOnlyList<Criterion> BaseNotAdopted { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Criterion> Bases { get; private set; } = new Dictionary<Guid, Criterion>();

    [BindProperty]
    public CriterionInput Input { get; set; } = new();

    public Guid? EditingId { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAdoptAsync(Guid baseId)
    {
        var baseCriterion = await db.Criteria.FirstOrDefaultAsync(c => c.Id == baseId && c.ChamberId == null);
        if (baseCriterion is null)
        {
            return NotFound();
        }

        if (!await db.Criteria.AnyAsync(c => c.ChamberId == Chamber.Id && (c.BaseCriterionId == baseId || c.Code == baseCriterion.Code)))
        {
            db.Criteria.Add(baseCriterion.AdoptFor(Chamber.Id));
            audit.Record(Chamber.Id, "criterion.adopted", nameof(Criterion), baseId, baseCriterion.Title);
            await db.SaveChangesAsync();
        }

        Flash(L["Criteria.Adopted", baseCriterion.Title]);
        return RedirectToPage(new { chamber = Chamber.Slug });
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id)
    {
        var criterion = await db.Criteria.FirstOrDefaultAsync(c => c.Id == id && c.ChamberId == Chamber.Id);
        if (criterion is null)
        {
            return NotFound();
        }

        if (criterion.IsActive)
        {
            criterion.Deactivate();
        }
        else
        {
            criterion.Activate();
        }

        audit.Record(Chamber.Id, criterion.IsActive ? "criterion.activated" : "criterion.deactivated", nameof(Criterion), id, criterion.Title);
        await db.SaveChangesAsync();
        return RedirectToPage(new { chamber = Chamber.Slug });
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var errors = Criterion.Validate(Input.Title, Input.Guidance, Input.ExpectedLevel, Input.Weight).ToList();
        Criterion? criterion = null;
        if (Input.Id is { } id)
        {
            criterion = await db.Criteria.FirstOrDefaultAsync(c => c.Id == id && c.ChamberId == Chamber.Id);
            if (criterion is null)
            {
                return NotFound();
            }
        }
        else
        {
            var code = TextNormalizer.Slug(Input.Code ?? Input.Title, 60);
            if (string.IsNullOrWhiteSpace(Input.Title))
            {
                code = string.Empty;
            }
            else if (await db.Criteria.AnyAsync(c => c.ChamberId == Chamber.Id && c.Code == code))
            {
                errors.Add(new ValidationError("Code", "DuplicateCode"));
            }

            Input.Code = code;
        }

        ModelState.AddErrors(errors, L, "Input.");
        if (!ModelState.IsValid)
        {
            EditingId = Input.Id;
            await LoadAsync();
            return Page();
        }

        if (criterion is null)
        {
            criterion = new Criterion(Chamber.Id, Input.Code!, Input.Title!, Input.Guidance!, Input.ExpectedLevel, Input.Weight, Input.IsMandatory, Input.Position);
            db.Criteria.Add(criterion);
            audit.Record(Chamber.Id, "criterion.created", nameof(Criterion), criterion.Id, criterion.Title);
        }
        else
        {
            criterion.Edit(Input.Title!, Input.Guidance!, Input.ExpectedLevel, Input.Weight, Input.IsMandatory, Input.Position);
            audit.Record(Chamber.Id, "criterion.updated", nameof(Criterion), criterion.Id, criterion.Title);
        }

        await db.SaveChangesAsync();
        Flash(L["Criteria.Saved", criterion.Title]);
        return RedirectToPage(new { chamber = Chamber.Slug });
    }

    private async Task LoadAsync()
    {
        var all = await db.Criteria.AsNoTracking().Where(c => c.ChamberId == Chamber.Id || c.ChamberId == null).OrderBy(c => c.Position).ThenBy(c => c.Code).ToListAsync();
        Own = all.Where(c => c.ChamberId == Chamber.Id).ToList();
        var adopted = Own.Where(c => c.BaseCriterionId is not null).Select(c => c.BaseCriterionId!.Value).ToHashSet();
        var ownCodes = Own.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        Bases = all.Where(c => c.ChamberId is null).ToDictionary(c => c.Id);
        BaseNotAdopted = Bases.Values.Where(b => !adopted.Contains(b.Id) && !ownCodes.Contains(b.Code)).ToList();
    }
}
