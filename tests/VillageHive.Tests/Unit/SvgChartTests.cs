using System.Globalization;
using System.Xml.Linq;
using VillageHive.Features.Shared;

namespace VillageHive.Tests.Unit;

/// <summary>The server's SVG charts (Features/Shared/SvgChart.cs) draw what the numbers say.</summary>
public sealed class SvgChartTests
{
    private static XElement Svg(string html)
    {
        var end = html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(html[..end]);
    }

    private static double Num(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Stacked_bars_are_as_tall_as_their_values_and_sit_on_each_other()
    {
        var svg = Svg(SvgChart.Bars(["A", "B"], [ChartSeries.Of("low", [2, 4]), ChartSeries.Of("high", [2, 0])], stacked: true).Value!);
        var bars = svg.Elements().Where(e => e.Name.LocalName == "rect").ToList();
        bars.Count.ShouldBe(3, "a zero draws no bar");
        var (a1, a2, b1) = (bars[0], bars[1], bars[2]);
        Num(a1, "height").ShouldBe(Num(a2, "height"), 0.01);
        Num(a2, "y").ShouldBe(Num(a1, "y") - Num(a2, "height"), 0.01, "the second series sits on the first");
        Num(b1, "height").ShouldBe(Num(a1, "height") + Num(a2, "height"), 0.01, "4 is as tall as 2 + 2");
        Num(a1, "x").ShouldBe(Num(a2, "x"));
    }

    [Fact]
    public void A_line_passes_over_a_missing_value_and_the_axis_reaches_a_round_number_above_the_top()
    {
        var svg = Svg(SvgChart.Lines(["1", "2", "3"], [ChartSeries.Of("x", [3, null, 7])]).Value!);
        svg.Elements().Single(e => e.Name.LocalName == "polyline").Attribute("points")!.Value.Split(' ').Length.ShouldBe(2);
        svg.Elements().Count(e => e.Name.LocalName == "circle").ShouldBe(2);
        var ticks = svg.Elements().Where(e => e.Name.LocalName == "text" && e.Attribute("text-anchor")?.Value == "end" && e.Attribute("transform") is null)
            .Select(e => e.Value).ToList();
        ticks.ShouldBe(["0", "2", "4", "6", "8"]);
    }

    [Fact]
    public void A_legend_names_each_series_only_when_there_are_several()
    {
        SvgChart.Bars(["A"], [ChartSeries.Of("only", [1])]).Value!.ShouldNotContain("hive-legend");
        var two = SvgChart.Bars(["A"], [ChartSeries.Of("ទទួល", [1]), ChartSeries.Of("B & C", [1])]).Value!;
        two.ShouldContain("ទទួល");
        two.ShouldContain("B &amp; C");
    }

    [Fact]
    public void Long_labels_are_turned_and_never_cut_between_a_subscript_sign_and_its_consonant()
    {
        // The 13th character is a coeng (U+17D2), the sign that joins the consonant after it below the one before.
        var label = "ការពារកុមារស្រ្តី និងក្រុមគ្រួសារ";
        label[12].ShouldBe('\u17D2');
        var labels = Enumerable.Range(0, 8).Select(_ => label).ToList();
        var svg = Svg(SvgChart.Bars(labels, [ChartSeries.Of("n", Enumerable.Repeat(1, 8))]).Value!);
        var shown = svg.Elements().Where(e => e.Name.LocalName == "text" && e.Attribute("transform") is not null).Select(e => e.Value).ToList();
        shown.ShouldNotBeEmpty("labels too long to stand side by side are turned");
        foreach (var t in shown)
        {
            t.ShouldEndWith("…");
            t[t.Length - 2].ShouldNotBe('\u17D2');
            t.ShouldStartWith(label[..17]);
        }
    }

    [Fact]
    public void A_guide_level_is_drawn_across_at_its_value_with_its_label_and_a_keyed_series_carries_its_class()
    {
        var svg = Svg(SvgChart.Lines(["a", "b"], [ChartSeries.Of("total", [40, 60]) with { Key = "total" }], max: 80, guide: (40, "close at 40")).Value!);
        var line = svg.Elements().Single(e => e.Name.LocalName == "polyline");
        line.Attribute("class")!.Value.ShouldBe("total");
        var guide = svg.Elements().Single(e => e.Name.LocalName == "line" && e.Attribute("stroke-dasharray") is not null);
        var firstPointY = double.Parse(line.Attribute("points")!.Value.Split(' ')[0].Split(',')[1], CultureInfo.InvariantCulture);
        Num(guide, "y1").ShouldBe(firstPointY, 0.01, "the guide stands at 40, as the first point does");
        svg.Elements().ShouldContain(e => e.Name.LocalName == "text" && e.Value == "close at 40");
    }
}
