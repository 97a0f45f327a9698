using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Tests.Infrastructure;

/// <summary>Services Network records that tests act on.</summary>
public static class ServiceData
{
    /// <summary>A service referral, just sent, from the case to a service of the named provider that covers the case's village.</summary>
    public static Task<int> NewServiceReferralAsync(this HiveApp app, int caseId, string providerName, string request = "Check-up for the child") =>
        app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            var serviceId = await db.Services.Where(s => s.Provider!.Name == providerName && s.Coverage.Any(v => v.VillageId == c.VillageId))
                .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var child = await db.ReferralChildren.Where(r => r.ReferralId == c.ReferralId).Select(r => (int?)r.PersonId).FirstOrDefaultAsync();
            var now = TestClock.UtcNow;
            var referral = new ServiceReferral
            {
                CaseId = caseId, ServiceId = serviceId, PersonId = child, Request = request, Status = ServiceReferralStatus.Sent,
                SentBy = c.LeadWorker, SentAt = now, RespondBy = ServiceReferralFlow.RespondBy(TestClock.DayOf(now)),
            };
            db.ServiceReferrals.Add(referral);
            await db.SaveChangesAsync();
            return referral.Id;
        });

    /// <summary>A material support request on the case, as the given worker asked it.</summary>
    public static Task<int> NewSupportRequestAsync(this HiveApp app, int caseId, string requestedBy, long amountMinor, Currency currency = Currency.KHR,
        SupportStatus status = SupportStatus.Requested) =>
        app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            var r = new MaterialSupportRequest
            {
                CaseId = caseId, HouseholdId = c.HouseholdId, Item = SupportItem.Rice, Quantity = 1, Currency = currency, UnitCostMinor = amountMinor,
                AmountMinor = amountMinor, Status = status, RequestedBy = requestedBy, RequestedAt = TestClock.UtcNow,
                DecidedBy = status == SupportStatus.Requested ? null : "ouchar.ccwc", DecidedAt = status == SupportStatus.Requested ? null : TestClock.UtcNow,
            };
            db.MaterialSupportRequests.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });

    /// <summary>A monthly support payment schedule on the case, asked by the given worker and approved by the CCWC focal person.</summary>
    public static Task<int> NewScheduleAsync(this HiveApp app, int caseId, string requestedBy, long amountMinor, DateOnly startOn) =>
        app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            var s = new SupportPaymentSchedule
            {
                CaseId = caseId, HouseholdId = c.HouseholdId, Currency = Currency.KHR, AmountMinor = amountMinor, StartOn = startOn,
                Status = ScheduleStatus.Approved, RequestedBy = requestedBy, RequestedAt = TestClock.UtcNow, DecidedBy = "ouchar.ccwc", DecidedAt = TestClock.UtcNow,
            };
            db.SupportPaymentSchedules.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });

    /// <summary>Runs a query method that takes the signed-in user, as the named user (roles and scope from the database).</summary>
    public static Task<T> WithUserDbAsync<T>(this HiveApp app, string userName, Func<HiveDbContext, CurrentUser, Task<T>> work) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync();
            var claims = new List<Claim> { new(ClaimTypes.Name, userName), new(HiveClaims.Scope, user.Scope.Serialise()) };
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
            var context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
            return await work(db, new CurrentUser(new HttpContextAccessor { HttpContext = context }));
        });
}
