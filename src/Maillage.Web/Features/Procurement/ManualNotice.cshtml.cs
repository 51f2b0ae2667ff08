using System.Globalization;
using Maillage.Domain.Common;
using Maillage.Domain.Procurement;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Procurement;

/// <summary>Staff add a notice by hand, for platforms that publish no OCDS (simap.ch): it becomes a release like any other.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class ManualNoticeModel(TenderImporter importer, AuditLog audit, Data.MaillageDbContext db) : Shared.ChamberPageModel
{
    public sealed class NoticeInput
    {
        public string? Reference { get; set; }

        public string? Title { get; set; }

        public string? Buyer { get; set; }

        public string? Description { get; set; }

        public string? Canton { get; set; }

        public string? Cpv { get; set; }

        public string? Value { get; set; }

        public DateTime? Deadline { get; set; }

        public string? Procedure { get; set; }

        public string? Lots { get; set; }

        public string? DocumentUrl { get; set; }
    }

    [BindProperty]
    public NoticeInput Input { get; set; } = new();

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Title) || Input.Title.Length > 500)
        {
            ModelState.AddModelError("Input.Title", L["Procurement.TitleRequired"]);
        }

        if (!string.IsNullOrEmpty(Input.Canton) && !Cantons.IsValid(Input.Canton))
        {
            ModelState.AddModelError("Input.Canton", L["Procurement.CantonInvalid"]);
        }

        var cpv = (Input.Cpv ?? string.Empty).Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (cpv.Any(c => Classification.Normalise("CPV", c, null) is not { IsCpv: true }))
        {
            ModelState.AddModelError("Input.Cpv", L["Procurement.CpvInvalid"]);
        }

        if (!ProcurementText.TryParseMinor(Input.Value, out var valueMinor))
        {
            ModelState.AddModelError("Input.Value", L["Procurement.ValueInvalid"]);
        }

        if (!string.IsNullOrEmpty(Input.DocumentUrl) && !Domain.Organisations.OrganisationProfile.IsHttpUrl(Input.DocumentUrl))
        {
            ModelState.AddModelError("Input.DocumentUrl", L["Procurement.FeedUrlInvalid"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var reference = string.IsNullOrWhiteSpace(Input.Reference) ? Guid.NewGuid().ToString("N")[..10] : Input.Reference.Trim();
        var ocid = $"manual-{Chamber.Slug}-{TextNormalizer.Slug(reference, 60)}";
        var lots = (Input.Lots ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((title, index) => new NoticeLot((index + 1).ToString(CultureInfo.InvariantCulture), title, null, null, null)).ToList();
        var deadline = Input.Deadline is { } local ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Display.SwissTime) : (DateTime?)null;
        var release = new OcdsRelease
        {
            Ocid = ocid,
            Id = $"{ocid}-{Now.Ticks}",
            Date = Now,
            Tags = ["tender"],
            Buyer = Input.Buyer?.Trim(),
            Title = Input.Title!.Trim(),
            Description = Input.Description?.Trim(),
            Status = "active",
            Procedure = Input.Procedure?.Trim(),
            Value = valueMinor / 100m,
            Currency = valueMinor is null ? null : "CHF",
            TenderDeadline = deadline,
            Lots = lots.Count > 0 ? lots : null,
            Items = cpv.Select((c, index) => new NoticeItem($"cpv-{index + 1}", null, Classification.Normalise("CPV", c, null), [], lots.Count == 1 ? "1" : null, null, null)).ToList(),
            Documents = string.IsNullOrEmpty(Input.DocumentUrl) ? null : [new NoticeDocument("1", Input.Title, Input.DocumentUrl, "tenderNotice")],
            Regions = string.IsNullOrEmpty(Input.Canton) ? null : [Input.Canton],
        };
        var notice = await importer.SaveManualAsync(Chamber.Id, release, HttpContext.RequestAborted);
        audit.Record(Chamber.Id, "tenders.manual", nameof(TenderNotice), notice.Id, notice.Title);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Procurement.NoticeSaved"]);
        return Redirect($"/{Chamber.Slug}/marches/{notice.Id}");
    }
}
