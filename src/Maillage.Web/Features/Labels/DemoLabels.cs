using Maillage.Domain.Criteria;
using Maillage.Domain.Labels;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;

namespace Maillage.Web.Features.Labels;

/// <summary>
/// Demo labels in each chamber: several valid (the demo member admins' own organisations among them, Vaud's ending
/// soon), one expired and one revoked; each labelled member gets the admission file (criteria self-assessment) the
/// label decision rests on. Codes come from a fixed seed so that the demo's codes are the same on every start.
/// </summary>
public static class DemoLabels
{
    private static readonly string[] Justifications =
    [
        "Inscrit dans nos statuts et vérifié chaque année par l'assemblée générale.",
        "Nos comptes annuels sont publiés et les excédents sont réinvestis dans le projet.",
        "Une personne, une voix : chaque membre participe aux décisions importantes.",
        "Nous travaillons avec des fournisseurs locaux et des partenaires de l'insertion.",
        "L'écart salarial est de 1 à 3 et fait l'objet d'un rapport au comité.",
        "Un plan de réduction des déchets est suivi depuis trois ans.",
    ];

    public static void Seed(MaillageDbContext db, IReadOnlyList<Organisation> organisations, IReadOnlyDictionary<Guid, List<Criterion>> criteria, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(criteria);
        var random = new Random(2026);
        var today = Maillage.Domain.ChamberDays.Of(now);
        var chamberIndex = 0;
        foreach (var chamberMembers in organisations.GroupBy(o => o.ChamberId))
        {
            var members = chamberMembers.ToList();
            var staff = new Actor(null, "Secrétariat de la chambre");
            var isGeneva = chamberIndex++ == 0;

            // The first member of each chamber is the demo member admin's organisation (see DemoSeeder).
            var valid = new List<Organisation> { members[0] };
            valid.AddRange(members.Skip(3).Where((_, i) => i % 6 == 0).Take(isGeneva ? 5 : 4));
            for (var i = 0; i < valid.Count; i++)
            {
                var from = today.AddDays(-90 - (i * 40));
                var until = i == 0 && !isGeneva ? today.AddDays(45) : from.AddYears(2).AddDays(-1);
                Add(EssLabel.Grant(members[0].ChamberId, valid[i].Id, Code(random), from, until, "Auto-évaluation complète, visite effectuée.", staff, At(from), from));
            }

            var expired = members[1];
            var expiredFrom = today.AddYears(-2).AddDays(-40);
            Add(EssLabel.Grant(expired.ChamberId, expired.Id, Code(random), expiredFrom, today.AddDays(-40), null, staff, At(expiredFrom), expiredFrom));

            var revoked = members[2];
            var revokedFrom = today.AddDays(-200);
            var label = EssLabel.Grant(revoked.ChamberId, revoked.Id, Code(random), revokedFrom, revokedFrom.AddYears(2), null, staff, At(revokedFrom), revokedFrom);
            label.Revoke("Les engagements sur l'écart salarial et la gouvernance participative ne sont plus tenus depuis la réorganisation.", staff, now.AddDays(-21));
            Add(label);

            foreach (var member in valid.Append(expired).Append(revoked))
            {
                db.Applications.Add(AdmissionFile(member, criteria.GetValueOrDefault(member.ChamberId) ?? [], random, staff));
            }
        }

        void Add(EssLabel label) => db.Add(label);
    }

    private static DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);

    private static string Code(Random random)
    {
        var bytes = new byte[LabelCode.Length];
        random.NextBytes(bytes);
        return LabelCode.Create(bytes);
    }

    /// <summary>The member's admission: its answers to the chamber's criteria, then the staff's decision.</summary>
    private static MembershipApplication AdmissionFile(Organisation member, List<Criterion> criteria, Random random, Actor staff)
    {
        var submitted = member.MemberSince.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).AddDays(-30);
        var answers = criteria.Where(c => c.IsActive).Select(c => new ApplicationAnswer(
            c.Id,
            random.Next(4) == 0 ? CriterionLevel.Partly : CriterionLevel.Fully,
            Justifications[random.Next(Justifications.Length)]));
        var contact = new ApplicationContact { FirstName = "Dominique", LastName = "Rey", Email = $"contact@{member.Slug}.example", Role = "Coordination" };
        var application = new MembershipApplication(member.ChamberId, member.Profile, contact, member.MembershipType, answers, null, null, submitted);
        application.StartReview(staff, submitted.AddDays(3));
        application.Admit(staff, member.Id, "Bienvenue dans le réseau.", submitted.AddDays(20));
        return application;
    }
}
