namespace VillageHive.Domain;

/// <summary>
/// A case's lead worker changed: from whom to whom, who decided, when and why; one for a reassignment on the case's
/// team page, one a case for a handover of everything a worker holds (<see cref="Handover"/>).
/// </summary>
public sealed class CaseAssignment
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public string FromUser { get; set; } = "";
    public string ToUser { get; set; } = "";
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    public string Reason { get; set; } = "";
    public bool Handover { get; set; }
}

/// <summary>Who may lead a case, and what changes with the lead.</summary>
public static class CaseAssignments
{
    public const int MaxReason = 500;

    /// <summary>The roles that may lead a case.</summary>
    public static readonly string[] LeadRoles = [Roles.VillageSocialWorker, Roles.SeniorSocialWorker, Roles.Ccwc];

    /// <summary>
    /// Why the lead may not pass to <paramref name="to"/>, as a text key, or null: a closed case keeps its lead, the new
    /// lead is another person who works in the case's village, and a reason is given.
    /// </summary>
    public static string? Refusal(CaseStatus status, string currentLead, string to, bool receiverCovers, string? reason)
    {
        if (status == CaseStatus.Closed) return "Assign.Closed";
        if (string.IsNullOrEmpty(to) || to == currentLead) return "Assign.SameLead";
        if (!receiverCovers) return "Assign.NotCovering";
        if (string.IsNullOrWhiteSpace(reason)) return "Assign.ReasonRequired";
        if (reason.Length > MaxReason) return "Validation.TooLong";
        return null;
    }

    /// <summary>
    /// Makes <paramref name="to"/> the lead: they leave the member list (a lead is not also a member); the old lead stays
    /// on the team as a member, unless they are leaving (a handover), when their open tasks on the case go to the new
    /// lead too. Returns the record to add.
    /// </summary>
    public static CaseAssignment Assign(Case c, IEnumerable<CaseTask> openTasks, string to, string by, string reason, DateTime at, bool handover)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(openTasks);
        var from = c.LeadWorker;
        c.Team.RemoveAll(m => m.UserName == to || (handover && m.UserName == from));
        if (!handover && from.Length > 0 && c.Team.All(m => m.UserName != from))
            c.Team.Add(new CaseTeamMember { CaseId = c.Id, UserName = from, Role = CaseTeamRole.Member, AddedAt = at, AddedBy = by });
        if (handover)
            foreach (var t in openTasks.Where(t => t.CaseId == c.Id && t.DoneAt == null && t.AssignedTo == from))
                t.AssignedTo = to;
        c.LeadWorker = to;
        return new CaseAssignment { CaseId = c.Id, FromUser = from, ToUser = to, ChangedBy = by, ChangedAt = at, Reason = reason.Trim(), Handover = handover };
    }
}
