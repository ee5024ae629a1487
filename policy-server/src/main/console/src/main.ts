// The console's shell: the token (kept for the browser session), the navigation and the views.
import { useToken, token, currentCaller, onCallerChange, errorMessage } from "./api";
import { clear, h } from "./dom";
import { policiesView } from "./policies";
import { governanceView } from "./governance";
import { marketsView, stopStreams } from "./markets";
import { testsView } from "./tests";
import { auditView } from "./audit";
import { stakingView } from "./staking";
import { labView } from "./lab";

const VIEWS: Record<string, (main: HTMLElement) => void> = {
  policies: policiesView,
  governance: governanceView,
  markets: marketsView,
  tests: testsView,
  audit: auditView,
  staking: stakingView,
  lab: labView,
};

function route(): void {
  const main = document.getElementById("main")!;
  const name = location.hash.replace(/^#\/?/, "") || "policies";
  const view = VIEWS[name] ?? policiesView;
  document.querySelectorAll<HTMLAnchorElement>("nav a[data-view]").forEach((a) => {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  stopStreams();
  view(main);
}

function showCaller(): void {
  const who = document.getElementById("who")!;
  const c = currentCaller();
  who.textContent = c ? `${c.name}: ${c.roles.join(", ")}${c.two_person ? " · two-person rule on" : ""}` : "no token: read-only views only";
}

async function start(): Promise<void> {
  const form = document.getElementById("token-form") as HTMLFormElement;
  const input = document.getElementById("token-input") as HTMLInputElement;
  const who = document.getElementById("who")!;
  onCallerChange(() => { showCaller(); route(); });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await useToken(input.value.trim() || null);
      input.value = "";
    } catch (err) {
      clear(who, errorMessage(err));
    }
  });
  document.getElementById("token-forget")!.addEventListener("click", () => useToken(null));
  window.addEventListener("hashchange", route);
  const saved = token();
  if (saved) {
    try {
      await useToken(saved);
      return;
    } catch {
      // a token the server no longer knows: start without one
    }
  }
  showCaller();
  route();
}

start().catch((e) => document.getElementById("main")!.append(h("pre", {}, String(e))));
