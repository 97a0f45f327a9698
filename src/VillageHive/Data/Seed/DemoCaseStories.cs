using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// The situations the programme meets (Keep Families Together, Ou Char report): parents migrating to Thailand,
/// extreme poverty, alcohol and violence, children working instead of learning, no birth registration.
/// Khmer first for the workers, a short English line in brackets so that both readers follow.
/// Placeholders: {c}/{cl} the child (Khmer/Latin name), {k}/{ke} the caregiver's role, {kc}/{kce} what the child
/// calls the caregiver, {a}/{ae} the parent(s) away, {p}/{pe} the commune.
/// </summary>
internal static class DemoCaseStories
{
    /// <summary>A network member: index 0 is always the caregiver from the registry; "partner" is the other parent in the household.</summary>
    internal sealed record Net(NetworkRelation Relation, string Title, string Role, bool Partner = false);

    /// <summary>Owner: "w" the worker, "n1".. a network member by index, "p:health|school|training|commune" a provider.</summary>
    internal sealed record Act(int Goal, string Owner, string Text);

    internal sealed record Story(
        string Key,
        string Harm, string Danger, string Complicating, string Strengths, string ExistingSafety, string NextSteps,
        string DangerStatements, string[] Goals, string Worries, string GoodThings, string Dreams,
        Net[] Network, Act[] Actions, string[] Visits, (string Text, bool Confidential)[] Notes, string[] Tasks, string Progress);

    public static readonly Story Migration = new(
        "migration",
        "{a}ទៅធ្វើការនៅប្រទេសថៃតាំងពីឆ្នាំមុន ហើយមិនបានផ្ញើលុយមកជាច្រើនខែហើយ។ {c} នៅជាមួយ{k}ដែលចាស់ និងឈឺញឹកញាប់។ {c} ឈប់រៀន ហើយទៅរើសអេតចាយនៅផ្សារ ដើម្បីជួយទិញអង្ករ។ ({ae} went to work in Thailand last year and have sent no money for months; {cl} lives with an old, often sick {ke}, has stopped school and collects scrap at the market to help buy rice.)",
        "បើគ្មានជំនួយទេ {c} អាចឈប់រៀនជាស្ថាពរ ធ្វើការងារធ្ងន់ ត្រូវគេនាំទៅថៃ ឬត្រូវដាក់ក្នុងមណ្ឌលកុមារ។ (Without help {cl} may leave school for good, do heavy work, be taken to Thailand or placed in a children's centre.)",
        "{k}មិនចេះអានសរសេរ ហើយមិនទាន់មានប័ណ្ណក្រីក្រ (IDPoor)។ ការទាក់ទងទៅ{a}ពិបាក។ ផ្ទះលិចទឹកនៅរដូវវស្សា។ (The {ke} cannot read and has no IDPoor card; calls to Thailand are rare; the house floods in the rainy season.)",
        "{k}ស្រឡាញ់ {c} ខ្លាំង ហើយចង់ឲ្យចៅបានរៀន។ មីងដែលរស់នៅក្បែរនោះ យកបាយមកឲ្យម្ដងម្កាល។ គ្រូបង្រៀនស្គាល់ {c} ច្បាស់។ (The {ke} loves {cl} and wants them to study; an aunt nearby sometimes brings food; the teacher knows {cl} well.)",
        "{c} គេងនៅផ្ទះរាល់យប់ ហើយមីងមកមើលរៀងរាល់ល្ងាច។ ({cl} sleeps at home every night and the aunt checks in each evening.)",
        "ចុះឈ្មោះ {c} ចូលរៀនវិញ និងកម្មវិធីក្រោយម៉ោងសិក្សា; ស្នើសុំប័ណ្ណក្រីក្រ; ទូរស័ព្ទទៅ{a} ដើម្បីរៀបចំការផ្ញើលុយទៀងទាត់; អង្ករបណ្ដោះអាសន្ន។ (Re-enrol {cl} and the after-school programme; apply for IDPoor; call the parents about regular remittances; emergency rice.)",
        "យើងព្រួយបារម្ភថា {c} នឹងឈប់រៀនជាស្ថាពរ ហើយត្រូវធ្វើការចិញ្ចឹមគ្រួសារ ព្រោះ{a}នៅឆ្ងាយ ហើយ{k}គ្មានប្រាក់ចំណូល។ (We are worried {cl} will leave school for good and work to feed the family, because the parents are far away and the {ke} has no income.)\n"
        + "យើងព្រួយបារម្ភថា បើ{k}ឈឺធ្ងន់ គ្មាននរណាមើលថែ {c} ទេ។ (We are worried that if the {ke} falls seriously ill nobody will care for {cl}.)",
        [
            "{c} ទៅរៀនរាល់ថ្ងៃ ហើយមិនធ្វើការរកលុយ។ ({cl} goes to school every day and does not work for money.)",
            "គ្រួសារមានអាហារគ្រប់គ្រាន់រៀងរាល់ថ្ងៃ។ (The family has enough food every day.)",
            "មានមនុស្សពេញវ័យដែលគេទុកចិត្ត មើលថែ {c} ពេល{k}ឈឺ។ (A trusted adult cares for {cl} whenever the {ke} is ill.)",
        ],
        "ខ្ញុំខ្លាច{kc}ឈឺធ្ងន់ ហើយខ្ញុំនៅម្នាក់ឯង។ ខ្ញុំនឹកម៉ាក់។ (I am afraid {kce} gets very ill and I will be alone. I miss mum.)",
        "ខ្ញុំចូលចិត្តលេងជាមួយមិត្តភក្តិនៅវត្ត ហើយ{kc}ធ្វើម្ហូបឆ្ងាញ់។ (I like playing with friends at the pagoda and {kce} cooks well.)",
        "ខ្ញុំចង់ធ្វើជាគ្រូបង្រៀន ហើយចង់ឲ្យម៉ាក់ត្រឡប់មកផ្ទះវិញ។ (I want to be a teacher and for mum to come home.)",
        [
            new(NetworkRelation.Grandparent, "", "មើលថែ {c} រាល់ថ្ងៃ ហើយជូនទៅសាលា (daily care, takes {cl} to school)"),
            new(NetworkRelation.AuntOrUncle, "មីង", "មកមើលរាល់ល្ងាច ហើយនៅជាមួយ {c} ពេល{k}ឈឺ (checks every evening, stays with {cl} when the {ke} is ill)"),
            new(NetworkRelation.Teacher, "អ្នកគ្រូ", "តាមដានវត្តមាន ហើយប្រាប់បុគ្គលិកសង្គមពេល {c} អវត្តមាន (follows attendance, tells the social worker about absences)"),
            new(NetworkRelation.Monk, "ព្រះតេជគុណ", "ជួយអង្ករពីវត្ត និងផ្ដល់ដំបូន្មាន (rice from the pagoda, advice)"),
        ],
        [
            new(1, "w", "ចុះឈ្មោះ {c} ចូលរៀនវិញ និងកម្មវិធីក្រោយម៉ោងសិក្សានៅមជ្ឈមណ្ឌលសហគមន៍ (Re-enrol {cl} at school and the after-school programme)"),
            new(1, "p:school", "ផ្ដល់ឯកសណ្ឋាន និងសម្ភារៈសិក្សា (School uniform and study materials)"),
            new(1, "n2", "ប្រាប់ VBSW ពេល {c} អវត្តមានលើសពី ២ ថ្ងៃ (Tell the VBSW when {cl} misses more than 2 days)"),
            new(2, "w", "ស្នើសុំប័ណ្ណក្រីក្រ (IDPoor) ជាមួយមេភូមិ (Apply for an IDPoor card with the village chief)"),
            new(2, "n3", "ផ្ដល់អង្ករ ១០ គីឡូក្រាម រៀងរាល់ខែ (10 kg of rice every month)"),
            new(3, "p:health", "ពិនិត្យសុខភាព{k} និងផ្ដល់ថ្នាំ (Health check and medicine for the {ke})"),
            new(3, "n1", "ស្នាក់នៅជាមួយ {c} ពេល{k}សម្រាកពេទ្យ (Stays with {cl} whenever the {ke} is in hospital)"),
        ],
        [
            "{c} នៅផ្ទះ មិនបានទៅសាលា។ {k}ក្អកខ្លាំង។ អង្ករនៅសល់តិចតួច។ ({cl} at home, not at school; the {ke} coughs badly; little rice left.)",
            "{c} ទៅសាលាបាន ៣ ថ្ងៃក្នុងសប្ដាហ៍នេះ។ គ្រូថាគាត់ខិតខំ។ ({cl} went to school 3 days this week; the teacher says they try hard.)",
            "មីងបាននៅជាមួយ ពេល{k}ទៅមណ្ឌលសុខភាព។ {c} ញញឹម ហើយបង្ហាញសៀវភៅ។ (The aunt stayed while the {ke} went to the health centre; {cl} smiled and showed their exercise book.)",
            "{a}បានផ្ញើលុយ ១ ០០០ បាត ខែនេះ។ អង្ករគ្រប់គ្រាន់។ (The parents sent 1,000 baht this month; enough rice.)",
            "{c} ទៅរៀនគ្រប់ថ្ងៃ ហើយចូលកម្មវិធីក្រោយម៉ោងសិក្សារហូតដល់ម៉ោង ៤។ ({cl} attends every day and stays at the after-school programme until 4 pm.)",
        ],
        [
            ("{a}បានទូរស័ព្ទមក ហើយនិយាយថាមិនទាន់មានការងារទៀងទាត់នៅថៃនៅឡើយ។ (The parents called: no steady work in Thailand yet.)", false),
            ("{c} ប្រាប់ពេលនៅម្នាក់ឯងថា បុរសម្នាក់នៅផ្សារបានសួររកក្មេងទៅធ្វើការនៅថៃ។ ត្រូវតាមដាន ហើយប្រាប់ប៉ូលិស។ ({cl} said, alone, that a man at the market asked for children to work in Thailand. Follow up with the police.)", true),
        ],
        [
            "ជួបនាយកសាលា អំពីការចុះឈ្មោះ {c} (Meet the head teacher about {cl}'s enrolment)",
            "យកពាក្យស្នើសុំប័ណ្ណក្រីក្រទៅឃុំ (Take the IDPoor application to the commune)",
        ],
        "ចាប់ពីការវាយតម្លៃលើកមុន {c} ទៅរៀនទៀងទាត់ ហើយគ្រួសារទទួលអង្ករពីវត្ត។ (Since last time {cl} attends school regularly and the family receives rice from the pagoda.)");

    public static readonly Story Violence = new(
        "violence",
        "ឪពុកផឹកស្រាស្ទើររាល់ថ្ងៃ ហើយវាយ{k} និងកូនៗ។ កាលពីខែមុន {c} មានស្នាមជាំលើដៃ។ (The father drinks almost daily and hits the {ke} and the children; last month {cl} had bruises on the arm.)",
        "{c} អាចរងរបួសធ្ងន់ ហើយ{k}អាចយកកូនទៅថៃ ឬទុកកូនចោល ដើម្បីគេចពីអំពើហិង្សា។ ({cl} could be badly hurt, and the {ke} may take the children to Thailand or leave them to escape the violence.)",
        "បំណុលមីក្រូហិរញ្ញវត្ថុ ២ ០០០ ដុល្លារ។ ឪពុកបាត់ការងារសំណង់។ អ្នកជិតខាងខ្លាច មិនហ៊ានជួយ។ (A $2,000 microfinance debt; the father lost his building job; neighbours are afraid to step in.)",
        "{k}ការពារកូនៗ ហើយហ៊ាននិយាយជាមួយបុគ្គលិកសង្គម។ ពេលមិនស្រវឹង ឪពុកជួយកូនធ្វើលំហាត់ ហើយនិយាយថាចង់ឈប់ផឹក។ (The {ke} protects the children and talks openly; sober, the father helps with homework and says he wants to stop drinking.)",
        "ពេលឪពុកស្រវឹង {k}នាំកូនៗទៅដេកផ្ទះយាយនៅក្បែរនោះ។ មេភូមិដឹងពីស្ថានភាព។ (When the father is drunk the {ke} takes the children to sleep at grandma's nearby; the village chief knows.)",
        "ឪពុកចូលក្រុមគាំទ្រការឈប់ផឹកស្រា; ផែនការសុវត្ថិភាពពេលឪពុកស្រវឹង; ប្រឹក្សាយោបល់គ្រួសារ; ជួយចរចាបំណុលឡើងវិញ។ (Father joins the alcohol support group; a safety plan for drunk nights; family counselling; help renegotiate the debt.)",
        "យើងព្រួយបារម្ភថា ពេលឪពុកស្រវឹង គាត់នឹងវាយ {c} ម្ដងទៀត ហើយ {c} អាចរងរបួសធ្ងន់។ (We are worried that when the father is drunk he will hit {cl} again and {cl} could be badly hurt.)\n"
        + "យើងព្រួយបារម្ភថា {k}នឹងចាកចេញទៅថៃ ហើយទុកកូនៗចោល។ (We are worried the {ke} will leave for Thailand and leave the children behind.)",
        [
            "{c} មិនត្រូវបានវាយ ឬគំរាមនៅផ្ទះទៀតទេ។ ({cl} is no longer hit or threatened at home.)",
            "ពេលឪពុកស្រវឹង កូនៗទៅនៅកន្លែងសុវត្ថិភាពដែលបានព្រមព្រៀង។ (When the father is drunk the children go to the agreed safe place.)",
            "គ្រួសារនៅជាមួយគ្នា ហើយមានប្រាក់ចំណូលគ្រប់គ្រាន់ ដោយមិនចាំបាច់ចំណាកស្រុក។ (The family stays together with enough income, without migrating.)",
        ],
        "ខ្ញុំខ្លាចពេលប៉ាផឹកស្រា ហើយស្រែក។ ខ្ញុំខ្លាច{kc}ទៅឆ្ងាយ។ (I am scared when dad drinks and shouts. I am scared {kce} will go away.)",
        "ពេលប៉ាមិនផឹក គាត់នាំខ្ញុំទៅស្ទូចត្រី។ ខ្ញុំមានមិត្តល្អនៅសាលា។ (When dad does not drink he takes me fishing. I have good friends at school.)",
        "ខ្ញុំចង់ឲ្យផ្ទះខ្ញុំស្ងប់ស្ងាត់ ហើយខ្ញុំចង់ធ្វើជាវេជ្ជបណ្ឌិត។ (I want my home to be calm, and I want to be a doctor.)",
        [
            new(NetworkRelation.Mother, "", "អនុវត្តផែនការសុវត្ថិភាព ហើយទាក់ទង VBSW ក្រោយពេលមានហិង្សា (follows the safety plan, calls the VBSW after any violence)"),
            new(NetworkRelation.Father, "ឪពុក", "ចូលរួមក្រុមគាំទ្រការឈប់ផឹកស្រារៀងរាល់សប្ដាហ៍ (weekly alcohol support group)", Partner: true),
            new(NetworkRelation.Grandparent, "យាយ", "ទទួលកូនៗមកដេក ពេលឪពុកស្រវឹង (takes the children in on drunk nights)"),
            new(NetworkRelation.VillageChief, "មេភូមិ", "ចុះមកមើលផ្ទះម្ដងក្នុងមួយសប្ដាហ៍ ហើយហៅប៉ូលិសបើចាំបាច់ (weekly visit; calls the police if needed)"),
            new(NetworkRelation.Neighbour, "អ្នកជិតខាង", "ហៅមេភូមិភ្លាម ពេលឮការវាយតប់ (calls the village chief at once on hearing violence)"),
        ],
        [
            new(1, "w", "ប្រឹក្សាយោបល់គ្រួសារ ពីរសប្ដាហ៍ម្ដង (Family counselling every two weeks)"),
            new(1, "n1", "ចូលរួមក្រុមគាំទ្រការឈប់ផឹកស្រានៅវត្ត រៀងរាល់ថ្ងៃអាទិត្យ (Alcohol support group at the pagoda on Sundays)"),
            new(1, "n3", "ចុះពិនិត្យផ្ទះរៀងរាល់សប្ដាហ៍ (Weekly check on the home)"),
            new(2, "n0", "ពន្យល់កូនៗពីផែនការសុវត្ថិភាព ហើយត្រៀមកាបូបសម្រាប់យប់ (Explain the safety plan to the children; keep a night bag ready)"),
            new(2, "n2", "ទុកកន្លែងដេកសម្រាប់កូនៗ ពេលត្រូវការ (Keep a place for the children to sleep)"),
            new(3, "w", "ជួយចរចាបំណុលជាមួយស្ថាប័នមីក្រូហិរញ្ញវត្ថុ (Help renegotiate the microfinance loan)"),
            new(3, "p:training", "វគ្គជួសជុលម៉ូតូសម្រាប់ឪពុក (Motorbike repair course for the father)"),
        ],
        [
            "{k}ថា សប្ដាហ៍នេះឪពុកស្រវឹងពីរដង ប៉ុន្តែមិនបានវាយនរណាទេ។ កូនៗបានទៅដេកផ្ទះយាយ។ (The {ke} says the father was drunk twice this week but hit nobody; the children slept at grandma's.)",
            "ឪពុកបានចូលក្រុមគាំទ្របីដងជាប់គ្នា។ ផ្ទះស្ងប់ស្ងាត់។ (The father has attended the support group three times in a row; the home is calm.)",
            "បានជួប {c} តែម្នាក់ឯងនៅសាលា។ {c} ថាប៉ាមិនបានវាយទេ តាំងពីខែមុន។ (Saw {cl} alone at school: dad has not hit anyone since last month.)",
            "ឪពុកបានចាប់ផ្ដើមវគ្គជួសជុលម៉ូតូ ហើយរកបាន ៥ ដុល្លារក្នុងមួយថ្ងៃ។ (The father started the motorbike course and earns $5 a day.)",
            "មេភូមិបានចុះមកម្ដងក្នុងមួយសប្ដាហ៍។ គ្មានហេតុការណ៍ថ្មី។ (The village chief visits weekly; no new incident.)",
        ],
        [
            ("{k}ប្រាប់ដោយសម្ងាត់ថា ឪពុកគំរាមលក់ដីដើម្បីសងបំណុល ហើយគំរាមគាត់ពេលស្រវឹង។ (In confidence: the father threatens to sell the land to pay the debt and threatens the {ke} when drunk.)", true),
            ("មេភូមិបានចុះមកផ្ទះពីរដងក្នុងខែនេះ។ គ្មានហេតុការណ៍។ (The village chief came twice this month; no incident.)", false),
        ],
        [
            "ណាត់ជួបស្ថាប័នមីក្រូហិរញ្ញវត្ថុជាមួយ{k} (Meeting at the microfinance office with the {ke})",
            "ពិនិត្យវត្តមានឪពុកនៅក្រុមគាំទ្រ (Check the father's attendance at the support group)",
        ],
        "ចាប់ពីការវាយតម្លៃលើកមុន ឪពុកចូលក្រុមគាំទ្រទៀងទាត់ ហើយគ្មានការវាយតប់ ៦ សប្ដាហ៍មកហើយ។ (Since last time the father attends the support group and there has been no violence for six weeks.)");

    public static readonly Story ChildLabour = new(
        "labour",
        "{c} ឈប់រៀនតាំងពីថ្នាក់ទី៥ ហើយធ្វើការនៅរោងឥដ្ឋ ៨ ម៉ោងក្នុងមួយថ្ងៃ ដើម្បីជួយសងបំណុល។ ({cl} left school in grade 5 and works 8 hours a day at the brick kiln to help pay a debt.)",
        "គ្រួសារគ្រោងទៅធ្វើការនៅថៃ ហើយយក {c} ទៅជាមួយ ឬទុកនៅផ្ទះម្នាក់ឯង។ ការងារធ្ងន់អាចធ្វើឲ្យ {c} រងរបួស។ (The family plans to go to Thailand and take {cl} along or leave them alone; the heavy work may injure {cl}.)",
        "ជំពាក់បំណុលម្ចាស់រោងឥដ្ឋ; គ្មានដីស្រែ; {k}ឈឺខ្នង។ (Debt to the kiln owner; no rice land; the {ke} has back pain.)",
        "{c} ចង់រៀនវិញ ហើយពូកែគណិតវិទ្យា។ {k}យល់ថាការសិក្សាសំខាន់។ បងប្រុសមានការងារនៅបាត់ដំបង។ ({cl} wants to go back to school and is good at maths; the {ke} agrees school matters; an older brother works in Battambang.)",
        "{c} ធ្វើការជាមួយ{k} មិនមែនម្នាក់ឯងទេ ហើយត្រឡប់មកផ្ទះរាល់ល្ងាច។ ({cl} works alongside the {ke}, not alone, and is home every evening.)",
        "ចុះឈ្មោះ {c} ក្នុងថ្នាក់រៀនបំប៉ន; ប្រាក់ឧបត្ថម្ភប្រចាំខែសម្រាប់តម្រូវការមូលដ្ឋាន រហូតដល់គ្រួសារមានប្រាក់ចំណូល; ពិភាក្សាពីការចំណាកស្រុកដោយសុវត្ថិភាព។ (Catch-up class for {cl}; a monthly support payment for basic needs until income improves; talk through safe migration.)",
        "យើងព្រួយបារម្ភថា {c} នឹងបន្តធ្វើការធ្ងន់ ហើយមិនបានត្រឡប់ទៅរៀនវិញ។ (We are worried {cl} will keep doing heavy work and never return to school.)\n"
        + "យើងព្រួយបារម្ភថា បើគ្រួសារទៅថៃ {c} នឹងនៅម្នាក់ឯង ឬធ្វើការខុសច្បាប់នៅទីនោះ។ (We are worried that if the family goes to Thailand, {cl} will be left alone or work illegally there.)",
        [
            "{c} ឈប់ធ្វើការនៅរោងឥដ្ឋ ហើយទៅរៀនរៀងរាល់ថ្ងៃ។ ({cl} stops working at the kiln and goes to school every day.)",
            "គ្រួសាររកប្រាក់ចំណូលបានគ្រប់គ្រាន់នៅក្នុងភូមិ។ (The family earns enough in the village.)",
        ],
        "ខ្ញុំហត់ ហើយឈឺដៃ។ ខ្ញុំខ្លាចត្រូវទៅថៃ។ (I am tired and my hands hurt. I am afraid of having to go to Thailand.)",
        "ខ្ញុំចូលចិត្តរៀនលេខ ហើយលេងបាល់ទាត់។ (I like maths and playing football.)",
        "ខ្ញុំចង់ធ្វើជាជាងអគ្គិសនី ហើយសង់ផ្ទះឲ្យ{kc}។ (I want to be an electrician and build a house for {kce}.)",
        [
            new(NetworkRelation.Mother, "", "ឈប់យក {c} ទៅធ្វើការ ហើយពិនិត្យកិច្ចការសាលា (stops taking {cl} to work, checks homework)"),
            new(NetworkRelation.Sibling, "បងប្រុស", "ផ្ញើលុយ ២០ ដុល្លារក្នុងមួយខែ (sends $20 a month)"),
            new(NetworkRelation.Teacher, "លោកគ្រូ", "បង្រៀនថ្នាក់បំប៉នក្រោយម៉ោង (teaches the catch-up class)"),
            new(NetworkRelation.VillageChief, "មេភូមិ", "ជួយពិភាក្សាជាមួយម្ចាស់រោងឥដ្ឋអំពីបំណុល (helps talk to the kiln owner about the debt)"),
        ],
        [
            new(1, "p:school", "ថ្នាក់រៀនបំប៉ន និងកម្មវិធីក្រោយម៉ោងសិក្សា (Catch-up class and after-school programme)"),
            new(1, "w", "ផ្ដល់កង់មួយ ដើម្បីទៅសាលា (A bicycle to get to school)"),
            new(1, "n2", "រាយការណ៍វត្តមានប្រចាំសប្ដាហ៍ (Weekly attendance report)"),
            new(2, "w", "ប្រាក់ឧបត្ថម្ភ ៣០ ដុល្លារក្នុងមួយខែ រយៈពេល ៦ ខែ (Support payment of $30 a month for 6 months)"),
            new(2, "p:training", "វគ្គដាំបន្លែ និងចិញ្ចឹមមាន់ (Vegetable growing and chicken raising course)"),
            new(2, "n3", "ពិភាក្សាជាមួយម្ចាស់រោងឥដ្ឋ (Talk with the kiln owner)"),
            new(2, "w", "វគ្គអក្ខរកម្មហិរញ្ញវត្ថុ (Financial literacy sessions)"),
        ],
        [
            "{c} នៅរោងឥដ្ឋ ពេលយើងមកដល់ម៉ោង ១០ ព្រឹក។ ដៃមានស្នាមរលាក។ ({cl} was at the kiln at 10 am; burns on the hands.)",
            "{c} ជិះកង់ថ្មីទៅសាលា។ គ្រូថាវត្តមានល្អ។ ({cl} rides the new bicycle to school; the teacher reports good attendance.)",
            "{k}បានចាប់ផ្ដើមដាំបន្លែ ហើយលក់នៅផ្សារបានខ្លះ។ (The {ke} started growing vegetables and sells some at the market.)",
            "បានជួប {c} តែម្នាក់ឯង៖ ចូលចិត្តថ្នាក់បំប៉ន មិនចង់ទៅថៃទេ។ (Saw {cl} alone: likes the catch-up class, does not want to go to Thailand.)",
            "មាន់ ១២ ក្បាល ហើយបន្លែលក់បានរាល់ថ្ងៃ។ {c} មិនធ្វើការទៀតទេ។ (12 chickens and vegetables sold daily; {cl} no longer works.)",
        ],
        [
            ("ម្ចាស់រោងឥដ្ឋទាមទារឲ្យសងបំណុលមុនខែក្រោយ។ មេភូមិនឹងជួយចរចា។ (The kiln owner wants the debt paid by next month; the village chief will help negotiate.)", false),
            ("{k}ប្រាប់ថា ឈ្មួញម្នាក់ផ្ដល់ការងារនៅថៃ ដោយគ្មានលិខិតឆ្លងដែន។ ប្រុងប្រយ័ត្នការជួញដូរមនុស្ស។ (A broker offered work in Thailand without passports; watch for trafficking.)", true),
        ],
        [
            "ទិញកង់ ហើយប្រគល់ជូន {c} (Buy the bicycle and hand it to {cl})",
            "ពិនិត្យថា {c} ឈប់ធ្វើការនៅរោងឥដ្ឋមែន (Check that {cl} no longer works at the kiln)",
        ],
        "ចាប់ពីការវាយតម្លៃលើកមុន {c} ឈប់ធ្វើការនៅរោងឥដ្ឋ ហើយទៅរៀនថ្នាក់បំប៉ន។ (Since last time {cl} stopped kiln work and attends the catch-up class.)");

    public static readonly Story NoPapers = new(
        "papers",
        "{c} គ្មានសំបុត្រកំណើត ដូច្នេះសាលាមិនព្រមចុះឈ្មោះ។ គ្រួសារញ៉ាំបាយតែមួយពេលក្នុងមួយថ្ងៃ ហើយ {c} ស្គមខ្លាំង។ ({cl} has no birth certificate so the school will not enrol them; the family eats once a day and {cl} is very thin.)",
        "{c} អាចខ្វះអាហារូបត្ថម្ភធ្ងន់ ហើយ{k}កំពុងគិតផ្ញើ {c} ទៅមណ្ឌលកុមារ។ បើគ្មានឯកសារ {c} ងាយរងគ្រោះពីការជួញដូរ។ ({cl} may become seriously malnourished and the {ke} is thinking of sending {cl} to a children's centre; without papers {cl} is at risk of trafficking.)",
        "ដំបូលស្លឹកត្នោតលេចទឹក; {k}ធ្វើការស៊ីឈ្នួលមិនទៀងទាត់; មិនដឹងនីតិវិធីចុះបញ្ជីកំណើតយឺត។ (Leaking palm-leaf roof; irregular day labour; the {ke} does not know how late birth registration works.)",
        "{k}ខិតខំធ្វើការ ហើយចង់ឲ្យ {c} មានឯកសារ ដើម្បីទៅរៀន។ អ្នកជិតខាងចែកបន្លែ។ មេភូមិយល់ព្រមជួយ។ (The {ke} works hard and wants papers so {cl} can study; neighbours share vegetables; the village chief agreed to help.)",
        "{c} មិនដែលនៅម្នាក់ឯងពេលយប់ទេ ហើយបងស្រីមើលថែពេល{k}ទៅធ្វើការ។ ({cl} is never alone at night; an older sister watches over them while the {ke} works.)",
        "ចុះបញ្ជីកំណើតយឺតនៅឃុំ; ពិនិត្យអាហារូបត្ថម្ភនៅមណ្ឌលសុខភាព; អង្ករ និងប្រាក់ឧបត្ថម្ភបណ្ដោះអាសន្ន; ជួសជុលដំបូល; ស្នើប័ណ្ណក្រីក្រ។ (Late birth registration at the commune; nutrition check; emergency rice and support payment; fix the roof; apply for IDPoor.)",
        "យើងព្រួយបារម្ភថា {c} មិនអាចចូលរៀនបាន ហើយនឹងឃ្លាន ព្រោះគ្មានសំបុត្រកំណើត និងប្រាក់ចំណូល។ (We are worried {cl} cannot go to school and will go hungry, with no birth certificate and no income.)\n"
        + "យើងព្រួយបារម្ភថា {k}នឹងបញ្ជូន {c} ទៅមណ្ឌលកុមារ ដោយសារភាពក្រីក្រ។ (We are worried the {ke} will send {cl} to a children's centre because of poverty.)",
        [
            "{c} មានសំបុត្រកំណើត ហើយបានចុះឈ្មោះចូលរៀន។ ({cl} has a birth certificate and is enrolled at school.)",
            "{c} ញ៉ាំបាយបីពេលក្នុងមួយថ្ងៃ ហើយឡើងទម្ងន់។ ({cl} eats three meals a day and gains weight.)",
            "{c} នៅជាមួយគ្រួសារ ក្នុងផ្ទះដែលមិនលេចទឹក។ ({cl} stays with the family in a house that does not leak.)",
        ],
        "ខ្ញុំឃ្លាន។ មិត្តភក្តិទៅសាលា តែខ្ញុំមិនបានទៅ។ ពេលភ្លៀង ខ្ញុំរងា។ (I am hungry. My friends go to school but I cannot. I am cold when it rains.)",
        "{kc}ស្រឡាញ់ខ្ញុំ។ ខ្ញុំចូលចិត្តជួយដាំបន្លែ។ ({kce} loves me. I like helping to grow vegetables.)",
        "ខ្ញុំចង់ពាក់ឯកសណ្ឋានទៅសាលាដូចមិត្តភក្តិ។ (I want to wear a uniform and go to school like my friends.)",
        [
            new(NetworkRelation.Mother, "", "យកឯកសារទៅឃុំ ហើយនាំ {c} ទៅពិនិត្យសុខភាព (takes the papers to the commune, takes {cl} to health checks)"),
            new(NetworkRelation.VillageChief, "មេភូមិ", "ធ្វើលិខិតបញ្ជាក់សម្រាប់ចុះបញ្ជីកំណើតយឺត (writes the letter for late birth registration)"),
            new(NetworkRelation.Neighbour, "អ្នកជិតខាង", "ចែកបន្លែ ហើយមើល {c} ពេលចាំបាច់ (shares vegetables, keeps an eye on {cl})"),
            new(NetworkRelation.Monk, "ព្រះតេជគុណ", "សហគមន៍វត្តជួយជួសជុលដំបូល (the pagoda community helps fix the roof)"),
        ],
        [
            new(1, "n1", "ធ្វើលិខិតបញ្ជាក់ និងរកសាក្សីពីរនាក់ (Letter and two witnesses for the registration)"),
            new(1, "p:commune", "ចុះបញ្ជីកំណើតយឺតនៅរដ្ឋបាលឃុំ (Late birth registration at the commune office)"),
            new(1, "p:school", "ចុះឈ្មោះ {c} ចូលរៀន ពេលមានសំបុត្រកំណើត (Enrol {cl} once the certificate is issued)"),
            new(2, "p:health", "ពិនិត្យអាហារូបត្ថម្ភ និងថ្លឹងទម្ងន់ប្រចាំខែ (Nutrition check and monthly weighing)"),
            new(2, "w", "អង្ករ ២៥ គីឡូក្រាម និងប្រាក់ឧបត្ថម្ភ ២៥ ដុល្លារក្នុងមួយខែ (25 kg rice and $25 support each month)"),
            new(3, "n3", "ជួសជុលដំបូលមុនរដូវវស្សា (Fix the roof before the rains)"),
            new(3, "w", "ស្នើសុំប័ណ្ណក្រីក្រ (Apply for IDPoor)"),
        ],
        [
            "{c} ស្គម ហើយក្អក។ ផ្ទះលេចទឹកច្រើនកន្លែង។ ({cl} thin and coughing; the roof leaks in many places.)",
            "មេភូមិបានចុះហត្ថលេខាលើលិខិតបញ្ជាក់។ {k}សប្បាយចិត្ត។ (The village chief signed the letter; the {ke} is relieved.)",
            "{c} ឡើងទម្ងន់ ១ គីឡូក្រាម។ ដំបូលថ្មីរួចរាល់។ ({cl} gained 1 kg; the new roof is done.)",
            "{c} ពាក់ឯកសណ្ឋាន ហើយបង្ហាញសៀវភៅសរសេរ។ ({cl} wears a uniform and shows their exercise book.)",
        ],
        [
            ("ការចុះបញ្ជីកំណើតយឺតរបស់ {c} ត្រូវការលិខិតពីសាក្សីពីរនាក់។ (The late registration needs letters from two witnesses.)", false),
            ("{k}ខ្មាសអៀន មិនចង់ឲ្យអ្នកជិតខាងដឹងថាគ្រួសារទទួលអង្ករ។ សូមរក្សាការសម្ងាត់។ (The {ke} is ashamed and does not want the neighbours to know about the rice; keep it confidential.)", true),
        ],
        [
            "យកលិខិតសាក្សីទៅឃុំ (Take the witness letters to the commune)",
            "ណាត់ពិនិត្យអាហារូបត្ថម្ភនៅមណ្ឌលសុខភាព (Book the nutrition check at the health centre)",
        ],
        "ចាប់ពីការវាយតម្លៃលើកមុន {c} ទទួលបានសំបុត្រកំណើត ហើយគ្រួសារទទួលអង្ករប្រចាំខែ។ (Since last time {cl} has a birth certificate and the family receives monthly rice.)");

    public static readonly Story LeavingSoon = new(
        "leaving",
        "{a}ធ្វើការនៅថៃ ហើយ{k}គ្រោងទៅតាមក្នុងពេលឆាប់ៗ ដោយទុក {c} និងប្អូនៗជាមួយជីដូនដែលចាស់ ហើយមើលមិនសូវឃើញ។ ក្មេងតូចៗនៅផ្ទះតែឯង ពេល {c} ទៅសាលា។ ({ae} works in Thailand and the {ke} plans to follow soon, leaving {cl} and the siblings with an old grandmother who can barely see; the small ones are home alone while {cl} is at school.)",
        "ក្មេងតូចៗអាចលង់ទឹកក្នុងស្រះក្បែរផ្ទះ ឬរងគ្រោះថ្នាក់ ពេលគ្មានមនុស្សធំមើល; {c} អាចត្រូវឈប់រៀនដើម្បីមើលប្អូន។ (The small ones could drown in the pond by the house or be hurt with no adult watching; {cl} may have to leave school to mind them.)",
        "បំណុលទិញម៉ូតូ; ប្រាក់ឈ្នួលនៅភូមិទាប; ជីដូនមានជំងឺទឹកនោមផ្អែម។ (A motorbike loan; low village wages; the grandmother has diabetes.)",
        "{k}ស្រឡាញ់កូនៗ ហើយព្រមពិចារណាជម្រើសផ្សេង មុនពេលចេញទៅ។ ជីដូន និងមីងយកចិត្តទុកដាក់។ {c} ទទួលខុសត្រូវ និងរៀនពូកែ។ (The {ke} is willing to look at other options before leaving; grandmother and aunt care; {cl} is responsible and does well at school.)",
        "មីងរស់នៅផ្ទះជាប់គ្នា ហើយមើលក្មេងតូចៗពេលព្រឹក។ (The aunt next door watches the small ones in the mornings.)",
        "ពិភាក្សាជាមួយ{k}ពីប្រាក់ចំណូលនៅភូមិ; ចុះឈ្មោះក្មេងតូចៗនៅសាលាមត្តេយ្យ; ផែនការមើលថែពេលថ្ងៃជាមួយមីង; ធ្វើរបងស្រះ។ (Talk about earning in the village; enrol the little ones in preschool; a day-care rota with the aunt; fence the pond.)",
        "យើងព្រួយបារម្ភថា បើ{k}ទៅថៃ ក្មេងតូចៗនឹងនៅដោយគ្មានមនុស្សធំមើល ហើយអាចលង់ទឹក ឬរងរបួស។ (We are worried that if the {ke} goes to Thailand the small children will have no adult watching and could drown or be hurt.)\n"
        + "យើងព្រួយបារម្ភថា {c} នឹងឈប់រៀន ដើម្បីមើលប្អូនៗ។ (We are worried {cl} will leave school to mind the siblings.)",
        [
            "ក្មេងៗតែងតែមានមនុស្សធំដែលគេទុកចិត្តមើលថែ ទាំងថ្ងៃ ទាំងយប់។ (The children always have a trusted adult with them, day and night.)",
            "{c} បន្តរៀនរៀងរាល់ថ្ងៃ។ ({cl} keeps going to school every day.)",
            "{k}មានប្រាក់ចំណូលនៅភូមិ ហើយមិនចាំបាច់ចំណាកស្រុក។ (The {ke} earns in the village and need not migrate.)",
        ],
        "ខ្ញុំខ្លាច{kc}ទៅឆ្ងាយ។ ខ្ញុំខ្លាចប្អូនធ្លាក់ស្រះ។ (I am afraid {kce} will go far away. I am afraid my little brother will fall in the pond.)",
        "ខ្ញុំចូលចិត្តមីងដែលធ្វើនំឲ្យញ៉ាំ ហើយខ្ញុំបានលេខ ១ ក្នុងថ្នាក់។ (I like my aunt who makes cakes, and I came first in class.)",
        "ខ្ញុំចង់ឲ្យគ្រួសារទាំងមូលនៅជាមួយគ្នា ហើយចង់ធ្វើជាគិលានុបដ្ឋាយិកា។ (I want the whole family together, and I want to be a nurse.)",
        [
            new(NetworkRelation.Mother, "", "ចូលរួមវគ្គបណ្ដុះបណ្ដាល ហើយធ្វើផែនការជាមួយក្រុម មុនសម្រេចចិត្តចំណាកស្រុក (joins the training; plans with the network before any decision to migrate)"),
            new(NetworkRelation.AuntOrUncle, "មីង", "មើលក្មេងតូចៗពេលព្រឹក (minds the small ones in the mornings)"),
            new(NetworkRelation.Grandparent, "យាយ", "នៅជាមួយក្មេងៗពេលយប់ (stays with the children at night)"),
            new(NetworkRelation.Neighbour, "អ្នកជិតខាង", "ជួយធ្វើរបងស្រះ (helps fence the pond)"),
        ],
        [
            new(1, "n1", "កាលវិភាគមើលថែក្មេងតូចៗពេលថ្ងៃ (Day-care rota for the small ones)"),
            new(1, "n3", "ធ្វើរបងជុំវិញស្រះ (Fence the pond)"),
            new(1, "p:school", "ចុះឈ្មោះប្អូនៗនៅសាលាមត្តេយ្យ (Enrol the siblings in preschool)"),
            new(2, "w", "ផ្ដល់ឯកសណ្ឋាន និងកង់ (School uniform and a bicycle)"),
            new(3, "p:training", "វគ្គកាត់ដេរ (Sewing course)"),
            new(3, "w", "ជំនួយដើមទុន ១០០ ដុល្លារ សម្រាប់លក់នំ (A $100 start-up grant for a snack stall)"),
        ],
        [
            "{k}នៅតែគិតចង់ទៅថៃ។ ក្មេងតូចៗលេងក្បែរស្រះ គ្មាននរណាមើល។ (The {ke} still thinks of leaving; the little ones played by the pond unwatched.)",
            "របងស្រះរួចរាល់។ មីងមើលក្មេងៗតាមកាលវិភាគ។ (The pond fence is done; the aunt follows the rota.)",
            "{k}ចាប់ផ្ដើមវគ្គកាត់ដេរ។ {c} ទៅរៀនរាល់ថ្ងៃ។ (The {ke} started the sewing course; {cl} goes to school every day.)",
            "តូបលក់នំបើកនៅមុខសាលា។ {k}ថារកបាន ៥ ដុល្លារក្នុងមួយថ្ងៃ ហើយនឹងមិនទៅថៃទេ។ (The snack stall opened by the school; the {ke} earns $5 a day and will not go to Thailand.)",
        ],
        [
            ("{k}និយាយថា ឈ្មួញម្នាក់សន្យាការងាររោងចក្រនៅថៃ ហើយសុំលុយមុន ៣០០ ដុល្លារ។ (A broker promised factory work in Thailand and asks $300 up front.)", true),
            ("ជីដូនត្រូវការថ្នាំទឹកនោមផ្អែមទៀងទាត់ ពីមណ្ឌលសុខភាព។ (The grandmother needs regular diabetes medicine from the health centre.)", false),
        ],
        [
            "ពិភាក្សាជាមួយ{k} ពីហានិភ័យនៃការចំណាកស្រុកខុសច្បាប់ (Talk with the {ke} about the risks of irregular migration)",
            "ពិនិត្យថារបងស្រះរឹងមាំ (Check the pond fence holds)",
        ],
        "ចាប់ពីការវាយតម្លៃលើកមុន {k}សម្រេចចិត្តនៅភូមិ ហើយក្មេងៗមានមនុស្សធំមើលថែគ្រប់ពេល។ (Since last time the {ke} decided to stay and the children always have an adult with them.)");

    public static string Provider(string key, string communeKm, string communeEn) => key switch
    {
        "health" => $"មណ្ឌលសុខភាព{communeKm} ({communeEn} Health Centre)",
        "school" => $"សាលាបឋមសិក្សា{communeKm} ({communeEn} Primary School)",
        "training" => $"មជ្ឈមណ្ឌលបណ្ដុះបណ្ដាលវិជ្ជាជីវៈ {communeKm} ({communeEn} vocational training)",
        _ => $"រដ្ឋបាលឃុំ{communeKm} ({communeEn} commune office)",
    };

    public static readonly string[] FreeNames =
        ["សុខ ណារី", "ចាន់ ធីតា", "គីម សុផល", "ហេង សម្បត្តិ", "មាស វណ្ណា", "កែវ ផល្លា", "ញឹម ដារ៉ា", "ជា សុខា", "អ៊ុក បុរី", "ពេជ្រ ចិន្តា"];

    public static readonly string[] MonkNames = ["ស៊ុន ហៀង", "ឈឹម សុវណ្ណ", "ពៅ វិចិត្រ"];
}
