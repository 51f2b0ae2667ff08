using Maillage.Domain.Labels;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Labels;

/// <summary>Staff see every member with its label status (valid, ending soon, expired, revoked, none) and open a decision.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class ManageModel(MaillageDbContext db, LabelBook labels) : ChamberPageModel
{
    public const int EndingSoonDays = 60;

    public sealed record Row(Organisation Organisation, EssLabel? Label, LabelStatus? Status);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public DateOnly Today { get; private set; }

    /// <summary>"valide", "bientot", "expire", "retire", "sans" or nothing (everyone).</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "etat")]
    public string? Filter { get; set; }

    public async Task OnGetAsync()
    {
        Today = labels.Today;
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active)
            .OrderBy(o => o.NormalizedName).ToListAsync(HttpContext.RequestAborted);
        var all = await db.Set<EssLabel>().AsNoTracking().Where(l => l.ChamberId == Chamber.Id).ToDictionaryAsync(l => l.OrganisationId, HttpContext.RequestAborted);
        var rows = organisations.Select(o => all.GetValueOrDefault(o.Id) is { } l ? new Row(o, l, l.StatusOn(Today)) : new Row(o, null, null)).ToList();
        Counts = new Dictionary<string, int>
        {
            ["valide"] = rows.Count(r => r.Status == LabelStatus.Valid),
            ["bientot"] = rows.Count(IsEndingSoon),
            ["expire"] = rows.Count(r => r.Status == LabelStatus.Expired),
            ["retire"] = rows.Count(r => r.Status == LabelStatus.Revoked),
            ["sans"] = rows.Count(r => r.Label is null),
        };
        Rows = Filter switch
        {
            "valide" => rows.Where(r => r.Status == LabelStatus.Valid).ToList(),
            "bientot" => rows.Where(IsEndingSoon).ToList(),
            "expire" => rows.Where(r => r.Status == LabelStatus.Expired).ToList(),
            "retire" => rows.Where(r => r.Status == LabelStatus.Revoked).ToList(),
            "sans" => rows.Where(r => r.Label is null).ToList(),
            _ => rows,
        };
    }

    public bool IsEndingSoon(Row row) =>
        row.Status == LabelStatus.Valid && row.Label!.ValidUntil <= Today.AddDays(EndingSoonDays);
}
