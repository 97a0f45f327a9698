using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace VillageHive.Features.Shared;

/// <summary>
/// One named row of numbers in a chart; a missing value is null (a line passes over it). <see cref="Key"/>, when given,
/// is the class of the series' line or bars (a page's tests and print styles can find it).
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, string? Key = null)
{
    public static ChartSeries Of(string name, IEnumerable<int> values) => new(name, [.. values.Select(v => (double?)v)]);
    public static ChartSeries Of(string name, IEnumerable<int?> values) => new(name, [.. values.Select(v => (double?)v)]);
    public static ChartSeries Of(string name, IEnumerable<decimal?> values) => new(name, [.. values.Select(v => (double?)v)]);
    public static ChartSeries Of(string name, IEnumerable<decimal> values) => new(name, [.. values.Select(v => (double?)v)]);
}

/// <summary>
/// Charts drawn on the server as inline SVG (issue 19: no chart script to download, nothing to run on a cheap phone,
/// printed as drawn). Bars (grouped or stacked) and lines over a row of labels; a legend in HTML under the chart when
/// there is more than one series. Every chart stands beside a table of the same numbers, which is what a screen reader
/// reads: the drawing is hidden from it.
/// </summary>
public static class SvgChart
{
    private const double Width = 360, Left = 34, Right = 8, Top = 8, FontSize = 11;
    private static readonly string[] Colours = ["#b45309", "#2563eb", "#16a34a", "#db2777", "#7c3aed", "#0891b2"];

    public static HtmlString Bars(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, bool stacked = false,
        string? id = null, double height = 200) => Draw(labels, series, lines: false, stacked, null, null, id, height, null);

    /// <summary>Lines over the labels; a guide is a level drawn across with its label (e.g. the score a case could close at).</summary>
    public static HtmlString Lines(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, double? min = 0,
        double? max = null, string? id = null, double height = 200, (double Value, string Label)? guide = null) =>
        Draw(labels, series, lines: true, stacked: false, min, max, id, height, guide);

    private static HtmlString Draw(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, bool lines, bool stacked,
        double? min, double? max, string? id, double height, (double Value, string Label)? guide)
    {
        var n = Math.Max(labels.Count, 1);
        var plotWidth = Width - Left - Right;
        var band = plotWidth / n;
        // Labels that do not fit side by side are turned and shortened; the table beside the chart has them whole.
        var longest = labels.Count == 0 ? 0 : labels.Max(l => l.Length);
        var turned = longest * FontSize * 0.55 > band * 0.95;
        var most = turned ? 12 : 20;
        var every = turned ? Math.Max(1, (int)Math.Ceiling(FontSize * 1.3 / band)) : 1;
        var bottom = turned ? 10 + Math.Min(longest, most + 1) * FontSize * 0.45 : 22;
        var plotHeight = height - Top - bottom;

        var (low, high, step) = Scale(series, lines, stacked, min, max);
        double Y(double v) => Top + plotHeight - (v - low) / (high - low) * plotHeight;
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"hive-svgchart\" viewBox=\"0 0 {F(Width)} {F(height)}\" role=\"presentation\" aria-hidden=\"true\" focusable=\"false\"");
        if (id is not null) svg.Append(CultureInfo.InvariantCulture, $" id=\"{WebUtility.HtmlEncode(id)}\"");
        svg.Append(CultureInfo.InvariantCulture, $" font-size=\"{F(FontSize)}\">");
        for (var t = low; t <= high + step / 1000; t += step)
        {
            var y = Y(t);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left - 4)}\" y=\"{F(y + FontSize / 3)}\" text-anchor=\"end\" fill=\"#555\">{F(t)}</text>");
        }
        for (var i = 0; i < labels.Count; i += every)
        {
            var x = Left + band * (i + 0.5);
            var y = Top + plotHeight + FontSize + 2;
            var text = WebUtility.HtmlEncode(Visible(labels[i], most));
            svg.Append(turned
                ? string.Create(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"end\" transform=\"rotate(-40 {F(x)} {F(y)})\" fill=\"#333\">{text}</text>")
                : string.Create(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"middle\" fill=\"#333\">{text}</text>"));
        }
        if (guide is { } g)
        {
            var y = Y(g.Value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#15803d\" stroke-dasharray=\"4 3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + 4)}\" y=\"{F(y - 3)}\" fill=\"#15803d\">{WebUtility.HtmlEncode(g.Label)}</text>");
        }
        if (lines) DrawLines(svg, series, band, Y, F);
        else DrawBars(svg, series, band, stacked, Y, F);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(Y(low))}\" y2=\"{F(Y(low))}\" stroke=\"#888\"/>");
        svg.Append("</svg>");

        if (series.Count > 1)
        {
            svg.Append("<ul class=\"hive-legend\" aria-hidden=\"true\">");
            for (var s = 0; s < series.Count; s++)
                svg.Append(CultureInfo.InvariantCulture, $"<li><svg width=\"10\" height=\"10\" focusable=\"false\"><rect width=\"10\" height=\"10\" fill=\"{Colours[s % Colours.Length]}\"/></svg> {WebUtility.HtmlEncode(series[s].Name)}</li>");
            svg.Append("</ul>");
        }
        return new HtmlString(svg.ToString());
    }

    private static void DrawBars(StringBuilder svg, IReadOnlyList<ChartSeries> series, double band, bool stacked,
        Func<double, double> y, Func<double, string> f)
    {
        var count = series.Count == 0 ? 0 : series.Max(s => s.Values.Count);
        for (var i = 0; i < count; i++)
        {
            var start = Left + band * i + band * 0.1;
            var width = band * 0.8;
            double below = 0;
            for (var s = 0; s < series.Count; s++)
            {
                if (i >= series[s].Values.Count || series[s].Values[i] is not { } v || v == 0) continue;
                var (x, w, from) = stacked ? (start, width, below) : (start + width / series.Count * s, width / series.Count, 0d);
                var top = y(from + v);
                svg.Append(CultureInfo.InvariantCulture, $"<rect{KeyClass(series[s])} x=\"{f(x)}\" y=\"{f(top)}\" width=\"{f(Math.Max(w - 1, 1))}\" height=\"{f(y(from) - top)}\" fill=\"{Colours[s % Colours.Length]}\"/>");
                if (stacked) below += v;
            }
        }
    }

    private static void DrawLines(StringBuilder svg, IReadOnlyList<ChartSeries> series, double band, Func<double, double> y,
        Func<double, string> f)
    {
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var points = series[s].Values
                .Select((v, i) => v is { } value ? $"{f(Left + band * (i + 0.5))},{f(y(value))}" : null)
                .OfType<string>().ToList();
            if (points.Count > 1)
                svg.Append(CultureInfo.InvariantCulture, $"<polyline{KeyClass(series[s])} points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            foreach (var p in points)
            {
                var xy = p.Split(',');
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"2.5\" fill=\"{colour}\"/>");
            }
        }
    }

    private static string KeyClass(ChartSeries s) => s.Key is { } key ? $" class=\"{WebUtility.HtmlEncode(key)}\"" : "";

    /// <summary>The value axis: from zero (or the given floor) to a round number above the highest bar or point, in 2–5 steps.</summary>
    private static (double Low, double High, double Step) Scale(IReadOnlyList<ChartSeries> series, bool lines, bool stacked,
        double? min, double? max)
    {
        var low = min ?? 0;
        var values = series.SelectMany(s => s.Values).OfType<double>().ToList();
        var top = stacked
            ? Enumerable.Range(0, series.Count == 0 ? 0 : series.Max(s => s.Values.Count))
                .Select(i => series.Sum(s => i < s.Values.Count ? s.Values[i] ?? 0 : 0)).DefaultIfEmpty(0).Max()
            : values.DefaultIfEmpty(0).Max();
        if (!lines || min is null) low = Math.Min(low, values.DefaultIfEmpty(0).Min());
        var high = max ?? Math.Max(top, low + 1);
        var step = Nice((high - low) / 4);
        if (max is null) high = low + Math.Ceiling((high - low) / step) * step;
        return (low, high, step);
    }

    /// <summary>A whole step of 1, 2 or 5 times a power of ten, at least 1 (the charts count people and dollars).</summary>
    private static double Nice(double rough)
    {
        if (rough <= 1) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var scaled = rough / power;
        return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
    }

    /// <summary>
    /// A label cut to a number of characters, never between a Khmer subscript sign (coeng, U+17D2) and the consonant it joins,
    /// which would draw a broken cluster.
    /// </summary>
    private static string Visible(string label, int most)
    {
        if (label.Length <= most) return label;
        var cut = most;
        while (cut < label.Length && (label[cut - 1] == '\u17D2' || char.GetUnicodeCategory(label[cut]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            cut++;
        return cut >= label.Length ? label : label[..cut] + "…";
    }
}
