using System.Globalization;
using System.Text;
using QRCoder;

namespace VillageHive.Features.Install;

/// <summary>A QR code drawn as SVG on the server: one path of dark squares, crisp at any size, no script and no outside service.</summary>
public static class QrSvg
{
    /// <summary>The code's modules, quiet zone included (true = dark).</summary>
    public static bool[][] Modules(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return [.. data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())];
    }

    /// <summary>An &lt;svg&gt; element (numbers only besides the label, which is encoded) for the page to include as it is.</summary>
    public static string Draw(string text, string label)
    {
        var modules = Modules(text);
        var size = modules.Length;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                if (modules[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" class=\"hive-qr\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
