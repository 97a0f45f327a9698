using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data;

/// <summary>
/// The one database of a Village Hive. Each provider has its own subclass only so that its
/// migrations live apart (Migrations/Sqlite, Migrations/Postgres); pages use this type.
/// </summary>
public abstract class HiveDbContext(DbContextOptions options) : IdentityDbContext<HiveUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>On SQLite (the type, not <c>Database.IsSqlite()</c>, which asks the context's services each time).</summary>
    public bool OnSqlite => this is SqliteHiveDbContext;

    /// <summary>The version of the row the person saw: <see cref="TrySaveAsync"/> refuses the save if the row has moved on since.</summary>
    public void ExpectVersion<T>(T entity, int version) where T : class =>
        Entry(entity).Property<int>("Version").OriginalValue = version;

    /// <summary>
    /// Saves, checking each changed row's version against the one the page was shown (every editable aggregate has
    /// one); false when someone else saved that row first, and the page shows both versions ("changed by someone else").
    /// </summary>
    public async Task<bool> TrySaveAsync()
    {
        try
        {
            await SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>
    /// Saves, and says why not when it could not: <see cref="SaveOutcome.Changed"/> when someone saved the row first (its
    /// version moved on), <see cref="SaveOutcome.Refused"/> when the database refused the rows (a unique index: the same
    /// thing added twice at the same moment). Nothing is saved in either case.
    /// </summary>
    public async Task<SaveOutcome> SaveOrRefuseAsync()
    {
        try
        {
            await SaveChangesAsync();
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveOutcome.Changed;
        }
        catch (DbUpdateException)
        {
            return SaveOutcome.Refused;
        }
    }

    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Hive> Hives => Set<Hive>();
    public DbSet<Installation> Installations => Set<Installation>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<PersonMove> PersonMoves => Set<PersonMove>();
    public DbSet<CareArrangement> CareArrangements => Set<CareArrangement>();
    public DbSet<SavedImportMapping> ImportMappings => Set<SavedImportMapping>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralChild> ReferralChildren => Set<ReferralChild>();
    public DbSet<ScreeningCriteriaVersion> ScreeningCriteriaVersions => Set<ScreeningCriteriaVersion>();
    public DbSet<ScreeningCriterion> ScreeningCriteria => Set<ScreeningCriterion>();
    public DbSet<Screening> Screenings => Set<Screening>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseTeamMember> CaseTeamMembers => Set<CaseTeamMember>();
    public DbSet<CaseTransition> CaseTransitions => Set<CaseTransition>();
    public DbSet<CaseAssignment> CaseAssignments => Set<CaseAssignment>();
    public DbSet<CaseEscalation> CaseEscalations => Set<CaseEscalation>();
    public DbSet<CaseTransfer> CaseTransfers => Set<CaseTransfer>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<SafetyGoal> SafetyGoals => Set<SafetyGoal>();
    public DbSet<FamilyNetworkMember> FamilyNetworkMembers => Set<FamilyNetworkMember>();
    public DbSet<SupportPlan> SupportPlans => Set<SupportPlan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<PlanAction> PlanActions => Set<PlanAction>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<CaseTask> CaseTasks => Set<CaseTask>();
    public DbSet<CaseReview> CaseReviews => Set<CaseReview>();
    public DbSet<ReviewGoalProgress> ReviewGoalProgress => Set<ReviewGoalProgress>();
    public DbSet<CaseConference> CaseConferences => Set<CaseConference>();
    public DbSet<ConferenceParticipant> ConferenceParticipants => Set<ConferenceParticipant>();
    public DbSet<CaseClosure> CaseClosures => Set<CaseClosure>();
    public DbSet<ClosureGoalOutcome> ClosureGoalOutcomes => Set<ClosureGoalOutcome>();
    /// <summary>Answers to the MoSVY form fields the case does not otherwise hold (Domain/MosvyForms.cs).</summary>
    public DbSet<FormAnswer> FormAnswers => Set<FormAnswer>();
    /// <summary>Form 2's dated domain scorings, kept over time.</summary>
    public DbSet<WellbeingScoring> WellbeingScorings => Set<WellbeingScoring>();
    public DbSet<WellbeingScore> WellbeingScores => Set<WellbeingScore>();
    public DbSet<HotlineCall> HotlineCalls => Set<HotlineCall>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();
    public DbSet<HouseholdMerge> HouseholdMerges => Set<HouseholdMerge>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityVillage> ActivityVillages => Set<ActivityVillage>();
    public DbSet<ActivitySession> ActivitySessions => Set<ActivitySession>();
    public DbSet<SessionAttendance> SessionAttendance => Set<SessionAttendance>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeYear> ProgrammeYears => Set<ProgrammeYear>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<ProgrammeAttendance> ProgrammeAttendance => Set<ProgrammeAttendance>();
    public DbSet<ProgrammeAttendanceMark> ProgrammeAttendanceMarks => Set<ProgrammeAttendanceMark>();
    public DbSet<SyncReceipt> SyncReceipts => Set<SyncReceipt>();
    public DbSet<AbsenceFollowUp> AbsenceFollowUps => Set<AbsenceFollowUp>();
    public DbSet<LearningSupport> LearningSupport => Set<LearningSupport>();
    public DbSet<ProviderOrganisation> ServiceProviders => Set<ProviderOrganisation>();
    public DbSet<ServiceProviderUser> ServiceProviderUsers => Set<ServiceProviderUser>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ServiceCoverage> ServiceCoverage => Set<ServiceCoverage>();
    public DbSet<ServiceReferral> ServiceReferrals => Set<ServiceReferral>();
    public DbSet<ServiceGapReport> ServiceGapReports => Set<ServiceGapReport>();
    public DbSet<MaterialSupportRequest> MaterialSupportRequests => Set<MaterialSupportRequest>();
    public DbSet<SupportPaymentSchedule> SupportPaymentSchedules => Set<SupportPaymentSchedule>();
    public DbSet<CommuneBudget> CommuneBudgets => Set<CommuneBudget>();
    public DbSet<ApproverLimit> ApproverLimits => Set<ApproverLimit>();
    public DbSet<OutcomeSurvey> OutcomeSurveys => Set<OutcomeSurvey>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();
    /// <summary>Photos and PDFs attached to records; their bytes are in the attachment store (<c>Infrastructure/Attachments</c>).</summary>
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<CaseStory> CaseStories => Set<CaseStory>();
    public DbSet<ConsultationScript> ConsultationScripts => Set<ConsultationScript>();
    public DbSet<ScriptVersion> ScriptVersions => Set<ScriptVersion>();
    public DbSet<ScriptQuestion> ScriptQuestions => Set<ScriptQuestion>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<ConsultationParticipants> ConsultationParticipants => Set<ConsultationParticipants>();
    public DbSet<ConsultationEntry> ConsultationEntries => Set<ConsultationEntry>();
    public DbSet<FocusGroup> FocusGroups => Set<FocusGroup>();
    public DbSet<FocusGroupParticipants> FocusGroupParticipants => Set<FocusGroupParticipants>();
    public DbSet<CaseStudy> CaseStudies => Set<CaseStudy>();
    public DbSet<PseudonymKey> PseudonymKeys => Set<PseudonymKey>();
    public DbSet<ResearchStudy> Studies => Set<ResearchStudy>();
    public DbSet<StudyCohort> StudyCohorts => Set<StudyCohort>();
    public DbSet<CohortMember> CohortMembers => Set<CohortMember>();
    public DbSet<StudyWave> StudyWaves => Set<StudyWave>();
    public DbSet<Questionnaire> Questionnaires => Set<Questionnaire>();
    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();
    public DbSet<StudyQuestion> StudyQuestions => Set<StudyQuestion>();
    public DbSet<WaveParticipant> WaveParticipants => Set<WaveParticipant>();
    public DbSet<StudyAnswer> StudyAnswers => Set<StudyAnswer>();
    public DbSet<Notification> Notifications => Set<Notification>();
    /// <summary>The SMS outbox: messages queued with their notification, sent by <c>Infrastructure/Sms/SmsOutbox</c>.</summary>
    public DbSet<SmsMessage> SmsOutbox => Set<SmsMessage>();
    /// <summary>ASP.NET Core data-protection keys, kept in the database so that sign-ins survive a restart or a new server.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    /// <summary>Other systems that call the API (<c>Infrastructure/Api</c>).</summary>
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    // The workforce and the handover (issue 22).
    public DbSet<TrainingModule> TrainingModules => Set<TrainingModule>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<SupervisionSession> SupervisionSessions => Set<SupervisionSession>();
    public DbSet<SupervisionCase> SupervisionCases => Set<SupervisionCase>();
    public DbSet<StaffMovement> StaffMovements => Set<StaffMovement>();
    public DbSet<ReadinessConfirmation> ReadinessConfirmations => Set<ReadinessConfirmation>();
    /// <summary>The DCI Social Registry (<c>Features/Dci</c>): message ids seen, transactions, subscriptions, outbox, client keys.</summary>
    public DbSet<DciReceivedMessage> DciReceivedMessages => Set<DciReceivedMessage>();
    public DbSet<DciTransaction> DciTransactions => Set<DciTransaction>();
    public DbSet<DciSubscription> DciSubscriptions => Set<DciSubscription>();
    public DbSet<DciOutboxMessage> DciOutbox => Set<DciOutboxMessage>();
    public DbSet<DciSenderKey> DciSenderKeys => Set<DciSenderKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HiveDbContext).Assembly);
        // What the API lists page by (UpdatedAt, Id): one index walk per page, whatever the table's size.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IChangeStamped).IsAssignableFrom(t.ClrType)).ToList())
            builder.Entity(type.ClrType).HasIndex(nameof(IChangeStamped.UpdatedAt), nameof(IChangeStamped.Id));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseFrozenQuestionChanges();
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseFrozenQuestionChanges();
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A questionnaire version asked in a wave is frozen: adding, changing or removing one of its questions is refused
    /// (<see cref="SaveOrRefuseAsync"/> answers Refused), so every wave's answers keep the questions they answered.
    /// </summary>
    private void RefuseFrozenQuestionChanges()
    {
        var versions = ChangeTracker.Entries<StudyQuestion>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(e => new[] { e.Entity.VersionId, (int)e.Property(nameof(StudyQuestion.VersionId)).OriginalValue! })
            .Where(id => id > 0).Distinct().ToList();
        var unfrozen = ChangeTracker.Entries<QuestionnaireVersion>()
            .Where(e => e.State == EntityState.Modified && e.Property(nameof(QuestionnaireVersion.FrozenOn)).OriginalValue is not null && e.Entity.FrozenOn is null)
            .Any();
        if (unfrozen || (versions.Count > 0 && QuestionnaireVersions.AsNoTracking().Any(v => versions.Contains(v.Id) && v.FrozenOn != null)))
            throw new FrozenQuestionnaireException();
    }

    /// <summary>Every editable aggregate has an integer Version concurrency token; a change increments it.</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified) continue;
            var version = entry.Metadata.FindProperty("Version");
            if (version is null || !version.IsConcurrencyToken) continue;
            var prop = entry.Property("Version");
            prop.CurrentValue = (int)prop.OriginalValue! + 1;
        }
    }
}

public sealed class SqliteHiveDbContext(DbContextOptions<SqliteHiveDbContext> options) : HiveDbContext(options);

public sealed class PostgresHiveDbContext(DbContextOptions<PostgresHiveDbContext> options) : HiveDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // A partial-name search is SearchName LIKE '%text%'; only a trigram index serves that (Khmer letters make
        // trigrams too under the C.UTF-8 ctype), so a search reads a few index pages instead of every person (docs/scaling.md).
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Person>().HasIndex(p => p.SearchName, "IX_Persons_SearchName_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

/// <summary>A change to the questions of a questionnaire version that a wave has asked: refused like a unique index.</summary>
public sealed class FrozenQuestionnaireException() : DbUpdateException("The questionnaire version is frozen: a wave has asked it.");

/// <summary>What <see cref="HiveDbContext.SaveOrRefuseAsync"/> did.</summary>
public enum SaveOutcome
{
    Saved = 0,
    Changed = 1,
    Refused = 2,
}
