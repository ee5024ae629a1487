// The audit log, newest first, paged.
import { get, errorMessage } from "./api";
import { h, clear, short } from "./dom";

interface Entry { seq: number; at: string; who: string; action: string; target?: string; sha256?: string; [k: string]: unknown }

const LIMIT = 25;

export function auditView(main: HTMLElement): void {
  const box = h("div", { id: "audit" }, "loading…");
  clear(main, h("h2", {}, "Audit log"), h("section", { class: "card" }, box));
  show(0);

  async function show(offset: number) {
    try {
      const a = await get<{ total: number; entries: Entry[] }>(`/v1/audit?order=newest&offset=${offset}&limit=${LIMIT}`);
      const known = new Set(["seq", "at", "who", "action", "target", "sha256", "prev", "hash"]);
      clear(box,
        h("table", { id: "audit-table" }, h("thead", {}, h("tr", {}, ["#", "at", "who", "action", "target", "sha256", "details"].map((c) => h("th", {}, c)))),
          h("tbody", {}, a.entries.map((e) => h("tr", { "data-action": e.action },
            h("td", {}, e.seq), h("td", {}, e.at), h("td", {}, e.who), h("td", {}, e.action), h("td", {}, e.target ?? ""),
            h("td", { class: "mono", title: e.sha256 ?? "" }, short(e.sha256)),
            h("td", { class: "mono" }, Object.entries(e).filter(([k]) => !known.has(k)).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("; ")))))),
        h("div", { class: "pager" },
          h("button", { type: "button", disabled: offset === 0, onclick: () => show(Math.max(0, offset - LIMIT)) }, "newer"),
          `entries ${a.total ? offset + 1 : 0}–${Math.min(offset + LIMIT, a.total)} of ${a.total}`,
          h("button", { type: "button", disabled: offset + LIMIT >= a.total, onclick: () => show(offset + LIMIT) }, "older")));
    } catch (e) {
      clear(box, errorMessage(e));
    }
  }
}
