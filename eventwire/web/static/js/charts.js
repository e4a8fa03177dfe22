// Time-series charts on Chart.js (vendored, see vendor/README.md): a real time axis (empty periods
// keep their place and break lines), y axes with ticks and units, a legend, tooltips that say what
// is counted, and a click on a period that drills down to its events.
import { fmt, loadScript } from "./dom.js";
import { everyPeriod, periodLabel, periodStart } from "./periods.js";

const live = new Set();  // charts of the current view, destroyed when the view changes

export async function loadCharts() {
  await loadScript("/static/vendor/chartjs/chart.umd.min.js");
  await loadScript("/static/vendor/chartjs/chartjs-adapter-date-fns.bundle.min.js");
  const Chart = window.Chart;
  Chart.defaults.animation = false;  // instant redraws; also keeps screenshots and tests deterministic
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#66707c";
  return Chart;
}

export function destroyCharts() {
  for (const chart of live) chart.destroy();
  live.clear();
}

/**
 * Rows keyed by period label -> one entry per period from the first to the last, empty periods
 * included with ``null`` values (bars absent, lines broken).
 */
export function fillPeriods(rowsByLabel, by) {
  const starts = [...rowsByLabel.keys()].map(periodStart).filter(Boolean).sort((a, b) => a - b);
  if (!starts.length) return [];
  const byTime = new Map([...rowsByLabel].map(([label, row]) => [periodStart(label)?.getTime(), row]));
  return everyPeriod(starts[0], starts[starts.length - 1], by).map((start) => ({ start, row: byTime.get(start.getTime()) || null }));
}

/**
 * A stacked bar chart per period, optionally with a line on a second axis.
 *   periods: [{start, row}] from fillPeriods; bars: [{label, colour, value(row)}]; unit: "events";
 *   line: {label, colour, value(row), axisTitle, min, max, describe(value)}; onPick(start) on click;
 *   footer(period): an extra tooltip line.
 */
export function periodChart(Chart, holder, { periods, by, bars, unit, line, onPick, footer }) {
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", `${bars.map((b) => b.label).join(", ")} per ${by}` + (line ? `, ${line.label}` : ""));
  holder.replaceChildren(canvas);
  const point = (p, value) => ({ x: p.start.getTime(), y: p.row ? value(p.row) : null });
  const datasets = bars.map((b) => ({
    type: "bar", label: b.label, backgroundColor: b.colour, stack: "counts", yAxisID: "y",
    data: periods.map((p) => point(p, b.value)), unit, grouped: false,
  }));
  if (line) {
    datasets.push({
      type: "line", label: line.label, borderColor: line.colour, backgroundColor: line.colour, yAxisID: "y2",
      data: periods.map((p) => point(p, line.value)), spanGaps: false, pointRadius: 3, borderWidth: 2,
      borderDash: [5, 3], describe: line.describe, order: -1,
    });
  }
  const chart = new Chart(canvas, {
    data: { datasets },
    options: {
      responsive: true, maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        // every tick label carries its year: a day or week axis often spans several
        x: { type: "time", time: { unit: by, displayFormats: { day: "d MMM yyyy", week: "d MMM yyyy", month: "MMM yyyy", year: "yyyy" } },
          offset: true,
          ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: unit } },
        ...(line ? { y2: { position: "right", min: line.min, max: line.max, grid: { drawOnChartArea: false },
          title: { display: true, text: line.axisTitle } } } : {}),
      },
      plugins: {
        legend: { position: "top", labels: { boxWidth: 12 } },
        tooltip: {
          filter: (item) => item.parsed.y !== null,
          callbacks: {
            title: (items) => (items.length ? periodLabel(new Date(items[0].parsed.x), by) : ""),
            label: (item) => (item.dataset.describe ? item.dataset.describe(item.parsed.y)
              : `${item.dataset.label}: ${fmt(item.parsed.y)} ${item.parsed.y === 1 ? unit.replace(/s$/, "") : unit}`),
            footer: (items) => [items.length && footer ? footer(periods[items[0].dataIndex]) : null,
              onPick ? "Click to list these events" : null].filter(Boolean).join("\n"),
          },
        },
      },
      onClick: (event, elements) => {
        if (!onPick || !elements.length) return;
        const p = periods[elements[0].index];
        if (p && p.row) onPick(p.start);
      },
      onHover: (event, elements) => {
        event.native.target.style.cursor = onPick && elements.length ? "pointer" : "default";
      },
    },
  });
  live.add(chart);
  return chart;
}
