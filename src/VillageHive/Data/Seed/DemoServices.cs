using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// The Services Network of the demo: the providers and services the programme names, their coverage, approver
/// limits, this year's budgets, and a few service referrals and support requests on Ou Char cases. Ou Char's last
/// village has no addiction support although its families need it (a visible gap). Ou Char's 2023 (the year of its
/// impact report) has its budget, the services its cases received and the material support they were given.
/// </summary>
public static class DemoServices
{
    public const string HealthCentre = "Ou Char Health Centre";

    public static async Task SeedAsync(HiveDbContext db, Commune ouChar, Commune svayPao, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ouChar);
        ArgumentNullException.ThrowIfNull(svayPao);
        var ou = ouChar.Villages.OrderBy(v => v.Code).Select(v => v.Id).ToList();
        var sp = svayPao.Villages.OrderBy(v => v.Code).Select(v => v.Id).ToList();
        var both = ou.Concat(sp).ToList();

        ProviderOrganisation P(string name, string contact, string phone) => new() { Name = name, ContactName = contact, Phone = phone };
        var health = P(HealthCentre, "ស៊ុន សុខា (nurse)", "012345601");
        var school = P("Ou Char Primary School", "Principal", "012345602");
        var centre = P("Ou Char Community Centre", "Project officer", "012345603");
        var commune = P("Ou Char Commune Council (CCWC)", "CCWC focal person", "012345604");
        var counselling = P("Battambang Family Counselling", "Counsellor", "012345605");
        var kinship = P("Kinship Care Cambodia", "Programme officer", "012345606");
        var training = P("Battambang Vocational Training Centre", "Registrar", "012345607");
        var hotline = P("Child Helpline Cambodia 1280", "Duty officer", "1280");
        var svayHealth = P("Svay Pao Health Centre", "Chief nurse", "012345608");
        db.ServiceProviders.AddRange(health, school, centre, commune, counselling, kinship, training, hotline, svayHealth);

        Service S(string km, string en, Tier tier, ServiceCategory cat, ProviderOrganisation p, IEnumerable<int> villages, int? capacity = null, string? eligibility = null) => new()
        {
            NameKm = km, NameEn = en, Tier = tier, Category = cat, Provider = p, Capacity = capacity, Eligibility = eligibility,
            Coverage = villages.Select(v => new ServiceCoverage { VillageId = v }).ToList(),
        };
        var clinic = S("គ្លីនិកសុខភាពភូមិ", "Village health clinic", Tier.Universal, ServiceCategory.Health, health, ou);
        var healthSupport = S("ជំនួយថែទាំសុខភាព", "Health-care support for families", Tier.EarlyIntervention, ServiceCategory.Health, health, ou, 40, "IDPoor families");
        var nutrition = S("អាហារូបត្ថម្ភកុមារ", "Child nutrition programme", Tier.EarlyIntervention, ServiceCategory.Nutrition, health, ou.Take(4), 30);
        var counsel = S("ការប្រឹក្សាគ្រួសារ", "Family counselling", Tier.Crisis, ServiceCategory.Counselling, counselling, ou.Concat(sp), 2);
        var services = new List<Service>
        {
            clinic, healthSupport, nutrition, counsel,
            S("សាលាបឋមសិក្សារដ្ឋ", "Public primary school", Tier.Universal, ServiceCategory.Education, school, ou),
            S("កម្មវិធីក្រោយម៉ោងសិក្សា", "After-school programme", Tier.EarlyIntervention, ServiceCategory.Education, centre, ou, 45, "Children 6–14"),
            S("ការថែទាំកុមារប្រកបដោយគុណភាព", "Quality child care", Tier.Universal, ServiceCategory.ChildCare, centre, ou.Take(3)),
            S("ការចុះបញ្ជីកំណើត", "Birth registration and ID documents", Tier.EarlyIntervention, ServiceCategory.IdDocumentation, commune, ou),
            S("ប្រាក់ឧបត្ថម្ភសម្រាប់តម្រូវការមូលដ្ឋាន", "Support payments for basic needs", Tier.EarlyIntervention, ServiceCategory.SupportPayments, commune, ou),
            S("ចំណេះដឹងហិរញ្ញវត្ថុ", "Financial literacy and savings groups", Tier.EarlyIntervention, ServiceCategory.FinancialLiteracy, centre, ou),
            S("បណ្តុះបណ្តាលវិជ្ជាជីវៈ", "Vocational training", Tier.EarlyIntervention, ServiceCategory.VocationalTraining, training, both, 20, "Youth 15–24 and caregivers"),
            S("ការបង្កើតប្រាក់ចំណូល", "Income generation (small business start-up)", Tier.EarlyIntervention, ServiceCategory.IncomeGeneration, training, ou),
            S("ការថែទាំដោយសាច់ញាតិ", "Kinship care support", Tier.Crisis, ServiceCategory.KinshipCare, kinship, ou.Concat(sp)),
            S("ការធ្វើសមាហរណកម្មគ្រួសារ", "Family reintegration", Tier.Crisis, ServiceCategory.FamilyReintegration, kinship, both),
            S("ខ្សែទូរស័ព្ទជំនួយកុមារ ១២៨០", "Child helpline 1280", Tier.Crisis, ServiceCategory.Hotline, hotline, both),
            S("គ្លីនិកសុខភាពភូមិ ស្វាយប៉ោ", "Village health clinic (Svay Pao)", Tier.Universal, ServiceCategory.Health, svayHealth, sp),
        };
        db.Services.AddRange(services);
        db.ServiceProviderUsers.Add(new ServiceProviderUser { UserName = "provider.healthcentre", Provider = health });

        var now = clock.UtcNow;
        var year = clock.Today.Year;
        // Set by the demo administrator at the start of the year, as a commune would on /Admin/Budgets and /Admin/ApprovalLimits.
        var setAt = clock.StartOfDayUtc(new DateOnly(year, 1, 2));
        db.ApproverLimits.AddRange(
            new ApproverLimit { Role = Roles.Ccwc, Currency = Currency.KHR, MaxAmountMinor = 2_000_000, SetBy = "admin", SetAt = setAt },
            new ApproverLimit { Role = Roles.Ccwc, Currency = Currency.USD, MaxAmountMinor = 500_00, SetBy = "admin", SetAt = setAt },
            new ApproverLimit { Role = Roles.SeniorSocialWorker, Currency = Currency.KHR, MaxAmountMinor = 400_000, SetBy = "admin", SetAt = setAt },
            new ApproverLimit { Role = Roles.SeniorSocialWorker, Currency = Currency.USD, MaxAmountMinor = 100_00, SetBy = "admin", SetAt = setAt });
        db.CommuneBudgets.AddRange(
            new CommuneBudget { CommuneId = ouChar.Id, Year = year, Currency = Currency.KHR, AmountMinor = 40_000_000, SetBy = "admin", SetAt = setAt },
            new CommuneBudget { CommuneId = ouChar.Id, Year = year, Currency = Currency.USD, AmountMinor = 5_000_00, SetBy = "admin", SetAt = setAt },
            new CommuneBudget { CommuneId = svayPao.Id, Year = year, Currency = Currency.KHR, AmountMinor = 30_000_000, SetBy = "admin", SetAt = setAt },
            new CommuneBudget { CommuneId = svayPao.Id, Year = year, Currency = Currency.USD, AmountMinor = 3_000_00, SetBy = "admin", SetAt = setAt });
        // Families in Ou Char's last village drink and fight: the network asked for an alcohol support group nobody runs there.
        db.ServiceGapReports.Add(new ServiceGapReport
        {
            VillageId = ou[^1], Category = ServiceCategory.AddictionSupport, ReportedBy = "ouchar.member1", ReportedAt = now.AddDays(-20),
            Description = "ឪពុកច្រើននាក់ស្រវឹងរាល់ល្ងាច គ្មានក្រុមគាំទ្រស្រាក្នុងភូមិទេ។",
        });
        await db.SaveChangesAsync();

        var cases = await db.Cases.Where(c => ou.Contains(c.VillageId)).OrderBy(c => c.Id).Take(3)
            .Select(c => new { c.Id, c.HouseholdId, Child = db.ReferralChildren.Where(r => r.ReferralId == c.ReferralId).Select(r => (int?)r.PersonId).FirstOrDefault() })
            .ToListAsync();
        if (cases.Count < 3) return;
        var today = clock.Today;
        db.ServiceReferrals.AddRange(
            new ServiceReferral
            {
                CaseId = cases[0].Id, PersonId = cases[0].Child, Service = healthSupport, Request = "Check-up and treatment for a cough that has lasted a month.",
                Status = ServiceReferralStatus.Delivered, SentBy = "ouchar.senior", SentAt = now.AddDays(-30), RespondBy = today.AddDays(-23),
                RespondedBy = "provider.healthcentre", RespondedAt = now.AddDays(-28), DeliveredOn = today.AddDays(-21), Outcome = "Treated; follow-up visit in one month.",
            },
            new ServiceReferral
            {
                CaseId = cases[1].Id, PersonId = cases[1].Child, Service = nutrition, Request = "Weekly nutrition support for an underweight child.",
                Status = ServiceReferralStatus.Sent, SentBy = "ouchar.senior", SentAt = now.AddDays(-10), RespondBy = today.AddDays(-3),
            },
            new ServiceReferral
            {
                CaseId = cases[2].Id, PersonId = cases[2].Child, Service = counsel, Request = "Counselling for the mother after violence at home.",
                Status = ServiceReferralStatus.Declined, SentBy = "ouchar.senior", SentAt = now.AddDays(-12), RespondBy = today.AddDays(-5),
                RespondedBy = "counsellor", RespondedAt = now.AddDays(-11), DeclineReason = "Our two counsellors are fully booked until next quarter.", DeclinedForCapacity = true,
            });
        MaterialSupportRequest R(int i, SupportItem item, int qty, long unit, Currency cur, SupportStatus status, string by) => new()
        {
            CaseId = cases[i].Id, HouseholdId = cases[i].HouseholdId, Item = item, Quantity = qty, Currency = cur, UnitCostMinor = unit, AmountMinor = qty * unit,
            Status = status, RequestedBy = by, RequestedAt = now.AddDays(-14),
            DecidedBy = status == SupportStatus.Requested ? null : "ouchar.ccwc", DecidedAt = status == SupportStatus.Requested ? null : now.AddDays(-12),
            DisbursedOn = status == SupportStatus.Disbursed ? today.AddDays(-7) : null, ReceivedBy = status == SupportStatus.Disbursed ? "Mother" : null,
            ReceiptNote = status == SupportStatus.Disbursed ? "Thumbprint on the receipt form" : null,
            DisbursementRecordedBy = status == SupportStatus.Disbursed ? "ouchar.senior" : null,
        };
        db.MaterialSupportRequests.AddRange(
            R(0, SupportItem.Rice, 50, 3_000, Currency.KHR, SupportStatus.Approved, "ouchar.senior"),
            R(0, SupportItem.Bicycle, 1, 70_00, Currency.USD, SupportStatus.Disbursed, "ouchar.senior"),
            R(1, SupportItem.SchoolUniform, 2, 25_000, Currency.KHR, SupportStatus.Requested, "ouchar.senior"));
        await db.SaveChangesAsync();
        await History2023Async(db, ouChar, [healthSupport, nutrition, services[7], services[9], services[11], services[12]], clock);
    }

    /// <summary>
    /// Ou Char's cases opened in 2023 each got one service in their first month and a sack of rice; every third a
    /// school uniform. Requested by the Senior social worker, approved by the CCWC, paid within the year (and
    /// before the case closed).
    /// </summary>
    private static async Task History2023Async(HiveDbContext db, Commune ouChar, IReadOnlyList<Service> services, HiveClock clock)
    {
        var from = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(2023, 12, 20, 0, 0, 0, DateTimeKind.Utc);
        var cases = await db.Cases.Where(c => c.Village!.CommuneId == ouChar.Id && c.OpenedAt >= from && c.OpenedAt < end).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.HouseholdId, c.OpenedAt, c.ClosedAt, Child = db.ReferralChildren.Where(r => r.ReferralId == c.ReferralId).Select(r => (int?)r.PersonId).FirstOrDefault() })
            .ToListAsync();
        db.CommuneBudgets.AddRange(
            new CommuneBudget { CommuneId = ouChar.Id, Year = 2023, Currency = Currency.KHR, AmountMinor = 30_000_000, SetBy = "admin", SetAt = from },
            new CommuneBudget { CommuneId = ouChar.Id, Year = 2023, Currency = Currency.USD, AmountMinor = 3_000_00, SetBy = "admin", SetAt = from });
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var last = new[] { c.ClosedAt ?? end, end }.Min();
            DateTime At(int days) => new[] { c.OpenedAt.AddDays(days), last.AddDays(-1) }.Min();
            var sent = At(7);
            var delivered = clock.DayOf(At(18));
            db.ServiceReferrals.Add(new ServiceReferral
            {
                CaseId = c.Id, PersonId = c.Child, Service = services[i % services.Count], Request = "Support agreed in the safety plan.",
                Status = ServiceReferralStatus.Closed, SentBy = "ouchar.senior", SentAt = sent, RespondBy = ServiceReferralFlow.RespondBy(clock.DayOf(sent)),
                RespondedBy = "provider", RespondedAt = sent.AddDays(2), DeliveredOn = delivered, Outcome = "Delivered as planned.", ClosedAt = At(20),
            });
            MaterialSupportRequest Paid(SupportItem item, int quantity, long unit) => new()
            {
                CaseId = c.Id, HouseholdId = c.HouseholdId, Item = item, Quantity = quantity, Currency = Currency.KHR, UnitCostMinor = unit,
                AmountMinor = quantity * unit, Status = SupportStatus.Disbursed, RequestedBy = "ouchar.senior", RequestedAt = At(5),
                DecidedBy = "ouchar.ccwc", DecidedAt = At(6), DisbursedOn = clock.DayOf(At(9)), ReceivedBy = "Mother",
                ReceiptNote = "Thumbprint on the receipt form", DisbursementRecordedBy = "ouchar.senior",
            };
            db.MaterialSupportRequests.Add(Paid(SupportItem.Rice, 50, 3_000));
            if (i % 3 == 0) db.MaterialSupportRequests.Add(Paid(SupportItem.SchoolUniform, 2, 25_000));
        }
        await db.SaveChangesAsync();
    }
}
