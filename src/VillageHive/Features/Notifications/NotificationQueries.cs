using Microsoft.EntityFrameworkCore;
using VillageHive.Data;

namespace VillageHive.Features.Notifications;

public static class NotificationQueries
{
    /// <summary>For the header on every page: one COUNT on the (Recipient, ReadAt) index.</summary>
    public static Task<int> UnreadCountAsync(this HiveDbContext db, string userName) =>
        db.Notifications.CountAsync(n => n.Recipient == userName && n.ReadAt == null);
}
