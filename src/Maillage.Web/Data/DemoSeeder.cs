using Maillage.Domain.Chambers;
using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Data;

/// <summary>
/// Fills an empty embedded database with two chambers (Genève, Vaud), their members, pending applications and
/// demo accounts, so that a newcomer sees a living directory at first start.
/// </summary>
public sealed class DemoSeeder(MaillageDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Demo-Maillage-2026";

    public static readonly IReadOnlyList<(string Email, string Description)> Accounts =
    [
        ("admin@maillage.example", "Network admin (all chambers)"),
        ("personnel@apres-ge.example", "Chamber admin, Genève"),
        ("membre@apres-ge.example", "Member admin of the first Geneva member"),
        ("personnel@apres-vd.example", "Chamber staff, Vaud"),
        ("membre@apres-vd.example", "Member admin of the first Vaud member"),
    ];

    private sealed record DemoFile(List<DemoOrganisation> Organisations, List<DemoApplication> Applications);

    private sealed record DemoOrganisation(
        string? Chamber, string Name, LegalForm LegalForm, OrganisationStatus Status, MembershipType MembershipType, string NogaSection,
        List<string> EssSectors, string Street, string PostalCode, string Town, string Canton, double? Latitude, double? Longitude,
        string ShortDescription, string Description, string? Website, string? Email, string? Phone, int? FoundedYear, int? Employees, DateOnly? MemberSince)
    {
        public OrganisationProfile ToProfile(int uidSeed) => new()
        {
            Name = Name,
            LegalForm = LegalForm,
            Status = Status,
            Uid = SwissUid.FromSeed(uidSeed),
            NogaSection = NogaSection,
            EssSectors = EssSectors,
            Street = Street,
            PostalCode = PostalCode,
            Town = Town,
            Canton = Canton,
            Latitude = Latitude,
            Longitude = Longitude,
            ShortDescription = ShortDescription,
            Description = Description,
            Website = Website,
            Email = Email,
            Phone = Phone,
            FoundedYear = FoundedYear,
            Employees = Employees,
        };
    }

    private sealed record DemoAnswer(int Level, string Justification);

    private sealed record DemoContact(string FirstName, string LastName, string Email, string? Phone, string? Role);

    private sealed record DemoApplication(
        string Chamber, ApplicationState State, DateOnly SubmittedOn, DemoOrganisation Organisation, MembershipType MembershipType,
        DemoContact Contact, string? ReferredBy, Dictionary<string, DemoAnswer> Answers, string? StaffNote);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Chambers.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var file = ReferenceDataSeeder.ReadResource<DemoFile>("Data.Demo.demo-organisations.json");
        var baseCriteria = await db.Criteria.Where(c => c.ChamberId == null).OrderBy(c => c.Position).ToListAsync(cancellationToken);

        var geneva = new Chamber("ge", "Chambre de l'économie sociale et solidaire de Genève", "APRÈS-GE", "GE", now)
        {
            Tagline = "Le réseau genevois des entreprises et organisations de l'économie sociale et solidaire.",
            ContactEmail = "info@apres-ge.example",
            Website = "https://www.apres-ge.example",
        };
        var vaud = new Chamber("vd", "Chambre vaudoise de l'économie sociale et solidaire", "Après-VD", "VD", now)
        {
            Tagline = "Relier, promouvoir et renforcer l'économie sociale et solidaire dans le canton de Vaud.",
            ContactEmail = "info@apres-vd.example",
            Website = "https://www.apres-vd.example",
        };
        db.Chambers.AddRange(geneva, vaud);

        var criteria = new Dictionary<Guid, List<Criterion>> { [geneva.Id] = [], [vaud.Id] = [] };
        foreach (var chamber in new[] { geneva, vaud })
        {
            foreach (var baseCriterion in baseCriteria)
            {
                criteria[chamber.Id].Add(baseCriterion.AdoptFor(chamber.Id));
            }
        }

        // Vaud adapts one criterion and adds one of its own: the catalogue is the chambers' to shape.
        var vaudDiversity = criteria[vaud.Id].First(c => c.Code == "diversity");
        vaudDiversity.Edit(vaudDiversity.Title, vaudDiversity.Guidance + " Un plan d'égalité salariale est attendu dès 20 personnes employées.", CriterionLevel.Partly, 2, false, vaudDiversity.Position);
        criteria[vaud.Id].Add(new Criterion(vaud.Id, "local-anchoring", "Ancrage local", "L'organisation s'approvisionne et emploie prioritairement dans la région et participe à la vie de son quartier ou de sa commune.", CriterionLevel.Partly, 1, false, baseCriteria.Count + 1));
        db.Criteria.AddRange(criteria.Values.SelectMany(c => c));

        var chambers = new Dictionary<string, Chamber> { ["ge"] = geneva, ["vd"] = vaud };
        var organisations = new Dictionary<(string Chamber, string Name), Organisation>();
        var seed = 4_242;
        foreach (var item in file.Organisations)
        {
            var chamber = chambers[item.Chamber!];
            var organisation = new Organisation(chamber.Id, Domain.Common.TextNormalizer.Slug(item.Name), item.ToProfile(seed++ * 7919), item.MembershipType, item.MemberSince ?? new DateOnly(2020, 1, 1), now);
            organisations[(item.Chamber!, item.Name)] = organisation;
            db.Organisations.Add(organisation);
        }

        foreach (var item in file.Applications)
        {
            var chamber = chambers[item.Chamber];
            var submittedAt = item.SubmittedOn.ToDateTime(new TimeOnly(9, 30), DateTimeKind.Utc);
            var answers = criteria[chamber.Id]
                .Where(c => item.Answers.ContainsKey(c.Code) || c.Code == "local-anchoring")
                .Select(c => item.Answers.TryGetValue(c.Code, out var a)
                    ? new ApplicationAnswer(c.Id, (CriterionLevel)a.Level, a.Justification)
                    : new ApplicationAnswer(c.Id, CriterionLevel.Partly, "Nos fournisseurs principaux sont situés dans le canton."));
            var referral = item.ReferredBy is null ? null : organisations.GetValueOrDefault((item.Chamber, item.ReferredBy))?.Id;
            var contact = new ApplicationContact { FirstName = item.Contact.FirstName, LastName = item.Contact.LastName, Email = item.Contact.Email, Phone = item.Contact.Phone, Role = item.Contact.Role };
            var application = new MembershipApplication(chamber.Id, item.Organisation.ToProfile(seed++ * 7919), contact, item.MembershipType, answers, referral, null, submittedAt);
            var staff = new Actor(null, chamber.ShortName);
            if (item.State is ApplicationState.UnderReview or ApplicationState.InformationRequested)
            {
                application.StartReview(staff, submittedAt.AddDays(2));
            }

            if (item.State == ApplicationState.InformationRequested)
            {
                application.RequestInformation(staff, item.StaffNote ?? "Pourriez-vous nous transmettre vos statuts ?", submittedAt.AddDays(3));
            }

            db.Applications.Add(application);
        }

        db.AddRange(DemoOffers.For(organisations.Values, now));
        db.AddRange(Features.Procurement.DemoProcurement.For(organisations.Values, now));
        await db.SaveChangesAsync(cancellationToken);

        var firstGe = organisations.First(o => o.Key.Chamber == "ge").Value;
        var firstVd = organisations.First(o => o.Key.Chamber == "vd").Value;
        await CreateUserAsync("admin@maillage.example", "Noémie", "Réseau", u => u.IsNetworkAdmin = true);
        var geStaff = await CreateUserAsync("personnel@apres-ge.example", "Camille", "Favre", null);
        var geMember = await CreateUserAsync("membre@apres-ge.example", "Léa", "Morel", null);
        var vdStaff = await CreateUserAsync("personnel@apres-vd.example", "Julien", "Rochat", null);
        var vdMember = await CreateUserAsync("membre@apres-vd.example", "Samir", "Benali", null);
        db.ChamberStaff.AddRange(
            new ChamberStaffMember { ChamberId = geneva.Id, UserId = geStaff.Id, Role = ChamberRole.Admin, Since = now },
            new ChamberStaffMember { ChamberId = vaud.Id, UserId = vdStaff.Id, Role = ChamberRole.Staff, Since = now });
        db.OrganisationMembers.AddRange(
            new OrganisationMember { OrganisationId = firstGe.Id, UserId = geMember.Id, Role = OrganisationRole.MemberAdmin, Since = now },
            new OrganisationMember { OrganisationId = firstVd.Id, UserId = vdMember.Id, Role = OrganisationRole.MemberAdmin, Since = now });
        await db.SaveChangesAsync(cancellationToken);
        await Features.Currency.DemoCurrency.SeedAsync(db, (geneva.Id, firstGe.Id), (vaud.Id, firstVd.Id), now, cancellationToken);
        SeedInvoices(geneva.Id, organisations.Where(o => o.Key.Chamber == "ge").Select(o => o.Value).Take(5).ToList(), now);
        Features.Labels.DemoLabels.Seed(db, [.. organisations.Values], criteria, now);
        Features.Agenda.DemoAgenda.Seed(db, geneva.Id, vaud.Id, organisations.Values.ToList(), now);
        Features.Surveys.DemoSurveys.Seed(db, geneva.Id, firstGe.Id, geMember.Id, geMember.Email!, now);
        await db.SaveChangesAsync(cancellationToken);
        await Features.Needs.DemoNeeds.SeedAsync(db, now, cancellationToken);
        await Features.Publications.DemoPublications.SeedAsync(db, now, cancellationToken);
        logger.LogInformation("Demo data seeded: {Organisations} organisations, {Applications} applications", file.Organisations.Count, file.Applications.Count);
    }

    /// <summary>
    /// Confirmed invoices between five Geneva members forming two overlapping cycles (and one debt on no cycle), so
    /// that a newcomer can run a clearing round at /ge/gestion/compensation and see something cleared.
    /// </summary>
    private void SeedInvoices(Guid chamberId, List<Organisation> members, DateTime now)
    {
        (int Debtor, int Creditor, long Amount, int Day)[] debts =
        [
            (0, 1, 1_250_00, 5), (1, 2, 980_00, 9), (2, 0, 1_400_00, 12),
            (2, 3, 600_00, 15), (3, 4, 450_00, 18), (4, 2, 720_00, 20),
            (4, 0, 300_00, 22),
        ];
        var number = 1;
        foreach (var (debtor, creditor, amount, day) in debts)
        {
            var issued = new DateOnly(2026, 9, day);
            var invoice = Domain.Invoices.InterMemberInvoice.Declare(
                chamberId, members[debtor].Id, members[creditor].Id, $"DEMO-2026-{number++:000}", amount, issued, issued.AddDays(30), Domain.Invoices.InvoiceSide.Creditor, null, now);
            invoice.Confirm(Domain.Invoices.InvoiceSide.Debtor, now);
            db.Set<Domain.Invoices.InterMemberInvoice>().Add(invoice);
        }
    }

    private async Task<AppUser> CreateUserAsync(string email, string firstName, string lastName, Action<AppUser>? configure)
    {
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FirstName = firstName,
            LastName = lastName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        configure?.Invoke(user);
        var result = await users.CreateAsync(user, DemoPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo account could not be created: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }

        return user;
    }
}
