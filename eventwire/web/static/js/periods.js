// Periods of the API's series ("2024-03", "2024-W05", "2024-03-05", or a period's first day) as dates,
// the range of events a period covers (for drill-downs), and the empty periods between two periods
// (so that charts leave gaps instead of joining points across months without events).

const DAY = 86400000;

/** The first day of a period label, as a local Date; null if the label is not a period. */
export function periodStart(label) {
  const s = String(label || "");
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return new Date(+m[1], +m[2] - 1, +m[3]);
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return new Date(+m[1], +m[2] - 1, 1);
  m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (m) {  // ISO week: the Monday of the week that holds the year's 4 January
    const jan4 = new Date(+m[1], 0, 4);
    const monday = new Date(jan4.getFullYear(), 0, 4 - ((jan4.getDay() + 6) % 7));
    return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7 * (+m[2] - 1));
  }
  return null;
}

/** The next period's first day. */
export function nextStart(start, by) {
  if (by === "year") return new Date(start.getFullYear() + 1, 0, 1);
  if (by === "month") return new Date(start.getFullYear(), start.getMonth() + 1, 1);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + (by === "week" ? 7 : 1));
}

export function isoDate(d) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** {date_from, date_to}: the inclusive dates of the period that starts at ``start`` (the Events view's filter). */
export function periodRange(start, by) {
  const end = nextStart(start, by);
  return { date_from: isoDate(start), date_to: isoDate(new Date(end.getFullYear(), end.getMonth(), end.getDate() - 1)) };
}

/** Every period start from ``first`` to ``last`` inclusive (at most ``cap``: a guard, not a limit seen in use). */
export function everyPeriod(first, last, by, cap = 5000) {
  const out = [];
  for (let d = first; d <= last && out.length < cap; d = nextStart(d, by)) out.push(d);
  return out;
}

export function periodLabel(start, by) {
  if (by === "year") return String(start.getFullYear());
  if (by === "month") return start.toLocaleDateString("en", { year: "numeric", month: "short" });
  const day = start.toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" });
  return by === "week" ? "week of " + day : day;
}

/** The period a series from ``first`` to ``last`` reads best in: at most about 90 bars. */
export function readablePeriod(first, last) {
  const days = (last - first) / DAY;
  if (days <= 92) return "day";
  if (days <= 550) return "week";
  return "month";
}
