using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class PersonTests(Apps apps)
{
    private static Dictionary<string, string> Child(string latin, string dob = "2016-04-02") => new()
    {
        // Many test children are called តេស្ត កុមារ: this one is new (the duplicate suggestions have tests of their own).
        ["NotDuplicate"] = "true",
        ["Person.FamilyNameKm"] = "តេស្ត",
        ["Person.GivenNameKm"] = "កុមារ",
        ["Person.FamilyNameLatin"] = "Test",
        ["Person.GivenNameLatin"] = latin,
        ["Person.Sex"] = "Male",
        ["Person.DateOfBirth"] = dob,
        ["Person.BirthRegistration"] = "NotRegistered",
        ["Person.SchoolStatus"] = "AttendingIrregularly",
        ["Person.RelationToHead"] = "Grandchild",
        ["Person.HasDisability"] = "true",
        ["Person.DisabilityNote"] = "hearing",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Adding_a_member_saves_the_person_in_the_household(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var latin = DemoData.UniqueLatin();
        var client = await app.As("ouchar.vbsw1");
        var response = await client.PostFormAsync($"/Registry/Persons/New?householdId={household.Id}", Child(latin));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var p = await app.WithDbAsync(db => db.Persons.SingleAsync(x => x.GivenNameLatin == latin));
        p.HouseholdId.ShouldBe(household.Id);
        p.DateOfBirth.ShouldBe(new DateOnly(2016, 4, 2));
        p.SchoolStatus.ShouldBe(SchoolStatus.AttendingIrregularly);
        p.HasDisability.ShouldBeTrue();
        p.DisabilityNote.ShouldBe("hearing");
        (await client.GetHtmlAsync($"/Registry/Households/{household.Id}")).ShouldContain("តេស្ត កុមារ");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_member_with_an_empty_name_or_future_birth_is_refused_and_not_saved(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var latin = DemoData.UniqueLatin();
        var form = Child(latin, TestClock.Today.AddDays(3).ToString("yyyy-MM-dd"));
        form["Person.GivenNameKm"] = "   ";
        var response = await (await app.As("ouchar.vbsw1")).PostFormAsync($"/Registry/Persons/New?householdId={household.Id}", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("ត្រូវបំពេញព័ត៌មាននេះ។");
        html.ShouldContain("កាលបរិច្ឆេទមិនអាចនៅពេលអនាគតបានទេ។");
        (await app.WithDbAsync(db => db.Persons.AnyAsync(x => x.GivenNameLatin == latin))).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Editing_a_person_changes_the_fields_and_the_search_name(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var personId = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync());
        var client = await app.As("ouchar.vbsw1");
        var latin = DemoData.UniqueLatin();
        var form = Child(latin);
        form["Person.RelationToHead"] = "Head";
        form["Version"] = "0";
        var response = await client.PostFormAsync($"/Registry/Persons/{personId}/Edit", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var p = await app.WithDbAsync(db => db.Persons.SingleAsync(x => x.Id == personId));
        p.GivenNameLatin.ShouldBe(latin);
        p.SearchName.ShouldContain(latin.ToLowerInvariant());
        p.Version.ShouldBe(1);
        (await client.GetHtmlAsync("/Registry/Households?q=" + latin)).ShouldContain($"/Registry/Households/{household.Id}\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stale_person_edit_is_shown_as_a_conflict_and_not_saved(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var personId = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync());
        var client = await app.As("ouchar.vbsw1");
        var first = Child(DemoData.UniqueLatin());
        first["Version"] = "0";
        (await client.PostFormAsync($"/Registry/Persons/{personId}/Edit", first)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = Child("Latecomer");
        second["Version"] = "0";
        var response = await client.PostFormAsync($"/Registry/Persons/{personId}/Edit", second);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("មាននរណាម្នាក់បានកែប្រែកំណត់ត្រានេះ");
        html.ShouldContain("Latecomer");
        (await app.WithDbAsync(db => db.Persons.Where(x => x.Id == personId).Select(x => x.GivenNameLatin).SingleAsync())).ShouldBe(first["Person.GivenNameLatin"]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Moving_a_child_to_the_grandparents_keeps_the_history(string provider)
    {
        var app = await apps.Get(provider);
        var parents = await app.UniqueHouseholdAsync("02030901");
        var grandparents = await app.UniqueHouseholdAsync("02030903");
        var latin = DemoData.UniqueLatin();
        var client = await app.As("ouchar.vbsw1");
        (await client.PostFormAsync($"/Registry/Persons/New?householdId={parents.Id}", Child(latin))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var childId = await app.WithDbAsync(db => db.Persons.Where(x => x.GivenNameLatin == latin).Select(x => x.Id).SingleAsync());

        var search = await client.GetHtmlAsync($"/Registry/Persons/{childId}/Move?q=" + Uri.EscapeDataString(grandparents.HeadKm));
        search.ShouldContain($"value=\"{grandparents.Id}\"");
        var response = await client.PostFormAsync($"/Registry/Persons/{childId}/Move", new()
        {
            ["Input.TargetHouseholdId"] = grandparents.Id.ToString(),
            ["Input.MovedOn"] = TestClock.Today.AddDays(-10).ToString("yyyy-MM-dd"),
            ["Input.NewRelation"] = "Grandchild",
            ["Input.Reason"] = "ឪពុកម្ដាយទៅធ្វើការនៅថៃ",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var child = await app.WithDbAsync(db => db.Persons.Include(p => p.Moves).SingleAsync(p => p.Id == childId));
        child.HouseholdId.ShouldBe(grandparents.Id);
        var move = child.Moves.ShouldHaveSingleItem();
        move.FromHouseholdId.ShouldBe(parents.Id);
        move.RecordedBy.ShouldBe("ouchar.vbsw1");
        (await client.GetHtmlAsync($"/Registry/Persons/{childId}")).ShouldContain("ឪពុកម្ដាយទៅធ្វើការនៅថៃ");
        (await client.GetHtmlAsync($"/Registry/Households/{parents.Id}")).ShouldContain("បានផ្លាស់ចេញ");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_move_to_a_household_outside_the_workers_villages_or_without_a_target_is_refused(string provider)
    {
        var app = await apps.Get(provider);
        var home = await app.UniqueHouseholdAsync("02030901");
        var elsewhere = await app.UniqueHouseholdAsync("02030201");
        var personId = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == home.Id).Select(p => p.Id).SingleAsync());
        var client = await app.As("ouchar.vbsw1");
        foreach (var target in new[] { elsewhere.Id.ToString(), "", home.Id.ToString() })
        {
            var response = await client.PostFormAsync($"/Registry/Persons/{personId}/Move", new()
            {
                ["Input.TargetHouseholdId"] = target,
                ["Input.MovedOn"] = TestClock.Today.ToString("yyyy-MM-dd"),
                ["Input.NewRelation"] = "Child",
            });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, target);
            var html = await response.Content.ReadAsStringAsync();
            (html.Contains("សូមជ្រើសរើសគ្រួសារថ្មី។") || html.Contains("បុគ្គលនេះរស់នៅក្នុងគ្រួសារនោះរួចហើយ។")).ShouldBeTrue(target);
        }
        (await app.WithDbAsync(db => db.Persons.Where(p => p.Id == personId).Select(p => p.HouseholdId).SingleAsync())).ShouldBe(home.Id);
        (await app.WithDbAsync(db => db.PersonMoves.AnyAsync(m => m.PersonId == personId))).ShouldBeFalse();
    }
}
