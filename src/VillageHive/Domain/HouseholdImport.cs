using System.Globalization;
using System.Text;

namespace VillageHive.Domain;

/// <summary>The fields a household file may fill. One row of the file is one person.</summary>
public enum ImportField
{
    HouseholdId = 0,
    PersonId = 1,
    FamilyNameKm = 2,
    GivenNameKm = 3,
    FamilyNameLatin = 4,
    GivenNameLatin = 5,
    Sex = 6,
    DateOfBirth = 7,
    Age = 8,
    RelationToHead = 9,
    Phone = 10,
    Village = 11,
    IdPoorLevel = 12,
    IdPoorCard = 13,
    Address = 14,
}

/// <summary>A rule a row breaks: the row's number in the file (the header is row 1), the column's header, a message key.</summary>
public sealed record ImportError(int Row, string Column, string MessageKey);

/// <summary>A row as read from the file: its number and its cells as text.</summary>
public sealed record ImportRawRow(int Number, IReadOnlyList<string?> Cells);

/// <summary>A column mapping saved by an administrator and offered again for the next file.</summary>
public sealed class SavedImportMapping
{
    public int Id { get; set; }
    /// <summary>What the mapping imports ("households").</summary>
    public required string Kind { get; set; }
    /// <summary>One "header&lt;TAB&gt;Field" a line (<see cref="ImportColumns.Serialise"/>).</summary>
    public required string Columns { get; set; }
    public required string SetBy { get; set; }
    public DateTime SetAt { get; set; }
    public int Version { get; set; }
}

/// <summary>Which column of a file holds which field.</summary>
public sealed class ImportColumns
{
    private readonly Dictionary<ImportField, int> fields;

    public ImportColumns(IReadOnlyList<string> headers, IReadOnlyDictionary<ImportField, int> fields)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
        this.fields = new Dictionary<ImportField, int>(fields);
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyDictionary<ImportField, int> Fields => fields;

    public int? IndexOf(ImportField field) => fields.TryGetValue(field, out var i) ? i : null;

    /// <summary>The column an error names: the file's own header, or the field's name when the file has no such column.</summary>
    public string ColumnName(ImportField field) => IndexOf(field) is { } i ? Headers[i] : field.ToString();

    /// <summary>The trimmed text of a cell, or null when empty or absent.</summary>
    public string? Cell(ImportRawRow row, ImportField field)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (IndexOf(field) is not { } i || i >= row.Cells.Count) return null;
        return TypedText.OrNull(row.Cells[i]);
    }

    // Header names the default mapping knows, compared after Key() (lower case, no spaces or punctuation).
    private static readonly Dictionary<string, ImportField> Known = Build(
        (ImportField.HouseholdId, ["householdid", "household", "hhid", "householdexternalid", "familyid", "លេខគ្រួសារ", "គ្រួសារ"]),
        (ImportField.PersonId, ["personid", "memberid", "externalid", "លេខសមាជិក", "លេខសម្គាល់បុគ្គល"]),
        (ImportField.FamilyNameKm, ["familynamekm", "familynamekhmer", "surnamekm", "នាមត្រកូល"]),
        (ImportField.GivenNameKm, ["givennamekm", "givennamekhmer", "firstnamekm", "នាមខ្លួន"]),
        (ImportField.FamilyNameLatin, ["familyname", "familynamelatin", "surname", "lastname", "នាមត្រកូលឡាតាំង"]),
        (ImportField.GivenNameLatin, ["givenname", "givennamelatin", "firstname", "នាមខ្លួនឡាតាំង"]),
        (ImportField.Sex, ["sex", "gender", "ភេទ"]),
        (ImportField.DateOfBirth, ["dateofbirth", "birthdate", "dob", "ថ្ងៃខែឆ្នាំកំណើត", "ថ្ងៃកំណើត"]),
        (ImportField.Age, ["age", "អាយុ"]),
        (ImportField.RelationToHead, ["relation", "relationtohead", "relationship", "ត្រូវជា", "ទំនាក់ទំនងនឹងមេគ្រួសារ"]),
        (ImportField.Phone, ["phone", "telephone", "mobile", "ទូរស័ព្ទ", "លេខទូរស័ព្ទ"]),
        (ImportField.Village, ["village", "villagecode", "ភូមិ", "លេខកូដភូមិ"]),
        (ImportField.IdPoorLevel, ["idpoor", "idpoorlevel", "povertylevel", "កម្រិតក្រីក្រ"]),
        (ImportField.IdPoorCard, ["idpoorcard", "cardnumber", "equitycard", "លេខប័ណ្ណ", "លេខប័ណ្ណសមធម៌"]),
        (ImportField.Address, ["address", "landmark", "អាសយដ្ឋាន"]));

    private static Dictionary<string, ImportField> Build(params (ImportField Field, string[] Names)[] table)
    {
        var map = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        foreach (var (field, names) in table)
            foreach (var n in names) map[Key(n)] = field;
        return map;
    }

    /// <summary>
    /// Maps a file's headers: a header the saved mapping names takes the saved field, else a header the default
    /// knows (English or Khmer) takes its field. The first column for a field wins; other columns are ignored.
    /// </summary>
    public static ImportColumns Map(IReadOnlyList<string> headers, IReadOnlyDictionary<string, ImportField>? saved = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var savedByKey = saved?.ToDictionary(s => Key(s.Key), s => s.Value) ?? [];
        var fields = new Dictionary<ImportField, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Key(headers[i]);
            if (key.Length == 0) continue;
            if (savedByKey.TryGetValue(key, out var f) || Known.TryGetValue(key, out f))
                fields.TryAdd(f, i);
        }
        return new ImportColumns(headers, fields);
    }

    /// <summary>The mapping as text to save: one "header&lt;TAB&gt;Field" a line.</summary>
    public string Serialise() =>
        string.Join('\n', fields.OrderBy(f => f.Value).Select(f => $"{Headers[f.Value].Replace('\t', ' ').Replace('\n', ' ')}\t{f.Key}"));

    public static Dictionary<string, ImportField> ParseSaved(string? text)
    {
        var map = new Dictionary<string, ImportField>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && Enum.TryParse<ImportField>(parts[1].Trim(), out var f) && Enum.IsDefined(f))
                map[parts[0]] = f;
        }
        return map;
    }

    /// <summary>A header reduced for comparing: lower case, without spaces, punctuation or zero-width marks.</summary>
    public static string Key(string? header)
    {
        var sb = new StringBuilder();
        foreach (var c in (header ?? "").Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}

/// <summary>A person as a file gives them, checked.</summary>
public sealed record ImportedPerson(
    int Row,
    string ExternalId,
    string FamilyNameKm,
    string GivenNameKm,
    string? FamilyNameLatin,
    string? GivenNameLatin,
    Sex Sex,
    DateOnly? DateOfBirth,
    int? EstimatedBirthYear,
    RelationToHead Relation);

/// <summary>A household as a file gives it: its rows grouped by household id, checked.</summary>
public sealed class ImportedHousehold(string externalId, int firstRow)
{
    public string ExternalId { get; } = externalId;
    public int FirstRow { get; } = firstRow;
    public int VillageId { get; set; }
    public IdPoorStatus IdPoor { get; set; }
    public string? IdPoorCard { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    /// <summary>Rows of the file for this household, with errors or without.</summary>
    public int Rows { get; set; }
    /// <summary>The household's people from rows without errors.</summary>
    public List<ImportedPerson> Members { get; } = [];
}

/// <summary>A village the importing user may name: its code and names, and whether it lies in their area.</summary>
public sealed record ImportVillage(int Id, string Code, string NameKm, string NameEn, bool InScope);

/// <summary>What a file holds once read and checked: households ready to save, or errors (then nothing is saved).</summary>
public sealed record ImportPlan(IReadOnlyList<ImportedHousehold> Households, IReadOnlyList<ImportError> Errors, int Rows)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// The rules of a household file: how each cell is read (sex, a date or an age, the relation to the head, IDPoor
/// level, phone, village by code or name) and how rows make households (one id, one head, the same household facts).
/// </summary>
public static class HouseholdImportRules
{
    public const int MaxAge = 120;

    /// <summary>Reads the rows; every error is listed with its row and column, so a dry run shows them all at once.</summary>
    public static ImportPlan Read(IReadOnlyList<ImportRawRow> rows, ImportColumns columns, IReadOnlyList<ImportVillage> villages, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var errors = new List<ImportError>();
        var households = new Dictionary<string, ImportedHousehold>(StringComparer.Ordinal);
        var personIds = new HashSet<string>(StringComparer.Ordinal);
        var directory = new VillageDirectory(villages);

        foreach (var row in rows)
        {
            void Fail(ImportField field, string key) => errors.Add(new ImportError(row.Number, columns.ColumnName(field), key));
            string? Cell(ImportField f) => columns.Cell(row, f);

            var householdId = Cell(ImportField.HouseholdId);
            if (householdId is null) { Fail(ImportField.HouseholdId, "Validation.Required"); continue; }
            if (householdId.Length > 64) Fail(ImportField.HouseholdId, "Validation.TooLong");
            if (!households.TryGetValue(householdId, out var household))
                households[householdId] = household = new ImportedHousehold(householdId, row.Number);

            var familyKm = Cell(ImportField.FamilyNameKm);
            var givenKm = Cell(ImportField.GivenNameKm);
            var familyLatin = Cell(ImportField.FamilyNameLatin);
            var givenLatin = Cell(ImportField.GivenNameLatin);
            // A name in either script will do: an IDPoor list is in Khmer, an organisation's sheet may be in Latin.
            if (givenKm is null && givenLatin is null) Fail(columns.IndexOf(ImportField.GivenNameKm) is null && columns.IndexOf(ImportField.GivenNameLatin) is not null ? ImportField.GivenNameLatin : ImportField.GivenNameKm, "Import.NameMissing");
            if (familyKm is null && familyLatin is null) Fail(columns.IndexOf(ImportField.FamilyNameKm) is null && columns.IndexOf(ImportField.FamilyNameLatin) is not null ? ImportField.FamilyNameLatin : ImportField.FamilyNameKm, "Import.NameMissing");
            foreach (var (f, v) in new[] { (ImportField.FamilyNameKm, familyKm), (ImportField.GivenNameKm, givenKm), (ImportField.FamilyNameLatin, familyLatin), (ImportField.GivenNameLatin, givenLatin) })
                if (v is { Length: > 100 }) Fail(f, "Validation.TooLong");

            var sex = ParseSex(Cell(ImportField.Sex));
            if (sex is null) Fail(ImportField.Sex, Cell(ImportField.Sex) is null ? "Validation.Required" : "Import.Sex");

            var birth = ParseBirth(Cell(ImportField.DateOfBirth), Cell(ImportField.Age), today);
            if (birth.Error is { } be) Fail(be.Field, be.Key);

            var relation = ParseRelation(Cell(ImportField.RelationToHead));
            if (relation is null) Fail(ImportField.RelationToHead, Cell(ImportField.RelationToHead) is null ? "Validation.Required" : "Import.Relation");

            var personId = Cell(ImportField.PersonId) ?? $"{householdId}-{household.Members.Count + 1}";
            if (personId.Length > 64) Fail(ImportField.PersonId, "Validation.TooLong");
            if (!personIds.Add(personId)) Fail(ImportField.PersonId, "Import.DuplicateId");

            // Facts of the household: any row may give them, rows that give them must agree.
            if (Cell(ImportField.Village) is { } villageText)
            {
                var (villageId, key) = directory.Find(villageText);
                if (key is not null) Fail(ImportField.Village, key);
                else if (household.VillageId == 0) household.VillageId = villageId;
                else if (household.VillageId != villageId) Fail(ImportField.Village, "Import.HouseholdDiffers");
            }
            if (Cell(ImportField.IdPoorLevel) is { } level)
            {
                if (ParseIdPoor(level) is not { } status) Fail(ImportField.IdPoorLevel, "Import.IdPoorLevel");
                else if (household.IdPoor == IdPoorStatus.NotAssessed) household.IdPoor = status;
                else if (household.IdPoor != status) Fail(ImportField.IdPoorLevel, "Import.HouseholdDiffers");
            }
            household.IdPoorCard = Agree(household.IdPoorCard, Cell(ImportField.IdPoorCard), 40, ImportField.IdPoorCard, Fail);
            if (Cell(ImportField.Phone) is { } phoneText)
            {
                if (NormalisePhone(phoneText) is not { } phone) Fail(ImportField.Phone, "Validation.Phone");
                else household.Phone = Agree(household.Phone, phone, 20, ImportField.Phone, Fail);
            }
            household.Address = Agree(household.Address, Cell(ImportField.Address), 300, ImportField.Address, Fail);

            household.Rows++;
            if (sex is { } s && relation is { } r && (givenKm ?? givenLatin) is not null && (familyKm ?? familyLatin) is not null && birth.Error is null)
                household.Members.Add(new ImportedPerson(row.Number, personId, familyKm ?? "", givenKm ?? "", familyLatin, givenLatin, s, birth.DateOfBirth, birth.EstimatedBirthYear, r));
        }

        foreach (var h in households.Values)
        {
            if (h.VillageId == 0 && !errors.Any(e => e.Row == h.FirstRow && e.Column == columns.ColumnName(ImportField.Village)))
                errors.Add(new ImportError(h.FirstRow, columns.ColumnName(ImportField.Village), "Validation.Required"));
            var heads = h.Members.Where(m => m.Relation == RelationToHead.Head).ToList();
            // A household whose rows had errors may have lost its head to them: those errors say enough.
            if (heads.Count == 0 && h.Members.Count == h.Rows)
                errors.Add(new ImportError(h.FirstRow, columns.ColumnName(ImportField.RelationToHead), "Import.NoHead"));
            foreach (var extra in heads.Skip(1))
                errors.Add(new ImportError(extra.Row, columns.ColumnName(ImportField.RelationToHead), "Import.TwoHeads"));
        }

        var sorted = errors.Distinct().OrderBy(e => e.Row).ThenBy(e => columns.Headers.ToList().IndexOf(e.Column)).ToList();
        return new ImportPlan([.. households.Values], sorted, rows.Count);
    }

    /// <summary>A household fact from one more row: kept when first given, an error when another row said otherwise.</summary>
    private static string? Agree(string? current, string? value, int maxLength, ImportField field, Action<ImportField, string> fail)
    {
        if (value is null) return current;
        if (value.Length > maxLength) fail(field, "Validation.TooLong");
        else if (current is null) return value;
        else if (current != value) fail(field, "Import.HouseholdDiffers");
        return current;
    }

    /// <summary>Sex as sheets write it: F/M, female/male, ស្រី/ប្រុស.</summary>
    public static Sex? ParseSex(string? text) => ImportColumns.Key(text) switch
    {
        "f" or "female" or "woman" or "girl" or "ស្រី" or "ស" => Sex.Female,
        "m" or "male" or "man" or "boy" or "ប្រុស" or "ប" => Sex.Male,
        _ => null,
    };

    /// <summary>The relation to the head, in English (as on our exports) or in Khmer.</summary>
    public static RelationToHead? ParseRelation(string? text) => ImportColumns.Key(text) switch
    {
        "head" or "householdhead" or "មេគ្រួសារ" or "ម្ចាស់ផ្ទះ" or "មេផ្ទះ" => RelationToHead.Head,
        "spouse" or "wife" or "husband" or "ប្ដី" or "ប្តី" or "ប្រពន្ធ" or "ភរិយា" or "ស្វាមី" or "ប្ដីប្រពន្ធ" => RelationToHead.Spouse,
        "child" or "son" or "daughter" or "កូន" or "កូនប្រុស" or "កូនស្រី" => RelationToHead.Child,
        "grandchild" or "grandson" or "granddaughter" or "ចៅ" => RelationToHead.Grandchild,
        "parent" or "father" or "mother" or "ឪពុក" or "ម្ដាយ" or "ម្តាយ" or "ឪពុកម្ដាយ" => RelationToHead.Parent,
        "sibling" or "brother" or "sister" or "បងប្អូន" or "បង" or "ប្អូន" => RelationToHead.Sibling,
        "otherrelative" or "relative" or "សាច់ញាតិ" => RelationToHead.OtherRelative,
        "notrelated" or "other" or "មិនមែនសាច់ញាតិ" => RelationToHead.NotRelated,
        _ => null,
    };

    /// <summary>IDPoor level 1 or 2; 0 or "not poor" when the household was assessed and is not poor.</summary>
    public static IdPoorStatus? ParseIdPoor(string? text) => ImportColumns.Key(AsciiDigits(text)) switch
    {
        "1" or "level1" or "idpoor1" or "កម្រិត1" => IdPoorStatus.Level1,
        "2" or "level2" or "idpoor2" or "កម្រិត2" => IdPoorStatus.Level2,
        "0" or "notpoor" or "no" or "មិនក្រីក្រ" => IdPoorStatus.NotPoor,
        _ => null,
    };

    public sealed record Birth(DateOnly? DateOfBirth, int? EstimatedBirthYear, (ImportField Field, string Key)? Error);

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy/M/d"];

    /// <summary>
    /// The date of birth, or else the age the family gave as the year it implies (as the registry form does). A date
    /// reads as ISO (2015-03-31) or day first (31/03/2015), in Latin or Khmer digits.
    /// </summary>
    public static Birth ParseBirth(string? date, string? age, DateOnly today)
    {
        if (TypedText.OrNull(date) is { } d)
        {
            // A date Excel wrote with its time ("2015-03-31 00:00:00") is read by its date.
            var dayText = AsciiDigits(d).Split(' ', 'T')[0];
            if (!DateOnly.TryParseExact(dayText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob))
                return new(null, null, (ImportField.DateOfBirth, "Import.Date"));
            if (dob > today) return new(null, null, (ImportField.DateOfBirth, "Validation.DateInFuture"));
            if (dob < today.AddYears(-MaxAge)) return new(null, null, (ImportField.DateOfBirth, "Validation.DateTooOld"));
            return new(dob, null, null);
        }
        if (TypedText.OrNull(age) is { } a)
        {
            if (!int.TryParse(AsciiDigits(a), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var years))
                return new(null, null, (ImportField.Age, "Validation.Number"));
            if (years < 0) return new(null, null, (ImportField.Age, "Import.AgeNegative"));
            if (years > MaxAge) return new(null, null, (ImportField.Age, "Validation.AgeRange"));
            return new(null, today.Year - years, null);
        }
        return new(null, null, null);
    }

    /// <summary>
    /// A phone number as the registry keeps it (digits only); null when it is not one: only digits, spaces and
    /// + - ( ) . allowed, 8 to 12 digits. A leading zero Excel dropped from a number cell is put back.
    /// </summary>
    public static string? NormalisePhone(string? text)
    {
        var t = AsciiDigits(text ?? "").Trim();
        if (t.Length == 0 || !t.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '.')) return null;
        var digits = NameSearch.NormalisePhone(t);
        if (digits.Length is < 8 or > 12) return null;
        if (digits.Length is 8 or 9 && digits[0] != '0') digits = "0" + digits;
        return digits;
    }

    /// <summary>Khmer digits (០–៩) as Latin ones.</summary>
    public static string AsciiDigits(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= '\u17E0' and <= '\u17E9') chars[i] = (char)('0' + (chars[i] - '\u17E0'));
        return new string(chars);
    }

    /// <summary>Villages by 8-digit code or by name (Khmer or Latin); a name two villages share must be given as a code.</summary>
    private sealed class VillageDirectory(IReadOnlyList<ImportVillage> villages)
    {
        private readonly Dictionary<string, ImportVillage> byCode = villages.ToDictionary(v => v.Code, StringComparer.Ordinal);
        private readonly ILookup<string, ImportVillage> byName = villages
            .SelectMany(v => new[] { (Key: ImportColumns.Key(v.NameKm), v), (Key: ImportColumns.Key(v.NameEn), v) })
            .Where(x => x.Key.Length > 0)
            .Distinct()
            .ToLookup(x => x.Key, x => x.v);

        public (int Id, string? ErrorKey) Find(string text)
        {
            var code = AsciiDigits(text).Trim();
            ImportVillage? found;
            if (code.All(char.IsAsciiDigit))
            {
                // A code Excel read as a number lost its leading zero: "2030901" is "02030901".
                if (!byCode.TryGetValue(code, out found) && !byCode.TryGetValue("0" + code, out found))
                    return (0, "Import.VillageUnknown");
            }
            else
            {
                var matches = byName[ImportColumns.Key(text)].Distinct().ToList();
                if (matches.Count == 0) return (0, "Import.VillageUnknown");
                if (matches.Count > 1) return (0, "Import.VillageAmbiguous");
                found = matches[0];
            }
            return found.InScope ? (found.Id, null) : (0, "Validation.VillageOutOfScope");
        }
    }
}
