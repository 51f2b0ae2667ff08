using Maillage.Web.Features.Shared;

namespace Maillage.Web.Features.Membership;

/// <summary>What happens next, right after an application is sent (no data shown: the URL may be shared).</summary>
public sealed class SubmittedModel : ChamberPageModel
{
    public Guid Id { get; private set; }

    public bool NewAccount { get; private set; }

    public void OnGet(Guid id, bool newAccount)
    {
        Id = id;
        NewAccount = newAccount;
    }
}
