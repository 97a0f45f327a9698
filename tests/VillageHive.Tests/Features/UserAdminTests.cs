using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed partial class UserAdminTests(Apps apps)
{
    private const string NewPassword = "a long new passphrase";

    [GeneratedRegex("href=\"/Admin/Users/([0-9a-f-]{36})\"")]
    private static partial Regex UserLink();

    [GeneratedRegex("name=\"Input.Stamp\" value=\"([^\"]*)\"")]
    private static partial Regex StampField();

    private static string UniqueName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    /// <summary>The message shown next to a field (empty when there is none).</summary>
    private static string FieldMessage(string html, string field)
    {
        var m = Regex.Match(html, $"<span class=\"field-validation-error[^\"]*\" data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)</span>");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : "";
    }

    private static Dictionary<string, string> NewUserForm(string userName, string role, int[] villageIds, string password = NewPassword, string? displayName = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = displayName ?? "សុខ សុភាព",
            ["Input.Phone"] = "012 345 678",
            ["Input.Role"] = role,
            ["Input.Level"] = "Villages",
            ["Password"] = password,
            ["Active"] = "true",
        };
        for (var i = 0; i < villageIds.Length; i++) form[$"Input.VillageIds[{i}]"] = villageIds[i].ToString(CultureInfo.InvariantCulture);
        return form;
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string userId, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync($"/Admin/Users/{userId}?handler={handler}", fields ?? new() { ["confirm"] = "true" }, formPage: $"/Admin/Users/{userId}");

    private static Task<HiveUser?> FindAsync(HiveApp app, string userName) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == userName.ToUpperInvariant()));

    private static Task<string> IdOfAsync(HiveApp app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<bool> CanSignInAsync(HiveApp app, string userName, string password)
    {
        var response = await app.Anonymous().PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_administrator_creates_a_user_who_can_then_sign_in(string provider)
    {
        var app = await apps.Get(provider);
        var userName = UniqueName("new.vbsw");
        var villages = new[] { await app.VillageIdAsync("02030904"), await app.VillageIdAsync("02030905") };
        var response = await (await app.As("admin")).PostFormAsync("/Admin/Users/New", NewUserForm(userName, Roles.VillageSocialWorker, villages));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = (await FindAsync(app, userName)).ShouldNotBeNull();
        response.Headers.Location!.OriginalString.ShouldBe($"/Admin/Users/{saved.Id}");
        saved.DisplayName.ShouldBe("សុខ សុភាព");
        saved.PhoneNumber.ShouldBe("012345678");
        saved.Scope.ShouldBe(new Scope(ScopeLevel.Villages, villages.Order().ToList()), new ScopeComparer());
        saved.IsActive.ShouldBeTrue();
        // The administrator typed the first password, so the user must choose their own.
        saved.MustChangePassword.ShouldBeTrue();
        (await RolesOfAsync(app, saved.Id)).ShouldBe([Roles.VillageSocialWorker]);
        var client = await app.SignInAsync(userName, NewPassword);
        // The administrator typed the first password, so the new user must choose their own before anything else.
        var first = await client.GetAsync("/");
        first.StatusCode.ShouldBe(HttpStatusCode.Found);
        first.Headers.Location!.OriginalString.ShouldContain("/Account/ChangePassword");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_CCWC_of_Ou_Char_lists_only_Ou_Char_users(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.ccwc");
        var listed = new List<string>();
        for (var page = 1; page <= 40; page++)
        {
            var html = await client.GetHtmlAsync($"/Admin/Users?p={page}");
            listed.AddRange(UserLink().Matches(html).Select(m => m.Groups[1].Value));
            if (!html.Contains("rel=\"next\"")) break;
        }
        var users = await app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => listed.Contains(u.Id)).ToListAsync());
        var names = users.Select(u => u.UserName!).ToList();
        names.ShouldContain("ouchar.vbsw1");
        names.ShouldContain("ouchar.senior");
        names.ShouldContain("ouchar.chief");
        names.ShouldNotContain(n => n.StartsWith("svaypao.", StringComparison.Ordinal));
        // Not an Administrator, a CCWC (itself included), a researcher, nor anyone who also works outside Ou Char.
        foreach (var other in new[] { "admin", "district.manager", "ouchar.ccwc", "researcher", "provider.healthcentre" })
            names.ShouldNotContain(other);
        var ouChar = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode)
            .Select(c => new { c.Id, Villages = c.Villages.Select(v => v.Id).ToList() }).SingleAsync());
        foreach (var u in users)
            u.ScopeAreaIds.ShouldAllBe(a => u.ScopeLevel == ScopeLevel.Villages ? ouChar.Villages.Contains(a) : a == ouChar.Id, u.UserName);
        (await client.GetHtmlAsync("/Admin/Users?q=svaypao")).ShouldContain("អ្នកប្រើប្រាស់ 0 នាក់");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_CCWC_of_Ou_Char_cannot_reach_a_Svay_Pao_user_an_administrator_or_itself(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.ccwc");
        foreach (var other in new[] { "svaypao.vbsw1", "admin", "ouchar.ccwc", "svaypao.ccwc" })
            await client.GetHtmlAsync($"/Admin/Users/{await IdOfAsync(app, other)}", HttpStatusCode.NotFound);
        var target = await IdOfAsync(app, "svaypao.vbsw1");
        var response = await client.PostFormAsync($"/Admin/Users/{target}?handler=Deactivate", new() { ["confirm"] = "true" }, formPage: "/Admin/Users/New");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var edit = await client.PostFormAsync($"/Admin/Users/{target}", new() { ["Input.UserName"] = "svaypao.vbsw1", ["Input.DisplayName"] = "stolen" }, formPage: "/Admin/Users/New");
        edit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var saved = (await FindAsync(app, "svaypao.vbsw1"))!;
        saved.IsActive.ShouldBeTrue();
        saved.DisplayName.ShouldNotBe("stolen");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_CCWC_cannot_create_a_user_in_a_Svay_Pao_village_nor_an_administrator(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.ccwc");
        var ouChar1 = await app.VillageIdAsync("02030901");
        var svayPao1 = await app.VillageIdAsync("02030201");

        var outside = UniqueName("outside");
        var response = await client.PostFormAsync("/Admin/Users/New", NewUserForm(outside, Roles.VillageSocialWorker, [ouChar1, svayPao1]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldMessage(await response.Content.ReadAsStringAsync(), "Input.Areas").ShouldBe("អ្នកអាចផ្ដល់បានតែតំបន់ដែលស្ថិតក្នុងតំបន់ការងាររបស់អ្នកប៉ុណ្ណោះ។");
        (await FindAsync(app, outside)).ShouldBeNull();

        var svayPaoCommune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.SvayPaoCode).Select(c => c.Id).SingleAsync());
        var form = NewUserForm(outside, Roles.CommuneOfficial, []);
        form["Input.Level"] = "Communes";
        form["Input.CommuneIds[0]"] = svayPaoCommune.ToString(CultureInfo.InvariantCulture);
        response = await client.PostFormAsync("/Admin/Users/New", form);
        FieldMessage(await response.Content.ReadAsStringAsync(), "Input.Areas").ShouldBe("អ្នកអាចផ្ដល់បានតែតំបន់ដែលស្ថិតក្នុងតំបន់ការងាររបស់អ្នកប៉ុណ្ណោះ។");
        (await FindAsync(app, outside)).ShouldBeNull();

        foreach (var role in new[] { Roles.Administrator, Roles.Ccwc, Roles.DistrictManager, Roles.Researcher })
        {
            var boss = UniqueName("boss");
            response = await client.PostFormAsync("/Admin/Users/New", NewUserForm(boss, role, [ouChar1]));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            FieldMessage(await response.Content.ReadAsStringAsync(), "Input.Role").ShouldBe("អ្នកមិនអាចផ្ដល់តួនាទីនេះបានទេ។", role);
            (await FindAsync(app, boss)).ShouldBeNull();
        }

        // Within its commune, a working role is fine.
        var worker = UniqueName("ccwc.made");
        (await client.PostFormAsync("/Admin/Users/New", NewUserForm(worker, Roles.SeniorSocialWorker, [ouChar1]))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RolesOfAsync(app, (await FindAsync(app, worker))!.Id)).ShouldBe([Roles.SeniorSocialWorker]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Users_other_than_administrators_and_CCWC_are_refused_with_403(string provider)
    {
        var app = await apps.Get(provider);
        foreach (var user in new[] { "ouchar.vbsw1", "district.manager", "researcher" })
        {
            var client = await app.As(user);
            await client.GetHtmlAsync("/Admin/Users", HttpStatusCode.Forbidden);
            await client.GetHtmlAsync("/Admin/Users/New", HttpStatusCode.Forbidden);
            await client.GetHtmlAsync($"/Admin/Users/{await IdOfAsync(app, "ouchar.vbsw2")}", HttpStatusCode.Forbidden);
            (await client.GetHtmlAsync("/")).ShouldNotContain("href=\"/Admin/Users\"");
        }
        // The CCWC may manage users but still not geography.
        var ccwc = await app.As("ouchar.ccwc");
        await ccwc.GetHtmlAsync("/Admin/Geography", HttpStatusCode.Forbidden);
        (await ccwc.GetHtmlAsync("/")).ShouldContain("href=\"/Admin/Users\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_input_gets_Khmer_messages_next_to_the_fields_and_saves_nothing(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("admin");
        var village = await app.VillageIdAsync("02030902");
        var name = UniqueName("bad");

        async Task<string> PostAsync(Dictionary<string, string> form)
        {
            var response = await client.PostFormAsync("/Admin/Users/New", form);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return await response.Content.ReadAsStringAsync();
        }

        FieldMessage(await PostAsync(NewUserForm("", Roles.VillageSocialWorker, [village])), "Input.UserName").ShouldBe("«ឈ្មោះអ្នកប្រើ»៖ ត្រូវបំពេញព័ត៌មាននេះ។");
        FieldMessage(await PostAsync(NewUserForm("OUCHAR.vbsw1", Roles.VillageSocialWorker, [village])), "Input.UserName").ShouldBe("មានអ្នកប្រើផ្សេងប្រើឈ្មោះអ្នកប្រើនេះរួចហើយ។");
        FieldMessage(await PostAsync(NewUserForm("has space", Roles.VillageSocialWorker, [village])), "Input.UserName").ShouldBe("សូមប្រើតែអក្សរឡាតាំង លេខ និងសញ្ញា . _ - ប៉ុណ្ណោះ។");
        FieldMessage(await PostAsync(NewUserForm(name, Roles.VillageSocialWorker, [village], password: "short")), "Password").ShouldBe("ពាក្យសម្ងាត់ត្រូវមានយ៉ាងហោចណាស់ 10 តួអក្សរ។");
        FieldMessage(await PostAsync(NewUserForm(name, Roles.VillageSocialWorker, [])), "Input.Areas").ShouldBe("សូមជ្រើសរើសតំបន់យ៉ាងហោចណាស់មួយ។");
        FieldMessage(await PostAsync(NewUserForm(name, Roles.VillageSocialWorker, [999_999])), "Input.Areas").ShouldBe("អ្នកអាចផ្ដល់បានតែតំបន់ដែលស្ថិតក្នុងតំបន់ការងាររបស់អ្នកប៉ុណ្ណោះ។");
        FieldMessage(await PostAsync(NewUserForm(name, "Emperor", [village])), "Input.Role").ShouldBe("តម្លៃនេះមិនត្រឹមត្រូវទេ។");
        FieldMessage(await PostAsync(NewUserForm(name, Roles.VillageSocialWorker, [village], displayName: new string('ក', 10_000))), "Input.DisplayName").ShouldBe("«ឈ្មោះពេញ» វែងពេក៖ យ៉ាងច្រើន 100 តួអក្សរ។");
        var script = await PostAsync(NewUserForm(name, Roles.VillageSocialWorker, [village], displayName: "<script>alert(1)</script>"));
        FieldMessage(script, "Input.DisplayName").ShouldBe("ឈ្មោះមិនអាចមានសញ្ញា < ឬ > បានទេ។");
        script.ShouldNotContain("<script>alert(1)");
        var level = NewUserForm(name, Roles.VillageSocialWorker, [village]);
        level["Input.Level"] = "Galaxy";
        FieldMessage(await PostAsync(level), "Input.Level").ShouldBe("តម្លៃនៃ «ធ្វើការនៅ» មិនត្រឹមត្រូវទេ។");

        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == name))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_deactivated_user_cannot_sign_in_until_reactivated(string provider)
    {
        var app = await apps.Get(provider);
        var userName = UniqueName("leaver");
        var id = await app.CreateUserInVillagesAsync(userName, Roles.VillageSocialWorker, "02030903");
        var ccwc = await app.As("ouchar.ccwc");

        var unconfirmed = await ActAsync(ccwc, id, "Deactivate", []);
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldMessage(await unconfirmed.Content.ReadAsStringAsync(), "Deactivate").ShouldBe("សូមធីកប្រអប់ដើម្បីបញ្ជាក់។");
        (await FindAsync(app, userName))!.IsActive.ShouldBeTrue();

        (await ActAsync(ccwc, id, "Deactivate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindAsync(app, userName))!.IsActive.ShouldBeFalse();
        (await CanSignInAsync(app, userName, Db.DemoPassword)).ShouldBeFalse();
        (await ccwc.GetHtmlAsync("/Admin/Users?status=inactive&q=" + userName)).ShouldContain($"/Admin/Users/{id}\"");
        (await ccwc.GetHtmlAsync("/Admin/Users?status=active&q=" + userName)).ShouldNotContain($"/Admin/Users/{id}\"");

        (await ActAsync(ccwc, id, "Reactivate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CanSignInAsync(app, userName, Db.DemoPassword)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Resetting_a_password_replaces_it_and_makes_the_user_change_it(string provider)
    {
        var app = await apps.Get(provider);
        var userName = UniqueName("forgot");
        var id = await app.CreateUserInVillagesAsync(userName, Roles.VillageSocialWorker, "02030901");
        var admin = await app.As("admin");

        var tooShort = await ActAsync(admin, id, "ResetPassword", new() { ["newPassword"] = "short", ["confirm"] = "true" });
        tooShort.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldMessage(await tooShort.Content.ReadAsStringAsync(), "NewPassword").ShouldBe("ពាក្យសម្ងាត់ត្រូវមានយ៉ាងហោចណាស់ 10 តួអក្សរ។");
        (await FindAsync(app, userName))!.MustChangePassword.ShouldBeFalse();

        var done = await ActAsync(admin, id, "ResetPassword", new() { ["newPassword"] = NewPassword, ["confirm"] = "true" });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindAsync(app, userName))!.MustChangePassword.ShouldBeTrue();
        (await CanSignInAsync(app, userName, Db.DemoPassword)).ShouldBeFalse();
        (await CanSignInAsync(app, userName, NewPassword)).ShouldBeTrue();
        (await admin.GetHtmlAsync($"/Admin/Users/{id}")).ShouldContain("ត្រូវប្ដូរពាក្យសម្ងាត់");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Unlocking_clears_the_lockout(string provider)
    {
        var app = await apps.Get(provider);
        var userName = UniqueName("locked");
        var id = await app.CreateUserInVillagesAsync(userName, Roles.VillageSocialWorker, "02030902");
        for (var i = 0; i < 5; i++) await CanSignInAsync(app, userName, "wrong password " + i);
        (await FindAsync(app, userName))!.LockoutEnd.ShouldNotBeNull();
        (await CanSignInAsync(app, userName, Db.DemoPassword)).ShouldBeFalse();
        var ccwc = await app.As("ouchar.ccwc");
        (await ccwc.GetHtmlAsync($"/Admin/Users?q={userName}")).ShouldContain("ត្រូវបានចាក់សោ");

        (await ActAsync(ccwc, id, "Unlock")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = (await FindAsync(app, userName))!;
        saved.LockoutEnd.ShouldBeNull();
        saved.AccessFailedCount.ShouldBe(0);
        (await CanSignInAsync(app, userName, Db.DemoPassword)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Nobody_deactivates_or_demotes_themselves(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var id = await IdOfAsync(app, "admin");
        var response = await ActAsync(admin, id, "Deactivate");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("អ្នកមិនអាចបិទគណនីរបស់ខ្លួនឯងបានទេ។");
        (await FindAsync(app, "admin"))!.IsActive.ShouldBeTrue();

        var page = await admin.GetHtmlAsync($"/Admin/Users/{id}");
        page.ShouldNotContain("handler=Deactivate");
        var me = (await FindAsync(app, "admin"))!;
        var form = new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin", ["Input.DisplayName"] = me.DisplayName, ["Input.Role"] = Roles.VillageSocialWorker,
            ["Input.Level"] = me.ScopeLevel.ToString(), ["Input.DistrictIds[0]"] = me.ScopeAreaIds[0].ToString(CultureInfo.InvariantCulture),
            ["Input.Stamp"] = StampField().Match(page).Groups[1].Value,
        };
        response = await admin.PostFormAsync($"/Admin/Users/{id}", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldMessage(await response.Content.ReadAsStringAsync(), "Input.Role").ShouldBe("អ្នកមិនអាចប្ដូរតួនាទីរបស់ខ្លួនឯងបានទេ។");
        (await RolesOfAsync(app, id)).ShouldBe([Roles.Administrator]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Editing_changes_name_role_and_scope(string provider)
    {
        var app = await apps.Get(provider);
        var userName = UniqueName("promoted");
        var id = await app.CreateUserInVillagesAsync(userName, Roles.VillageSocialWorker, "02030901");
        var admin = await app.As("admin");
        var page = await admin.GetHtmlAsync($"/Admin/Users/{id}");
        var ouChar = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var response = await admin.PostFormAsync($"/Admin/Users/{id}", new()
        {
            ["Input.UserName"] = userName + "x", ["Input.DisplayName"] = "ហេង ចន្ធី", ["Input.Role"] = Roles.SeniorSocialWorker,
            ["Input.Level"] = "Communes", ["Input.CommuneIds[0]"] = ouChar.ToString(CultureInfo.InvariantCulture),
            ["Input.Stamp"] = StampField().Match(page).Groups[1].Value,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = (await FindAsync(app, userName + "x"))!;
        saved.DisplayName.ShouldBe("ហេង ចន្ធី");
        saved.ScopeLevel.ShouldBe(ScopeLevel.Communes);
        saved.ScopeAreaIds.ShouldBe([ouChar]);
        (await RolesOfAsync(app, id)).ShouldBe([Roles.SeniorSocialWorker]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stale_edit_shows_that_someone_else_changed_the_user(string provider)
    {
        var app = await apps.Get(provider);
        var userName = UniqueName("stale");
        var id = await app.CreateUserInVillagesAsync(userName, Roles.VillageSocialWorker, "02030901");
        var admin = await app.As("admin");
        var village = await app.VillageIdAsync("02030901");
        var page = await admin.GetHtmlAsync($"/Admin/Users/{id}");
        var stamp = StampField().Match(page).Groups[1].Value;
        stamp.ShouldNotBeNullOrEmpty();

        // Someone else renames the user meanwhile.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HiveUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.DisplayName = "ឈ្មោះរបស់អ្នកផ្សេង";
            (await users.UpdateAsync(user)).Succeeded.ShouldBeTrue();
        }

        var response = await admin.PostFormAsync($"/Admin/Users/{id}", new()
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "ឈ្មោះរបស់ខ្ញុំ", ["Input.Role"] = Roles.VillageSocialWorker,
            ["Input.Level"] = "Villages", ["Input.VillageIds[0]"] = village.ToString(CultureInfo.InvariantCulture), ["Input.Stamp"] = stamp,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("មាននរណាម្នាក់បានកែប្រែកំណត់ត្រានេះ");
        html.ShouldContain("ឈ្មោះរបស់ខ្ញុំ");
        html.ShouldContain("ឈ្មោះរបស់អ្នកផ្សេង");
        (await FindAsync(app, userName))!.DisplayName.ShouldBe("ឈ្មោះរបស់អ្នកផ្សេង");

        // Saving again from the refreshed form keeps the user's version.
        var again = await admin.PostFormAsync($"/Admin/Users/{id}", new()
        {
            ["Input.UserName"] = userName, ["Input.DisplayName"] = "ឈ្មោះរបស់ខ្ញុំ", ["Input.Role"] = Roles.VillageSocialWorker,
            ["Input.Level"] = "Villages", ["Input.VillageIds[0]"] = village.ToString(CultureInfo.InvariantCulture),
            ["Input.Stamp"] = StampField().Match(html).Groups[1].Value,
        });
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindAsync(app, userName))!.DisplayName.ShouldBe("ឈ្មោះរបស់ខ្ញុំ");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Only_an_administrator_resets_two_factor_sign_in(string provider)
    {
        var app = await apps.Get(provider);
        var userName = UniqueName("phone.lost");
        var id = await app.CreateUserInVillagesAsync(userName, Roles.VillageSocialWorker, "02030901");
        string? oldKey;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HiveUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10)).ShouldNotBeNull();
            oldKey = await users.GetAuthenticatorKeyAsync(user);
        }
        (await (await app.As("admin")).GetHtmlAsync($"/Admin/Users?q={userName}")).ShouldContain("ការផ្ទៀងផ្ទាត់ពីរជំហាន៖ បើក");

        var ccwc = await app.As("ouchar.ccwc");
        (await ccwc.GetHtmlAsync($"/Admin/Users/{id}")).ShouldNotContain("handler=ResetTwoFactor");
        (await ActAsync(ccwc, id, "ResetTwoFactor")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await FindAsync(app, userName))!.TwoFactorEnabled.ShouldBeTrue();

        (await ActAsync(await app.As("admin"), id, "ResetTwoFactor")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindAsync(app, userName))!.TwoFactorEnabled.ShouldBeFalse();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HiveUser>>();
            var user = (await users.FindByIdAsync(id))!;
            (await users.GetAuthenticatorKeyAsync(user)).ShouldNotBe(oldKey);
            (await users.CountRecoveryCodesAsync(user)).ShouldBe(0);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_list_searches_filters_by_role_and_sorts(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var html = await admin.GetHtmlAsync("/Admin/Users?q=OUCHAR.VBSW");
        html.ShouldContain(await IdOfAsync(app, "ouchar.vbsw1"));
        html.ShouldContain(await IdOfAsync(app, "ouchar.vbsw2"));
        html.ShouldNotContain(await IdOfAsync(app, "ouchar.ccwc"));
        // By the Khmer display name, and with the role and scope shown translated.
        var byName = await admin.GetHtmlAsync("/Admin/Users?q=" + Uri.EscapeDataString("ម៉ៅ សុភា"));
        byName.ShouldContain(await IdOfAsync(app, "ouchar.ccwc"));
        byName.ShouldContain("មន្ត្រីបង្គោល គ.ក.ន.ក (CCWC)");
        byName.ShouldContain("ឃុំ៖ ");
        var researchers = await admin.GetHtmlAsync("/Admin/Users?role=Researcher");
        UserLink().Matches(researchers).Select(m => m.Groups[1].Value).ShouldContain(await IdOfAsync(app, "researcher"));
        researchers.ShouldNotContain(await IdOfAsync(app, "admin"));
        var sorted = await admin.GetHtmlAsync("/Admin/Users?sort=display&q=ouchar.");
        UserLink().Count(sorted).ShouldBeGreaterThan(1);
        (await admin.GetHtmlAsync("/Admin/Users?sort=recent&status=active&p=99999")).ShouldContain("id=\"q\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Unknown_user_is_404(string provider)
    {
        var admin = await (await apps.Get(provider)).As("admin");
        await admin.GetHtmlAsync("/Admin/Users/no-such-user", HttpStatusCode.NotFound);
        await admin.GetHtmlAsync($"/Admin/Users/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public void Every_role_and_scope_level_has_a_label_in_both_languages()
    {
        var resources = new ResourceManager("VillageHive.Resources.SharedResource", typeof(SharedResource).Assembly);
        var keys = Roles.All.Select(r => $"Enum.Role.{r}").Concat(Enum.GetNames<ScopeLevel>().Select(n => $"Enum.ScopeLevel.{n}"));
        foreach (var key in keys)
        {
            foreach (var culture in new[] { "km", "en" })
                resources.GetString(key, CultureInfo.GetCultureInfo(culture)).ShouldNotBeNullOrWhiteSpace($"{key} ({culture})");
        }
    }

    private static Task<List<string>> RolesOfAsync(HiveApp app, string userId) =>
        app.WithDbAsync(db => db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync());

    private sealed class ScopeComparer : IEqualityComparer<Scope>
    {
        public bool Equals(Scope? x, Scope? y) => x is not null && y is not null && UserAdministration.SameScope(x, y);

        public int GetHashCode(Scope obj) => obj.Level.GetHashCode();
    }
}
