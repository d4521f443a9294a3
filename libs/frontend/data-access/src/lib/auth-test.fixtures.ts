import type { MeResponse, RefreshResponse } from '@leitstand/api-contracts';

/** Test data shared by the auth specs (not exported from the library). */
export const AGENT: MeResponse = {
  id: '0b6a3f1e-0000-4000-8000-0000000000c1',
  email: 'agentin@leitstand.example',
  displayName: 'Anna Agentin',
  role: 'agent',
  tenantId: null,
  tenantIds: 'all',
};

export function sessionFor(user: MeResponse): RefreshResponse {
  return {
    accessToken: 'access-token',
    accessTokenExpiresAt: '2026-11-21T13:20:00.000Z',
    refreshToken: 'refresh-token',
    refreshTokenExpiresAt: '2026-11-28T13:05:00.000Z',
    user,
  };
}
