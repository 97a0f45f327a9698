using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using VillageHive.Data;
using VillageHive.Data.Seed;
using VillageHive.Features.Cases;
using VillageHive.Features.Community;
using VillageHive.Features.Admin.Geography;
using VillageHive.Features.Programmes;
using VillageHive.Features.Referrals;
using VillageHive.Features.Registry;
using VillageHive.Features.Services;
using VillageHive.Infrastructure.Api;
using VillageHive.Infrastructure.Attachments;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure.Sms;

namespace VillageHive.Infrastructure;

/// <summary>Builds the web application: services, middleware and endpoints. Used by Program and by the CLI.</summary>
public static class HiveHost
{
    public static WebApplication Build(string[] args)
    {
        // The app's own name, also when the CLI runs inside another process (the tests): static assets find their
        // manifest (VillageHive.staticwebassets.endpoints.json) by it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(HiveHost).Assembly.GetName().Name,
            // The published executable finds its wwwroot and settings beside itself, from whatever folder it is started.
            ContentRootPath = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null,
        });
        // As a service: systemd (Type=notify, logs to the journal) or Windows; nothing changes when run by hand.
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();
        // Run from the build output in any environment (tests use "Testing"), wwwroot and the build's compressed
        // copies under obj/ are found through the build's manifest; a published app has them in wwwroot instead.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        // Hive:Lan: https for the phones on the office network, with the Hive's own certificate authority.
        var lan = Lan.LanSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(lan);
        Lan.LanHttps.Configure(builder, lan);
        services.AddHiveData();
        services.AddHiveAttachments();
        services.AddHiveIdentity();
        services.AddHiveSecurity();
        services.AddHiveLocalisation();
        services.AddHiveApi();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Data.Scale.ScaleSeeder>();
        services.AddScoped<Data.Import.HouseholdImporter>();
        services.AddScoped<Data.Import.GazetteerImporter>();
        services.AddSingleton<ChromiumPdf>();
        services.AddSingleton<StaticBuild>();
        services.AddScoped<Features.Exports.Pseudonyms>();
        services.AddScoped<Features.Shared.PeopleNames>();
        services.AddScoped<Features.Account.SignInRecorder>();
        services.AddSingleton<FirstRun>();
        // Backups: the daily one, the administrator's and the one before an upgrade (docs/operations.md).
        services.AddSingleton(sp => Backup.BackupSettings.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<Backup.BackupStore>();
        services.AddSingleton<Backup.DailyBackup>();
        services.AddHostedService(sp => sp.GetRequiredService<Backup.DailyBackup>());
        // The kinds of record a phone captures offline, each owned by its feature (docs/offline-sync.md).
        services.AddSingleton<ICaptureKind, Features.Referrals.ReferralKind>();
        services.AddSingleton<ICaptureKind, Features.Cases.VisitKind>();
        services.AddSingleton<ICaptureKind, Features.Cases.NoteKind>();
        services.AddSingleton<ICaptureKind, Features.Programmes.AttendanceKind>();
        services.AddSingleton<ICaptureKind, Features.Community.SessionKind>();
        services.AddSingleton<ICaptureKind, Features.Attachments.AttachmentKind>();
        services.AddHiveClock(builder.Configuration, builder.Environment);
        services.AddHiveSms(builder.Configuration, builder.Environment);
        Features.Dci.DciSetup.AddHiveDci(services);
        services.AddResponseCompression(o => o.EnableForHttps = true);
        // Pages only (static files come precompressed): Brotli quality 4 and gzip 6 instead of the fastest levels,
        // about a sixth fewer bytes on a page (bench/results/2026-12-07-first-visit-bytes.md). Its CPU cost on the 2-core
        // district benchmark is not measured yet: rerun bench/run.sh before a large deployment (issue 25).
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        // Khmer text goes out as characters, not as &#x...; entities: a third of the bytes on a slow phone line.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/Registry", Policies.RegistryRead);
                // Authorization conventions add up, so /Admin/Users cannot loosen an Admin policy on the whole folder:
                // every /Admin page gets exactly one policy here, Administrator-only unless it manages users or the checklist.
                o.Conventions.AddFolderApplicationModelConvention("/Admin", page => page.EndpointMetadata.Add(new AuthorizeAttribute(
                    page.ViewEnginePath.StartsWith("/Admin/Users/", StringComparison.Ordinal) ? Policies.UserAdmin
                    : page.ViewEnginePath.StartsWith("/Admin/ScreeningCriteria/", StringComparison.Ordinal) ? Policies.CriteriaAdmin
                    : Policies.Admin)));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                o.Filters.Add<DomainExceptionFilter>();
                InvariantFormValueProviderFactory.Replace(o.ValueProviderFactories);
                // After the DataAnnotations provider (added when MVC is), so that it sees the [Required] MVC infers too.
                o.ModelMetadataDetailsProviders.Add(new ValidationMessages());
            });
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
            .Configure<IStringLocalizer<SharedResource>>((o, l) =>
                ValidationMessages.LocaliseBindingMessages(o.ModelBindingMessageProvider, l));

        var app = builder.Build();
        app.UseHiveSecurity();
        app.UseSqlCommandHeader(app.Configuration);
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error/500");
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseApiProblems();
        app.UseResponseCompression();
        app.UseStaticCaching();
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        app.UseRouting();
        // A fresh install opened in a browser starts at /Setup until it has an administrator.
        app.UseMiddleware<FirstRunGate>();
        app.UseAuthentication();
        app.UseMiddleware<AccountGate>();
        app.UseAuthorization();
        app.UseApiClients();
        // wwwroot from the build's manifest: the precompressed .br/.gz chosen by Accept-Encoding, ETags, Content-Type
        // of the original. Short-circuited at routing, so sign-in, the gates and localisation do not run for a file.
        app.MapStaticAssets().ShortCircuit();
        app.MapRazorPages();
        app.MapSync();
        // What a phone keeps to read offline: each slice serves its own part.
        app.MapOfflineCaseload();
        app.MapOfflineRosters();
        app.MapOfflineSessions();
        // The REST API for other systems (docs/interop.md): each slice serves its own part.
        var api = app.MapHiveApi();
        api.MapRegistryApi();
        api.MapReferralApi();
        api.MapCaseApi();
        api.MapServiceApi();
        api.MapGeographyApi();
        // The DCI Social Registry beside it (docs/interop.md).
        Features.Dci.DciApi.MapDci(app);
        return app;
    }

    /// <summary>
    /// Refuses a database newer than the app (<see cref="Backup.StartRefusedException"/>); migrates (SQLite always;
    /// PostgreSQL when configured) after a verified backup when migrations are pending; seeds the demo when configured.
    /// </summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        if (await Backup.Upgrade.RefuseNewerAsync(app.Services) is { } refused)
            throw new Backup.StartRefusedException(refused);
        if (DatabaseSetup.MigratesAtStartup(app.Configuration))
            await Backup.Upgrade.BackUpBeforeMigratingAsync(app.Services, app.Logger);
        await DatabaseSetup.MigrateAtStartupAsync(app.Services, app.Configuration);
        await ClockSetup.UseStoredZoneAsync(app.Services);
        await DemoSeeder.SeedIfConfiguredAsync(app.Services, app.Configuration);
    }
}
