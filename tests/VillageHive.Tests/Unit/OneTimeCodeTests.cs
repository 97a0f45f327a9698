using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using VillageHive.Domain;
using VillageHive.Features.Account;
using VillageHive.Infrastructure;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Unit;

public sealed class OneTimeCodeTests
{
    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("១២៣៤៥៦", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("", null)]
    public void A_code_is_read_as_six_digits_with_Khmer_digits_and_spaces_allowed(string typed, string? expected) =>
        OneTimeCode.Digits(typed).ShouldBe(expected);

    [Theory]
    [InlineData("BCDFG-HJKMN", "BCDFG-HJKMN")]
    [InlineData("bcdfg hjkmn", "BCDFG-HJKMN")]
    [InlineData(" bcdfghjkmn ", "BCDFG-HJKMN")]
    public void A_recovery_code_is_read_as_written_on_paper(string typed, string expected) =>
        OneTimeCode.RecoveryCode(typed).ShouldBe(expected);

    [Fact]
    public void The_key_is_shown_in_groups_of_four() =>
        OneTimeCode.FormatKey("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").ShouldBe("ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567");

    [Fact]
    public void The_authenticator_address_names_the_app_and_the_user() =>
        OneTimeCode.AuthenticatorUri("ouchar.ccwc", "ABCD2345").ShouldBe("otpauth://totp/Village%20Hive:ouchar.ccwc?secret=ABCD2345&issuer=Village%20Hive&digits=6");

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void The_test_TOTP_helper_matches_the_RFC_6238_examples(long unixSeconds, string expected) =>
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", last 6 of the 8 digits.
        Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).ShouldBe(expected);

    [Theory]
    [InlineData(Roles.Administrator, null, true)]
    [InlineData(Roles.DistrictManager, null, true)]
    [InlineData(Roles.Ccwc, null, true)]
    [InlineData(Roles.SeniorSocialWorker, "true", true)]
    [InlineData(Roles.VillageSocialWorker, null, false)]
    [InlineData(Roles.Researcher, null, false)]
    [InlineData(Roles.Administrator, "false", false)]
    public void Two_factor_is_required_for_the_deciding_roles_unless_configured_off(string role, string? setting, bool required)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TwoFactorPolicy.ConfigKey] = setting }).Build();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));
        new TwoFactorPolicy(config).IsRequiredFor(user).ShouldBe(required);
    }
}
