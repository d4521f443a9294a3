export type DependencyState = 'up' | 'down';

export interface HealthResponse {
  status: 'ok' | 'degraded';
  checks: { database: DependencyState; redis: DependencyState };
}
