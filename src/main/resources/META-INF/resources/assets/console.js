// Ringgate console: htmx settings, the CSRF header, and the rollout chart. No inline scripts, so
// the pages run under a strict Content-Security-Policy.
(function () {
  "use strict";

  // Refusals (4xx) are swapped in like answers, so their message appears where the action was.
  htmx.config.includeIndicatorStyles = false;
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "4..", swap: true, error: false },
    { code: "...", swap: false, error: true }
  ];

  // Every state change carries the session's CSRF token; the server refuses it otherwise.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
    }
  });

  // Forms driven by their buttons' hx-post must not also submit themselves on Enter.
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-no-submit")) {
      event.preventDefault();
    }
  });

  function haltMarkers(halts) {
    return {
      hooks: {
        draw: [
          function (u) {
            var ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = "#c62828";
            ctx.lineWidth = 2 * devicePixelRatio;
            halts.forEach(function (t) {
              var x = u.valToPos(t, "x", true);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            });
            ctx.restore();
          }
        ]
      }
    };
  }

  function drawChart(el) {
    fetch(el.getAttribute("data-series"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) {
          return;
        }
        var width = Math.max(300, el.clientWidth || 600);
        var opts = {
          width: width,
          height: 260,
          plugins: [haltMarkers(data.halts)],
          scales: { x: { time: true }, y: { range: [0, 100] } },
          axes: [{}, { label: "failed (%)" }],
          series: [
            {},
            { label: "release", stroke: "#c62828", width: 2, spanGaps: true },
            { label: "control", stroke: "#1565c0", width: 2, dash: [6, 4], spanGaps: true }
          ]
        };
        var rows = [data.t, data.releaseRate, data.controlRate];
        if (data.evidence) {
          // One ring: the gate's log-evidence against its halt threshold, on an axis of its own.
          var top = Math.max(data.threshold * 1.2, Math.max.apply(null, data.evidence.concat([0])));
          opts.scales.ev = { range: [0, top] };
          opts.axes.push({ scale: "ev", side: 1, label: "log-evidence", grid: { show: false } });
          opts.series.push(
            { label: "evidence", scale: "ev", stroke: "#ef6c00", width: 2 },
            { label: "halt threshold", scale: "ev", stroke: "#616161", dash: [2, 4] }
          );
          rows.push(data.evidence, data.t.map(function () { return data.threshold; }));
        }
        if (el._plot) {
          el._plot.setData(rows);
          el._plot.halts = data.halts;
        } else {
          el.innerHTML = "";
          el._plot = new uPlot(opts, rows, el);
        }
        el.setAttribute("data-points", String(data.t.length));
        el.setAttribute("data-halts", String(data.halts.length));
        el.setAttribute("data-ring", data.ring == null ? "" : String(data.ring));
      })
      .catch(function () { /* the next refresh tries again */ });
  }

  function charts() {
    document.querySelectorAll("[data-series]").forEach(drawChart);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-chart]").forEach(function (select) {
      select.addEventListener("change", function () {
        var el = document.getElementById(select.getAttribute("data-chart"));
        var base = el.getAttribute("data-series-base");
        el.setAttribute("data-series", select.value ? base + "?ring=" + select.value : base);
        if (el._plot) {
          el._plot.destroy();
          el._plot = null;
        }
        drawChart(el);
      });
    });
    charts();
    setInterval(charts, 5000);
  });
  // A live update of the status (a halt, a promotion) redraws the chart at once.
  document.addEventListener("htmx:sseMessage", function () {
    var el = document.getElementById("chart");
    if (el && el._plot) {
      el._plot.destroy();
      el._plot = null;
    }
    charts();
  });
})();

// The page says when its live stream is open (tests wait for it before causing a change).
document.addEventListener("htmx:sseOpen", function () {
  document.body.setAttribute("data-live", "open");
});
