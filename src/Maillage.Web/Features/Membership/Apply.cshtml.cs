using Maillage.Domain.Common;
using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Membership;

/// <summary>The online membership application: organisation, contact person (future admin), self-assessment.</summary>
[EnableRateLimiting(Infrastructure.RateLimitPolicies.Forms)]
public sealed class ApplyModel(MaillageDbContext db, UserManager<AppUser> users, EmailOutbox outbox) : ChamberPageModel
{
    public sealed class AnswerInput
    {
        public Guid CriterionId { get; set; }

        public CriterionLevel? Level { get; set; }

        public string? Justification { get; set; }
    }

    public sealed class ApplicationInput
    {
        public ProfileForm Profile { get; set; } = new();

        public MembershipType MembershipType { get; set; } = MembershipType.Collective;

        public Guid? ReferredBy { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? ContactEmail { get; set; }

        public string? ContactPhone { get; set; }

        public string? ContactRole { get; set; }

        public string? Password { get; set; }

        public string? PasswordConfirmation { get; set; }

        public bool Consent { get; set; }

        public List<AnswerInput> Answers { get; set; } = [];
    }

    [BindProperty]
    public ApplicationInput Input { get; set; } = new();

    public IReadOnlyList<Criterion> Criteria { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Referrers { get; private set; } = [];

    public bool NeedsPassword => !Me.IsAuthenticated;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Input.Profile.Canton = Chamber.Canton;
        Input.Answers = Criteria.Select(c => new AnswerInput { CriterionId = c.Id }).ToList();
        if (Me.IsAuthenticated)
        {
            var user = await users.FindByIdAsync(Me.UserId!.Value.ToString());
            Input.FirstName = user?.FirstName;
            Input.LastName = user?.LastName;
            Input.ContactEmail = user?.Email;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!Chamber.AcceptsApplications)
        {
            return Page();
        }

        var (profile, profileErrors) = Input.Profile.ToProfile(Now.Year);
        ModelState.AddErrors(profileErrors, L, "Input.Profile.");

        var contact = new ApplicationContact
        {
            FirstName = Input.FirstName?.Trim() ?? string.Empty,
            LastName = Input.LastName?.Trim() ?? string.Empty,
            Email = Input.ContactEmail?.Trim() ?? string.Empty,
            Phone = string.IsNullOrWhiteSpace(Input.ContactPhone) ? null : Input.ContactPhone.Trim(),
            Role = string.IsNullOrWhiteSpace(Input.ContactRole) ? null : Input.ContactRole.Trim(),
        };
        foreach (var error in contact.Validate())
        {
            var field = error.Field switch
            {
                nameof(ApplicationContact.Email) => "ContactEmail",
                nameof(ApplicationContact.Phone) => "ContactPhone",
                nameof(ApplicationContact.Role) => "ContactRole",
                _ => error.Field,
            };
            ModelState.AddModelError("Input." + field, L.Message(error));
        }

        if (!Enum.IsDefined(Input.MembershipType))
        {
            ModelState.AddModelError("Input.MembershipType", L["Validation.InvalidChoice"]);
        }

        if (Input.ReferredBy is { } referrer && !await db.Organisations.AnyAsync(o => o.Id == referrer && o.ChamberId == Chamber.Id && o.State == OrganisationState.Active))
        {
            ModelState.AddModelError("Input.ReferredBy", L["Validation.UnknownOrganisation"]);
        }

        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", L["Apply.ConsentRequired"]);
        }

        ValidateAnswers();
        AppUser? newUser = null;
        if (NeedsPassword)
        {
            newUser = await ValidateNewAccountAsync(contact);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answers = Input.Answers.Select(a => new ApplicationAnswer(a.CriterionId, a.Level!.Value, a.Justification!)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Guid applicantId;
        if (newUser is not null)
        {
            var created = await users.CreateAsync(newUser, Input.Password!);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.ContactEmail", error.Description);
                }

                return Page();
            }

            applicantId = newUser.Id;
            var token = await users.GenerateEmailConfirmationTokenAsync(newUser);
            var link = outbox.Link($"/compte/confirmer?userId={newUser.Id}&token={Uri.EscapeDataString(token)}");
            outbox.Queue(Chamber.Id, contact.Email, L["Email.Confirm.Subject", Chamber.ShortName], L["Email.Confirm.Body", contact.FirstName, link], EmailKinds.ConfirmEmail);
        }
        else
        {
            applicantId = Me.UserId!.Value;
        }

        var application = new MembershipApplication(Chamber.Id, profile, contact, Input.MembershipType, answers, Input.ReferredBy, applicantId, Now);
        db.Applications.Add(application);
        outbox.Queue(Chamber.Id, contact.Email, L["Email.ApplicationReceived.Subject", Chamber.ShortName], L["Email.ApplicationReceived.Body", contact.FirstName, profile.Name, outbox.Link($"/{Chamber.Slug}/adhesion/{application.Id}")], EmailKinds.ApplicationReceived);
        if (Chamber.ContactEmail is { } chamberEmail)
        {
            outbox.Queue(Chamber.Id, chamberEmail, L["Email.ApplicationToReview.Subject", profile.Name], L["Email.ApplicationToReview.Body", profile.Name, outbox.Link($"/{Chamber.Slug}/gestion/demandes/{application.Id}")], EmailKinds.ApplicationToReview);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return RedirectToPage("/Membership/Submitted", new { chamber = Chamber.Slug, id = application.Id, newAccount = newUser is not null });
    }

    private void ValidateAnswers()
    {
        var byCriterion = Input.Answers.GroupBy(a => a.CriterionId).ToDictionary(g => g.Key, g => g.First());
        var rules = Criteria.Select(c => c.ToRule()).ToList();
        var answers = byCriterion.ToDictionary(kv => kv.Key, kv => (kv.Value.Level, kv.Value.Justification));
        var errors = MembershipApplication.ValidateAnswers(rules, answers);

        // Re-order the posted answers like the catalogue so that error keys match the rendered fields.
        Input.Answers = Criteria.Select(c => byCriterion.GetValueOrDefault(c.Id) ?? new AnswerInput { CriterionId = c.Id }).ToList();
        foreach (var error in errors)
        {
            var code = error.Field[..error.Field.IndexOf('.', StringComparison.Ordinal)];
            var index = Criteria.ToList().FindIndex(c => c.Code == code);
            ModelState.AddModelError($"Input.Answers[{index}].{error.Field[(code.Length + 1)..]}", L.Message(error));
        }
    }

    private async Task<AppUser?> ValidateNewAccountAsync(ApplicationContact contact)
    {
        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", L["Validation.Required"]);
        }
        else if (Input.Password != Input.PasswordConfirmation)
        {
            ModelState.AddModelError("Input.PasswordConfirmation", L["Identity.PasswordMismatchConfirmation"]);
        }

        if (OrganisationProfile.IsEmail(contact.Email) && await users.FindByEmailAsync(contact.Email) is not null)
        {
            ModelState.AddModelError("Input.ContactEmail", L["Apply.AccountExists"]);
            return null;
        }

        var user = new AppUser
        {
            UserName = contact.Email,
            Email = contact.Email,
            FirstName = contact.FirstName,
            LastName = contact.LastName,
            CreatedAt = Now,
        };
        if (!string.IsNullOrEmpty(Input.Password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, Input.Password);
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("Input.Password", error.Description);
                }
            }
        }

        return user;
    }

    private async Task LoadAsync()
    {
        Criteria = await db.ActiveAsync(Chamber.Id, HttpContext.RequestAborted);
        var members = await db.Organisations.AsNoTracking()
            .Where(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active)
            .Select(o => new { o.Id, o.Profile.Name, o.NormalizedName })
            .ToListAsync(HttpContext.RequestAborted);
        Referrers = [new SelectListItem(L["Apply.NoReferral"], string.Empty), .. members.OrderBy(m => m.NormalizedName, StringComparer.Ordinal).Select(m => new SelectListItem(m.Name, m.Id.ToString()))];
    }
}
