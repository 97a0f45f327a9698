namespace VillageHive.Data;

/// <summary>
/// One line of the tamper-evident audit log: who did what to which record, the fields before and after, and the
/// hash of the previous line, so that altering or deleting any line breaks the chain (see `verify-audit`).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>Create, Update, Delete, Read, Export, SignIn, SignInFailed, ...</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>JSON: {"Field": [before, after]} for changes; details for other actions.</summary>
    public string? Changes { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
