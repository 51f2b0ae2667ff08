using Maillage.Domain.Agenda;

namespace Maillage.Domain.Tests.Agenda;

internal static class AgendaWorld
{
    public static readonly DateTime Now = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    public static EventDetails Details(int? capacity = 10, long member = 0, long nonMember = 0) => new()
    {
        Kind = EventKind.BestPracticeCafe,
        Title = "Café des bonnes pratiques",
        Description = "Échanges entre membres.",
        VenueName = "Maison de quartier",
        Town = "Genève",
        Sessions = [new EventSession { LocalStart = new DateTime(2026, 12, 3, 10, 0, 0), LocalEnd = new DateTime(2026, 12, 3, 12, 0, 0) }],
        Capacity = capacity,
        MemberPrice = member,
        NonMemberPrice = nonMember,
    };

    public static AgendaEvent Event(int? capacity = 10, long member = 0, long nonMember = 0) =>
        AgendaEvent.Create(Guid.NewGuid(), Details(capacity, member, nonMember), EventStatus.Published, null, Now);
}
