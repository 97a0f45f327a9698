using VillageHive.Domain;
using VillageHive.Features.Notifications;

namespace VillageHive.Tests.Unit;

public sealed class NotificationRulesTests
{
    [Theory]
    [InlineData("012 345 678", "+85512345678")]
    [InlineData("012345678", "+85512345678")]
    [InlineData("097-123-4567", "+855971234567")]
    [InlineData("(097) 123 4567", "+855971234567")]
    [InlineData("+855 12 345 678", "+85512345678")]
    [InlineData("+855 012 345 678", "+85512345678")]
    [InlineData("855 97 123 4567", "+855971234567")]
    [InlineData("00855 12 345 678", "+85512345678")]
    [InlineData(" 010.222.333 ", "+85510222333")]
    public void Cambodian_numbers_as_people_write_them_are_kept_in_one_form(string typed, string expected)
    {
        CambodianPhone.Normalise(typed).ShouldBe(expected);
        CambodianPhone.National(typed).ShouldBe("0" + expected[4..]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("012 345")]
    [InlineData("012 345 678 901")]
    [InlineData("+66 81 234 5678")]
    [InlineData("12 345 678")]
    [InlineData("001 234 567")]
    [InlineData("012-345-67a")]
    [InlineData("012+345678")]
    [InlineData("០១២ ៣៤៥ ៦៧៨")]
    public void Anything_else_is_not_a_cambodian_number(string typed) =>
        CambodianPhone.Normalise(typed).ShouldBeNull();

    [Fact]
    public void A_number_is_shown_as_cambodians_read_it() =>
        (CambodianPhone.Show("012345678"), CambodianPhone.Show("+855971234567"), CambodianPhone.Show("x")).ShouldBe(("012 345 678", "097 123 4567", "x"));

    [Fact]
    public void Each_retry_waits_twice_as_long_up_to_six_hours()
    {
        OutboxRetry.DelayAfter(1).ShouldBe(TimeSpan.FromMinutes(1));
        OutboxRetry.DelayAfter(2).ShouldBe(TimeSpan.FromMinutes(2));
        OutboxRetry.DelayAfter(5).ShouldBe(TimeSpan.FromMinutes(16));
        OutboxRetry.DelayAfter(10).ShouldBe(TimeSpan.FromHours(6));
        OutboxRetry.DelayAfter(100).ShouldBe(TimeSpan.FromHours(6));
        OutboxRetry.GivesUp(OutboxRetry.MaxAttempts - 1).ShouldBeFalse();
        OutboxRetry.GivesUp(OutboxRetry.MaxAttempts).ShouldBeTrue();
    }

    [Fact]
    public void Every_subject_has_a_kind_a_person_can_choose_and_a_text_in_both_languages()
    {
        foreach (var subject in Enum.GetValues<NotificationSubject>())
        {
            NotificationRules.Kinds.ShouldContain(NotificationRules.KindOf(subject), subject.ToString());
            var n = new Notification { Subject = subject, CaseId = 42 };
            Notify.SmsText(n, "en").ShouldStartWith("Village Hive: ");
            Notify.SmsText(n, "en").ShouldNotContain("Notify.");
            Notify.SmsText(n, null).ShouldStartWith("ភូមិឃ្មុំ (Village Hive): ");
            if (subject != NotificationSubject.ImmediateDanger) Notify.SmsText(n, null).ShouldContain("42");
        }
    }

    [Fact]
    public void Sms_goes_only_to_a_person_with_a_phone_who_chose_that_kind()
    {
        NotificationRules.BySms(NotificationSubject.PlanAgreed, "012345678", NotificationKind.ApprovalWaiting).ShouldBeTrue();
        NotificationRules.BySms(NotificationSubject.PlanAgreed, "012345678", NotificationKind.CaseAssigned | NotificationKind.Transfer).ShouldBeFalse();
        NotificationRules.BySms(NotificationSubject.PlanAgreed, null, NotificationRules.AllKinds).ShouldBeFalse();
    }
}
