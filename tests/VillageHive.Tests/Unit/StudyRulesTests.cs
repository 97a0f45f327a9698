using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class StudyRulesTests
{
    private static readonly DateOnly From = new(2026, 10, 1);
    private static readonly DateOnly To = new(2027, 2, 28);

    [Fact]
    public void An_interview_is_taken_only_while_the_commune_clock_is_in_the_waves_window_and_dated_in_it()
    {
        var today = new DateOnly(2026, 12, 2);
        StudyRules.OutsideWindow(today, today, From, To).ShouldBeNull();
        StudyRules.OutsideWindow(From, today, From, To).ShouldBeNull();
        StudyRules.OutsideWindow(To, To, From, To).ShouldBeNull();
        // Dated before the window opened, or the wave not open yet, or closed already.
        StudyRules.OutsideWindow(From.AddDays(-1), today, From, To).ShouldBe("Study.OutsideWindow");
        StudyRules.OutsideWindow(From.AddDays(-1), From.AddDays(-1), From, To).ShouldBe("Study.OutsideWindow");
        StudyRules.OutsideWindow(To, To.AddDays(1), From, To).ShouldBe("Study.OutsideWindow");
        StudyRules.OutsideWindow(To.AddDays(1), To.AddDays(1), From, To).ShouldBe("Study.OutsideWindow");
    }

    [Fact]
    public void A_window_starts_by_its_end_and_overlaps_no_other_wave()
    {
        (DateOnly, DateOnly)[] others = [(new DateOnly(2021, 2, 1), new DateOnly(2021, 5, 31)), (new DateOnly(2023, 2, 1), new DateOnly(2023, 5, 31))];
        StudyRules.ValidateWindow(From, To, others).ShouldBeEmpty();
        StudyRules.ValidateWindow(new DateOnly(2023, 6, 1), new DateOnly(2023, 6, 1), others).ShouldBeEmpty();
        StudyRules.ValidateWindow(To, From, others).ShouldBe([("PlannedTo", "Study.WindowEndBeforeStart")]);
        StudyRules.ValidateWindow(new DateOnly(2023, 5, 31), new DateOnly(2023, 8, 1), others).ShouldBe([("PlannedFrom", "Study.WindowOverlaps")]);
        StudyRules.ValidateWindow(new DateOnly(2020, 1, 1), new DateOnly(2021, 3, 1), others).ShouldBe([("PlannedFrom", "Study.WindowOverlaps")]);
        StudyRules.ValidateWindow(new DateOnly(2020, 1, 1), new DateOnly(2023, 1, 1), []).ShouldBe([("PlannedTo", "Study.WindowTooLong")]);
    }

    [Fact]
    public void A_draft_reorders_and_removes_its_questions_numbering_them_again_and_publishes_only_with_questions()
    {
        StudyQuestion Q(int id, int order) => new() { Id = id, Order = order, Code = "Q" + id, TextEn = "q", TextKm = "q" };
        var version = new QuestionnaireVersion { Number = 2, Questions = [Q(1, 1), Q(2, 2), Q(3, 3)] };
        version.Move(3, -1);
        version.Questions.OrderBy(q => q.Order).Select(q => q.Id).ShouldBe([1, 3, 2]);
        version.Move(1, -1);
        version.Questions.OrderBy(q => q.Order).Select(q => q.Id).ShouldBe([1, 3, 2]);
        version.Remove(version.Questions.Single(q => q.Id == 3));
        version.Questions.OrderBy(q => q.Order).Select(q => (q.Id, q.Order)).ShouldBe([(1, 1), (2, 2)]);

        var today = new DateOnly(2026, 12, 2);
        new QuestionnaireVersion().Publish(today).ShouldBe("Study.PublishEmpty");
        version.Publish(today).ShouldBeNull();
        version.FrozenOn.ShouldBe(today);
        version.Publish(today).ShouldBe("Study.AlreadyPublished");
    }

    [Fact]
    public void A_question_needs_a_column_code_both_texts_and_for_a_choice_its_options()
    {
        var good = new StudyQuestion { Code = "WaterSource", TextEn = "Water", TextKm = "ទឹក", Type = QuestionType.Choice, Options = "Well|Well|អណ្តូង\nRiver|River|ទន្លេ" };
        good.Validate().ShouldBeEmpty();
        new StudyQuestion { Code = "1abc", TextEn = "x", TextKm = "x", Type = QuestionType.Text }.Validate().ShouldBe([("Code", "Study.CodeInvalid")]);
        new StudyQuestion { Code = "A", TextEn = "", TextKm = "x", Type = QuestionType.Text }.Validate().ShouldBe([("TextEn", "Validation.Required")]);
        new StudyQuestion { Code = "A", TextEn = "x", TextKm = "x", Type = QuestionType.Choice, Options = "Well|Well" }.Validate().ShouldBe([("Options", "Study.OptionsInvalid")]);
        new StudyQuestion { Code = "A", TextEn = "x", TextKm = "x", Type = QuestionType.Choice, Options = "W|a|b\nW|c|d" }.Validate().ShouldBe([("Options", "Study.OptionsInvalid")]);
        new StudyQuestion { Code = "A", TextEn = "x", TextKm = "x", Type = QuestionType.YesNo, Unit = "USD" }.Validate().ShouldBe([("Unit", "Study.UnitOnlyForNumber")]);
        new StudyQuestion { Code = "A", TextEn = "x", TextKm = "x", Type = (QuestionType)42 }.Validate().ShouldBe([("Type", "Validation.Invalid")]);
    }
}
