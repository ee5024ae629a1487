// The lab: a stress scenario edited here, or recorded events with what the venue really did, runs
// as a job on a copy of the server's venue; the page lists the jobs the server keeps, follows the
// one opened (and can cancel it), then shows the policies side by side and the job's HTML report.
import { get, getText, postText, del, can, enc, message, errorMessage } from "./api";
import { h, clear } from "./dom";
import { Metrics, flat, merge, metricTable, runName } from "./labtable";
import { ReplayResult, replayForm, replayResult } from "./labreplay";
import { active, jobList, unit } from "./labjobs";

interface Job {
  id: string; kind: "stress" | "replay"; status: "queued" | "running" | "done" | "failed" | "cancelled"; by: string;
  progress: { done: number; total: number }; error?: string; result?: StressResult | ReplayResult;
}
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
  const stressError = h("div", { id: "lab-stress-error" });
  const replayError = h("div", { id: "lab-replay-error" });
  const table = h("div", { id: "lab-table" });
  const report = h("div", { id: "lab-report" });
  const jobs = h("div", { id: "lab-jobs" });
  const allowed = can("analyst");
  const start = h("button", { id: "lab-start", type: "button", disabled: !allowed,
    title: allowed ? "start a stress job" : "needs analyst or operator", onclick: () => run() }, "Run stress job");
  // shown while the job followed is queued or running; the server lets its starter or an operator cancel it
  const cancel = h("button", { id: "lab-cancel", type: "button", hidden: true,
    title: "stop the job at its next path, step or event", onclick: () => stop() }, "Cancel job");
  const replay = replayForm(allowed, () => runReplay());
  let following: string | undefined;
  clear(main, h("h2", {}, "Lab"),
    h("section", { class: "card", "aria-labelledby": "lab-h" },
      h("h3", { id: "lab-h" }, "Stress scenario"),
      h("p", { class: "hint" }, "A scenario as in STRESS.md section 2, with `paths`, `seed`, `policies` ",
        "([{\"policy\", \"version\"}], default: each market's active policy) and `maintenance_margin` beside it. ",
        "The job runs on a copy of the venue; nothing live changes."),
      scenario, h("p", {}, start), stressError),
    h("section", { class: "card", "aria-labelledby": "lab-rp" },
      h("h3", { id: "lab-rp" }, "Replay with actual fills"), replay.element, replayError),
    h("section", { class: "card", "aria-labelledby": "lab-j" }, h("h3", { id: "lab-j" }, "Jobs"), jobs),
    h("section", { class: "card", "aria-labelledby": "lab-t" }, h("h3", { id: "lab-t" }, "The job: policies side by side"),
      status, h("p", {}, cancel), table),
    h("section", { class: "card", "aria-labelledby": "lab-r" }, h("h3", { id: "lab-r" }, "Report"), report));
  const refreshJobs = jobList(jobs, (id) => open(id));
  get<{ markets: { market: string }[] }>("/v1/markets").then(
    (m) => { if (!scenario.value) scenario.value = crash(m.markets.map((x) => x.market)); },
    (e) => clear(stressError, errorMessage(e)));

  async function run(): Promise<void> {
    await begin(stressError, () => postText<Job>("/v1/lab/stress", scenario.value, "application/json"));
  }

  async function runReplay(): Promise<void> {
    await begin(replayError, () => postText<Job>("/v1/lab/replay", replay.request(), "application/json"));
  }

  /** Starts a job (an error shows beside the form that asked for it) and follows it. */
  async function begin(where: HTMLElement, post: () => Promise<Job>): Promise<void> {
    clear(where);
    try {
      const job = await post();
      open(job.id);
      refreshJobs();
    } catch (e) {
      clear(where, errorMessage(e));
    }
  }

  /** Follows a job from the start: its status, then its result and report once done. */
  function open(id: string): void {
    window.clearTimeout(poll);
    clear(table);
    clear(report);
    follow(id);
  }

  async function stop(): Promise<void> {
    if (!following) return;
    cancel.setAttribute("disabled", "");
    try {
      await del<Job>(`/v1/lab/jobs/${enc(following)}`);
      refreshJobs();
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
    if (!document.body.contains(status) || following !== id) return; // the page was left, or another job opened
    const running = active(job.status);
    cancel.hidden = !running;
    if (!running) cancel.removeAttribute("disabled");
    status.dataset.kind = job.kind;
    status.dataset.job = job.id;
    const of = `${job.progress.done} of ${job.progress.total} ${unit(job.kind)}`;
    if (job.status === "cancelled") {
      clear(status, message("info", `job ${job.id} cancelled after ${of}`));
      status.dataset.status = job.status;
      refreshJobs();
      return;
    }
    if (job.status === "failed") {
      clear(status, message("error", `job ${job.id} failed: ${job.error ?? "no reason given"}`));
      status.dataset.status = job.status;
      refreshJobs();
      return;
    }
    clear(status, message(job.status === "done" ? "ok" : "info", `job ${job.id} (${job.kind}): ${job.status}, ${of}`));
    status.dataset.status = job.status;
    if (job.status !== "done") {
      poll = window.setTimeout(() => follow(id), POLL_MS);
      return;
    }
    refreshJobs();
    clear(table, job.kind === "stress" ? sideBySide(job.result as StressResult) : replayResult(job.result as ReplayResult));
    try {
      const page = await getText(`/v1/lab/jobs/${enc(id)}/report`);
      const url = URL.createObjectURL(new Blob([page], { type: "text/html" }));
      // sandboxed with nothing allowed: the report has no script and needs none
      clear(report, h("p", {}, h("a", { id: "lab-report-link", href: url, download: `${job.kind}-${id}.html` }, "download the report")),
        h("iframe", { id: "lab-report-frame", sandbox: "", srcdoc: page, title: `${job.kind} report`, style: "width:100%;height:600px;border:1px solid #ccc" }));
    } catch (e) {
      clear(report, errorMessage(e));
    }
  }
}

/** One row per metric, one column per policy; with several paths p50 / p95 / p99 in each cell. */
function sideBySide(r: StressResult): HTMLElement {
  const cells = r.runs.map((run) => r.paths === 1 ? flat(run.results[0].metrics)
    : merge(["p50", "p95", "p99"].map((p) => flat(run.percentiles[p] ?? {}))));
  return metricTable(r.runs.map(runName), cells);
}
