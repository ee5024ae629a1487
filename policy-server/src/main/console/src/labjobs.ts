// The lab jobs the server keeps, newest first: each one's state and progress, a button to open
// it and, where the token may, one to cancel it. Read again every second while any runs.
import { get, del, can, currentCaller, enc, errorMessage } from "./api";
import { h, clear, short } from "./dom";

interface PolicyRef { market?: string; policy: string; version: number; sha256: string }
export interface JobSummary {
  id: string; kind: "stress" | "replay"; status: string; by: string; created: string;
  progress: { done: number; total: number }; policies: PolicyRef[]; cancel_requested?: boolean; error?: string;
}

const LIST_MS = 1000;
let timer: number | undefined;

/** What a job counts in its progress. */
export function unit(kind: string): string {
  return kind === "stress" ? "paths" : "policies";
}

export function active(status: string): boolean {
  return status === "queued" || status === "running";
}

/** The list in `box`; `open` shows a job on the page. `refresh()` reads it again (and goes on while any job runs). */
export function jobList(box: HTMLElement, open: (id: string) => void): () => void {
  // a refused cancel stays said above the list, which is drawn anew each second while a job runs
  const note = h("div", { id: "lab-jobs-note" });
  const list = h("div", {});
  clear(box, note, list);
  let reading = 0;
  async function refresh(): Promise<void> {
    window.clearTimeout(timer);
    if (!can("viewer", "proposer", "approver", "analyst")) {
      clear(list, h("p", { class: "hint" }, "Reading lab jobs needs a viewer's, proposer's, approver's, analyst's or operator's token."));
      return;
    }
    const mine = ++reading;
    let jobs: JobSummary[];
    try {
      jobs = (await get<{ jobs: JobSummary[] }>("/v1/lab/jobs")).jobs;
    } catch (e) {
      clear(list, errorMessage(e));
      return;
    }
    if (mine !== reading || !document.body.contains(box)) return; // a newer read, or the page was left
    clear(list, jobs.length ? table(jobs) : h("p", { class: "hint", id: "lab-jobs-none" }, "No lab jobs yet."));
    box.dataset.running = String(jobs.filter((j) => active(j.status)).length);
    if (jobs.some((j) => active(j.status))) timer = window.setTimeout(refresh, LIST_MS);
  }

  function table(jobs: JobSummary[]): HTMLElement {
    return h("table", { id: "lab-jobs-table" },
      h("thead", {}, h("tr", {}, ["status", "kind", "by", "created", "progress", "policies", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, jobs.map(row)));
  }

  function row(j: JobSummary): HTMLElement {
    const who = currentCaller();
    // the server lets the starter's token or an operator cancel; a name stands for its token here
    const mayCancel = active(j.status) && !j.cancel_requested && (can("operator") || (can("analyst") && who?.name === j.by));
    const cancel = mayCancel ? h("button", { type: "button", class: "lab-job-cancel", onclick: async () => {
      cancel!.setAttribute("disabled", "");
      clear(note);
      try {
        await del(`/v1/lab/jobs/${enc(j.id)}`);
      } catch (e) {
        clear(note, errorMessage(e));
      }
      refresh();
    } }, "Cancel") : null;
    const status = j.cancel_requested ? `${j.status}, cancel asked` : j.status;
    return h("tr", { "data-job": j.id, "data-status": j.status },
      h("td", { class: "lab-job-status", title: j.error ?? "" }, status),
      h("td", {}, j.kind), h("td", {}, j.by), h("td", {}, j.created.replace("T", " ").replace(/\.\d+Z$/, "Z")),
      h("td", { class: "num lab-job-progress" }, `${j.progress.done} of ${j.progress.total} ${unit(j.kind)}`),
      h("td", { title: j.policies.map((p) => `${p.market ? p.market + ": " : ""}${p.policy} v${p.version} ${p.sha256}`).join("\n") },
        policies(j.policies)),
      h("td", {}, h("button", { type: "button", class: "lab-job-open", onclick: () => open(j.id) }, "Open"), " ", cancel));
  }

  refresh();
  return () => { refresh(); };
}

/** Each version once, by name, version and the start of its sha256. */
function policies(refs: PolicyRef[]): string {
  const seen: string[] = [];
  for (const p of refs) {
    const s = `${p.policy} v${p.version} (${short(p.sha256)})`;
    if (!seen.includes(s)) seen.push(s);
  }
  return seen.join(", ");
}
