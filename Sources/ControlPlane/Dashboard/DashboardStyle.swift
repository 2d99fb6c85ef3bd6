/// The dashboard's style sheet (`GET /dashboard/style.css`), system fonts only. The chart
/// colours are the custom properties `--series-…`, which the script reads when it draws.
enum DashboardStyle {
    static let css = #"""
:root {
  --background: #f4f5f7;
  --panel: #ffffff;
  --ink: #1d2330;
  --muted: #697386;
  --line: #dfe3ea;
  --accent: #2457c5;
  --series-in: #2563eb;
  --series-out: #e8590c;
  --series-resident: #7c3aed;
  --series-allocated: #0d9488;
  --chart-ink: #697386;
  --chart-grid: #e8ebf0;
  --bad: #b42318;
  --good: #067647;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--background);
  color: var(--ink);
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12px; }
.muted { color: var(--muted); font-weight: normal; }
.top {
  display: flex; align-items: center; gap: 16px;
  padding: 10px 20px; background: var(--panel); border-bottom: 1px solid var(--line);
}
.top h1 { margin: 0; font-size: 17px; flex: 1; }
#status { padding: 2px 10px; border-radius: 10px; background: var(--line); font-size: 12px; }
#status[data-state="live"] { background: #dcfae6; color: var(--good); }
#status[data-state="error"] { background: #fee4e2; color: var(--bad); }
button {
  font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px;
  background: var(--panel); color: var(--ink); cursor: pointer;
}
button[type="submit"] { background: var(--accent); border-color: var(--accent); color: #fff; }
main { padding: 14px 20px; display: flex; flex-direction: column; gap: 12px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 0; }
#key-form { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
#key-form label { font-weight: 600; }
#key-input { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; width: 280px; }
#error {
  padding: 8px 14px; border-radius: 8px; border: 1px solid #fda29b; background: #fef3f2; color: var(--bad);
}
[hidden] { display: none !important; }
.summary { display: grid; grid-template-columns: repeat(4, minmax(0, 4fr)) repeat(4, minmax(0, 5fr)); gap: 10px; }
.figure {
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px;
  display: flex; flex-direction: column; min-width: 0;
}
.figure .label { color: var(--muted); font-size: 11px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.figure .value { font-size: 17px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
canvas { display: block; width: 100%; height: 200px; }
.key { font-weight: normal; font-size: 11px; margin-left: 8px; }
.key::before { content: ""; display: inline-block; width: 14px; height: 3px; margin-right: 4px; vertical-align: middle; }
.key-in::before { background: var(--series-in); }
.key-out::before { background: var(--series-out); }
.key-resident::before { background: var(--series-resident); }
.key-allocated::before { background: var(--series-allocated); }
.columns { display: grid; grid-template-columns: 3fr 2fr; gap: 10px; align-items: start; }
h2 { font-size: 14px; margin: 0 0 8px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 6px; text-align: right; border-bottom: 1px solid var(--line); white-space: nowrap; }
thead th { color: var(--muted); font-weight: 600; font-size: 11px; }
tbody th { text-align: left; font-weight: 600; }
tr.secondary { color: var(--muted); }
tr.total th, tr.total td { border-bottom: none; border-top: 2px solid var(--line); font-weight: 600; }
.room { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin-bottom: 8px; }
.room-head { display: flex; gap: 10px; align-items: baseline; }
.room-id { font-weight: 600; }
.participants { list-style: none; margin: 6px 0 0; padding: 0; }
.participant { padding: 4px 0; border-top: 1px dashed var(--line); }
.participant-head { display: flex; gap: 8px; align-items: baseline; }
.participant-id { font-weight: 600; }
.state { font-size: 11px; padding: 0 6px; border-radius: 8px; background: var(--line); }
.state-connected { background: #dcfae6; color: var(--good); }
.state-disconnected { background: #fee4e2; color: var(--bad); }
.tracks { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 3px; }
.track { font-size: 11px; padding: 1px 8px; border-radius: 8px; border: 1px solid var(--line); }
.track-video { border-color: #b2ccff; background: #eff4ff; }
.track-audio { border-color: #d9d6fe; background: #f4f3ff; }
.track-data { border-color: #99f6e4; background: #f0fdfa; }
@media (max-width: 1000px) {
  .summary { grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .charts, .columns { grid-template-columns: 1fr; }
}
"""#
}
