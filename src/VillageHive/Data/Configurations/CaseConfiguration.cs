using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal static class TextLength
{
    public const int Name = 200;
    public const int User = 256;
    public const int Short = 500;
    public const int Long = 4000;
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.Property(x => x.LeadWorker).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.ReferralId).IsUnique();
        b.HasIndex(x => new { x.VillageId, x.Status });
        b.HasIndex(x => x.LeadWorker);
        b.HasOne(x => x.Referral).WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Team).WithOne(t => t.Case).HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTeamMemberConfiguration : IEntityTypeConfiguration<CaseTeamMember>
{
    public void Configure(EntityTypeBuilder<CaseTeamMember> b)
    {
        b.HasKey(x => new { x.CaseId, x.UserName });
        b.Property(x => x.UserName).HasMaxLength(TextLength.User);
        b.Property(x => x.AddedBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => x.UserName);
    }
}

internal sealed class CaseTransitionConfiguration : IEntityTypeConfiguration<CaseTransition>
{
    public void Configure(EntityTypeBuilder<CaseTransition> b)
    {
        b.Property(x => x.By).HasMaxLength(TextLength.User);
        b.Property(x => x.Reason).HasMaxLength(TextLength.Long);
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseEscalationConfiguration : IEntityTypeConfiguration<CaseEscalation>
{
    public void Configure(EntityTypeBuilder<CaseEscalation> b)
    {
        b.Property(x => x.RequestedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.AcceptedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Reason).HasMaxLength(TextLength.Long);
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTransferConfiguration : IEntityTypeConfiguration<CaseTransfer>
{
    public void Configure(EntityTypeBuilder<CaseTransfer> b)
    {
        b.Property(x => x.RequestedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.DecidedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Reason).HasMaxLength(TextLength.Long);
        b.Property(x => x.DecisionNote).HasMaxLength(TextLength.Long);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => new { x.ToCommuneId, x.Accepted });
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ToCommune).WithMany().HasForeignKey(x => x.ToCommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    private static readonly string[] Scales = ["WorkerScale", "FamilyScale", "NetworkScale", "ChildScale"];

    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        foreach (var p in new[] { nameof(Assessment.Harm), nameof(Assessment.Danger), nameof(Assessment.ComplicatingFactors),
                     nameof(Assessment.Strengths), nameof(Assessment.ExistingSafety), nameof(Assessment.NextSteps),
                     nameof(Assessment.DangerStatements), nameof(Assessment.HouseOfWorries), nameof(Assessment.HouseOfGoodThings),
                     nameof(Assessment.HouseOfDreams), nameof(Assessment.ApprovalNote) })
            b.Property(p).HasMaxLength(TextLength.Long);
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.ApprovedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CaseId, x.Number }).IsUnique();
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.SafetyGoals).WithOne(g => g.Assessment).HasForeignKey(g => g.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t =>
        {
            foreach (var scale in Scales)
                t.HasCheckConstraint($"CK_Assessments_{scale}", $"\"{scale}\" IS NULL OR (\"{scale}\" >= 0 AND \"{scale}\" <= 10)");
        });
    }
}

internal sealed class SafetyGoalConfiguration : IEntityTypeConfiguration<SafetyGoal>
{
    public void Configure(EntityTypeBuilder<SafetyGoal> b)
    {
        b.Property(x => x.Text).HasMaxLength(TextLength.Short);
        b.HasIndex(x => x.CaseId);
    }
}

internal sealed class FamilyNetworkMemberConfiguration : IEntityTypeConfiguration<FamilyNetworkMember>
{
    public void Configure(EntityTypeBuilder<FamilyNetworkMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(TextLength.Name);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.RoleInPlan).HasMaxLength(TextLength.Short);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupportPlanConfiguration : IEntityTypeConfiguration<SupportPlan>
{
    public void Configure(EntityTypeBuilder<SupportPlan> b)
    {
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.ApprovedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.ChangeReason).HasMaxLength(TextLength.Long);
        b.Property(x => x.PresentAtAgreement).HasMaxLength(TextLength.Short);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CaseId, x.Number }).IsUnique();
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Goals).WithOne(g => g.Plan).HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Actions).WithOne(a => a.Plan).HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> b)
    {
        b.Property(x => x.Text).HasMaxLength(TextLength.Short);
        b.HasOne(x => x.SafetyGoal).WithMany().HasForeignKey(x => x.SafetyGoalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> b)
    {
        b.Property(x => x.Text).HasMaxLength(TextLength.Short);
        b.Property(x => x.OwnerWorker).HasMaxLength(TextLength.User);
        b.Property(x => x.OwnerProvider).HasMaxLength(TextLength.Name);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Status, x.DueOn });
        b.HasOne(x => x.OwnerNetworkMember).WithMany().HasForeignKey(x => x.OwnerNetworkMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.Property(x => x.Place).HasMaxLength(TextLength.Name);
        b.Property(x => x.WhoWasSeen).HasMaxLength(TextLength.Short);
        b.Property(x => x.Observations).HasMaxLength(TextLength.Long);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.ClientId).IsUnique();
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_Visits_WorkerScale", "\"WorkerScale\" IS NULL OR (\"WorkerScale\" >= 0 AND \"WorkerScale\" <= 10)"));
    }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> b)
    {
        b.Property(x => x.Text).HasMaxLength(TextLength.Long);
        b.Property(x => x.WrittenBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.ClientId).IsUnique();
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTaskConfiguration : IEntityTypeConfiguration<CaseTask>
{
    public void Configure(EntityTypeBuilder<CaseTask> b)
    {
        b.Property(x => x.Text).HasMaxLength(TextLength.Short);
        b.Property(x => x.AssignedTo).HasMaxLength(TextLength.User);
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.DoneBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CaseId, x.DoneAt });
        b.HasIndex(x => new { x.DueOn, x.DoneAt });
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseReviewConfiguration : IEntityTypeConfiguration<CaseReview>
{
    public void Configure(EntityTypeBuilder<CaseReview> b)
    {
        b.Property(x => x.ReviewedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Summary).HasMaxLength(TextLength.Long);
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Progress).WithOne().HasForeignKey(p => p.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewGoalProgressConfiguration : IEntityTypeConfiguration<ReviewGoalProgress>
{
    public void Configure(EntityTypeBuilder<ReviewGoalProgress> b)
    {
        b.HasKey(x => new { x.ReviewId, x.PlanGoalId });
        b.Property(x => x.Note).HasMaxLength(TextLength.Short);
        b.HasOne(x => x.PlanGoal).WithMany().HasForeignKey(x => x.PlanGoalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseConferenceConfiguration : IEntityTypeConfiguration<CaseConference>
{
    public void Configure(EntityTypeBuilder<CaseConference> b)
    {
        b.Property(x => x.Place).HasMaxLength(TextLength.Name);
        b.Property(x => x.Decisions).HasMaxLength(TextLength.Long);
        b.Property(x => x.FollowUps).HasMaxLength(TextLength.Long);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.ConferenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConferenceParticipantConfiguration : IEntityTypeConfiguration<ConferenceParticipant>
{
    public void Configure(EntityTypeBuilder<ConferenceParticipant> b)
    {
        b.Property(x => x.UserName).HasMaxLength(TextLength.User);
        b.Property(x => x.Name).HasMaxLength(TextLength.Name);
        b.Property(x => x.Role).HasMaxLength(TextLength.Name);
        // Commune officials' case list asks "which conferences did I attend".
        b.HasIndex(x => x.UserName);
    }
}

internal sealed class CaseClosureConfiguration : IEntityTypeConfiguration<CaseClosure>
{
    public void Configure(EntityTypeBuilder<CaseClosure> b)
    {
        b.Property(x => x.Note).HasMaxLength(TextLength.Long);
        b.Property(x => x.OpenActionsReason).HasMaxLength(TextLength.Long);
        b.Property(x => x.ReopenReason).HasMaxLength(TextLength.Long);
        b.Property(x => x.ClosedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.ReopenedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.DecidedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.ReturnReason).HasMaxLength(TextLength.Long);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseId);
        // One closure proposal waits at a time: a second one sent at the same moment is refused by the database.
        b.HasIndex(x => x.CaseId, "IX_CaseClosures_Proposed").IsUnique().HasFilter("\"Status\" = 1");
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.GoalOutcomes).WithOne().HasForeignKey(o => o.ClosureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClosureGoalOutcomeConfiguration : IEntityTypeConfiguration<ClosureGoalOutcome>
{
    public void Configure(EntityTypeBuilder<ClosureGoalOutcome> b)
    {
        b.HasKey(x => new { x.ClosureId, x.PlanGoalId });
        b.HasOne(x => x.PlanGoal).WithMany().HasForeignKey(x => x.PlanGoalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseAssignmentConfiguration : IEntityTypeConfiguration<CaseAssignment>
{
    public void Configure(EntityTypeBuilder<CaseAssignment> b)
    {
        b.Property(x => x.FromUser).HasMaxLength(TextLength.User);
        b.Property(x => x.ToUser).HasMaxLength(TextLength.User);
        b.Property(x => x.ChangedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Reason).HasMaxLength(CaseAssignments.MaxReason);
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
