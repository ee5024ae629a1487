// A replay on the Lab page: recorded events (JSONL) and what the venue really closed (the CSV
// `adl replay --actual` reads), pasted or uploaded, sent as one JSON request; once the job is
// done, each policy's metrics and its closed sizes beside the venue's.
import { h, sumDecimals } from "./dom";
import { Metrics, flat, metricTable, runName } from "./labtable";

interface Comparison {
  both: string[]; policy_only: string[]; venue_only: string[];
  closed: Record<string, { policy: string; venue: string }>;
}
interface ReplayRun {
  policy: string; version: number | null; metrics: Metrics; skipped_events: number[]; actual?: Comparison;
}
export interface ReplayResult { runs: ReplayRun[] }

/** Rows of the per-account comparison shown at most. */
const ROWS = 500;

/** The form's fields; `request()` builds the body or throws a sentence saying what is wrong. */
export interface ReplayForm { element: HTMLElement; request: () => string }

export function replayForm(allowed: boolean, start: () => void): ReplayForm {
  const events = h("textarea", { id: "lab-events", rows: 6, "aria-label": "events, one JSON a line", spellcheck: "false" }) as HTMLTextAreaElement;
  const actual = h("textarea", { id: "lab-actual", rows: 6, "aria-label": "actual fills CSV", spellcheck: "false",
    placeholder: "event,account,size,price" }) as HTMLTextAreaElement;
  const policies = h("input", { id: "lab-replay-policies", type: "text", size: 40, "aria-label": "policies to compare",
    placeholder: "name:version, name:version (default: each market's active policy)" }) as HTMLInputElement;
  const button = h("button", { id: "lab-replay-start", type: "button", disabled: !allowed,
    title: allowed ? "start a replay job" : "needs analyst or operator", onclick: () => start() }, "Run replay job");
  const element = h("div", {},
    h("p", { class: "hint" }, "Recorded bankruptcy events, one event JSON a line (STRESS.md section 4), and optionally ",
      "what the venue really closed: the CSV `event,account,size,price` of `adl replay --actual`, `event` the event's line."),
    h("label", { for: "lab-events" }, "Events (JSONL) "), upload("lab-events-file", ".jsonl,.json,.txt", events), events,
    h("label", { for: "lab-actual" }, "Actual fills (CSV) "), upload("lab-actual-file", ".csv,.txt", actual), actual,
    h("p", {}, h("label", { for: "lab-replay-policies" }, "Policies "), policies),
    h("p", {}, button));
  return {
    element,
    request: () => {
      const body: Record<string, unknown> = { events: events.value };
      if (actual.value.trim()) body.actual = actual.value;
      const refs = versionRefs(policies.value);
      if (refs.length) body.policies = refs;
      return JSON.stringify(body);
    },
  };
}

/** A file input that loads the chosen file's text into the field beside it, to check or edit before sending. */
function upload(id: string, accept: string, into: HTMLTextAreaElement): HTMLElement {
  const input = h("input", { id, type: "file", accept, "aria-label": "upload a file" }) as HTMLInputElement;
  input.addEventListener("change", async () => {
    const f = input.files?.[0];
    if (f) into.value = await f.text();
  });
  return input;
}

/** `name:version, name:version` as the request's `policies`. */
function versionRefs(text: string): { policy: string; version: number }[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s).map((s) => {
    const at = s.lastIndexOf(":");
    const v = Number(s.slice(at + 1));
    if (at <= 0 || !Number.isInteger(v) || v < 1) throw new Error(`policy \`${s}\` must be written name:version`);
    return { policy: s.slice(0, at), version: v };
  });
}

/** The metrics side by side, then the comparison with what the venue did, when the actual fills were given. */
export function replayResult(r: ReplayResult): HTMLElement[] {
  const names = r.runs.map(runName);
  const out = [metricTable(names, r.runs.map((run) => flat(run.metrics)))];
  const skipped = r.runs.filter((run) => run.skipped_events.length);
  skipped.forEach((run) => out.push(h("p", { class: "hint" },
    `${runName(run)} skipped events on lines ${run.skipped_events.join(", ")}: their accounts were already closed`)));
  if (!r.runs.some((run) => run.actual)) {
    out.push(h("p", { class: "hint", id: "lab-compare-none" }, "No actual fills were given: nothing to compare with."));
    return out;
  }
  // the run of the markets' active policies is `venue` in the metrics; beside the venue's own fills that would read twice
  const policyNames = r.runs.map((run) => run.version == null ? "active policies" : runName(run));
  out.push(h("div", { id: "lab-compare" }, h("h4", {}, "Policy against what the venue did"),
    counts(r.runs, policyNames), ...accounts(r.runs, policyNames)));
  return out;
}

/** Accounts hit by both, by the policy only and by the venue only: a column per policy. */
function counts(runs: ReplayRun[], names: string[]): HTMLElement {
  const rows: [string, keyof Comparison][] = [["both", "both"], ["policy only", "policy_only"], ["venue only", "venue_only"]];
  return h("table", { id: "lab-compare-counts" },
    h("thead", {}, h("tr", {}, h("th", {}, "accounts hit"), names.map((n) => h("th", { class: "num" }, n)))),
    h("tbody", {}, rows.map(([label, key]) => h("tr", { "data-count": key }, h("th", { scope: "row" }, label),
      runs.map((run) => {
        const list = (run.actual?.[key] ?? []) as string[];
        return h("td", { class: "num", title: list.join(", ") }, run.actual ? list.length : "");
      })))));
}

/**
 * Per account the size the venue closed, then the size each policy closed; a cell that differs
 * from the venue's is marked. The accounts the venue closed come first; the policies' others
 * follow, up to {@link ROWS} rows in all (a crash can hit thousands).
 */
function accounts(runs: ReplayRun[], names: string[]): HTMLElement[] {
  const venue: Record<string, string> = {};
  const all = new Set<string>();
  runs.forEach((run) => Object.entries(run.actual?.closed ?? {}).forEach(([a, c]) => {
    all.add(a);
    venue[a] = c.venue;
  }));
  const byVenue = [...all].filter((a) => sumDecimals([venue[a]]) !== "0");
  const ids = [...byVenue, ...[...all].filter((a) => !byVenue.includes(a))];
  const shown = ids.slice(0, ROWS);
  const table = h("table", { id: "lab-compare-accounts" },
    h("thead", {}, h("tr", {}, h("th", {}, "account"), h("th", { class: "num" }, "venue closed"),
      names.map((n) => h("th", { class: "num" }, `${n} closed`)))),
    h("tbody", {}, shown.map((a) => h("tr", { "data-account": a }, h("th", { scope: "row" }, a),
      h("td", { class: "num", "data-col": "venue" }, venue[a]),
      runs.map((run) => {
        const size = run.actual?.closed[a]?.policy ?? "0";
        // exact decimal comparison: the API's decimal strings, never floats
        const differs = sumDecimals([size]) !== sumDecimals([venue[a]]);
        return h("td", { class: differs ? "num differs" : "num", "data-col": "policy" }, size);
      })))));
  return ids.length > ROWS ? [table, h("p", { class: "hint" }, `${ids.length - ROWS} more accounts the policies closed are in the report.`)]
    : [table];
}
