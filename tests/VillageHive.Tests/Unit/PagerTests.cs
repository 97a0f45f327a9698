using VillageHive.Features.Shared;

namespace VillageHive.Tests.Unit;

public sealed class PagerTests
{
    [Theory]
    [InlineData("/Cases/5/Notes", 2, "/Cases/5/Notes?page=2")]
    [InlineData("/Programmes/1/FollowUps?closed=True", 3, "/Programmes/1/FollowUps?closed=True&page=3")]
    [InlineData("/Community?village=4&month=2025-03", 12, "/Community?village=4&month=2025-03&page=12")]
    public void The_page_number_is_added_after_the_routed_address(string url, int page, string expected) =>
        Pager.WithPage(url, page).ShouldBe(expected);
}
