using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class AuthenticationTests(Apps apps)
{
    // The first run is open to a newcomer while the install has no administrator, and 404 after (AuthorizationMatrixTests, FirstRunTests).
    private static readonly string[] Anonymous = ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Language", "/Error/{code:int?}", "/Setup", "/Setup/Index", "/Install", "/Install/Index", "/Install/Certificate"];

    /// <summary>Every page route the app maps, with its route values filled by "1".</summary>
    private static List<string> RoutedPages(HiveApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.Metadata.Any(m => m is CompiledPageActionDescriptor))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_routed_page_sends_an_anonymous_visitor_to_sign_in(string provider)
    {
        var app = await apps.Get(provider);
        var pages = RoutedPages(app);
        pages.Count.ShouldBeGreaterThan(10);
        var client = app.Anonymous();
        foreach (var pattern in pages.Where(p => !Anonymous.Contains(p)))
        {
            var url = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "1");
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/Account/Login?ReturnUrl=", customMessage: url);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Static_files_and_the_sign_in_page_need_no_sign_in(string provider)
    {
        var client = (await apps.Get(provider)).Anonymous();
        (await client.GetAsync("/css/site.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/lib/noto-sans-khmer/noto-sans-khmer-400.woff2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await client.GetHtmlAsync("/Account/Login");
        html.ShouldContain("autocomplete=\"username\"");
        html.ShouldContain("autocomplete=\"current-password\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_wrong_password_shows_a_message_and_keeps_the_user_name(string provider)
    {
        var client = (await apps.Get(provider)).Anonymous();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "researcher", ["Input.Password"] = "not the password" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។");
        html.ShouldContain("value=\"researcher\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Empty_sign_in_form_is_refused_with_field_messages(string provider)
    {
        var client = (await apps.Get(provider)).Anonymous();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "", ["Input.Password"] = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ត្រូវបំពេញព័ត៌មាននេះ។");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password(string provider)
    {
        var app = await apps.Get(provider);
        var userName = "lockout." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(userName, VillageHive.Domain.Roles.VillageSocialWorker);
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = "wrong password " + i });
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = Db.DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ចាក់សោ");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Sign_out_ends_the_session(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.SignInAsync("ouchar.chief", Db.DemoPassword);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await client.PostFormAsync("/Account/Logout", [], formPage: "/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_deactivated_user_cannot_sign_in(string provider)
    {
        var app = await apps.Get(provider);
        var userName = "inactive." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateUserAsync(userName, VillageHive.Domain.Roles.VillageSocialWorker, active: false);
        var response = await app.Anonymous().PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = Db.DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_demo_user_can_sign_in(string provider)
    {
        var app = await apps.Get(provider);
        foreach (var user in VillageHive.Data.Seed.DemoSeeder.DemoUserNames)
            (await (await app.As(user)).GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, user);
    }
}
