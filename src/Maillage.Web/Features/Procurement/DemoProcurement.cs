using Maillage.Domain.Organisations;
using Maillage.Domain.Procurement;

namespace Maillage.Web.Features.Procurement;

/// <summary>A few realistic Swiss notices per demo chamber (CHF, CPV, cantons) and one consortium in Geneva.</summary>
public static class DemoProcurement
{
    public static IEnumerable<object> For(IEnumerable<Organisation> organisations, DateTime now)
    {
        var byChamber = organisations.GroupBy(o => o.ChamberId).ToList();
        foreach (var chamber in byChamber)
        {
            var canton = chamber.First().Profile.Canton;
            var town = canton == "VD" ? "Ville de Lausanne" : "Ville de Genève";
            var notices = new[]
            {
                Make(chamber.Key, $"demo-{canton}-repas", town, "Repas de midi pour les restaurants scolaires", "Préparation et livraison de repas équilibrés, produits locaux et de saison, pour 1'200 élèves.", 850_000m, now.AddDays(5), canton, [("1", "Repas scolaires", "55524000"), ("2", "Livraison en véhicules électriques", "60161000")], null, now),
                Make(chamber.Key, $"demo-{canton}-nettoyage", "Hospice général", "Nettoyage des locaux d'accueil", "Nettoyage quotidien de six bâtiments d'accueil ; marché réservé aux entreprises d'insertion.", 420_000m, now.AddDays(18), canton, [("1", "Nettoyage de locaux", "90911200")], "res-ws", now),
                Make(chamber.Key, $"demo-{canton}-informatique", town, "Reconditionnement et maintenance de postes informatiques", "Reprise, effacement certifié, reconditionnement et maintenance de 800 postes de travail.", 300_000m, now.AddDays(30), canton, [("1", "Reconditionnement", "30213000"), ("2", "Maintenance informatique", "72500000")], null, now),
            };
            foreach (var notice in notices)
            {
                yield return notice;
            }

            if (canton == "GE" && chamber.OrderBy(o => o.Slug).Take(2).ToList() is [var lead, var partner])
            {
                var consortium = new Consortium { ChamberId = chamber.Key, NoticeId = notices[0].Id, LeadOrganisationId = lead.Id, State = ConsortiumState.Forming, CreatedAt = now };
                consortium.Members.Add(new ConsortiumMember { ConsortiumId = consortium.Id, OrganisationId = lead.Id, Role = ConsortiumRole.Lead, Status = ConsortiumMemberStatus.Accepted, Lots = ",1,", InvitedAt = now, RespondedAt = now });
                consortium.Members.Add(new ConsortiumMember { ConsortiumId = consortium.Id, OrganisationId = partner.Id, Role = ConsortiumRole.Partner, Status = ConsortiumMemberStatus.Invited, Lots = ",2,", InvitedAt = now });
                consortium.Notes.Add(new ConsortiumNote { ConsortiumId = consortium.Id, OrganisationId = lead.Id, Author = lead.Profile.Name, Text = "Nous préparons l'offre pour le lot 1 ; qui peut livrer à vélo-cargo ?", CreatedAt = now });
                yield return consortium;
            }
        }
    }

    private static TenderNotice Make(Guid chamberId, string ocid, string buyer, string title, string description, decimal value, DateTime deadline, string canton, (string Lot, string Title, string Cpv)[] lots, string? reserved, DateTime now)
    {
        var release = new OcdsRelease
        {
            Ocid = ocid,
            Id = ocid + "-tender",
            Date = now.AddDays(-1),
            Tags = ["tender"],
            Buyer = buyer,
            Title = title,
            Description = description,
            Status = "active",
            Procedure = "open",
            Value = value,
            Currency = "CHF",
            TenderDeadline = deadline,
            Lots = lots.Length > 1 ? lots.Select(l => new NoticeLot(l.Lot, l.Title, null, null, null)).ToList() : null,
            Items = lots.Select(l => new NoticeItem(l.Lot, l.Title, new Classification("CPV", l.Cpv, null), [], lots.Length > 1 ? l.Lot : null, null, null)).ToList(),
            Documents = [new NoticeDocument("1", "Avis sur simap.ch", "https://www.simap.ch/", "tenderNotice")],
            Regions = [canton],
            Reserved = reserved,
        };
        var entity = new TenderNotice { ChamberId = chamberId, Ocid = ocid, Source = "demo", CreatedAt = now };
        TenderImporter.Project(entity, Notice.Compile([release]), now);
        return entity;
    }
}
