using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// Ou Char's Signs of Safety consultations as the seeds tell them: 11 consultations completed in March 2022, with a
/// question script that learned from each debrief (versions 1 to 3). The demo commune has six villages, so the first
/// round covers each village once (October 2021 to January 2022) and a second round revisits villages 1 to 5
/// (February and March 2022). The common finding: parents migrating to Thailand and leaving their children with
/// grandparents. Also two focus groups of 2023 and four impact case studies, one with its consent withdrawn.
/// </summary>
public static class DemoConsultations
{
    public const string ScriptName = "ការពិគ្រោះយោបល់ភូមិ · Village consultation (Signs of Safety)";
    public const int Count = 11;
    public const string WithdrawnTitle = "A grandmother raising four grandchildren";

    private static readonly (ConsultationColumn Column, QuestionKind Kind, string Km, string En)[] FirstQuestions =
    [
        (ConsultationColumn.WorkingWell, QuestionKind.Scripted, "តើអ្វីខ្លះដែលដំណើរការល្អសម្រាប់កុមារ និងគ្រួសារនៅក្នុងភូមិនេះ?", "What is working well for children and families in this village?"),
        (ConsultationColumn.WorkingWell, QuestionKind.Amplifying, "នៅពេលគ្រួសារត្រូវការជំនួយ តើពួកគេទៅរកនរណា?", "When a family needs help, who do they go to?"),
        (ConsultationColumn.NotWorkingWell, QuestionKind.Scripted, "តើអ្វីដែលធ្វើឲ្យអ្នកព្រួយបារម្ភអំពីកុមារនៅក្នុងភូមិនេះ?", "What worries you about the children of this village?"),
        (ConsultationColumn.NotWorkingWell, QuestionKind.Amplifying, "តើអ្វីដែលធ្វើឲ្យឪពុកម្ដាយចាកចេញពីភូមិទៅរកការងារធ្វើ?", "What makes parents leave the village to find work?"),
        (ConsultationColumn.NeedsToHappen, QuestionKind.Scripted, "តើត្រូវធ្វើអ្វីខ្លះ ដើម្បីឲ្យកុមារគ្រប់រូបធំធាត់នៅក្នុងគ្រួសារដែលមានសុវត្ថិភាព?", "What needs to happen so that every child grows up in a safe family?"),
        (ConsultationColumn.NeedsToHappen, QuestionKind.Amplifying, "តើសេវាអ្វីខ្លះដែលខ្វះនៅក្នុងភូមិ?", "Which services are missing in the village?"),
    ];

    private static readonly (ConsultationColumn Column, QuestionKind Kind, string Km, string En) GrandparentsQuestion =
        (ConsultationColumn.NotWorkingWell, QuestionKind.Amplifying, "នៅពេលឪពុកម្ដាយទៅថៃ តើនរណាមើលថែកូនៗ ហើយពួកគេត្រូវការអ្វី?", "When parents go to Thailand, who looks after the children, and what do they need?");

    private static readonly (ConsultationColumn Column, QuestionKind Kind, string Km, string En) ChildrenQuestion =
        (ConsultationColumn.WorkingWell, QuestionKind.Scripted, "កុមារ៖ តើអ្វីដែលធ្វើឲ្យប្អូនសប្បាយចិត្តនៅផ្ទះ និងនៅសាលា?", "Children: what makes you happy at home and at school?");

    private sealed record Heard(ConsultationColumn Column, string Text, Themes Themes, ServiceCategory? Need = null);

    private static readonly Heard Migration = new(ConsultationColumn.NotWorkingWell,
        "Parents go to Thailand for work and leave the children with their grandparents", Themes.MigrationLeavingChildren);
    private static readonly Heard KinshipSupport = new(ConsultationColumn.NeedsToHappen,
        "Support grandparents who care for their grandchildren", Themes.MigrationLeavingChildren | Themes.GrandparentsCare, ServiceCategory.KinshipCare);
    private static readonly Heard Grandparents = new(ConsultationColumn.WorkingWell,
        "Grandparents love the children and keep them in the village", Themes.GrandparentsCare);

    /// <summary>What each village said beyond the common finding (index: village 1 to 6).</summary>
    private static readonly Heard[][] ByVillage =
    [
        [new(ConsultationColumn.WorkingWell, "The monks at the pagoda feed children and keep an eye on them", Themes.MonksSupport),
         new(ConsultationColumn.NotWorkingWell, "Older children leave school to work on the farms", Themes.SchoolDropOut | Themes.ChildLabour),
         new(ConsultationColumn.NeedsToHappen, "Help children stay in school: uniforms, bicycles, after-school classes", Themes.SchoolDropOut, ServiceCategory.Education)],
        [new(ConsultationColumn.WorkingWell, "The village chief visits families and knows every child", Themes.VillageChiefActive),
         new(ConsultationColumn.NotWorkingWell, "Many young children have no birth certificate", Themes.NoBirthCertificate),
         new(ConsultationColumn.NeedsToHappen, "Register the births at the commune office", Themes.NoBirthCertificate, ServiceCategory.IdDocumentation)],
        [new(ConsultationColumn.WorkingWell, "Neighbours share rice when a family has nothing", Themes.NeighboursHelp),
         new(ConsultationColumn.NotWorkingWell, "Families borrow money to pay for the journey to Thailand", Themes.Debt | Themes.Poverty | Themes.MigrationLeavingChildren),
         new(ConsultationColumn.NeedsToHappen, "Work and income here, so that parents can stay", Themes.Poverty, ServiceCategory.IncomeGeneration)],
        [new(ConsultationColumn.WorkingWell, "Teachers call the parents when a child misses school", Themes.SchoolAndTeachers),
         new(ConsultationColumn.NotWorkingWell, "Small children are alone while the grandparents work in the fields", Themes.MigrationLeavingChildren),
         new(ConsultationColumn.NeedsToHappen, "A safe place for small children during the day", Themes.MigrationLeavingChildren, ServiceCategory.ChildCare)],
        [new(ConsultationColumn.WorkingWell, "The health centre is close and the nurse comes to the village", Themes.HealthCentre),
         new(ConsultationColumn.NotWorkingWell, "Fathers drink and then there is fighting at home", Themes.Alcohol | Themes.Violence),
         new(ConsultationColumn.NeedsToHappen, "A support group for men who drink", Themes.Alcohol, ServiceCategory.AddictionSupport)],
        [new(ConsultationColumn.WorkingWell, "Women save together in a savings group", Themes.SavingsGroups),
         new(ConsultationColumn.NotWorkingWell, "Drinking and violence in some homes; children are afraid", Themes.Alcohol | Themes.Violence),
         new(ConsultationColumn.NeedsToHappen, "Help for families where the father drinks", Themes.Alcohol | Themes.Violence, ServiceCategory.AddictionSupport),
         new(ConsultationColumn.NeedsToHappen, "Day care so that mothers can work nearby", Themes.Poverty, ServiceCategory.ChildCare)],
    ];

    public static async Task SeedAsync(HiveDbContext db, Commune ouChar, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ouChar);
        ArgumentNullException.ThrowIfNull(clock);
        var villages = ouChar.Villages.OrderBy(v => v.Code).Select(v => v.Id).ToList();
        DateTime At(DateOnly d) => clock.StartOfDayUtc(d).AddHours(9);

        var script = new ConsultationScript { Name = ScriptName };
        static ScriptQuestion Q(int order, (ConsultationColumn Column, QuestionKind Kind, string Km, string En) q) =>
            new() { Order = order, Column = q.Column, Kind = q.Kind, TextKm = q.Km, TextEn = q.En };
        var v1 = new ScriptVersion { Script = script, Number = 1, CreatedBy = "ouchar.senior", CreatedAt = At(new DateOnly(2021, 9, 20)),
            Changes = "First version, with advice from Children's Future International.", Questions = FirstQuestions.Select((q, i) => Q(i + 1, q)).ToList() };
        db.ConsultationScripts.Add(script);
        db.ScriptVersions.Add(v1);
        await db.SaveChangesAsync();

        // The 11 consultations: round 1 in villages 1–6, round 2 in villages 1–5.
        var dates = new[]
        {
            new DateOnly(2021, 10, 12), new DateOnly(2021, 10, 28), new DateOnly(2021, 11, 16), new DateOnly(2021, 12, 7), new DateOnly(2021, 12, 21), new DateOnly(2022, 1, 18),
            new DateOnly(2022, 2, 8), new DateOnly(2022, 2, 22), new DateOnly(2022, 3, 3), new DateOnly(2022, 3, 15), new DateOnly(2022, 3, 29),
        };
        var version = v1;
        var all = new List<Consultation>();
        for (var i = 0; i < Count; i++)
        {
            var v = i % 6;
            var on = dates[i];
            var participants = new (ParticipantGroup G, int N)[]
            {
                (ParticipantGroup.VillageChief, 1), (ParticipantGroup.Teachers, 2 + v % 2), (ParticipantGroup.Monks, 1 + v % 2),
                (ParticipantGroup.Parents, 12 + 2 * v), (ParticipantGroup.Children, 8 + v), (ParticipantGroup.Elders, 4 + v % 3),
            };
            var heard = new List<Heard> { Migration, Grandparents, KinshipSupport };
            heard.AddRange(i < 6 ? ByVillage[v] : ByVillage[v].Skip(1));
            var c = new Consultation
            {
                VillageId = villages[v], PlannedOn = on.AddDays(-3), HeldOn = on, Status = ConsultationStatus.Held, ScriptVersionId = version.Id,
                Facilitators = v < 3 ? "ouchar.senior, ouchar.vbsw1" : "ouchar.senior, ouchar.vbsw2",
                PreBrief = i < 6 ? "Agree roles: one facilitator asks, one writes the three columns. Children meet in their own group with a teacher."
                    : "Second visit: check what changed since the first consultation; ask the grandparents first.",
                Debrief = "Good turnout; people spoke openly once the village chief had spoken.",
                CreatedBy = "ouchar.senior", CreatedAt = At(on.AddDays(-10)),
                Participants = participants.Select(p => new ConsultationParticipants { Group = p.G, Count = p.N }).ToList(),
                Entries = heard.Select(h => new ConsultationEntry
                {
                    Column = h.Column, Text = h.Text, Themes = h.Themes, ServiceNeeded = h.Need, RecordedBy = v < 3 ? "ouchar.vbsw1" : "ouchar.vbsw2", RecordedAt = At(on),
                }).ToList(),
            };
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
            all.Add(c);
            // The debriefs of the 3rd and 6th consultations changed the script.
            if (i is 2 or 5)
            {
                var extra = i == 2 ? GrandparentsQuestion : ChildrenQuestion;
                c.NextScriptChanges = i == 2 ? "Ask who looks after the children when parents migrate." : "Give the children a scripted question of their own.";
                var questions = version.Questions.Append(Q(100, extra)).ToList();
                version = ConsultationRules.NextVersion(version, version.Number + 1, questions, c.NextScriptChanges, "ouchar.senior", At(on.AddDays(2)), c.Id);
                db.ScriptVersions.Add(version);
                await db.SaveChangesAsync();
            }
        }

        await SeedFocusGroupsAsync(db, ouChar, villages, At);
        await SeedCaseStudiesAsync(db, villages, At);
    }

    private static async Task SeedFocusGroupsAsync(HiveDbContext db, Commune ouChar, List<int> villages, Func<DateOnly, DateTime> at)
    {
        static List<FocusGroupParticipants> P(params (ParticipantGroup G, Sex S, int N)[] counts) =>
            counts.Select(c => new FocusGroupParticipants { Group = c.G, Sex = c.S, Count = c.N }).ToList();
        db.FocusGroups.AddRange(
            new FocusGroup
            {
                CommuneId = ouChar.Id, VillageId = villages[0], HeldOn = new DateOnly(2023, 11, 14), Title = "Families of Ou Char", Facilitator = "ouchar.senior",
                Questions = "What has changed for your children since the Village Hive began?\nHow do you feel about the public services in your community?",
                Notes = "Families said services are improving and trust is growing; families now ask for help when they need it. All felt proud of using public services.",
                Quotes = "My kids can go to school, and I have time to work or earn a living. I've improved my standard of living.\nThe health clinic is reasonably priced, fast and flexible and now has enough medicine to support the community.",
                Themes = Themes.SchoolAndTeachers | Themes.HealthCentre | Themes.NeighboursHelp,
                CreatedBy = "ouchar.senior", CreatedAt = at(new DateOnly(2023, 11, 15)),
                Participants = P((ParticipantGroup.Parents, Sex.Female, 9), (ParticipantGroup.Parents, Sex.Male, 4), (ParticipantGroup.Elders, Sex.Female, 3)),
            },
            new FocusGroup
            {
                CommuneId = ouChar.Id, HeldOn = new DateOnly(2023, 11, 21), Title = "Local leaders of Ou Char", Facilitator = "ouchar.ccwc",
                Questions = "What made the Village Hive work in the commune?\nWhat does the council need to keep it going?",
                Notes = "Leaders named a clear plan and regular meetings, technical support, clear policies, budgets and guidelines.",
                Quotes = "I have more confidence to deliver services to the community because I have a clear plan and regular meetings.\nThere is increased trust in the community and the commune has better public services.",
                Themes = Themes.VillageChiefActive | Themes.MonksSupport,
                CreatedBy = "ouchar.ccwc", CreatedAt = at(new DateOnly(2023, 11, 22)),
                Participants = P((ParticipantGroup.VillageChief, Sex.Male, 5), (ParticipantGroup.VillageChief, Sex.Female, 1), (ParticipantGroup.Teachers, Sex.Female, 2), (ParticipantGroup.Monks, Sex.Male, 2)),
            });
        await db.SaveChangesAsync();
    }

    private static async Task SeedCaseStudiesAsync(HiveDbContext db, List<int> villages, Func<DateOnly, DateTime> at)
    {
        // The last household of villages 2 to 5 (by id): stable on every seed, and away from the households tests pick first.
        var households = new List<int>();
        foreach (var v in villages.Skip(1).Take(4))
            households.Add(await db.Households.Where(h => h.VillageId == v).OrderByDescending(h => h.Id).Select(h => h.Id).FirstAsync());
        CaseStudy S(int household, string titleKm, string titleEn, string textKm, string textEn, string by, DateOnly on, CaseStudyUse use) => new()
        {
            HouseholdId = household, TitleKm = titleKm, TitleEn = titleEn, TextKm = textKm, TextEn = textEn, ConsentGivenBy = by, ConsentOn = on, Use = use,
            CreatedBy = "ouchar.senior", CreatedAt = at(on),
        };
        db.CaseStudies.AddRange(
            S(households[0], "ប្រាក់ចំណូលរបស់ស្រីតាកើនពី ៦ ដុល្លារ ដល់ ៥០ ដុល្លារ", "Sreyta's income soars from $6 to $50",
                "ស្រីតាធ្លាប់រកបាន ៦ ដុល្លារក្នុងមួយថ្ងៃ។ បន្ទាប់ពីវគ្គចំណេះដឹងហិរញ្ញវត្ថុ និងជំនួយចាប់ផ្ដើមអាជីវកម្មតូច នាងរកបាន ៥០ ដុល្លារ ហើយកូនៗរបស់នាងទៅសាលារៀនជារៀងរាល់ថ្ងៃ។",
                "Sreyta used to earn $6 a day. After financial literacy training and help to start a small business she earns $50, and her children go to school every day.",
                "Sreyta (mother)", new DateOnly(2023, 10, 2), CaseStudyUse.AnonymisedPublication),
            S(households[1], "ដំណើររបស់ម៉ៅ ពីការខ្វះលុយទិញទឹក ដល់ការសន្សំ ៤០០ ដុល្លារក្នុងមួយខែ", "Mao's journey from struggling to afford water to saving $400 per month",
                "គ្រួសាររបស់ម៉ៅធ្លាប់ខ្វះលុយទិញទឹក។ ជាមួយក្រុមសន្សំប្រាក់ និងវគ្គបណ្តុះបណ្តាលវិជ្ជាជីវៈ ឥឡូវនេះពួកគេសន្សំបាន ៤០០ ដុល្លារក្នុងមួយខែ។",
                "Mao's family could not afford water. With a savings group and vocational training they now save $400 a month.",
                "Mao (father), with his wife", new DateOnly(2023, 10, 9), CaseStudyUse.NamedPublication),
            S(households[2], "អាជីវកម្មរបស់ម្ដាយមេម៉ាយ ជួយឲ្យកូនស្រីរៀនបានល្អ", "How a widowed mother's business led to her daughter's thriving education",
                "បន្ទាប់ពីប្ដីស្លាប់ ម្ដាយម្នាក់បានចាប់ផ្ដើមលក់នំនៅផ្សារ ដោយមានជំនួយពីឃុំ។ កូនស្រីរបស់គាត់បានត្រឡប់ទៅរៀនវិញ ហើយរៀនពូកែ។",
                "After her husband died, a mother started selling cakes at the market with help from the commune. Her daughter went back to school and is doing well.",
                "The mother", new DateOnly(2023, 10, 16), CaseStudyUse.Internal),
            S(households[3], "ជីដូនម្នាក់ចិញ្ចឹមចៅបួននាក់", WithdrawnTitle,
                "ឪពុកម្ដាយបានទៅធ្វើការនៅប្រទេសថៃ ហើយជីដូនមើលថែចៅបួននាក់។",
                "The parents went to work in Thailand and the grandmother looks after four grandchildren.",
                "The grandmother", new DateOnly(2023, 9, 25), CaseStudyUse.Withdrawn));
        await db.SaveChangesAsync();
    }
}
