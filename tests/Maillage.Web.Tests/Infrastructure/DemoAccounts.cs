namespace Maillage.Web.Tests.Infrastructure;

/// <summary>The accounts the demo data creates (README lists them too).</summary>
public static class DemoAccounts
{
    public const string NetworkAdmin = "admin@maillage.example";
    public const string GenevaStaff = "personnel@apres-ge.example";
    public const string GenevaMember = "membre@apres-ge.example";
    public const string VaudStaff = "personnel@apres-vd.example";
    public const string VaudMember = "membre@apres-vd.example";
}
