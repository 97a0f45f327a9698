using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using VillageHive.Domain;

namespace VillageHive.Data.Import;

/// <summary>A sheet as read: its header row and its rows, numbered as a spreadsheet numbers them (the header is row 1).</summary>
public sealed record ImportSheet(IReadOnlyList<string> Headers, IReadOnlyList<ImportRawRow> Rows);

/// <summary>Reads a CSV (UTF-8, with or without a byte order mark; comma, semicolon or tab) or the first sheet of an XLSX.</summary>
public static class ImportFileReader
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly char[] Separators = [',', ';', '\t'];

    /// <summary>The sheet, or null when the file is not one we can read or has no header row.</summary>
    public static ImportSheet? Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var sheet = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? Xlsx(stream) : Csv(stream);
            return sheet is { Headers.Count: > 0 } && sheet.Headers.Any(h => h.Length > 0) ? sheet : null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ImportSheet Csv(Stream stream)
    {
        // Strict UTF-8: a file saved in another encoding is refused rather than read as mojibake.
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var firstLine = text.Split('\n', 2)[0];
        var separator = Separators.MaxBy(c => firstLine.Count(x => x == c));
        var records = ParseCsv(text, separator);
        if (records.Count == 0) return new ImportSheet([], []);
        var headers = records[0].Select(h => h.Trim()).ToList();
        var rows = new List<ImportRawRow>();
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ImportRawRow(i + 1, records[i]));
        }
        return new ImportSheet(headers, rows);
    }

    /// <summary>RFC 4180 records: quoted fields may hold separators, line breaks and doubled quotes.</summary>
    public static List<string[]> ParseCsv(string text, char separator)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString()); field.Clear();
                records.Add([.. fields]); fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }

    private static ImportSheet Xlsx(Stream stream)
    {
        using var book = new XLWorkbook(stream);
        var ws = book.Worksheets.First();
        var used = ws.RangeUsed();
        if (used is null) return new ImportSheet([], []);
        var lastColumn = used.LastColumn().ColumnNumber();
        var lastRow = used.LastRow().RowNumber();
        var headers = Enumerable.Range(1, lastColumn).Select(c => Text(ws.Cell(1, c)).Trim()).ToList();
        var rows = new List<ImportRawRow>();
        for (var r = 2; r <= lastRow; r++)
        {
            var cells = Enumerable.Range(1, lastColumn).Select(c => Text(ws.Cell(r, c))).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ImportRawRow(r, cells));
        }
        return new ImportSheet(headers, rows);
    }

    // Dates as ISO days and numbers without a culture's separators, so the rules read them as they read CSV.
    private static string Text(IXLCell cell) => cell.DataType switch
    {
        XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => cell.GetString(),
    };
}
