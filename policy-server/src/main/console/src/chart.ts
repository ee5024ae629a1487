// A line chart as inline SVG: a handful of points over time, no chart library. Values are
// decimal strings; they become numbers here only to place the points on the screen.
import { h } from "./dom";

export interface ChartPoint { at: string; value: string | null }

const SVG = "http://www.w3.org/2000/svg";
const W = 560, H = 170, LEFT = 78, RIGHT = 12, TOP = 12, BOTTOM = 26;

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * The points as a line over time; a point without a value (a pool without shares) breaks the
 * line. Each point carries its time and value as a tooltip and in data attributes.
 */
export function lineChart(id: string, label: string, points: ChartPoint[]): Element {
  const shown = points.filter((p) => p.value !== null);
  if (shown.length === 0) return h("p", { id, class: "hint" }, `${label}: nothing to draw yet`);
  const times = points.map((p) => Date.parse(p.at));
  const values = shown.map((p) => Number(p.value));
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const top = shown[values.indexOf(Math.max(...values))], bottom = shown[values.indexOf(Math.min(...values))];
  let lo = Number(bottom.value), hi = Number(top.value);
  // a flat line is drawn in the middle of a small band around its value
  if (hi === lo) { lo -= Math.abs(lo) * 0.01 || 1; hi += Math.abs(hi) * 0.01 || 1; }
  const x = (t: number) => LEFT + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - (v - lo) / (hi - lo)) * (H - TOP - BOTTOM);
  const first = shown[0], last = shown[shown.length - 1];
  const root = svg("svg", { id, class: "chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": `${label}: ${first.value} at ${first.at} to ${last.value} at ${last.at}` });
  root.append(
    svg("line", { x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM, class: "axis" }),
    svg("line", { x1: LEFT, y1: H - BOTTOM, x2: W - RIGHT, y2: H - BOTTOM, class: "axis" }),
    // the highest and lowest values as the server sent them, at their heights
    svg("text", { x: LEFT - 6, y: y(Number(top.value)) + 4, "text-anchor": "end" }, top.value!),
    top === bottom ? "" : svg("text", { x: LEFT - 6, y: y(Number(bottom.value)) + 4, "text-anchor": "end" }, bottom.value!),
    svg("text", { x: LEFT, y: H - 8 }, new Date(t0).toISOString().slice(0, 16).replace("T", " ")),
    svg("text", { x: W - RIGHT, y: H - 8, "text-anchor": "end" }, new Date(t1).toISOString().slice(0, 16).replace("T", " ")));
  let run: string[] = [];
  const flush = () => {
    if (run.length) root.append(svg("polyline", { points: run.join(" "), class: "line" }));
    run = [];
  };
  points.forEach((p, i) => {
    if (p.value === null) { flush(); return; }
    const px = x(times[i]).toFixed(1), py = y(Number(p.value)).toFixed(1);
    run.push(`${px},${py}`);
  });
  flush();
  points.forEach((p, i) => {
    if (p.value === null) return;
    const dot = svg("circle", { cx: x(times[i]).toFixed(1), cy: y(Number(p.value)).toFixed(1), r: 3, class: "dot",
      "data-at": p.at, "data-value": p.value });
    dot.append(svg("title", {}, `${p.at}: ${p.value}`));
    root.append(dot);
  });
  return root;
}
