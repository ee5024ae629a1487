// The policy editor: CodeMirror with the ADL language, diagnostics from
// POST /v1/policies/validate as you type (debounced), a problems list and `did you mean` fixes.
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { linter, lintGutter, lintKeymap, forEachDiagnostic, type Diagnostic, type Action } from "@codemirror/lint";
import { adlLanguage, adlHighlight, adlCompletions } from "./adl";
import { postText, ApiError } from "./api";
import { h, clear } from "./dom";

export interface ServerDiagnostic {
  severity: "error" | "warning"; code: string; message: string; line: number; col: number; length?: number; help?: string;
}

interface Validation { ok: boolean; diagnostics: ServerDiagnostic[]; name?: string; version?: number }

/** The replacement a `did you mean `x`?` help offers, if any. */
export function suggestion(help: string | undefined): string | null {
  const m = help ? /did you mean `([^`]+)`/.exec(help) : null;
  return m ? m[1] : null;
}

/** A server diagnostic as an editor range (line and col are 1-based; col counts characters). */
export function toEditor(doc: EditorState["doc"], d: ServerDiagnostic): Diagnostic {
  const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(d.col - 1, 0), line.to);
  const to = Math.min(from + Math.max(d.length ?? 1, 1), line.to);
  const fix = suggestion(d.help);
  const actions: Action[] = fix ? [{
    name: `use \`${fix}\``,
    apply: (view, a, b) => view.dispatch({ changes: { from: a, to: b, insert: fix } }),
  }] : [];
  return {
    from, to: Math.max(to, from), severity: d.severity,
    message: `${d.line}:${d.col}: ${d.message}` + (d.help ? ` (help: ${d.help})` : ""), actions,
  };
}

export interface PolicyEditor {
  view: EditorView;
  text(): string;
  setText(t: string): void;
  /** The last validation's answer: name and version when the policy is good. */
  last(): Validation | null;
}

/** An editor in `host` whose problems are listed in `problems` (each item jumps to its place). */
export function policyEditor(host: HTMLElement, problems: HTMLElement, initial: string,
                             onValidated?: (v: Validation | null) => void): PolicyEditor {
  let last: Validation | null = null;
  const validate = linter(async (view) => {
    const text = view.state.doc.toString();
    if (!text.trim()) {
      last = null;
      renderProblems(view, problems, []);
      onValidated?.(null);
      return [];
    }
    try {
      last = await postText<Validation>("/v1/policies/validate", text);
    } catch (e) {
      last = null;
      clear(problems, h("li", { class: "error" }, e instanceof ApiError ? `cannot validate: ${e.message}` : String(e)));
      onValidated?.(null);
      return [];
    }
    if (view.state.doc.toString() !== text) return []; // typed on since: the next run will tell
    const diags = last.diagnostics.map((d) => toEditor(view.state.doc, d));
    renderProblems(view, problems, diags);
    onValidated?.(last);
    return diags;
  }, { delay: 400 });
  const view = new EditorView({
    parent: host,
    state: EditorState.create({ doc: initial, extensions: policyExtensions(validate) }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (t) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } }),
    last: () => last,
  };
}

function policyExtensions(validate: Extension): Extension[] {
  return [
    lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), history(),
    adlLanguage, adlHighlight, autocompletion({ override: [adlCompletions] }), validate, lintGutter(),
    keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ "aria-label": "policy text" }),
  ];
}

/** A read-only view of a policy, highlighted. */
export function policyViewer(host: HTMLElement, text: string): EditorView {
  return new EditorView({
    parent: host,
    state: EditorState.create({ doc: text, extensions: [lineNumbers(), adlLanguage, adlHighlight,
      EditorState.readOnly.of(true), EditorView.editable.of(false)] }),
  });
}

function renderProblems(view: EditorView, list: HTMLElement, diags: Diagnostic[]): void {
  if (!diags.length) {
    clear(list, h("li", { class: "none" }, "no problems"));
    return;
  }
  clear(list, diags.map((d) => h("li", { class: d.severity },
    h("button", { type: "button", onclick: () => {
      view.dispatch({ selection: { anchor: d.from, head: d.to }, scrollIntoView: true });
      view.focus();
    } }, `${d.severity}: ${d.message}`),
    d.actions?.map((a) => h("button", { type: "button", class: "fix", onclick: () => {
      a.apply(view, d.from, d.to);
      view.focus();
    } }, a.name)) ?? [])));
}

export { forEachDiagnostic };
