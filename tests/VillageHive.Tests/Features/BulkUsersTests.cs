using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Staff added from a pasted sheet: all or nothing, each told a first password once, which they must change.</summary>
public sealed partial class BulkUsersTests(Apps apps)
{
    private const string Page = "/Admin/Users/Bulk";

    [GeneratedRegex("<tr><td>([^<]+)</td><td>[^<]*</td><td><code>([a-z0-9]{12})</code></td></tr>")]
    private static partial Regex CreatedRow();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_sheet_with_any_bad_line_saves_nothing_and_a_good_one_makes_every_account(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        string Name(string who) => $"bulk{tag}.{who}";
        var good = $"{Name("vbsw")}\tSok Dara\tVillageSocialWorker\t02030901 02030902\n{Name("member")},Chan Sophea,Community network member,02030903\n";

        // A wrong village code, a role nobody has, a name twice, too few columns: each line said, nothing saved.
        foreach (var bad in new[]
        {
            good + $"{Name("x")}\tKeo Mala\tVillageSocialWorker\t02039999",
            good + $"{Name("y")}\tKeo Mala\tHeadmaster\t02030901",
            good + $"{Name("vbsw")}\tSok Dara again\tVillageSocialWorker\t02030901",
            good + $"{Name("z")}\tKeo Mala",
        })
        {
            var refused = await admin.PostFormAsync(Page, new() { ["Sheet"] = bad });
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("id=\"problems\"", customMessage: bad);
        }
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith($"bulk{tag}")))).ShouldBe(0);

        var made = await admin.PostFormAsync(Page, new() { ["Sheet"] = good });
        var html = await made.Content.ReadAsStringAsync();
        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        var passwords = CreatedRow().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        passwords.Keys.Order().ShouldBe([Name("member"), Name("vbsw")]);
        var accounts = await app.WithDbAsync(db => db.Users.Where(u => u.UserName!.StartsWith($"bulk{tag}"))
            .Select(u => new { u.UserName, u.MustChangePassword, u.ScopeLevel, Areas = u.ScopeAreaIds.Count, Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, x => x.Id, (r, x) => x.Name).Single() })
            .ToListAsync());
        accounts.OrderBy(a => a.UserName).Select(a => (a.UserName, a.MustChangePassword, a.ScopeLevel, a.Areas, a.Role)).ShouldBe([
            (Name("member"), true, ScopeLevel.Villages, 1, Roles.CommunityNetworkMember),
            (Name("vbsw"), true, ScopeLevel.Villages, 2, Roles.VillageSocialWorker)]);

        // The first password signs in, and the person is asked for their own at once.
        var worker = await app.PasswordSignInAsync(Name("vbsw"), passwords[Name("vbsw")]);
        (await worker.GetAsync("/")).Headers.Location!.OriginalString.ShouldStartWith("/Account/ChangePassword");
        // The same sheet again: the names are taken, nothing more is made.
        (await (await admin.PostFormAsync(Page, new() { ["Sheet"] = good })).Content.ReadAsStringAsync()).ShouldContain("id=\"problems\"");
    }
}
