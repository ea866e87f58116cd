import { HealthStatus } from '../health';
import { endpoint } from './endpoint';

const tags = ['health'] as const;

/** Liveness and readiness, for load balancers and process supervisors. */
export const HEALTH_ENDPOINTS = {
  live: endpoint({
    method: 'GET',
    path: '/healthz',
    tags,
    summary: 'Liveness: the process answers',
    responses: { 200: HealthStatus },
  }),
  ready: endpoint({
    method: 'GET',
    path: '/readyz',
    tags,
    summary: 'Readiness: the database answers (503 when it does not)',
    responses: { 200: HealthStatus, 503: HealthStatus },
  }),
} as const;
