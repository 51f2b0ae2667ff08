using Maillage.Domain.Common;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Maillage.Web.Features.Offers;

public sealed class OfferImageOptions
{
    /// <summary>Largest accepted file, in bytes (Maillage:OfferImages:MaxBytes).</summary>
    public long MaxBytes { get; set; } = OfferImage.DefaultMaxBytes;
}

/// <summary>An image as pages show it (the bytes stay in the database until the image's own address is asked for).</summary>
public sealed record OfferImageRef(Guid Id, string AltText, int Width, int Height, ImageFormat Format, int Length);

/// <summary>Offer images: checked from their bytes, stored in the database, served with their detected type.</summary>
public sealed class OfferImageStore(MaillageDbContext db, IOptions<OfferImageOptions> options, AuditLog audit, TimeProvider clock)
{
    public long MaxBytes => options.Value.MaxBytes;

    public async Task<IReadOnlyList<OfferImageRef>> ListAsync(Guid offerId, CancellationToken ct) =>
        await db.Set<OfferImage>().AsNoTracking().Where(i => i.OfferId == offerId).OrderBy(i => i.Position).ThenBy(i => i.CreatedAt)
            .Select(i => new OfferImageRef(i.Id, i.AltText, i.Width, i.Height, i.Format, i.Length)).ToListAsync(ct);

    /// <summary>
    /// Adds an uploaded file to an offer, or says why not (field "File" or "AltText"). The file is read up to the
    /// limit and no further; nothing is written unless every check passes.
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>> AddAsync(Offer offer, IFormFile? upload, string? altText, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var existing = await db.Set<OfferImage>().CountAsync(i => i.OfferId == offer.Id, ct);
        byte[]? content = null;
        if (upload is { Length: > 0 })
        {
            if (upload.Length > MaxBytes)
            {
                // Too big: not even read. The domain check reports it with the limit.
                content = new byte[MaxBytes + 1];
            }
            else
            {
                using var stream = upload.OpenReadStream();
                using var buffer = new MemoryStream((int)upload.Length);
                await stream.CopyToAsync(buffer, ct);
                content = buffer.ToArray();
            }
        }

        var (image, errors) = OfferImage.Create(offer.Id, content, altText, existing, MaxBytes, clock.GetUtcNow().UtcDateTime);
        if (image is null)
        {
            return errors;
        }

        db.Add(image);
        audit.Record(offer.ChamberId, "offer.image-added", nameof(OfferImage), image.Id, $"{offer.Details.Title}: {image.ContentType} {image.Width}×{image.Height}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<bool> DeleteAsync(Offer offer, Guid imageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var images = await db.Set<OfferImage>().Where(i => i.OfferId == offer.Id).ToListAsync(ct);
        var image = images.FirstOrDefault(i => i.Id == imageId);
        if (image is null)
        {
            return false;
        }

        db.Remove(image);
        images.Remove(image);
        OfferImage.Reorder(images, Guid.Empty, 0);
        audit.Record(offer.ChamberId, "offer.image-deleted", nameof(OfferImage), image.Id, offer.Details.Title);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> MoveAsync(Offer offer, Guid imageId, int delta, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var images = await db.Set<OfferImage>().Where(i => i.OfferId == offer.Id).ToListAsync(ct);
        if (images.All(i => i.Id != imageId))
        {
            return false;
        }

        OfferImage.Reorder(images, imageId, Math.Sign(delta));
        await db.SaveChangesAsync(ct);
        return true;
    }
}

public static class OfferImageEndpoints
{
    public static IServiceCollection AddOfferImages(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OfferImageOptions>(configuration.GetSection("Maillage:OfferImages"));
        return services.AddScoped<OfferImageStore>();
    }

    public static IEndpointRouteBuilder MapOfferImages(this IEndpointRouteBuilder app)
    {
        // A page-side address (not API): <img> elements point here.
        app.MapGet("/{chamber}/offres/{id:guid}/images/{imageId:guid}", ServeAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Serves an image with the type detected at upload, never sniffed. Public when its offer is public (published,
    /// not hidden, owner active, in the chamber of the address); otherwise only to those who may edit the offer.
    /// </summary>
    private static async Task<IResult> ServeAsync(string chamber, Guid id, Guid imageId, HttpContext context, ChamberResolver chambers, MaillageDbContext db, Access access, TimeProvider clock)
    {
        var ct = context.RequestAborted;
        var found = await chambers.FindAsync(chamber, ct);
        var offer = found is null ? null : await db.Set<Offer>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.ChamberId == found.Id, ct);
        var ownerActive = offer is not null && await db.Organisations.AnyAsync(o => o.Id == offer.OrganisationId && o.State == OrganisationState.Active, ct);
        if (offer is null || !ownerActive)
        {
            return Results.NotFound();
        }

        var isPublic = offer.IsVisible(Maillage.Domain.ChamberDays.Of(clock.GetUtcNow().UtcDateTime));
        if (!isPublic && !(await access.GetAsync(ct)).CanEditOrganisation(offer.ChamberId, offer.OrganisationId))
        {
            return Results.NotFound();
        }

        var meta = await db.Set<OfferImage>().AsNoTracking().Where(i => i.Id == imageId && i.OfferId == id).Select(i => new { i.Hash, i.Format }).FirstOrDefaultAsync(ct);
        if (meta is null)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{meta.Hash}\"");
        headers.ETag = etag.ToString();
        headers.XContentTypeOptions = "nosniff";

        // Caches keep pictures but ask again each time (a 304 by tag): once staff hide an offer, its pictures are gone at
        // once, not an hour later. A draft's stays with its editor.
        headers.CacheControl = isPublic ? "public, no-cache" : "private, no-cache";
        headers.ContentDisposition = "inline";
        if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags && tags.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var content = await db.Set<OfferImage>().AsNoTracking().Where(i => i.Id == imageId).Select(i => i.Content).FirstAsync(ct);
        return Results.Bytes(content, new ImageInfo(meta.Format, 1, 1).ContentType);
    }
}
