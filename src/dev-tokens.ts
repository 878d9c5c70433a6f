import { issueDevToken } from './auth/tokens.js';
import type { Config } from './config.js';

/** The roles the playground offers, on the demo data. */
const DEMO_PRINCIPALS = [
  { label: 'business: Nordlys Import AS (310000000)', request: { role: 'business', organisationNumber: '310000000' } },
  {
    label: 'business: Fjordfrakt Tollagent AS, customs broker (310000019)',
    request: { role: 'business', organisationNumber: '310000019' },
  },
  {
    label: 'business: Bergen Vinimport AS (310000035)',
    request: { role: 'business', organisationNumber: '310000035' },
  },
  { label: 'business: Polar Eksport AS (310000027)', request: { role: 'business', organisationNumber: '310000027' } },
  {
    label: 'private person: Kari Nordmann (synthetic)',
    request: { role: 'private', nationalIdentityNumber: '01819012365' },
  },
  { label: 'customs officer (T1001)', request: { role: 'officer', employeeId: 'T1001' } },
  { label: 'internal auditor (A2001)', request: { role: 'auditor', employeeId: 'A2001' } },
  { label: 'agency: Mattilsynet (Food Safety Authority)', request: { role: 'agency', agencyCode: 'MATTILSYNET' } },
  { label: 'agency: Politiet (Police)', request: { role: 'agency', agencyCode: 'POLICE' } },
  { label: 'agency: Statistics Norway (SSB)', request: { role: 'agency', agencyCode: 'SSB' } },
] as const;

/** Mints a fresh sandbox token for each demo principal (development setups only). */
export function demoTokenMinter(config: Config) {
  return () =>
    Promise.all(
      DEMO_PRINCIPALS.map(async ({ label, request }) => ({
        label,
        token: await issueDevToken(config, { ...request, expiresIn: 8 * 3600 }),
      })),
    );
}
