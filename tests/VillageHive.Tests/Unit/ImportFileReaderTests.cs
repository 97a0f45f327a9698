using System.Text;
using ClosedXML.Excel;
using VillageHive.Data.Import;

namespace VillageHive.Tests.Unit;

public sealed class ImportFileReaderTests
{
    private static ImportSheet Csv(string text, bool bom = true)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var stream = new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        return ImportFileReader.Read(stream, "file.csv").ShouldNotBeNull();
    }

    [Fact]
    public void Csv_reads_quotes_line_breaks_and_the_byte_order_mark()
    {
        var sheet = Csv("household_id,Address\r\nH1,\"behind the pagoda, \"\"blue\"\" gate\"\r\n\r\nH2,\"two\nlines\"\r\n");
        sheet.Headers.ShouldBe(["household_id", "Address"]);
        sheet.Rows.Count.ShouldBe(2);
        sheet.Rows[0].Cells[1].ShouldBe("behind the pagoda, \"blue\" gate");
        // Rows keep the file's numbering: the empty line 3 is skipped, not renumbered.
        sheet.Rows[1].Number.ShouldBe(4);
        sheet.Rows[1].Cells[1].ShouldBe("two\nlines");
    }

    [Fact]
    public void Csv_with_semicolons_reads_too() =>
        Csv("household_id;នាមខ្លួន\nH1;ដារ៉ា\n", bom: false).Rows[0].Cells[1].ShouldBe("ដារ៉ា");

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        using var stream = new MemoryStream([0x68, 0x68, 0x0A, 0xFF, 0xFE, 0x41]);
        ImportFileReader.Read(stream, "file.csv").ShouldBeNull();
    }

    [Fact]
    public void Xlsx_reads_dates_as_days_and_numbers_without_separators()
    {
        using var book = new XLWorkbook();
        var ws = book.Worksheets.Add("Households");
        ws.Cell(1, 1).Value = "household_id";
        ws.Cell(1, 2).Value = "Date of birth";
        ws.Cell(1, 3).Value = "Village";
        ws.Cell(2, 1).Value = "H1";
        ws.Cell(2, 2).Value = new DateTime(2015, 3, 31);
        ws.Cell(2, 3).Value = 2030901;
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        stream.Position = 0;
        var sheet = ImportFileReader.Read(stream, "file.xlsx").ShouldNotBeNull();
        sheet.Rows.ShouldHaveSingleItem().Cells.ShouldBe(["H1", "2015-03-31", "2030901"]);
        sheet.Rows[0].Number.ShouldBe(2);
    }
}
