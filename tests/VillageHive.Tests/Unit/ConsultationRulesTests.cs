using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class ConsultationRulesTests
{
    [Fact]
    public void Themes_roll_up_by_how_often_they_were_heard_and_split_into_dangers_and_strengths()
    {
        var rolled = ThemeList.RollUp([Themes.Alcohol | Themes.Violence, Themes.Alcohol, Themes.MonksSupport, Themes.None]);
        rolled.ShouldBe([(Themes.Alcohol, 2), (Themes.Violence, 1), (Themes.MonksSupport, 1)]);
        ThemeList.IsStrength(Themes.MonksSupport).ShouldBeTrue();
        ThemeList.IsStrength(Themes.MigrationLeavingChildren).ShouldBeFalse();
        ThemeList.IsValid(Themes.Alcohol | Themes.SavingsGroups).ShouldBeTrue();
        ThemeList.IsValid((Themes)(1 << 30)).ShouldBeFalse();
    }

    [Fact]
    public void The_next_version_copies_the_questions_in_column_order_and_numbers_them_again()
    {
        var from = new ScriptVersion { ScriptId = 4, Number = 2 };
        ScriptQuestion Q(ConsultationColumn c, int order, string en) => new() { Column = c, Order = order, TextEn = en, TextKm = en };
        var next = ConsultationRules.NextVersion(from, 3,
            [Q(ConsultationColumn.NeedsToHappen, 1, "c"), Q(ConsultationColumn.WorkingWell, 9, "b"), Q(ConsultationColumn.WorkingWell, 2, "a")], "why", "me", DateTime.UnixEpoch, 7);
        next.Number.ShouldBe(3);
        next.ScriptId.ShouldBe(4);
        next.FromConsultationId.ShouldBe(7);
        next.Questions.Select(q => (q.TextEn, q.Order)).ShouldBe([("a", 1), ("b", 2), ("c", 3)]);
    }

    [Fact]
    public void Only_what_needs_to_happen_names_a_service_and_a_withdrawn_study_is_not_shared()
    {
        ConsultationRules.MayNameService(ConsultationColumn.NeedsToHappen).ShouldBeTrue();
        ConsultationRules.MayNameService(ConsultationColumn.WorkingWell).ShouldBeFalse();
        var shareable = CaseStudyRules.Shareable.Compile();
        shareable(new CaseStudy { Use = CaseStudyUse.Withdrawn }).ShouldBeFalse();
        shareable(new CaseStudy { Use = CaseStudyUse.Internal }).ShouldBeTrue();
        CaseStudyRules.MayName(CaseStudyUse.AnonymisedPublication).ShouldBeFalse();
        CaseStudyRules.MayName(CaseStudyUse.NamedPublication).ShouldBeTrue();
    }

    [Fact]
    public void The_plan_may_change_until_held_and_facilitators_come_from_the_commune_s_workers()
    {
        ConsultationRules.PlanEditRefusal(ConsultationStatus.Planned).ShouldBeNull();
        ConsultationRules.PlanEditRefusal(ConsultationStatus.Held).ShouldBe("Consultation.PlanLocked");

        string[] workers = ["ouchar.senior", "ouchar.vbsw2"];
        ConsultationRules.FacilitatorsRefused(["ouchar.senior", "ouchar.vbsw2"], workers, []).ShouldBeEmpty();
        ConsultationRules.FacilitatorsRefused(["ouchar.senior", "svaypao.vbsw1", "Made Up"], workers, []).ShouldBe(["svaypao.vbsw1", "Made Up"]);
        // A name an older plan already held stays allowed; a new one is not.
        ConsultationRules.FacilitatorsRefused(["Sok Dara", "ouchar.senior"], workers, ["Sok Dara"]).ShouldBeEmpty();
        ConsultationRules.FacilitatorsRefused(["Sok Dara"], workers, ["Chan Tola"]).ShouldBe(["Sok Dara"]);
    }
}
