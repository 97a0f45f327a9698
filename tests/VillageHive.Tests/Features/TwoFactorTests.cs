using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Two-step sign-in, recovery codes, the forced password change and the account gate. Every test makes its own users.</summary>
public sealed partial class TwoFactorTests(Apps apps)
{
    private const string WrongCodeKm = "លេខកូដមិនត្រឹមត្រូវទេ។";
    private const string NewPassphrase = "a new passphrase for the commune";

    private static string NewName(string prefix) => prefix + "." + Guid.NewGuid().ToString("N")[..8];

    [GeneratedRegex("data-valmsg-for=\"([^\"]+)\"[^>]*>([^<]*)<")]
    private static partial Regex FieldMessagePattern();

    /// <summary>The message shown next to a form field.</summary>
    private static string FieldMessage(string html, string field) =>
        FieldMessagePattern().Matches(html).Where(m => m.Groups[1].Value == field).Select(m => m.Groups[2].Value).SingleOrDefault() ?? "";

    private static Task<HiveUser> UserAsync(HiveApp app, string userName) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    private static async Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/Account/Login" : "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        return await client.PostFormAsync(url, new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    private static string Location(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!.OriginalString;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Enrolment_shows_a_QR_code_drawn_by_the_app_and_the_key_in_groups_of_four(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("enrol");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var client = await app.SignInAsync(name, Db.DemoPassword);

        var html = await client.GetHtmlAsync("/Account/TwoFactor");
        var qr = Regex.Match(html, "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        qr.Success.ShouldBeTrue();
        Convert.FromBase64String(qr.Groups[1].Value)[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        Regex.IsMatch(html, "id=\"shared-key\"[^>]*>[A-Z2-7]{4}( [A-Z2-7]{4}){7}</code>").ShouldBeTrue();
        var key = HiveApp.SharedKey(html);
        key.ShouldBe(await app.AuthenticatorKeyAsync(name));
        html.ShouldContain("autocomplete=\"one-time-code\"");
        html.ShouldContain("inputmode=\"numeric\"");
        // The strict Content-Security-Policy allows no inline script or style (script files, such as the offline sync's, are fine).
        Regex.IsMatch(html, "<script(?![^>]*\\ssrc=)", RegexOptions.IgnoreCase).ShouldBeFalse();
        html.ShouldNotContain("style=");
        // Coming back shows the same key: the app on the phone may already hold it.
        HiveApp.SharedKey(await client.GetHtmlAsync("/Account/TwoFactor")).ShouldBe(key);
        OneTimeCodeUri(name, key).ShouldBe($"otpauth://totp/Village%20Hive:{name}?secret={key}&issuer=Village%20Hive&digits=6");
    }

    private static string OneTimeCodeUri(string name, string key) => VillageHive.Features.Account.OneTimeCode.AuthenticatorUri(name, key);

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_wrong_code_is_refused_in_Khmer_and_two_factor_stays_off(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("wrongcode");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var client = await app.SignInAsync(name, Db.DemoPassword);
        var key = HiveApp.SharedKey(await client.GetHtmlAsync("/Account/TwoFactor"));

        var response = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Input.Code"] = Totp.WrongCode(key) }, formPage: "/Account/TwoFactor");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        FieldMessage(html, "Input.Code").ShouldStartWith(WrongCodeKm);
        HiveApp.SharedKey(html).ShouldBe(key);
        HiveApp.RecoveryCodes(html).ShouldBeEmpty();

        response = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Input.Code"] = "12ab56" }, formPage: "/Account/TwoFactor");
        FieldMessage(await response.Content.ReadAsStringAsync(), "Input.Code").ShouldBe("សូមវាយលេខកូដ ៦ ខ្ទង់។");
        (await UserAsync(app, name)).TwoFactorEnabled.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_right_code_turns_two_factor_on_and_shows_ten_recovery_codes_once(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("rightcode");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var client = await app.SignInAsync(name, Db.DemoPassword);

        var (_, codes) = await app.EnrolAsync(client, name);
        codes.Distinct().Count().ShouldBe(10);
        (await UserAsync(app, name)).TwoFactorEnabled.ShouldBeTrue();
        var again = await client.GetHtmlAsync("/Account/TwoFactor");
        HiveApp.RecoveryCodes(again).ShouldBeEmpty();
        again.ShouldContain("លេខកូដសង្គ្រោះដែលនៅសល់៖ 10");
        again.ShouldNotContain("id=\"shared-key\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Once_on_sign_in_asks_for_the_code_and_keeps_the_return_address(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("signin2fa");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var (key, _) = await app.EnrolAsync(await app.SignInAsync(name, Db.DemoPassword), name);

        var client = app.Anonymous();
        var location = Location(await PasswordStepAsync(client, name, Db.DemoPassword, "/Registry/Households?p=2"));
        location.ShouldBe("/Account/LoginWith2fa?ReturnUrl=%2FRegistry%2FHouseholds%3Fp%3D2");
        // The password alone does not sign in.
        Location(await client.GetAsync("/Registry/Households")).ShouldStartWith("http://localhost/Account/Login");

        var page = await client.GetHtmlAsync(location);
        page.ShouldContain("autocomplete=\"one-time-code\"");
        page.ShouldContain("inputmode=\"numeric\"");
        var wrong = await client.PostFormAsync(location, new() { ["Input.Code"] = Totp.WrongCode(key) });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldMessage(await wrong.Content.ReadAsStringAsync(), "Input.Code").ShouldStartWith(WrongCodeKm);

        Location(await client.PostFormAsync(location, new() { ["Input.Code"] = Totp.Code(key) })).ShouldBe("/Registry/Households?p=2");
        (await client.GetAsync("/Registry/Households?p=2")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_outside_return_address_is_dropped_on_the_way_through_the_code_step(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("returnurl");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var (key, _) = await app.EnrolAsync(await app.SignInAsync(name, Db.DemoPassword), name);

        var client = app.Anonymous();
        var location = Location(await PasswordStepAsync(client, name, Db.DemoPassword, "https://evil.example/"));
        location.ShouldBe("/Account/LoginWith2fa");
        var response = await client.PostFormAsync("/Account/LoginWith2fa?ReturnUrl=" + Uri.EscapeDataString("//evil.example/"), new() { ["Input.Code"] = Totp.Code(key) });
        Location(response).ShouldBe("/");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_code_pages_send_a_visitor_without_the_password_step_to_sign_in(string provider)
    {
        var client = (await apps.Get(provider)).Anonymous();
        Location(await client.GetAsync("/Account/LoginWith2fa")).ShouldBe("/Account/Login");
        Location(await client.GetAsync("/Account/LoginWithRecoveryCode?ReturnUrl=%2FRegistry%2FHouseholds")).ShouldBe("/Account/Login?ReturnUrl=%2FRegistry%2FHouseholds");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_recovery_code_signs_in_once_only(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("recovery");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var (_, codes) = await app.EnrolAsync(await app.SignInAsync(name, Db.DemoPassword), name);

        var first = app.Anonymous();
        Location(await PasswordStepAsync(first, name, Db.DemoPassword)).ShouldBe("/Account/LoginWith2fa");
        (await first.GetHtmlAsync("/Account/LoginWith2fa")).ShouldContain("href=\"/Account/LoginWithRecoveryCode\"");
        // Written on paper and typed back: lower case, with a space for the dash.
        var typed = codes[3].ToLowerInvariant().Replace('-', ' ');
        Location(await first.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.Code"] = typed })).ShouldBe("/");
        (await first.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var second = app.Anonymous();
        await PasswordStepAsync(second, name, Db.DemoPassword);
        var response = await second.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.Code"] = codes[3] });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldMessage(await response.Content.ReadAsStringAsync(), "Input.Code").ShouldBe("លេខកូដសង្គ្រោះនេះមិនត្រឹមត្រូវ ឬត្រូវបានប្រើរួចហើយ។");
        (await second.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await first.GetHtmlAsync("/Account/TwoFactor")).ShouldContain("លេខកូដសង្គ្រោះដែលនៅសល់៖ 9");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Wrong_codes_count_towards_the_lockout(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("codelock");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var (key, codes) = await app.EnrolAsync(await app.SignInAsync(name, Db.DemoPassword), name);

        var client = app.Anonymous();
        await PasswordStepAsync(client, name, Db.DemoPassword);
        await client.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.Code"] = "AAAAA-AAAAA" });
        (await UserAsync(app, name)).AccessFailedCount.ShouldBe(1);
        for (var i = 0; i < 4; i++)
            await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.WrongCode(key) });
        (await UserAsync(app, name)).LockoutEnd.ShouldNotBeNull();

        foreach (var (url, code) in new[] { ("/Account/LoginWith2fa", Totp.Code(key)), ("/Account/LoginWithRecoveryCode", codes[0]) })
        {
            var response = await client.PostFormAsync(url, new() { ["Input.Code"] = code });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await response.Content.ReadAsStringAsync()).ShouldContain("ចាក់សោ", customMessage: url);
        }
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_user_in_a_required_role_is_sent_to_enrolment_until_done(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("ccwc");
        await app.CreateUserAsync(name, Roles.Ccwc);
        var client = await app.PasswordSignInAsync(name, Db.DemoPassword);

        Location(await client.GetAsync("/")).ShouldBe("/Account/TwoFactor");
        Location(await client.GetAsync("/Registry/Households?q=ក")).ShouldBe("/Account/TwoFactor?ReturnUrl=" + Uri.EscapeDataString("/Registry/Households?q=" + Uri.EscapeDataString("ក")));
        Location(await client.GetAsync("/Account/ChangePassword")).ShouldStartWith("/Account/TwoFactor");
        // Still open: static files, error pages, the language switch.
        (await client.GetAsync("/css/site.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Error/404")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Location(await client.PostFormAsync("/Language", new() { ["culture"] = "km-KH", ["returnUrl"] = "/Account/TwoFactor" }, formPage: "/Account/TwoFactor")).ShouldBe("/Account/TwoFactor");

        var html = await client.GetHtmlAsync("/Account/TwoFactor?ReturnUrl=%2FRegistry%2FHouseholds");
        html.ShouldContain("តួនាទីរបស់អ្នកតម្រូវឱ្យប្រើការចូលប្រើពីរជំហាន។");
        var key = HiveApp.SharedKey(html);
        var enrolled = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Input.Code"] = Totp.Code(key), ["ReturnUrl"] = "/Registry/Households" }, formPage: "/Account/TwoFactor");
        var done = await enrolled.Content.ReadAsStringAsync();
        HiveApp.RecoveryCodes(done).Count.ShouldBe(10);
        done.ShouldContain("href=\"/Registry/Households\"");

        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Registry/Households")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The role keeps it on: no way to turn it off, and a forged request is refused with a message.
        var page = await client.GetHtmlAsync("/Account/TwoFactor?Confirm=disable");
        page.ShouldNotContain("handler=Disable");
        page.ShouldContain("តួនាទីរបស់អ្នកត្រូវតែបើកការចូលប្រើពីរជំហានជានិច្ច។");
        var forged = await client.PostFormAsync("/Account/TwoFactor?handler=Disable", [], formPage: "/Account/TwoFactor");
        forged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await forged.Content.ReadAsStringAsync()).ShouldContain("តួនាទីរបស់អ្នកត្រូវតែបើកការចូលប្រើពីរជំហានជានិច្ច។");
        (await UserAsync(app, name)).TwoFactorEnabled.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_user_held_at_enrolment_can_still_sign_out(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("senior");
        await app.CreateUserAsync(name, Roles.SeniorSocialWorker);
        var client = await app.PasswordSignInAsync(name, Db.DemoPassword);
        Location(await client.GetAsync("/")).ShouldBe("/Account/TwoFactor");
        Location(await client.PostFormAsync("/Account/Logout", [], formPage: "/Account/TwoFactor")).ShouldBe("/Account/Login");
        Location(await client.GetAsync("/Account/TwoFactor")).ShouldStartWith("http://localhost/Account/Login");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_user_in_an_optional_role_is_not_sent_to_enrolment_and_may_turn_it_off_after_confirming(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("optional");
        await app.CreateUserAsync(name, Roles.CommunityNetworkMember);
        var client = await app.PasswordSignInAsync(name, Db.DemoPassword);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetHtmlAsync("/Account/TwoFactor")).ShouldNotContain("តួនាទីរបស់អ្នកតម្រូវឱ្យប្រើការចូលប្រើពីរជំហាន។");

        var (key, _) = await app.EnrolAsync(client, name);
        var page = await client.GetHtmlAsync("/Account/TwoFactor");
        page.ShouldContain("href=\"/Account/TwoFactor?Confirm=disable\"");
        page.ShouldNotContain("handler=Disable");
        var confirm = await client.GetHtmlAsync("/Account/TwoFactor?Confirm=disable");
        confirm.ShouldContain("action=\"/Account/TwoFactor?handler=Disable\"");
        Location(await client.PostFormAsync("/Account/TwoFactor?handler=Disable", [], formPage: "/Account/TwoFactor?Confirm=disable")).ShouldBe("/Account/TwoFactor");

        (await UserAsync(app, name)).TwoFactorEnabled.ShouldBeFalse();
        // Turning it on again later starts from a new key.
        HiveApp.SharedKey(await client.GetHtmlAsync("/Account/TwoFactor")).ShouldNotBe(key);
        Location(await PasswordStepAsync(app.Anonymous(), name, Db.DemoPassword)).ShouldBe("/");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task New_recovery_codes_need_confirmation_and_replace_the_old_ones(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("newcodes");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var client = await app.SignInAsync(name, Db.DemoPassword);
        var (_, old) = await app.EnrolAsync(client, name);

        (await client.GetHtmlAsync("/Account/TwoFactor")).ShouldNotContain("handler=NewCodes");
        (await client.GetHtmlAsync("/Account/TwoFactor?Confirm=codes")).ShouldContain("action=\"/Account/TwoFactor?handler=NewCodes\"");
        var response = await client.PostFormAsync("/Account/TwoFactor?handler=NewCodes", [], formPage: "/Account/TwoFactor?Confirm=codes");
        var fresh = HiveApp.RecoveryCodes(await response.Content.ReadAsStringAsync());
        fresh.Count.ShouldBe(10);
        fresh.Intersect(old).ShouldBeEmpty();

        var withOld = app.Anonymous();
        await PasswordStepAsync(withOld, name, Db.DemoPassword);
        (await withOld.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.Code"] = old[0] })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Location(await withOld.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.Code"] = fresh[0] })).ShouldBe("/");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_successful_sign_in_records_the_time_and_a_failed_one_does_not(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("lastsignin");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        (await UserAsync(app, name)).LastSignInAt.ShouldBeNull();
        await PasswordStepAsync(app.Anonymous(), name, "not the password");
        (await UserAsync(app, name)).LastSignInAt.ShouldBeNull();

        var before = TestClock.UtcNow.AddSeconds(-1);
        var client = await app.SignInAsync(name, Db.DemoPassword);
        var first = (await UserAsync(app, name)).LastSignInAt!.Value;
        first.ShouldBeGreaterThanOrEqualTo(before);
        first.ShouldBeLessThanOrEqualTo(TestClock.UtcNow.AddSeconds(1));

        // Through the code step too.
        await app.EnrolAsync(client, name);
        await Task.Delay(20);
        await app.PasswordSignInAsync(name, Db.DemoPassword);
        (await UserAsync(app, name)).LastSignInAt!.Value.ShouldBeGreaterThan(first);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Must_change_password_comes_first_and_clears_after_a_change(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("mustchange");
        await app.CreateUserAsync(name, Roles.Ccwc, mustChangePassword: true);
        var client = await app.PasswordSignInAsync(name, Db.DemoPassword);

        Location(await client.GetAsync("/")).ShouldBe("/Account/ChangePassword");
        // Before the enrolment that the role also needs.
        Location(await client.GetAsync("/Account/TwoFactor")).ShouldBe("/Account/ChangePassword?ReturnUrl=%2FAccount%2FTwoFactor");
        var form = await client.GetHtmlAsync("/Account/ChangePassword");
        form.ShouldContain("សូមជ្រើសរើសពាក្យសម្ងាត់ថ្មីផ្ទាល់ខ្លួន មុនពេលបន្ត។");
        form.ShouldContain("autocomplete=\"current-password\"");
        Regex.Count(form, "autocomplete=\"new-password\"").ShouldBe(2);

        var response = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = Db.DemoPassword, ["Input.NewPassword"] = NewPassphrase, ["Input.RepeatPassword"] = NewPassphrase,
        });
        Location(response).ShouldBe("/Account/ChangePassword?Changed=True");
        (await UserAsync(app, name)).MustChangePassword.ShouldBeFalse();
        // Next comes the enrolment; the session survived the change of password.
        Location(await client.GetAsync("/")).ShouldBe("/Account/TwoFactor");

        (await PasswordStepAsync(app.Anonymous(), name, Db.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Location(await PasswordStepAsync(app.Anonymous(), name, NewPassphrase)).ShouldBe("/");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_wrong_current_password_is_refused_next_to_the_field(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("wrongcurrent");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var client = await app.SignInAsync(name, Db.DemoPassword);

        var response = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "not my password", ["Input.NewPassword"] = NewPassphrase, ["Input.RepeatPassword"] = NewPassphrase,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldMessage(await response.Content.ReadAsStringAsync(), "Input.CurrentPassword").ShouldBe("ពាក្យសម្ងាត់បច្ចុប្បន្នមិនត្រឹមត្រូវទេ។");
        Location(await PasswordStepAsync(app.Anonymous(), name, Db.DemoPassword)).ShouldBe("/");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_short_unrepeated_or_unchanged_new_password_is_refused_with_field_messages(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("badnew");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var client = await app.SignInAsync(name, Db.DemoPassword);

        async Task<string> ChangeAsync(string newPassword, string repeat)
        {
            var response = await client.PostFormAsync("/Account/ChangePassword", new()
            {
                ["Input.CurrentPassword"] = Db.DemoPassword, ["Input.NewPassword"] = newPassword, ["Input.RepeatPassword"] = repeat,
            });
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return await response.Content.ReadAsStringAsync();
        }

        FieldMessage(await ChangeAsync("ខ្លីពេក", "ខ្លីពេក"), "Input.NewPassword").ShouldBe("សូមប្រើយ៉ាងហោចណាស់ ១០ តួអក្សរ។");
        FieldMessage(await ChangeAsync(NewPassphrase, NewPassphrase + "!"), "Input.RepeatPassword").ShouldBe("ពាក្យសម្ងាត់ថ្មីទាំងពីរមិនដូចគ្នាទេ។");
        FieldMessage(await ChangeAsync(Db.DemoPassword, Db.DemoPassword), "Input.NewPassword").ShouldBe("ពាក្យសម្ងាត់ថ្មីត្រូវតែខុសពីពាក្យសម្ងាត់បច្ចុប្បន្ន។");
        Location(await PasswordStepAsync(app.Anonymous(), name, Db.DemoPassword)).ShouldBe("/");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_sixty_character_passphrase_with_spaces_and_Khmer_letters_is_accepted(string provider)
    {
        var app = await apps.Get(provider);
        var name = NewName("passphrase");
        await app.CreateUserAsync(name, Roles.VillageSocialWorker);
        var client = await app.SignInAsync(name, Db.DemoPassword);
        var passphrase = "ខ្ញុំដាំស្រូវនៅភូមិអូរចារ ជាមួយយាយ every rainy season ២០២៦";
        passphrase = passphrase + new string('.', 60 - passphrase.Length);
        passphrase.Length.ShouldBe(60);

        var response = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = Db.DemoPassword, ["Input.NewPassword"] = passphrase, ["Input.RepeatPassword"] = passphrase,
        });
        Location(response).ShouldBe("/Account/ChangePassword?Changed=True");
        (await client.GetHtmlAsync("/Account/ChangePassword?Changed=True")).ShouldContain("ពាក្យសម្ងាត់របស់អ្នកត្រូវបានប្ដូររួចហើយ។");
        Location(await PasswordStepAsync(app.Anonymous(), name, passphrase)).ShouldBe("/");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HiveUser>>();
        (await users.CheckPasswordAsync((await users.FindByNameAsync(name))!, passphrase)).ShouldBeTrue();
    }
}
