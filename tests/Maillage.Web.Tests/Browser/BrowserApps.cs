using Maillage.Web.Tests.Infrastructure;

namespace Maillage.Web.Tests.Browser;

/// <summary>The application served by Kestrel on a loopback port, so that a real browser can reach it (SQLite).</summary>
public sealed class BrowserSqliteApp() : MaillageApp(Engine.Sqlite)
{
    protected override bool UseRealServer => true;
}

/// <summary>The application served by Kestrel on a loopback port, so that a real browser can reach it (PostgreSQL).</summary>
public sealed class BrowserPostgresApp() : MaillageApp(Engine.PostgreSQL)
{
    protected override bool UseRealServer => true;
}

/// <summary>Browser tests run one class at a time: each starts a server and a Chromium, and the machine is small.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup
{
    public const string Name = "Browser";
}
