// Dry run, approval, activation and rollback: a candidate version against the active one on
// a market, with the two-person rule's state in view.
import { get, postJson, postEmpty, can, enc, message, errorMessage, currentCaller } from "./api";
import { h, clear, fillSelect, short, sumDecimals } from "./dom";
import { policyList, versions, type VersionSummary } from "./policies";

export interface Market {
  market: string; policy: string | null; version: number | null; sha256: string | null; lot_size: string;
  mark_price: string; positions: number; open_interest: string; open_interest_size: string;
  fund: { balance: string }; events: number;
}
export interface Fill { account: string; side: string; size: string; price: string; realized_pnl: string; tier: string; rank: number }
export interface Result {
  policy: string; version: number; fund_paid: string; fund_absorbed_size: string; adl_size: string; unresolved_size: string;
  bankruptcy_price: string; shortfall: string; fills: Fill[]; fills_total: number; fills_shown: number; event_seq?: number;
}
interface DryRun { market: string; candidate: Result; active: Result | { policy: string; version: number; refused: string } | null;
  only_candidate: string[]; only_active: string[] }
interface Approval { policy: string; version: number; approved_by: string }

const PAGE = 10;

export async function markets(): Promise<Market[]> {
  return (await get<{ markets: Market[] }>("/v1/markets")).markets;
}

export function governanceView(main: HTMLElement): void {
  const market = h("select", { id: "gov-market" }) as HTMLSelectElement;
  const policy = h("select", { id: "gov-policy" }) as HTMLSelectElement;
  const version = h("select", { id: "gov-version" }) as HTMLSelectElement;
  const event = h("textarea", { id: "gov-event", rows: 5, "aria-label": "event JSON" }) as HTMLTextAreaElement;
  const state = h("div", { id: "gov-state", "aria-live": "polite" });
  const status = h("div", { id: "gov-status" });
  const result = h("div", { id: "dry-run-result" });
  const btn = (id: string, label: string, ok: boolean, need: string, onclick: () => void) =>
    h("button", { id, type: "button", disabled: !ok, title: ok ? label : `needs ${need}`, onclick }, label);
  clear(main, h("h2", {}, "Dry run and approval"),
    h("section", { class: "card" },
      h("div", { class: "row" },
        h("div", { class: "field" }, h("label", { for: "gov-market" }, "market"), market),
        h("div", { class: "field" }, h("label", { for: "gov-policy" }, "candidate policy"), policy),
        h("div", { class: "field" }, h("label", { for: "gov-version" }, "version"), version)),
      state,
      h("div", { class: "field" }, h("label", { for: "gov-event" }, "event (JSON, as POST /v1/markets/{m}/events takes it)"), event),
      h("div", { class: "actions" },
        btn("dry-run", "Dry run against the active version", can("proposer", "approver"), "a proposer, approver or operator token", () => run()),
        btn("approve", "Approve", can("approver"), "an approver token", () => act("approve")),
        btn("activate", "Activate", can("operator"), "an operator token", () => act("activate")),
        btn("rollback", "Roll back", can("operator"), "an operator token", () => act("rollback"))),
      status),
    result);

  const ref = () => ({ policy: policy.value, version: Number(version.value) });

  async function loadVersions() {
    if (!policy.value) return;
    const vs = await versions(policy.value);
    fillSelect(version, vs.slice().reverse().map((v) => ({ value: String(v.version), label: `v${v.version} by ${v.author}` })));
    await showState(vs);
  }

  async function showState(vs?: VersionSummary[]) {
    try {
      const m = await get<Market>(`/v1/markets/${enc(market.value)}`);
      vs = vs ?? await versions(policy.value);
      const v = vs.find((x) => String(x.version) === version.value);
      const ap = await get<{ two_person: boolean; approvals: Approval[] }>(`/v1/markets/${enc(market.value)}/approvals`);
      const mine = ap.approvals.filter((a) => a.policy === policy.value && String(a.version) === version.value);
      const others = v ? mine.filter((a) => a.approved_by !== v.author) : [];
      const missing = ap.two_person && others.length === 0;
      clear(state, h("p", {},
        h("span", { id: "gov-active" }, `active in ${m.market}: ${m.policy ? `${m.policy} v${m.version} (${short(m.sha256)})` : "none"}`), " · ",
        v ? h("span", { id: "gov-proposer" }, `v${v.version} proposed by ${v.author} at ${v.created_at}`) : "", " · ",
        h("span", { id: "gov-approvals" }, mine.length ? `approved by ${mine.map((a) => a.approved_by).join(", ")}` : "no approvals"), " · ",
        ap.two_person
          ? h("span", { class: "badge " + (missing ? "missing" : "done"), id: "gov-missing" },
            missing ? `two-person rule: missing an approval from someone other than ${v?.author ?? "the proposer"}` : "two-person rule: met")
          : h("span", { class: "badge" }, "two-person rule off")));
      if (!event.value.trim()) {
        event.value = JSON.stringify({ bankrupt_account: "", mark_price: m.mark_price }, null, 1);
      }
    } catch (e) {
      clear(state, errorMessage(e));
    }
  }

  async function run() {
    clear(status);
    let ev: unknown;
    try {
      ev = JSON.parse(event.value);
    } catch (e) {
      status.append(message("error", `the event is not JSON: ${(e as Error).message}`));
      return;
    }
    try {
      const d = await postJson<DryRun>(`/v1/markets/${enc(market.value)}/dry-run?fills_limit=1000`, { ...ref(), event: ev });
      showDryRun(result, d);
    } catch (e) {
      status.append(errorMessage(e));
    }
  }

  async function act(kind: "approve" | "activate" | "rollback") {
    clear(status);
    const m = enc(market.value);
    try {
      if (kind === "approve") {
        const a = await postJson<Approval>(`/v1/markets/${m}/approvals`, ref());
        status.append(message("ok", `${a.policy} v${a.version} approved by ${a.approved_by}`));
      } else if (kind === "activate") {
        const a = await postJson<{ policy: string; version: number; who: string }>(`/v1/markets/${m}/activate`, ref());
        status.append(message("ok", `${a.policy} v${a.version} activated in ${market.value} by ${a.who}`));
      } else {
        const a = await postEmpty<{ policy: string; version: number; who: string }>(`/v1/markets/${m}/rollback`);
        status.append(message("ok", `rolled back: ${a.policy} v${a.version} is active in ${market.value}`));
      }
    } catch (e) {
      status.append(errorMessage(e));
    }
    await showState();
  }

  market.addEventListener("change", () => { event.value = ""; showState(); });
  policy.addEventListener("change", () => loadVersions());
  version.addEventListener("change", () => showState());
  (async () => {
    try {
      const ms = await markets();
      fillSelect(market, ms.map((m) => ({ value: m.market, label: `${m.market} (${m.policy ?? "no policy"} v${m.version ?? "-"})` })));
      const ps = await policyList();
      fillSelect(policy, ps.map((p) => ({ value: p.name, label: p.name })));
      const active = ms.find((m) => m.market === market.value)?.policy;
      if (active && ps.some((p) => p.name === active)) policy.value = active;
      await loadVersions();
    } catch (e) {
      clear(state, errorMessage(e), currentCaller() ? null : h("p", { class: "hint" }, "enter a token first"));
    }
  })();
}

/** Fills and size by tier (the policy's layers), summed exactly over the fills shown. */
function tierPayments(r: Result): Map<string, { fills: number; size: string }> {
  const sizes = new Map<string, string[]>();
  for (const f of r.fills) sizes.set(f.tier, [...(sizes.get(f.tier) ?? []), f.size]);
  return new Map([...sizes].map(([tier, s]) => [tier, { fills: s.length, size: sumDecimals(s) }]));
}

function resultColumn(title: string, r: Result | null, refused: string | null, only: string[], id: string): HTMLElement {
  if (!r) return h("div", { id }, h("h3", {}, title), refused ? message("error", `refused: ${refused}`) : message("info", "no active version"));
  const tiers = tierPayments(r);
  const fillsBox = h("div", {});
  let page = 0;
  const pages = Math.max(1, Math.ceil(r.fills.length / PAGE));
  const draw = () => clear(fillsBox,
    h("table", { class: "fills" }, h("thead", {}, h("tr", {}, ["rank", "account", "size", "price", "realized pnl", "tier"].map((c) => h("th", {}, c)))),
      h("tbody", {}, r.fills.slice(page * PAGE, page * PAGE + PAGE).map((f) => h("tr", { class: only.includes(f.account) ? "diff-accounts" : "" },
        h("td", { class: "num" }, f.rank), h("td", {}, f.account), h("td", { class: "num" }, f.size), h("td", { class: "num" }, f.price),
        h("td", { class: "num" }, f.realized_pnl), h("td", {}, f.tier))))),
    h("div", { class: "pager" },
      h("button", { type: "button", disabled: page === 0, onclick: () => { page--; draw(); } }, "previous"),
      `fills page ${page + 1} of ${pages} (${r.fills_shown} shown of ${r.fills_total})`,
      h("button", { type: "button", disabled: page >= pages - 1, onclick: () => { page++; draw(); } }, "next")));
  draw();
  return h("div", { id },
    h("h3", {}, `${title}: ${r.policy} v${r.version}`),
    h("table", {}, h("tbody", {},
      [["fund paid", r.fund_paid], ["size the fund absorbed", r.fund_absorbed_size], ["ADL size", r.adl_size],
        ["unresolved size", r.unresolved_size], ["bankruptcy price", r.bankruptcy_price]]
        .map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", { class: "num", "data-field": k }, v))),
      [...tiers].map(([tier, t]) => h("tr", {}, h("th", {}, `tier ${tier}`), h("td", { class: "num" }, `${t.fills} fills, size ${t.size}`))))),
    h("p", { class: "diff-accounts" }, only.length ? `hit only here: ${only.join(", ")}` : "no account is hit only here"),
    fillsBox);
}

function showDryRun(box: HTMLElement, d: DryRun): void {
  const active = d.active && "fills" in d.active ? d.active : null;
  const refused = d.active && "refused" in d.active ? d.active.refused : null;
  clear(box, h("section", { class: "card", "aria-label": "dry run result" },
    h("h3", {}, `Dry run on ${d.market}: nothing was changed`),
    h("div", { class: "side-by-side" },
      resultColumn("Active", active, refused, d.only_active, "dry-active"),
      resultColumn("Candidate", d.candidate, null, d.only_candidate, "dry-candidate"))));
}
