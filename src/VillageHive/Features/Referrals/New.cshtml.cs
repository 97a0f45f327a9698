using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Hotline;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Referrals;

/// <summary>
/// The front door: a child (or children) at risk, their household, what worries the referrer. Works without
/// JavaScript: "check" shows possible existing records, and each new child must be linked or confirmed as new.
/// </summary>
[Authorize(Policy = Policies.Refer)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxChildren = 8;

    [BindProperty] public ReferralInput Input { get; set; } = new();

    /// <summary>The hotline call this referral is made from ("Turn into a referral"); carried in a hidden field.</summary>
    [BindProperty(SupportsGet = true)] public int? HotlineCall { get; set; }
    public DateTime? HotlineCallReceivedAt { get; private set; }

    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    /// <summary>Possible existing records for each child slot.</summary>
    public Dictionary<int, List<Suggestion>> Suggestions { get; } = [];
    public IReadOnlyList<Suggestion> HouseholdsByPhone { get; private set; } = [];

    public sealed record Suggestion(int PersonId, int HouseholdId, string NameKm, string? NameLatin, int? Age, string VillageKm, string VillageEn, string? HeadKm, double Score);

    public sealed class ReferralInput
    {
        public Guid IdempotencyKey { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Village")]
        public int? VillageId { get; set; }

        /// <summary>An existing household chosen by phone; otherwise the household of a linked child, or a new one.</summary>
        public int? HouseholdId { get; set; }

        [StringLength(300, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.Address")]
        public string? Address { get; set; }

        [StringLength(20, ErrorMessage = "Validation.TooLong"), RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
        [Display(Name = "Field.Phone")]
        public string? Phone { get; set; }

        public List<ChildInput> Children { get; set; } = [new()];

        [Display(Name = "Referral.Channel")]
        public ReferralChannel Channel { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Referral.ReferrerName")]
        public string? ReferrerName { get; set; }

        [StringLength(20, ErrorMessage = "Validation.TooLong"), RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
        [Display(Name = "Referral.ReferrerPhone")]
        public string? ReferrerPhone { get; set; }

        public List<Concerns> Concerns { get; set; } = [];

        [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Referral.ConcernNote")]
        public string? ConcernNote { get; set; }

        [Display(Name = "Referral.Urgency")]
        public Urgency Urgency { get; set; }

        [Display(Name = "Referral.Consent")]
        public Consent Consent { get; set; }
    }

    public sealed class ChildInput
    {
        /// <summary>"new" to confirm a new person, or the id of the existing person this child is.</summary>
        public string? Match { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.FamilyNameKm")]
        public string? FamilyNameKm { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.GivenNameKm")]
        public string? GivenNameKm { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.FamilyNameLatin")]
        public string? FamilyNameLatin { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.GivenNameLatin")]
        public string? GivenNameLatin { get; set; }

        [Display(Name = "Field.Sex")]
        public Sex? Sex { get; set; }

        [Range(0, 17, ErrorMessage = "Validation.ChildAge"), Display(Name = "Field.AgeYears")]
        public int? AgeYears { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(FamilyNameKm) && string.IsNullOrWhiteSpace(GivenNameKm)
            && string.IsNullOrWhiteSpace(FamilyNameLatin) && string.IsNullOrWhiteSpace(GivenNameLatin);

        public int? ExistingPersonId => int.TryParse(Match, out var id) ? id : null;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Input.IdempotencyKey = Guid.NewGuid();
        Villages = await db.VillageOptionsAsync(me.Scope);
        if (Villages.Count == 1) Input.VillageId = Villages[0].Id;
        if (HotlineCall is not { } callId) return Page();

        var call = await db.CallsFor(me).AsNoTracking().Where(c => c.Id == callId)
            .Select(c => new { c.ReceivedAt, c.CallerName, c.CallerPhone, c.Summary, c.Location, c.VillageId, c.Urgency, c.ReferralId })
            .FirstOrDefaultAsync();
        if (call is null) return NotFound();
        if (call.ReferralId is not null) return AlreadyReferred();
        Input.IdempotencyKey = HotlineQueries.ReferralKey(callId);
        Input.VillageId = call.VillageId ?? Input.VillageId;
        Input.Urgency = call.Urgency;
        Input.Channel = ReferralChannel.Hotline;
        Input.ReferrerName = Blank(call.CallerName);
        Input.ReferrerPhone = call.CallerPhone;
        Input.ConcernNote = call.Summary;
        Input.Address = call.Location;
        HotlineCallReceivedAt = call.ReceivedAt;
        return Page();
    }

    /// <summary>Adds a slot for another child, keeping everything typed.</summary>
    public async Task<IActionResult> OnPostAddChildAsync()
    {
        ModelState.Clear();
        if (Input.Children.Count < MaxChildren) Input.Children.Add(new ChildInput());
        await PrepareAsync();
        return Page();
    }

    /// <summary>Shows possible existing records without submitting.</summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        ModelState.Clear();
        await PrepareAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.IdempotencyKey == Guid.Empty) Input.IdempotencyKey = Guid.NewGuid();
        if (HotlineCall is { } callId)
        {
            var call = await db.CallsFor(me).AsNoTracking().Where(c => c.Id == callId).Select(c => new { c.ReferralId }).FirstOrDefaultAsync();
            if (call is null) return NotFound();
            // One referral per call, whoever turns it and however often: the key comes from the call.
            Input.IdempotencyKey = HotlineQueries.ReferralKey(callId);
            if (call.ReferralId is not null && await ExistingAsync() is null) return AlreadyReferred();
        }
        // The same form sent twice (double tap, resend after a dropped connection) lands on the first referral.
        var existing = await ExistingAsync();
        if (existing is { } done)
        {
            await LinkHotlineCallAsync(done);
            return Redirect($"/Referrals/{done}");
        }

        await PrepareAsync();
        if (Input.VillageId is { } v && Villages.All(o => o.Id != v))
            ModelState.AddModelError("Input.VillageId", l["Validation.VillageOutOfScope"]);
        if (Input.Children.Count > MaxChildren) Input.Children = Input.Children.Take(MaxChildren).ToList();
        var children = Input.Children.Select((c, i) => (Child: c, Index: i)).Where(x => !x.Child.IsEmpty || x.Child.ExistingPersonId is not null).ToList();
        if (children.Count == 0)
            ModelState.AddModelError("Input.Children[0].GivenNameKm", l["Referral.NoChild"]);
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var scope = me.Scope;
        var linked = new List<Person>();
        var fresh = new List<Person>();
        foreach (var (child, index) in children)
        {
            var prefix = $"Input.Children[{index}]";
            if (child.ExistingPersonId is { } personId)
            {
                var person = await db.PersonsIn(scope).Include(p => p.Household).FirstOrDefaultAsync(p => p.Id == personId);
                if (person is null) ModelState.AddModelError($"{prefix}.Match", l["Referral.ChooseMatch"]);
                else linked.Add(person);
                continue;
            }
            if (Suggestions.TryGetValue(index, out var found) && found.Count > 0 && child.Match != "new")
            {
                ModelState.AddModelError($"{prefix}.Match", l["Referral.PossibleDuplicate"]);
                continue;
            }
            var p = new Person { CreatedAt = now, RelationToHead = RelationToHead.Child, SchoolStatus = SchoolStatus.NotSchoolAge };
            p.SetNames(child.FamilyNameKm ?? "", child.GivenNameKm ?? "", child.FamilyNameLatin, child.GivenNameLatin);
            p.Sex = child.Sex ?? Sex.Female;
            p.EstimatedBirthYear = child.AgeYears is { } age ? today.Year - age : null;
            if (child.Sex is null) ModelState.AddModelError($"{prefix}.Sex", l["Validation.Required"]);
            foreach (var (field, key) in p.Validate(today))
                ModelState.AddModelError($"{prefix}.{field}", l[key]);
            fresh.Add(p);
        }
        var households = linked.Select(p => p.HouseholdId).Append(Input.HouseholdId ?? 0).Where(id => id != 0).Distinct().ToList();
        if (households.Count > 1)
            ModelState.AddModelError("", l["Referral.OneHousehold"]);
        if (!ModelState.IsValid) return Page();

        Household household;
        if (households.Count == 1)
        {
            var id = households[0];
            household = await db.HouseholdsIn(scope).FirstOrDefaultAsync(h => h.Id == id)
                ?? throw new DomainException("Referral.OneHousehold");
        }
        else
        {
            household = new Household { VillageId = Input.VillageId!.Value, CreatedAt = now, Address = Blank(Input.Address), Phone = Blank(NameSearch.NormalisePhone(Input.Phone)) };
            db.Households.Add(household);
        }
        foreach (var p in fresh) household.Members.Add(p);
        var referral = new Referral
        {
            Household = household,
            VillageId = household.VillageId == 0 ? Input.VillageId!.Value : household.VillageId,
            EnteredBy = me.UserName,
            ReferrerName = Blank(Input.ReferrerName),
            ReferrerPhone = Blank(NameSearch.NormalisePhone(Input.ReferrerPhone)),
            Channel = HotlineCall is null ? Input.Channel : ReferralChannel.Hotline,
            Concerns = Input.Concerns.Aggregate(Concerns.None, (a, c) => a | c),
            ConcernNote = Blank(Input.ConcernNote),
            Urgency = Input.Urgency,
            Consent = Input.Consent,
            ReceivedAt = now,
            IdempotencyKey = Input.IdempotencyKey,
            Status = ReferralStatus.Received,
            HotlineCallId = HotlineCall,
        };
        foreach (var p in linked.Concat(fresh)) referral.Children.Add(new ReferralChild { Person = p });
        db.Referrals.Add(referral);
        await ReferralIntake.AlertIfInDangerAsync(db, referral, now);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two submits of the same form raced past the first check: the unique key let one through.
            db.ChangeTracker.Clear();
            if (await ExistingAsync() is { } raced)
            {
                await LinkHotlineCallAsync(raced);
                return Redirect($"/Referrals/{raced}");
            }
            throw;
        }
        await LinkHotlineCallAsync(referral.Id);
        TempData["Flash"] = l["Referral.Received"].Value;
        return Redirect($"/Referrals/{referral.Id}");
    }

    /// <summary>Points the call at its referral; a second save after the referral's, so it also repairs a link lost in between.</summary>
    private async Task LinkHotlineCallAsync(int referralId)
    {
        if (HotlineCall is not { } callId) return;
        var call = await db.HotlineCalls.FirstOrDefaultAsync(c => c.Id == callId);
        if (call is null || call.ReferralId is not null) return;
        call.ReferralId = referralId;
        await db.SaveChangesAsync();
    }

    private RedirectResult AlreadyReferred()
    {
        TempData["Flash"] = l["Hotline.AlreadyReferred"].Value;
        return Redirect("/Hotline");
    }

    private async Task<int?> ExistingAsync()
    {
        var key = Input.IdempotencyKey;
        var found = await db.Referrals.AsNoTracking().Where(r => r.IdempotencyKey == key).Select(r => (int?)r.Id).FirstOrDefaultAsync();
        return found;
    }

    /// <summary>Villages for the form and possible existing records for every child typed so far.</summary>
    private async Task PrepareAsync()
    {
        var scope = me.Scope;
        Villages = await db.VillageOptionsAsync(scope);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < Input.Children.Count; i++)
        {
            var child = Input.Children[i];
            if (child.IsEmpty || child.ExistingPersonId is not null) continue;
            Suggestions[i] = await SuggestAsync(child, scope, today);
        }
        var phone = NameSearch.NormalisePhone(Input.Phone);
        if (phone.Length >= 6)
        {
            HouseholdsByPhone = await db.HouseholdsIn(scope).AsNoTracking().Where(h => h.Phone == phone).Take(5)
                .Select(h => new Suggestion(0, h.Id, "", null, null, h.Village!.NameKm, h.Village.NameEn,
                    h.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.FamilyNameKm + " " + m.GivenNameKm).FirstOrDefault(), 1))
                .ToListAsync();
        }
    }

    /// <summary>
    /// Candidates are read in SQL (the chosen village, and anyone in scope sharing a name part), then scored in
    /// memory by <see cref="NameMatcher"/>, which SQL cannot express.
    /// </summary>
    private async Task<List<Suggestion>> SuggestAsync(ChildInput child, Scope scope, DateOnly today)
    {
        var query = new PersonName(child.FamilyNameKm, child.GivenNameKm, child.FamilyNameLatin, child.GivenNameLatin);
        var parts = new[] { child.GivenNameKm, child.GivenNameLatin, child.FamilyNameLatin }
            .Select(NameSearch.Normalise).Where(p => p.Length >= 2).Select(p => p.Length > 3 ? p[..3] : p).Distinct().ToList();
        var village = Input.VillageId;
        var candidates = db.PersonsIn(scope).AsNoTracking()
            .Where(p => p.Household!.VillageId == village || parts.Any(part => p.SearchName.Contains(part)));
        var rows = await candidates.Take(3000)
            .Select(p => new
            {
                p.Id, p.HouseholdId, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.DateOfBirth, p.EstimatedBirthYear,
                p.Household!.VillageId, VillageKm = p.Household.Village!.NameKm, VillageEn = p.Household.Village.NameEn,
                HeadKm = p.Household.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.FamilyNameKm + " " + m.GivenNameKm).FirstOrDefault(),
            })
            .ToListAsync();
        return rows
            .Select(r =>
            {
                var age = Person.Age(r.DateOfBirth, r.EstimatedBirthYear, today);
                var score = NameMatcher.Score(query, child.AgeYears, new PersonName(r.FamilyNameKm, r.GivenNameKm, r.FamilyNameLatin, r.GivenNameLatin), age, r.VillageId == village);
                return new Suggestion(r.Id, r.HouseholdId, $"{r.FamilyNameKm} {r.GivenNameKm}", $"{r.FamilyNameLatin} {r.GivenNameLatin}".Trim(), age, r.VillageKm, r.VillageEn, r.HeadKm, score);
            })
            .Where(s => s.Score >= NameMatcher.SuggestFrom)
            .OrderByDescending(s => s.Score)
            .Take(5)
            .ToList();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
