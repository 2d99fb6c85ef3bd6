extension DashboardScript {
    /// The charts: `LineChart` draws series over the last two minutes on a `<canvas>` by hand and
    /// writes `data-points` and `data-last-<series>` on it.
    static let charts = #"""
// Line charts drawn by hand on <canvas>: a time window, one polyline per series, a y axis
// scaled to the largest value shown. Each canvas carries its state for tests and tools:
// data-points (samples in the window) and data-last-<series> (the newest value of each).
"use strict";

const CHART_WINDOW_MS = 120000;

class LineChart {
  // canvas: the <canvas>; series: [{key, colorVariable}] (key: the data-last-<key> name).
  constructor(canvas, series) {
    this.canvas = canvas;
    this.series = series;
    this.samples = [];
  }

  // Adds {t, values: {key: number}} unless a sample of that time is there already, drops
  // those older than the window, redraws.
  add(t, values) {
    const newest = this.samples[this.samples.length - 1];
    if (newest && newest.t >= t) return;
    this.samples.push({ t, values });
    while (this.samples.length && this.samples[0].t < t - CHART_WINDOW_MS) this.samples.shift();
    this.canvas.dataset.points = String(this.samples.length);
    for (const s of this.series) this.canvas.dataset["last" + s.key[0].toUpperCase() + s.key.slice(1)] = String(values[s.key]);
    this.draw();
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const style = getComputedStyle(canvas);
    const ink = style.getPropertyValue("--chart-ink").trim() || "#555";
    const grid = style.getPropertyValue("--chart-grid").trim() || "#ddd";
    const left = 56, right = 8, top = 8, bottom = 20;
    const plotWidth = Math.max(1, width - left - right), plotHeight = Math.max(1, height - top - bottom);
    const end = this.samples.length ? this.samples[this.samples.length - 1].t : Date.now();
    const start = end - CHART_WINDOW_MS;
    let max = 0;
    for (const sample of this.samples) for (const s of this.series) max = Math.max(max, sample.values[s.key] || 0);
    const step = niceStep(max / 4);
    const ceiling = step * Math.max(1, Math.ceil(max / step));
    const x = (t) => left + ((t - start) / CHART_WINDOW_MS) * plotWidth;
    const y = (v) => top + plotHeight - (v / ceiling) * plotHeight;

    g.font = "11px system-ui, sans-serif";
    g.lineWidth = 1;
    g.strokeStyle = grid;
    g.fillStyle = ink;
    g.textBaseline = "middle";
    g.textAlign = "right";
    for (let value = 0; value <= ceiling + step / 2; value += step) {
      const py = Math.round(y(value)) + 0.5;
      g.beginPath(); g.moveTo(left, py); g.lineTo(left + plotWidth, py); g.stroke();
      g.fillText(formatTick(value, step), left - 6, py);
    }
    g.textBaseline = "top";
    for (const secondsAgo of [120, 90, 60, 30, 0]) {
      const px = x(end - secondsAgo * 1000);
      g.textAlign = secondsAgo === 120 ? "left" : secondsAgo === 0 ? "right" : "center";
      g.fillText(secondsAgo === 0 ? "now" : "-" + secondsAgo + " s", px, top + plotHeight + 5);
    }
    g.lineWidth = 2;
    g.lineJoin = "round";
    for (const s of this.series) {
      g.strokeStyle = style.getPropertyValue(s.colorVariable).trim() || "#000";
      g.beginPath();
      this.samples.forEach((sample, i) => {
        const px = x(sample.t), py = y(sample.values[s.key] || 0);
        if (i === 0) g.moveTo(px, py); else g.lineTo(px, py);
      });
      g.stroke();
    }
  }
}

// The smallest of 1, 2, 5 × 10^n at or above value: the distance between grid lines (0.25
// when there is nothing to show, so that an idle chart has 0 to 1).
function niceStep(value) {
  if (!(value > 0)) return 0.25;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const factor of [1, 2, 5]) if (factor * power >= value) return factor * power;
  return 10 * power;
}

// An axis label: as many decimals as the grid's step needs.
function formatTick(value, step) {
  const decimals = step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step)));
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
"""#
}
