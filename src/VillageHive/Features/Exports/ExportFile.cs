using System.Globalization;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc;

namespace VillageHive.Features.Exports;

/// <summary>Writes rows (records, one property per column) as CSV (UTF-8 with BOM, so Excel reads Khmer) or as XLSX.</summary>
public static class ExportFile
{
    /// <summary>A table: its column names and rows of cells, one cell a column.</summary>
    public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IEnumerable<object?[]> Rows);

    /// <summary>A table of records: one column per property, in declaration order.</summary>
    public static Sheet SheetOf<T>(string name, IReadOnlyList<T> rows)
    {
        var props = typeof(T).GetProperties();
        return new(name, props.Select(p => p.Name).ToList(), rows.Select(r => props.Select(p => p.GetValue(r)).ToArray()));
    }

    public static bool IsFormat(string? format) => format is "csv" or "xlsx";

    /// <summary>CSV holds the first sheet only; XLSX holds them all.</summary>
    public static FileContentResult Create(string format, string baseName, params Sheet[] sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        return format == "xlsx"
            ? new FileContentResult(Xlsx(sheets), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = baseName + ".xlsx" }
            : new FileContentResult(Csv(sheets[0]), "text/csv; charset=utf-8") { FileDownloadName = baseName + ".csv" };
    }

    private static byte[] Csv(Sheet sheet)
    {
        using var stream = new MemoryStream();
        // A byte order mark so that Excel reads the Khmer as UTF-8; text that starts like a formula is escaped.
        var options = new global::CsvHelper.CsvWriterOptions { WriteByteOrderMark = true, Injection = global::CsvHelper.CsvInjection.Escape };
        using (var csv = global::CsvHelper.CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteHeader(sheet.Columns.ToArray());
            foreach (var row in sheet.Rows)
                csv.WriteRecord(row.Select(Text).ToArray());
        }
        return stream.ToArray();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static byte[] Xlsx(Sheet[] sheets)
    {
        using var book = new XLWorkbook();
        foreach (var sheet in sheets)
        {
            var ws = book.Worksheets.Add(sheet.Name);
            for (var c = 0; c < sheet.Columns.Count; c++) ws.Cell(1, c + 1).Value = sheet.Columns[c];
            var r = 2;
            foreach (var row in sheet.Rows)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    var cell = ws.Cell(r, c + 1);
                    switch (row[c])
                    {
                        case null: break;
                        // Text stays text: a phone number "012..." must keep its leading zero.
                        case string s: cell.SetValue(s); cell.DataType = XLDataType.Text; break;
                        case Enum e: cell.SetValue(e.ToString()); break;
                        case DateOnly d: cell.SetValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                        case DateTime t: cell.SetValue(t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)); break;
                        case bool b: cell.SetValue(b); break;
                        case int i: cell.SetValue(i); break;
                        case long l: cell.SetValue(l); break;
                        case decimal m: cell.SetValue(m); break;
                        case double x: cell.SetValue(x); break;
                        case var other: cell.SetValue(other.ToString()); break;
                    }
                }
                r++;
            }
            ws.Row(1).Style.Font.Bold = true;
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }
}
