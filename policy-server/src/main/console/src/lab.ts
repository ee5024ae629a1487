// The lab: a stress scenario edited here runs as a job on a copy of the server's venue; the page
// follows its progress (and can cancel it), then shows the policies side by side and the job's HTML report.
import { get, getText, postText, del, can, enc, message, errorMessage } from "./api";
import { h, clear } from "./dom";

interface Job {
  id: string; kind: string; status: "queued" | "running" | "done" | "failed" | "cancelled"; by: string;
  progress: { done: number; total: number }; error?: string; result?: StressResult;
}
type Metrics = Record<string, unknown>;
interface StressResult {
  paths: number;
  runs: { policy: string; version: number | null; results: { metrics: Metrics }[]; percentiles: Record<string, Metrics> }[];
}

const POLL_MS = 300;
let poll: number | undefined;

/** A small crash: every market down 5%, then 10% twice, one path. */
function crash(markets: string[]): string {
  const returns = markets.map((m) => `    ${JSON.stringify(m)}: [-0.05, -0.1, -0.1]`).join(",\n");
  return `{\n  "steps": 3,\n  "step": "1m",\n  "returns": {\n${returns}\n  },\n  "paths": 1,\n  "seed": 1\n}\n`;
}

export function labView(main: HTMLElement): void {
  window.clearTimeout(poll);
  const scenario = h("textarea", { id: "lab-scenario", rows: 14, "aria-label": "scenario JSON", spellcheck: "false" }) as HTMLTextAreaElement;
  const status = h("div", { id: "lab-status", "aria-live": "polite" });
  const table = h("div", { id: "lab-table" });
  const report = h("div", { id: "lab-report" });
  const allowed = can("analyst");
  const start = h("button", { id: "lab-start", type: "button", disabled: !allowed,
    title: allowed ? "start a stress job" : "needs analyst or operator", onclick: () => run() }, "Run stress job");
  // shown while the job followed is queued or running; the server lets its starter or an operator cancel it
  const cancel = h("button", { id: "lab-cancel", type: "button", hidden: true,
    title: "stop the job at its next path or step", onclick: () => stop() }, "Cancel job");
  let following: string | undefined;
  clear(main, h("h2", {}, "Lab"),
    h("section", { class: "card", "aria-labelledby": "lab-h" },
      h("h3", { id: "lab-h" }, "Stress scenario"),
      h("p", { class: "hint" }, "A scenario as in STRESS.md section 2, with `paths`, `seed`, `policies` ",
        "([{\"policy\", \"version\"}], default: each market's active policy) and `maintenance_margin` beside it. ",
        "The job runs on a copy of the venue; nothing live changes."),
      scenario, h("p", {}, start, " ", cancel), status),
    h("section", { class: "card", "aria-labelledby": "lab-t" }, h("h3", { id: "lab-t" }, "Policies side by side"), table),
    h("section", { class: "card", "aria-labelledby": "lab-r" }, h("h3", { id: "lab-r" }, "Report"), report));
  get<{ markets: { market: string }[] }>("/v1/markets").then(
    (m) => { if (!scenario.value) scenario.value = crash(m.markets.map((x) => x.market)); },
    (e) => clear(status, errorMessage(e)));

  async function run(): Promise<void> {
    window.clearTimeout(poll);
    clear(table);
    clear(report);
    try {
      const job = await postText<Job>("/v1/lab/stress", scenario.value, "application/json");
      follow(job.id);
    } catch (e) {
      clear(status, errorMessage(e));
    }
  }

  async function stop(): Promise<void> {
    if (!following) return;
    cancel.setAttribute("disabled", "");
    try {
      await del<Job>(`/v1/lab/jobs/${enc(following)}`);
    } catch (e) {
      cancel.removeAttribute("disabled");
      clear(status, errorMessage(e));
    }
  }

  async function follow(id: string): Promise<void> {
    following = id;
    let job: Job;
    try {
      job = await get<Job>(`/v1/lab/jobs/${enc(id)}`);
    } catch (e) {
      clear(status, errorMessage(e));
      return;
    }
    if (!document.body.contains(status)) return; // the page was left
    const active = job.status === "queued" || job.status === "running";
    cancel.hidden = !active;
    if (!active) cancel.removeAttribute("disabled");
    if (job.status === "cancelled") {
      clear(status, message("info", `job ${job.id} cancelled after ${job.progress.done} of ${job.progress.total} paths`));
      status.dataset.status = job.status;
      return;
    }
    if (job.status === "failed") {
      clear(status, message("error", `job ${job.id} failed: ${job.error ?? "no reason given"}`));
      return;
    }
    clear(status, message(job.status === "done" ? "ok" : "info",
      `job ${job.id}: ${job.status}, ${job.progress.done} of ${job.progress.total} paths`));
    status.dataset.status = job.status;
    if (job.status !== "done") {
      poll = window.setTimeout(() => follow(id), POLL_MS);
      return;
    }
    clear(table, sideBySide(job.result!));
    try {
      const page = await getText(`/v1/lab/jobs/${enc(id)}/report`);
      const url = URL.createObjectURL(new Blob([page], { type: "text/html" }));
      // sandboxed with nothing allowed: the report has no script and needs none
      clear(report, h("p", {}, h("a", { id: "lab-report-link", href: url, download: `stress-${id}.html` }, "download the report")),
        h("iframe", { id: "lab-report-frame", sandbox: "", srcdoc: page, title: "stress report", style: "width:100%;height:600px;border:1px solid #ccc" }));
    } catch (e) {
      clear(report, errorMessage(e));
    }
  }
}

/** One row per metric (a map's entries as `metric.key`), one column per policy; with several paths p50 / p95 / p99. */
function sideBySide(r: StressResult): HTMLElement {
  const cells = r.runs.map((run) => r.paths === 1 ? flat(run.results[0].metrics)
    : merge(["p50", "p95", "p99"].map((p) => flat(run.percentiles[p] ?? {}))));
  const rows: string[] = [];
  cells.forEach((c) => Object.keys(c).forEach((k) => { if (!rows.includes(k)) rows.push(k); }));
  const names = r.runs.map((run) => run.version == null ? run.policy : `${run.policy} v${run.version}`);
  return h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, "metric"), names.map((n) => h("th", { class: "num" }, n)))),
    h("tbody", {}, rows.map((k) => h("tr", { "data-metric": k }, h("th", { scope: "row" }, k),
      cells.map((c) => h("td", { class: "num" }, c[k] ?? ""))))));
}

function flat(m: Metrics, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) {
    if (v !== null && typeof v === "object") Object.assign(out, flat(v as Metrics, prefix + k + "."));
    else out[prefix + k] = v === null ? "none" : String(v);
  }
  return out;
}

function merge(ps: Record<string, string>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(ps[0])) out[k] = ps.map((p) => p[k] ?? "").join(" / ");
  return out;
}
