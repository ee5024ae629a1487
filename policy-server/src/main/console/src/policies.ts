// Policies: the versions of each policy (author, time, sha256), a diff between any two, and
// the editor to propose a new version.
import { MergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { get, postText, can, enc, message, errorMessage } from "./api";
import { h, clear, fillSelect, short } from "./dom";
import { policyEditor, type PolicyEditor } from "./editor";
import { adlLanguage, adlHighlight } from "./adl";

interface PolicyEntry { name: string; latest: number; versions: number[] }
export interface VersionSummary { name: string; version: number; sha256: string; author: string; created_at: string }
interface VersionDetail extends VersionSummary { source: string }

const STARTER = `policy "my-policy" version 1
markets "*-PERP"

eligible when upnl > 0

rank by pnl_pct * leverage

reduce {
  tier "everyone" : queue
}
`;

export async function policyList(): Promise<PolicyEntry[]> {
  return get<PolicyEntry[]>("/v1/policies");
}

export async function versions(name: string): Promise<VersionSummary[]> {
  return (await get<{ versions: VersionSummary[] }>(`/v1/policies/${enc(name)}/versions`)).versions;
}

export async function source(name: string, v: number | string): Promise<VersionDetail> {
  return get<VersionDetail>(`/v1/policies/${enc(name)}/versions/${enc(String(v))}`);
}

let editor: PolicyEditor | null = null;

export function policiesView(main: HTMLElement): void {
  const listBox = h("div", { id: "policy-list" }, "loading…");
  const versionsBox = h("div", { id: "policy-versions" });
  const diffBox = h("div", { id: "policy-diff" });
  const host = h("div", { class: "editor", id: "policy-editor" });
  const problems = h("ul", { class: "problems", id: "problems", "aria-live": "polite", "aria-label": "problems" });
  const status = h("div", { id: "propose-status" });
  const propose = h("button", { id: "propose", class: "primary", type: "button", disabled: !can("proposer"),
    title: can("proposer") ? "store this text as a new version" : "needs a proposer token" }, "Propose this version") as HTMLButtonElement;
  clear(main,
    h("h2", {}, "Policies"),
    h("div", { class: "row" },
      h("section", { class: "card", "aria-labelledby": "pl-h" }, h("h3", { id: "pl-h" }, "Registered policies"), listBox),
      h("section", { class: "card grow", "aria-labelledby": "pv-h" }, h("h3", { id: "pv-h" }, "Versions"), versionsBox, diffBox)),
    h("section", { class: "card", "aria-labelledby": "ed-h" },
      h("h3", { id: "ed-h" }, "Editor"),
      h("p", { class: "hint" }, "Problems are checked by the server as you type; Ctrl-Space completes clauses and built-ins."),
      host, h("h3", {}, "Problems"), problems,
      h("div", { class: "actions" }, propose, h("span", { class: "hint" }, "the header's name and version name the new version")),
      status));
  editor?.view.destroy();
  editor = policyEditor(host, problems, STARTER);
  propose.addEventListener("click", async () => {
    clear(status);
    try {
      const r = await postText<{ name: string; version: number; sha256: string }>("/v1/policies", editor!.text());
      status.append(message("ok", `stored ${r.name} version ${r.version} (sha256 ${short(r.sha256)})`));
      await showList(listBox, versionsBox, diffBox, r.name);
    } catch (e) {
      status.append(errorMessage(e));
    }
  });
  showList(listBox, versionsBox, diffBox).catch((e) => clear(listBox, errorMessage(e)));
}

async function showList(listBox: HTMLElement, versionsBox: HTMLElement, diffBox: HTMLElement, select?: string) {
  let list: PolicyEntry[];
  try {
    list = await policyList();
  } catch (e) {
    clear(listBox, errorMessage(e), h("p", { class: "hint" }, "enter a token to see the registry"));
    return;
  }
  clear(listBox, list.length ? h("ul", { class: "plain" }, list.map((p) => h("li", {},
    h("button", { type: "button", "data-policy": p.name, onclick: () => showVersions(versionsBox, diffBox, p.name) },
      `${p.name} (v${p.latest})`)))) : "no policies yet");
  if (select) await showVersions(versionsBox, diffBox, select);
}

async function showVersions(box: HTMLElement, diffBox: HTMLElement, name: string) {
  clear(diffBox);
  let vs: VersionSummary[];
  try {
    vs = await versions(name);
  } catch (e) {
    clear(box, errorMessage(e));
    return;
  }
  const a = h("select", { id: "diff-a", "aria-label": "diff from version" }) as HTMLSelectElement;
  const b = h("select", { id: "diff-b", "aria-label": "diff to version" }) as HTMLSelectElement;
  const opts = vs.map((v) => ({ value: String(v.version), label: "v" + v.version }));
  fillSelect(a, opts);
  fillSelect(b, opts);
  if (vs.length > 1) a.value = String(vs[vs.length - 2].version);
  b.value = String(vs[vs.length - 1].version);
  const latest = vs[vs.length - 1].version;
  clear(box,
    h("table", { id: "versions-table" },
      h("thead", {}, h("tr", {}, ["version", "author", "created", "sha256", ""].map((c) => h("th", {}, c)))),
      h("tbody", {}, vs.map((v) => h("tr", {},
        h("td", {}, `${v.name} v${v.version}`), h("td", {}, v.author), h("td", {}, v.created_at),
        h("td", { class: "mono", title: v.sha256 }, short(v.sha256)),
        h("td", {}, h("button", { type: "button", onclick: async () => {
          const d = await source(name, v.version);
          editor?.setText(d.source.replace(/(policy\s+"[^"]*"\s+version\s+)\d+/, `$1${latest + 1}`));
          editor?.view.focus();
        } }, `new version from v${v.version}`)))))),
    h("div", { class: "actions" }, h("label", { for: "diff-a" }, "diff"), a, h("label", { for: "diff-b" }, "against"), b,
      h("button", { type: "button", id: "diff-show", onclick: () => showDiff(diffBox, name, a.value, b.value) }, "Show diff")));
}

async function showDiff(box: HTMLElement, name: string, va: string, vb: string) {
  try {
    const [a, b] = await Promise.all([source(name, va), source(name, vb)]);
    const ext = [lineNumbers(), adlLanguage, adlHighlight, EditorState.readOnly.of(true), EditorView.editable.of(false)];
    clear(box, h("h3", {}, `${name}: v${va} (left) against v${vb} (right)`));
    const host = h("div", { class: "editor", id: "diff-view" });
    box.append(host);
    new MergeView({ a: { doc: a.source, extensions: ext }, b: { doc: b.source, extensions: ext }, parent: host });
  } catch (e) {
    clear(box, errorMessage(e));
  }
}
