using Maillage.Domain.Communication;

namespace Maillage.Domain.Tests.Communication;

public sealed class SubscriberAddressTests
{
    [Theory]
    [InlineData("marie.dupont@apres-ge.ch")]
    [InlineData("  info@Cooperative-Velo.CH ")]
    [InlineData("prenom+lettre@exemple.org")]
    [InlineData("élodie@exemple.ch")]
    public void Real_addresses_are_accepted(string address) => SubscriberAddress.Check(address).ShouldBe(AddressProblem.None);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_address_is_missing(string? address) => SubscriberAddress.Check(address).ShouldBe(AddressProblem.Missing);

    [Theory]
    [InlineData("marie")]
    [InlineData("marie@")]
    [InlineData("@exemple.ch")]
    [InlineData("marie@localhost")]
    [InlineData("marie@exemple")]
    [InlineData("marie@exemple.c")]
    [InlineData("marie@192.168.1.1")]
    [InlineData("marie@[127.0.0.1]")]
    [InlineData("marie dupont@exemple.ch")]
    [InlineData("Marie <marie@exemple.ch>")]
    [InlineData("marie@exemple.ch, paul@exemple.ch")]
    [InlineData("marie@exemple.ch\r\nBcc: tous@exemple.ch")]
    [InlineData("marie@-exemple.ch")]
    [InlineData("marie@exemple..ch")]
    public void Malformed_addresses_are_invalid(string address) => SubscriberAddress.Check(address).ShouldBe(AddressProblem.Invalid);

    [Theory]
    [InlineData("x@mailinator.com")]
    [InlineData("x@YOPMAIL.fr")]
    [InlineData("x@eu.10minutemail.com")]
    [InlineData("x@super-tempmail.example")]
    [InlineData("x@jetable.org")]
    public void Throw_away_mailboxes_are_refused(string address) => SubscriberAddress.Check(address).ShouldBe(AddressProblem.Disposable);

    [Fact]
    public void One_person_has_one_key_whatever_the_case_or_spaces()
    {
        SubscriberAddress.Key(" Marie.Dupont@Exemple.CH ").ShouldBe(SubscriberAddress.Key("marie.dupont@exemple.ch"));
        SubscriberAddress.Normalize(" Marie@Exemple.CH ").ShouldBe("Marie@exemple.ch");
    }
}
