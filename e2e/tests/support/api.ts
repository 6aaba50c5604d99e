/**
 * Direct API calls for test setup that is not the subject of a spec (an event with ticket types,
 * an order bought in the background), in an API context of its own (its cookies are not the
 * browser's). Every call checks the status and returns the JSON body.
 */
import { expect, request, type APIRequestContext } from '@playwright/test';

export interface Api {
  ctx: APIRequestContext;
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T = any>(path: string, body: unknown): Promise<T>;
  dispose(): Promise<void>;
}

async function check(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<any> {
  const text = await res.text();
  expect(res.ok(), `${what} answered ${res.status()}: ${text}`).toBeTruthy();
  return text ? JSON.parse(text) : undefined;
}

/** An API client for `/api/v1`, signed in as `who` when given (Bearer token from /auth/login). */
export async function apiClient(baseURL: string, who?: { email: string; password: string }): Promise<Api> {
  const ctx = await request.newContext({ baseURL });
  let auth: Record<string, string> = {};
  if (who) {
    const res = await ctx.post('/api/v1/auth/login', { data: { email: who.email, password: who.password } });
    const token = (await check(res, 'POST /auth/login')).access_token as string;
    auth = { Authorization: `Bearer ${token}` };
  }
  const url = (p: string) => `/api/v1${p}`;
  return {
    ctx,
    get: async (p) => check(await ctx.get(url(p), { headers: auth }), `GET ${p}`),
    post: async (p, body, headers) =>
      check(await ctx.post(url(p), { data: body ?? {}, headers: { ...auth, ...(headers ?? {}) } }), `POST ${p}`),
    patch: async (p, body) => check(await ctx.patch(url(p), { data: body, headers: auth }), `PATCH ${p}`),
    dispose: () => ctx.dispose(),
  };
}

/** A `?token=` value out of a URL or path the API gave. */
export function tokenOf(url: string): string {
  const t = new URL(url, 'http://x').searchParams.get('token');
  if (!t) throw new Error(`no token in ${url}`);
  return t;
}
