using System.Globalization;
using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// Each commune's service catalogue (health centre, school, commune council, a family-support NGO) and its cases'
/// referrals to those services; material support and monthly support payments, every one approved or rejected by the
/// commune's supervisor (never by the worker who asked), disbursed with a receipt when approved; approver limits
/// and yearly budgets so that the ledger has something to hold them against.
/// </summary>
public sealed class ServiceGenerator : IScaleGenerator
{
    private static readonly (string Km, string En, Tier Tier, ServiceCategory Category, int Provider)[] Catalogue =
    [
        ("ជំនួយថែទាំសុខភាព", "Health-care support", Tier.EarlyIntervention, ServiceCategory.Health, 0),
        ("អាហារូបត្ថម្ភកុមារ", "Child nutrition", Tier.EarlyIntervention, ServiceCategory.Nutrition, 0),
        ("កម្មវិធីក្រោយម៉ោងសិក្សា", "After-school programme", Tier.EarlyIntervention, ServiceCategory.Education, 1),
        ("ការចុះបញ្ជីកំណើត", "Birth registration", Tier.EarlyIntervention, ServiceCategory.IdDocumentation, 2),
        ("ប្រាក់ឧបត្ថម្ភសម្រាប់តម្រូវការមូលដ្ឋាន", "Support payments", Tier.EarlyIntervention, ServiceCategory.SupportPayments, 2),
        ("ការប្រឹក្សាគ្រួសារ", "Family counselling", Tier.Crisis, ServiceCategory.Counselling, 3),
        ("ការថែទាំដោយសាច់ញាតិ", "Kinship care support", Tier.Crisis, ServiceCategory.KinshipCare, 3),
    ];

    private static readonly string[] ProviderNames = ["Health Centre", "Primary School", "Commune Council (CCWC)", "Family Support NGO"];

    private static readonly SupportItem[] Items = [SupportItem.Rice, SupportItem.SchoolUniform, SupportItem.SchoolMaterials, SupportItem.Bicycle, SupportItem.HygieneKit, SupportItem.EmergencyCash];

    public void Generate(ScaleContext context, CommuneChunk chunk)
    {
        if (chunk.Cases.Count == 0 && chunk.Households.Count == 0) return;
        var r = chunk.RandomFor(context, 4);
        var rows = context.Rows;
        // A monthly payment refers to its schedule, and single requests come first in a case: write schedules first.
        rows.Order<SupportPaymentSchedule>().Order<MaterialSupportRequest>();
        var ids = context.Ids;
        var first = chunk.Villages[0];
        var code = first.CommuneCode;
        if (chunk.Index == 0)
        {
            // The same limits as the demo: a Senior social worker approves up to 400,000 riel, the CCWC 2,000,000.
            var setAt = context.Plan.From;
            rows.Add(new ApproverLimit { Id = ids.Next<ApproverLimit>(), Role = Roles.Ccwc, Currency = Currency.KHR, MaxAmountMinor = 2_000_000, SetBy = "admin", SetAt = setAt });
            rows.Add(new ApproverLimit { Id = ids.Next<ApproverLimit>(), Role = Roles.Ccwc, Currency = Currency.USD, MaxAmountMinor = 500_00, SetBy = "admin", SetAt = setAt });
            rows.Add(new ApproverLimit { Id = ids.Next<ApproverLimit>(), Role = Roles.SeniorSocialWorker, Currency = Currency.KHR, MaxAmountMinor = 400_000, SetBy = "admin", SetAt = setAt });
            rows.Add(new ApproverLimit { Id = ids.Next<ApproverLimit>(), Role = Roles.SeniorSocialWorker, Currency = Currency.USD, MaxAmountMinor = 100_00, SetBy = "admin", SetAt = setAt });
        }
        for (var year = context.Plan.From.Year; year <= context.Now.Year; year++)
            rows.Add(new CommuneBudget { Id = ids.Next<CommuneBudget>(), CommuneId = first.CommuneId, Year = year, Currency = Currency.KHR, AmountMinor = 30_000_000 + (r.Next(0, 20) * 1_000_000),
                SetBy = "admin", SetAt = new DateTime(year, 1, 2, 0, 0, 0, DateTimeKind.Utc) });

        var providers = ProviderNames
            .Select(name => new ProviderOrganisation
            {
                Id = ids.Next<ProviderOrganisation>(),
                Name = $"{name} {code}",
                ContactName = "Focal person",
                Phone = $"0{r.Next(10, 99)}{r.Next(100000, 999999)}",
            }).ToArray();
        foreach (var p in providers) rows.Add(p);
        var services = new List<Service>();
        foreach (var (km, en, tier, category, provider) in Catalogue)
        {
            var service = new Service
            {
                Id = ids.Next<Service>(),
                NameKm = km,
                NameEn = en,
                Tier = tier,
                Category = category,
                ProviderId = providers[provider].Id,
                Capacity = tier == Tier.Crisis ? r.Next(2, 6) : null,
            };
            rows.Add(service);
            services.Add(service);
            foreach (var v in chunk.Villages)
                rows.Add(new ServiceCoverage { ServiceId = service.Id, VillageId = v.Id });
        }

        foreach (var c in chunk.Cases)
        {
            var worker = ScaleContext.WorkerFor(c.Household.Village);
            var supervisor = ScaleContext.SupervisorFor(c.Household.Village);
            var end = c.ClosedAt ?? context.Now;
            var span = Math.Max(1, (end - c.OpenedAt).TotalDays);
            var provider = $"provider.{code}";

            // One to three service referrals a case, from its first weeks on.
            var referrals = r.Next(1, 4);
            for (var i = 0; i < referrals; i++)
            {
                var sent = c.OpenedAt.AddDays(Math.Min(span * 0.9, 7 + (r.NextDouble() * span)));
                var service = services[r.Next(services.Count)];
                var age = (context.Now - sent).TotalDays;
                var roll = r.NextDouble();
                var status = age < 7 ? (roll < 0.6 ? ServiceReferralStatus.Sent : ServiceReferralStatus.Accepted)
                    : age < 45 ? (roll < 0.15 ? ServiceReferralStatus.Declined : roll < 0.6 ? ServiceReferralStatus.Accepted : ServiceReferralStatus.Delivered)
                    : (roll < 0.1 ? ServiceReferralStatus.Declined : roll < 0.3 ? ServiceReferralStatus.Delivered : ServiceReferralStatus.Closed);
                var responded = sent.AddDays(r.Next(1, 7));
                var delivered = context.DayOf(responded.AddDays(r.Next(3, 30)));
                if (delivered > context.Today) delivered = context.Today;
                rows.Add(new ServiceReferral
                {
                    Id = ids.Next<ServiceReferral>(),
                    CaseId = c.Id,
                    ServiceId = service.Id,
                    Request = $"{service.NameEn} for the family",
                    PersonId = c.Household.ChildIds.Length > 0 ? c.Household.ChildIds[r.Next(c.Household.ChildIds.Length)] : null,
                    Status = status,
                    SentBy = worker,
                    SentAt = sent,
                    RespondBy = ServiceReferralFlow.RespondBy(context.DayOf(sent)),
                    RespondedBy = status == ServiceReferralStatus.Sent ? null : provider,
                    RespondedAt = status == ServiceReferralStatus.Sent ? null : responded,
                    DeclineReason = status == ServiceReferralStatus.Declined ? "No places this month" : null,
                    DeclinedForCapacity = status == ServiceReferralStatus.Declined,
                    DeliveredOn = status is ServiceReferralStatus.Delivered or ServiceReferralStatus.Closed ? delivered : null,
                    Outcome = status is ServiceReferralStatus.Delivered or ServiceReferralStatus.Closed ? "Delivered as agreed" : null,
                    ClosedAt = status == ServiceReferralStatus.Closed ? context.At(delivered, new TimeOnly(16, 0)) : null,
                });
            }

            // Material support for about half the families, each request decided by the supervisor.
            if (r.Next(2) == 0)
            {
                var requests = r.Next(1, 4);
                for (var i = 0; i < requests; i++)
                {
                    var item = Items[r.Next(Items.Length)];
                    var at = c.OpenedAt.AddDays(r.NextDouble() * span);
                    var unit = item switch
                    {
                        SupportItem.Rice => 100_000L,
                        SupportItem.Bicycle => 280_000L,
                        SupportItem.EmergencyCash => 200_000L,
                        _ => 40_000L,
                    };
                    var quantity = item is SupportItem.Bicycle or SupportItem.EmergencyCash ? 1 : r.Next(1, 4);
                    AddPayment(context, r, c, worker, supervisor, item, quantity, unit, at, null, null);
                }
            }

            // Monthly cash for basic needs for one family in eight: a schedule, approved, and a payment each month.
            if (r.Next(8) == 0 && span > 60)
            {
                var start = context.DayOf(c.OpenedAt.AddDays(30));
                var months = r.Next(3, 13);
                var endOn = start.AddMonths(months);
                var ended = endOn <= context.Today || c.ClosedAt is not null;
                var scheduleEnd = c.ClosedAt is { } closed && context.DayOf(closed) < endOn ? context.DayOf(closed) : endOn;
                var requestedAt = c.OpenedAt.AddDays(r.Next(20, 29));
                var schedule = new SupportPaymentSchedule
                {
                    Id = ids.Next<SupportPaymentSchedule>(),
                    CaseId = c.Id,
                    HouseholdId = c.Household.Id,
                    Currency = Currency.KHR,
                    AmountMinor = 120_000,
                    StartOn = start,
                    EndOn = scheduleEnd,
                    EndReason = ended ? "Plan period over" : null,
                    Status = ended && scheduleEnd <= context.Today ? ScheduleStatus.Ended : ScheduleStatus.Approved,
                    RequestedBy = worker,
                    RequestedAt = requestedAt,
                    DecidedBy = supervisor,
                    DecidedAt = requestedAt.AddDays(r.Next(1, 4)),
                };
                if (requestedAt > context.Now) continue;
                rows.Add(schedule);
                foreach (var month in SupportRules.MonthsDue(start, scheduleEnd, context.Today))
                    AddPayment(context, r, c, worker, supervisor, SupportItem.CashBasicNeeds, 1, schedule.AmountMinor,
                        context.At(month, new TimeOnly(9, 0)), schedule.Id, month, approved: true);
            }
        }
    }

    private static void AddPayment(ScaleContext context, Random r, CaseFacts c, string worker, string supervisor, SupportItem item,
        int quantity, long unitMinor, DateTime requestedAt, int? scheduleId, DateOnly? period, bool approved = false)
    {
        if (requestedAt > context.Now) return;
        var age = (context.Now - requestedAt).TotalDays;
        var roll = r.NextDouble();
        // Recent requests may still wait; one in ten is rejected; approved ones are handed over within two weeks.
        var status = approved ? SupportStatus.Disbursed
            : age < 5 && roll < 0.5 ? SupportStatus.Requested
            : roll < 0.1 ? SupportStatus.Rejected
            : age < 14 && roll < 0.4 ? SupportStatus.Approved
            : SupportStatus.Disbursed;
        var decidedAt = requestedAt.AddHours(r.Next(2, 72));
        if (decidedAt > context.Now) decidedAt = context.Now.AddMinutes(-1);
        var disbursed = context.DayOf(decidedAt.AddDays(r.Next(0, 10)));
        if (disbursed > context.Today) disbursed = context.Today;
        context.Rows.Add(new MaterialSupportRequest
        {
            Id = context.Ids.Next<MaterialSupportRequest>(),
            CaseId = c.Id,
            HouseholdId = c.Household.Id,
            Item = item,
            Description = item == SupportItem.CashBasicNeeds ? $"Monthly support {period?.ToString("yyyy-MM", CultureInfo.InvariantCulture)}" : null,
            Quantity = quantity,
            Currency = Currency.KHR,
            UnitCostMinor = unitMinor,
            AmountMinor = unitMinor * quantity,
            Status = status,
            RequestedBy = worker,
            RequestedAt = requestedAt,
            DecidedBy = status == SupportStatus.Requested ? null : supervisor,
            DecidedAt = status == SupportStatus.Requested ? null : decidedAt,
            DecisionNote = status == SupportStatus.Rejected ? "Another service covers this" : null,
            DisbursedOn = status == SupportStatus.Disbursed ? disbursed : null,
            ReceivedBy = status == SupportStatus.Disbursed ? c.Household.HeadName : null,
            ReceiptNote = status == SupportStatus.Disbursed ? "Thumbprint on the receipt" : null,
            DisbursementRecordedBy = status == SupportStatus.Disbursed ? worker : null,
            ScheduleId = scheduleId,
            PeriodStart = period,
        });
    }
}
