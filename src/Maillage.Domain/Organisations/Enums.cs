namespace Maillage.Domain.Organisations;

/// <summary>Swiss legal forms found among ESS actors.</summary>
public enum LegalForm
{
    Association = 1,
    Cooperative = 2,
    Foundation = 3,
    LimitedLiabilityCompany = 4,
    PublicLimitedCompany = 5,
    SoleProprietorship = 6,
    Other = 9,
}

/// <summary>The ESS status a chamber recognises: non-profit organisation (ABNL) or limited-profit enterprise.</summary>
public enum OrganisationStatus
{
    NonProfit = 1,
    LimitedProfit = 2,
}

public enum MembershipType
{
    Collective = 1,
    Individual = 2,
}

public enum OrganisationState
{
    Active = 1,
    Suspended = 2,
    Former = 3,
}

/// <summary>What a person may do for an organisation.</summary>
public enum OrganisationRole
{
    MemberUser = 1,
    MemberAdmin = 2,
}
