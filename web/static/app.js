// HTX pages: progressive enhancement only — every page reads and works without this file.
//  - Charts: each <canvas data-chart="{...}"> is drawn with Chart.js from the JSON in its
//    data-chart attribute; the table next to it holds the same figures.
//  - htmx: state-changing requests carry the session's CSRF token (meta csrf-token) in the
//    X-CSRF-Token header.
//  - Forms re-shown with errors: the error summary gets the focus.
(function () {
  'use strict';

  var palette = ['#1b5e20', '#0d47a1', '#b71c1c', '#e65100', '#4a148c', '#006064', '#3e2723'];

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  document.addEventListener('htmx:configRequest', function (event) {
    var token = csrfToken();
    if (token && event.detail.verb && event.detail.verb.toLowerCase() !== 'get') {
      event.detail.headers['X-CSRF-Token'] = token;
    }
  });

  function drawCharts(root) {
    if (typeof window.Chart !== 'function' || !root || !root.querySelectorAll) return;
    var locale = document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN';
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.getAttribute('data-drawn')) return;
      var spec;
      try {
        spec = JSON.parse(canvas.getAttribute('data-chart'));
      } catch (e) {
        return;  // the table beside the chart still holds the figures
      }
      var datasets = (spec.datasets || []).map(function (d, i) {
        var colour = palette[i % palette.length];
        return { label: d.label, data: d.data, backgroundColor: colour, borderColor: colour };
      });
      var scales = { y: { beginAtZero: true } };
      if (spec.stacked) scales = { x: { stacked: true }, y: { stacked: true, beginAtZero: true } };
      else if (spec.logarithmic) scales = { y: { type: 'logarithmic' } };
      new window.Chart(canvas, {
        type: spec.type || 'bar',
        data: { labels: spec.labels || [], datasets: datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          locale: locale,
          scales: scales,
          plugins: { legend: { display: datasets.length > 1 } },
        },
      });
      canvas.setAttribute('data-drawn', '1');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
    var summary = document.querySelector('.error-summary');
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
  });
  document.addEventListener('htmx:afterSwap', function (event) {
    drawCharts(event.target);
  });
})();
