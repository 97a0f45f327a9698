// Draws the safety-scale chart on the case page from the JSON in the canvas's data-chart attribute. The same numbers are in the
// table under the chart, so without this script (or for a screen reader) nothing is lost.
(function () {
    "use strict";
    var canvas = document.getElementById("scaling-chart");
    if (!canvas || !canvas.dataset.chart || typeof Chart === "undefined") return;
    var parsed = JSON.parse(canvas.dataset.chart);
    var colours = ["#b45309", "#2563eb", "#16a34a", "#db2777"];
    new Chart(canvas, {
        type: "line",
        data: {
            labels: parsed.labels,
            datasets: parsed.series.map(function (s, i) {
                return { label: s.name, data: s.values, borderColor: colours[i], backgroundColor: colours[i], spanGaps: true, tension: 0.2 };
            })
        },
        options: {
            animation: false,
            responsive: true,
            scales: { y: { min: 0, max: 10, ticks: { stepSize: 2 } } },
            plugins: { legend: { position: "bottom" } }
        }
    });
})();
