using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Capture;

/// <summary>
/// One kind of record a phone can capture offline (a referral, a visit, ...). Each feature registers its own kinds in
/// the composition root; <see cref="SyncEndpoints"/> finds a record's kind here, authorises it with the kind's page
/// policy, and hands it over. The kind binds the record's data as its form would and applies it through
/// <see cref="SyncRunner"/>, with the same code as the form's post.
/// </summary>
public interface ICaptureKind
{
    /// <summary>The name the phone gives the kind (<see cref="SyncKinds"/>).</summary>
    string Kind { get; }

    /// <summary>The authorisation policy of the kind's page.</summary>
    string Policy { get; }

    Task<SyncOutcome> ApplyAsync(CaptureRequest request);
}

/// <summary>What a kind needs to apply one record of a batch.</summary>
public sealed record CaptureRequest(HttpContext Http, HiveDbContext Db, CurrentUser Me, HiveClock Clock,
    IStringLocalizer<SharedResource> L, SyncRecord Record, RecordData Data);
