import { expect } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import type { Account } from './accounts';

/** The API itself (not through the web server's proxy): what the server really has. */
export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? 8100}`;

type Json = Record<string, unknown>;

export class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext, account: Account): Promise<Api> {
    const response = await request.post(`${API_URL}/api/auth/token/`, {
      data: { username: account.username, password: account.password },
    });
    expect(response.status(), 'API sign-in').toBe(200);
    const body = (await response.json()) as { access: string };
    return new Api(request, body.access);
  }

  async get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await this.request.get(`${API_URL}${path}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    const text = await response.text();
    return { status: response.status(), body: text ? (JSON.parse(text) as unknown) : null };
  }

  async put(path: string, data: Json): Promise<{ status: number; body: unknown }> {
    const response = await this.request.put(`${API_URL}${path}`, {
      headers: { Authorization: `Bearer ${this.token}` },
      data,
    });
    const text = await response.text();
    return { status: response.status(), body: text ? (JSON.parse(text) as unknown) : null };
  }

  async send(
    method: 'POST' | 'PATCH',
    path: string,
    data: Json,
  ): Promise<{ status: number; body: unknown }> {
    const response = await this.request.fetch(`${API_URL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}` },
      data,
    });
    const text = await response.text();
    return { status: response.status(), body: text ? (JSON.parse(text) as unknown) : null };
  }

  async patient(id: string): Promise<Json | null> {
    const { status, body } = await this.get(`/api/patients/${id}/`);
    return status === 200 ? (body as Json) : null;
  }

  async records(patientId: string): Promise<Json[]> {
    const { body } = await this.get(`/api/records/?patient=${patientId}`);
    const list = Array.isArray(body) ? body : ((body as { results?: unknown[] }).results ?? []);
    return (list as Json[]).filter((r) => r.patient === patientId);
  }

  async appointments(): Promise<Json[]> {
    const { status, body } = await this.get('/api/appointments/sync/');
    expect(status).toBe(200);
    return body as Json[];
  }

  async appointment(id: string): Promise<Json | undefined> {
    return (await this.appointments()).find((a) => a.id === id);
  }
}
