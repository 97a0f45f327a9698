using VillageHive.Domain;
using Microsoft.AspNetCore.Identity;
using VillageHive.Data;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Account;

/// <summary>The step of a sign-in: the password, then (when turned on) a code from the app or a recovery code.</summary>
public enum SignInStep
{
    Password,
    AuthenticatorCode,
    RecoveryCode,
}

public enum SignInOutcome
{
    /// <summary>The user is signed in.</summary>
    Succeeded,
    /// <summary>The password was right; a second factor is asked next.</summary>
    SecondFactorNeeded,
    Failed,
    LockedOut,
    Deactivated,
}

/// <summary>
/// Every sign-in attempt, whatever the step, ends here: one place to log it, to stamp the last sign-in time, and
/// to record it in the audit log.
/// </summary>
public sealed class SignInRecorder(UserManager<HiveUser> users, HiveClock clock, AuditLog audit, ILogger<SignInRecorder> log)
{
    public async Task RecordAsync(string userName, SignInStep step, SignInOutcome outcome, HiveUser? user = null)
    {
        // What was typed as a user name can be anything; the log keeps a bounded, trimmed copy.
        var name = userName.Trim() is { Length: > 200 } longName ? longName[..200] + "…" : userName.Trim();
        if (outcome != SignInOutcome.SecondFactorNeeded)
        {
            await audit.RecordAsync(outcome == SignInOutcome.Succeeded ? AuditLog.SignIn : AuditLog.SignInFailed, "HiveUser", user?.Id ?? "",
                new { Step = step.ToString(), Outcome = outcome.ToString() }, name);
        }
        switch (outcome)
        {
            case SignInOutcome.Succeeded:
                log.LogInformation("User {User} signed in ({Step})", userName, step);
                user ??= await users.FindByNameAsync(userName);
                if (user is not null)
                {
                    user.LastSignInAt = clock.UtcNow;
                    await users.UpdateAsync(user);
                }
                break;
            case SignInOutcome.SecondFactorNeeded:
                log.LogInformation("User {User} gave the right password; a second factor is asked", userName);
                break;
            case SignInOutcome.Deactivated:
                log.LogWarning("Sign-in refused for deactivated user {User} ({Step})", userName, step);
                break;
            default:
                log.LogWarning("Failed sign-in for {User} at {Step} (locked out: {Locked})", userName, step, outcome == SignInOutcome.LockedOut);
                break;
        }
    }
}
