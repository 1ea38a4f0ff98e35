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
        if (el._plot) {
          el._plot.setData(rows);
          el._plot.halts = data.halts;
        } else {
          el.innerHTML = "";
          el._plot = new uPlot(opts, rows, el);
        }
        el.setAttribute("data-points", String(data.t.length));
        el.setAttribute("data-halts", String(data.halts.length));
      })
      .catch(function () { /* the next refresh tries again */ });
  }

  function charts() {
    document.querySelectorAll("[data-series]").forEach(drawChart);
  }

  document.addEventListener("DOMContentLoaded", function () {
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
