// Draws every chart whose numbers sit in a <script type="application/json" data-chart="canvas-id"> block:
// {type: "bar"|"line", labels: [...], series: [{name, values}], stacked?, min?, max?}. Each chart has a table of the
// same numbers beside it, so without this script (or with a screen reader, or on paper) nothing is lost.
(function () {
    "use strict";
    if (typeof Chart === "undefined") return;
    // The canvas does not inherit the page's font: without this, Khmer labels draw as empty boxes.
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    var colours = ["#b45309", "#2563eb", "#16a34a", "#db2777", "#7c3aed", "#0891b2"];
    document.querySelectorAll("script[type='application/json'][data-chart]").forEach(function (block) {
        var canvas = document.getElementById(block.getAttribute("data-chart"));
        if (!canvas) return;
        var spec = JSON.parse(block.textContent);
        var y = { beginAtZero: true, stacked: !!spec.stacked, ticks: { precision: 0 } };
        if (spec.min !== undefined && spec.min !== null) y.min = spec.min;
        if (spec.max !== undefined && spec.max !== null) y.max = spec.max;
        new Chart(canvas, {
            type: spec.type || "bar",
            data: {
                labels: spec.labels,
                datasets: spec.series.map(function (s, i) {
                    return { label: s.name, data: s.values, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], spanGaps: true, tension: 0.2, cubicInterpolationMode: "monotone" };
                })
            },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                scales: { x: { stacked: !!spec.stacked }, y: y },
                plugins: { legend: { position: "bottom", display: spec.series.length > 1 } }
            }
        });
    });
})();
