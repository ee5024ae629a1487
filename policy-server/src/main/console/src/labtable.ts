// The lab's tables of metrics: one row per metric (a map's entries as `metric.key`), one column per policy.
import { h } from "./dom";

export type Metrics = Record<string, unknown>;

/** A run's column heading: the named version, or `venue` for the markets' active policies. */
export function runName(run: { policy: string; version: number | null }): string {
  return run.version == null ? run.policy : `${run.policy} v${run.version}`;
}

export function metricTable(names: string[], cells: Record<string, string>[]): HTMLElement {
  const rows: string[] = [];
  cells.forEach((c) => Object.keys(c).forEach((k) => { if (!rows.includes(k)) rows.push(k); }));
  return h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, "metric"), names.map((n) => h("th", { class: "num" }, n)))),
    h("tbody", {}, rows.map((k) => h("tr", { "data-metric": k }, h("th", { scope: "row" }, k),
      cells.map((c) => h("td", { class: "num" }, c[k] ?? ""))))));
}

export function flat(m: Metrics, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) {
    if (v !== null && typeof v === "object") Object.assign(out, flat(v as Metrics, prefix + k + "."));
    else out[prefix + k] = v === null ? "none" : String(v);
  }
  return out;
}

/** Several percentiles' cells in one, as `p50 / p95 / p99`. */
export function merge(ps: Record<string, string>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(ps[0])) out[k] = ps.map((p) => p[k] ?? "").join(" / ");
  return out;
}
