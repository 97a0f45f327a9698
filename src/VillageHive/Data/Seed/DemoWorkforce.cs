using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// The demo's workforce and handover (issue 22): Ou Char's team trained in 2020–2021 by the senior social worker (the
/// curriculum's eight modules), taken into the public sector at the handover of December 2022 and supervised every
/// month since; Svay Pao's team from 2022, one worker not yet competent in counselling. Ou Char's readiness checklist
/// was confirmed by its CCWC before the handover and reviewed by the district; Svay Pao's is half done. Supervision
/// runs up to the commune clock's today with the next sessions still ahead, so the demo's work lists are unchanged.
/// </summary>
public static class DemoWorkforce
{
    public const string Trainer = "លីលី (Lyly, CCT senior social worker)";

    public static async Task SeedAsync(HiveDbContext db, Commune ouChar, Commune svayPao, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ouChar);
        ArgumentNullException.ThrowIfNull(svayPao);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        var today = clock.Today;
        var modules = await db.TrainingModules.OrderBy(m => m.Order).ToListAsync();

        TrainingRecord T(int commune, string worker, TrainingModule m, DateOnly start, TrainingResult result = TrainingResult.Competent) => new()
        {
            CommuneId = commune, Worker = worker, ModuleId = m.Id, StartedOn = start, CompletedOn = start.AddDays(4), Trainer = Trainer,
            Result = result, RecordedBy = "ouchar.senior", RecordedAt = now,
        };
        // Ou Char: one module a month from co-creation (October 2020) for the village workers and the CCWC.
        foreach (var worker in new[] { "ouchar.vbsw1", "ouchar.vbsw2", "ouchar.ccwc" })
            db.TrainingRecords.AddRange(modules.Select((m, i) => T(ouChar.Id, worker, m, new DateOnly(2020, 11, 2).AddMonths(i))));
        db.TrainingRecords.AddRange(modules.Select((m, i) => T(ouChar.Id, "ouchar.senior", m, new DateOnly(2020, 10, 5).AddDays(7 * i))));
        // Svay Pao: the core modules and case management in 2022–2023; counselling still to be passed by its village worker.
        foreach (var m in modules.Where(m => m.Core || m.Code == "CM1"))
        {
            db.TrainingRecords.Add(T(svayPao.Id, "svaypao.ccwc", m, new DateOnly(2022, 8, 1).AddMonths(m.Order)));
            db.TrainingRecords.Add(T(svayPao.Id, "svaypao.vbsw1", m, new DateOnly(2022, 8, 15).AddMonths(m.Order),
                m.Code == "CO1" ? TrainingResult.NotYetCompetent : TrainingResult.Competent));
        }

        // Staff movements: joined at co-creation, transferred to the commune's public service at the handover.
        StaffMovement Move(int commune, string worker, StaffMovementKind kind, DateOnly on, string? note = null) => new()
        {
            CommuneId = commune, Worker = worker, Kind = kind, On = on, Note = note, RecordedBy = "ouchar.senior", RecordedAt = now,
        };
        foreach (var worker in new[] { "ouchar.senior", "ouchar.vbsw1", "ouchar.vbsw2" })
        {
            db.StaffMovements.Add(Move(ouChar.Id, worker, StaffMovementKind.Joined, new DateOnly(2020, 10, 1)));
            db.StaffMovements.Add(Move(ouChar.Id, worker, StaffMovementKind.TransferredToPublicSector, new DateOnly(2022, 12, 15), "Handover to Ou Char commune council"));
        }
        db.StaffMovements.Add(Move(svayPao.Id, "svaypao.vbsw1", StaffMovementKind.Joined, new DateOnly(2022, 6, 1)));

        // Supervision every four weeks over the last half year; the next sessions lie ahead of today.
        var ouCases = await db.Cases.Where(c => c.Village!.CommuneId == ouChar.Id && c.Status != CaseStatus.Closed)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.LeadWorker }).Take(6).ToListAsync();
        void Supervise(int commune, string supervisor, string worker, int offset, IReadOnlyList<int> cases)
        {
            for (var i = 6; i >= 1; i--)
            {
                var held = today.AddDays(-28 * i + offset);
                db.SupervisionSessions.Add(new SupervisionSession
                {
                    CommuneId = commune, Supervisor = supervisor, Worker = worker, HeldOn = held, NextOn = held.AddDays(28),
                    AgreedActions = i == 1 ? "ចុះសួរសុខទុក្ខគ្រួសារដែលមានហានិភ័យខ្ពស់ម្ដងក្នុងមួយសប្ដាហ៍ · Visit the high-risk families weekly; update the safety plans."
                        : "ពិនិត្យផែនការសុវត្ថិភាព · Review the safety plans with the family networks.",
                    RecordedBy = supervisor, RecordedAt = now,
                    Cases = [.. cases.Skip(i % 2).Take(2).Select(c => new SupervisionCase { CaseId = c })],
                });
            }
        }
        var caseIds = ouCases.Select(c => c.Id).ToList();
        Supervise(ouChar.Id, "ouchar.senior", "ouchar.vbsw1", 14, caseIds);
        Supervise(ouChar.Id, "ouchar.senior", "ouchar.vbsw2", 16, caseIds);
        Supervise(svayPao.Id, "svaypao.ccwc", "svaypao.vbsw1", 20, []);

        // The ceilings the communes set.
        foreach (var hive in await db.Hives.Where(h => h.CommuneId == ouChar.Id || h.CommuneId == svayPao.Id).ToListAsync())
            hive.CaseloadCeiling = hive.CommuneId == ouChar.Id ? 25 : 20;

        // Readiness: Ou Char confirmed everything before the handover, the district reviewed it; Svay Pao half way.
        ReadinessConfirmation R(int commune, ReadinessItem item, string evidence, string by, DateTime at, bool reviewed) => new()
        {
            CommuneId = commune, Item = item, Evidence = evidence, ConfirmedBy = by, ConfirmedAt = at,
            ReviewedBy = reviewed ? "district.manager" : null, ReviewedAt = reviewed ? at.AddDays(10) : null,
        };
        var confirmed = new DateTime(2022, 11, 20, 3, 0, 0, DateTimeKind.Utc);
        db.ReadinessConfirmations.AddRange(
            R(ouChar.Id, ReadinessItem.StaffTrained, "One primary social worker (CCWC) leads the team; the village workers completed the curriculum in 2021.", "ouchar.ccwc", confirmed, true),
            R(ouChar.Id, ReadinessItem.BudgetLine, "ថវិកាឃុំឆ្នាំ ២០២៣ មានបន្ទាត់សម្រាប់សេវាសង្គម · The commune budget for 2023 has a social services line.", "ouchar.chief", confirmed, true),
            R(ouChar.Id, ReadinessItem.Policies, "Child protection policy and case management guidelines adopted by the council, November 2022.", "ouchar.chief", confirmed, true),
            R(ouChar.Id, ReadinessItem.CouncilTrained, "Commune chief and council members trained in child protection; they join high-risk case conferences.", "ouchar.ccwc", confirmed, true),
            R(ouChar.Id, ReadinessItem.ReferralNetwork, "Village chiefs, police chiefs and teachers refer in all six villages.", "ouchar.ccwc", confirmed, true),
            R(ouChar.Id, ReadinessItem.ServicesMapped, "Health centre, school, community centre and counselling mapped to each village.", "ouchar.ccwc", confirmed, true),
            R(ouChar.Id, ReadinessItem.FirstConsultation, "Village consultations held in all villages (Signs of Safety three columns).", "ouchar.ccwc", confirmed, true),
            R(ouChar.Id, ReadinessItem.RegularMeetings, "A clear plan and a monthly team meeting with the council.", "ouchar.chief", confirmed, true),
            R(svayPao.Id, ReadinessItem.StaffTrained, "CCWC and one village worker trained in the core modules.", "svaypao.ccwc", new DateTime(2023, 3, 1, 3, 0, 0, DateTimeKind.Utc), true),
            R(svayPao.Id, ReadinessItem.BudgetLine, "Social services line in the commune budget.", "svaypao.ccwc", new DateTime(2023, 3, 1, 3, 0, 0, DateTimeKind.Utc), true),
            R(svayPao.Id, ReadinessItem.Policies, "Child protection policy adopted by the council.", "svaypao.ccwc", new DateTime(2023, 5, 2, 3, 0, 0, DateTimeKind.Utc), false),
            R(svayPao.Id, ReadinessItem.RegularMeetings, "Monthly meeting with the council since January 2023.", "svaypao.ccwc", new DateTime(2023, 5, 2, 3, 0, 0, DateTimeKind.Utc), false));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
