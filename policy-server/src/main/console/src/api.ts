// The console's only way to the server: the HTTP API, with the token kept for the session.
import { h } from "./dom";

const TOKEN_KEY = "adl.token";

export interface ErrorDetail { line: number; col: number; message: string }

/** An API answer with status 4xx or 5xx, in the server's one error format. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly errors: ErrorDetail[]) {
    super(message);
  }
}

export interface Caller { name: string; roles: string[]; staker: string | null; two_person: boolean }

export type Role = "viewer" | "proposer" | "approver" | "operator" | "treasury" | "staker" | "analyst";

let caller: Caller | null = null;
const listeners: (() => void)[] = [];

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function currentCaller(): Caller | null {
  return caller;
}

/** Whether the token has the role (an operator may do everything); the server checks it again. */
export function can(...roles: Role[]): boolean {
  if (!caller) return false;
  return caller.roles.includes("operator") || roles.some((r) => caller!.roles.includes(r));
}

export function onCallerChange(f: () => void): void {
  listeners.push(f);
}

export async function useToken(t: string | null): Promise<Caller | null> {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
  caller = null;
  try {
    caller = t ? await get<Caller>("/v1/whoami") : null;
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    listeners.forEach((f) => f());
    throw e;
  }
  listeners.forEach((f) => f());
  return caller;
}

async function request<T>(method: string, path: string, body?: string, type?: string): Promise<T> {
  const text = await send(method, path, body, type);
  return (text ? JSON.parse(text) : null) as T;
}

/** The answer's text when it succeeds; an {@link ApiError} in the server's error format when not. */
async function send(method: string, path: string, body?: string, type?: string): Promise<string> {
  const headers: Record<string, string> = {};
  const t = token();
  if (t) headers["Authorization"] = "Bearer " + t;
  if (type) headers["Content-Type"] = type;
  const res = await fetch(path, { method, headers, body });
  const text = await res.text();
  if (res.ok) return text;
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  throw new ApiError(res.status, json?.code ?? "error", json?.message ?? `${res.status} ${res.statusText}`,
    json?.errors ?? []);
}

export const get = <T>(path: string) => request<T>("GET", path);
/** A page that is not JSON (a lab job's HTML report). */
export const getText = (path: string) => send("GET", path);
export const postJson = <T>(path: string, body: unknown) => request<T>("POST", path, JSON.stringify(body), "application/json");
export const postText = <T>(path: string, text: string, type = "text/plain") => request<T>("POST", path, text, type);
export const postEmpty = <T>(path: string) => request<T>("POST", path);
export const del = <T>(path: string) => request<T>("DELETE", path);

export const enc = encodeURIComponent;

/** An error (or a success) shown next to what caused it. */
export function message(kind: "error" | "ok" | "info", text: string, details: ErrorDetail[] = []): HTMLElement {
  return h("div", { class: "msg " + kind, role: kind === "error" ? "alert" : "status" }, text,
    details.length ? h("ul", {}, details.map((d) => h("li", {}, `${d.line}:${d.col}: ${d.message}`))) : null);
}

export function errorMessage(e: unknown): HTMLElement {
  if (e instanceof ApiError) return message("error", `${e.message} (${e.status} ${e.code})`, e.errors);
  return message("error", String(e instanceof Error ? e.message : e));
}
