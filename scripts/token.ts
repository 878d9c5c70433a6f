import { parseArgs } from 'node:util';
import { DEFAULT_SCOPES, ROLES, type Role } from '../src/auth/principal.js';
import { type DevTokenRequest, issueDevToken } from '../src/auth/tokens.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { isValidNationalIdentityNumber, isValidOrganisationNumber } from '../src/shared/identifiers.js';

const USAGE = `Prints a development token signed with the key in DATA_DIR (created on first use).

  npm run token -- --role business --org 310000000
  npm run token -- --role private --pid 01819012365
  npm run token -- --role officer [--emp T1001]
  npm run token -- --role auditor [--emp A2001]
  npm run token -- --role agency --agency MATTILSYNET

Options: --scope "a b c" (default: the role's usual scopes), --ttl seconds (default 43200, at most TOKEN_MAX_LIFETIME_SECONDS).
Use it as: curl -H "Authorization: Bearer $(npm run -s token -- --role business --org 310000000)" ...`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    pid: { type: 'string' },
    emp: { type: 'string' },
    agency: { type: 'string' },
    scope: { type: 'string' },
    ttl: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const role = values.role as Role | undefined;
if (!role || role === 'public' || !ROLES.includes(role))
  fail('--role must be business, private, officer, auditor or agency.');

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
if (!config.auth.devKeys) fail('Development tokens are off (JWKS_FILE/JWKS_URL is set or NODE_ENV=production).');

const request: DevTokenRequest = {
  role,
  scopes: values.scope ? values.scope.split(/\s+/).filter(Boolean) : DEFAULT_SCOPES[role],
  expiresIn: values.ttl ? Number(values.ttl) : undefined,
};
switch (role) {
  case 'business':
    if (!values.org || !/^\d{9}$/.test(values.org)) fail('--org needs a 9-digit organisation number.');
    if (!isValidOrganisationNumber(values.org)) {
      console.error(`Note: ${values.org} has no valid check digit; a real identity provider would not issue it.`);
    }
    request.organisationNumber = values.org;
    break;
  case 'private':
    if (!values.pid || !isValidNationalIdentityNumber(values.pid))
      fail('--pid needs a valid 11-digit national identity number.');
    request.nationalIdentityNumber = values.pid;
    break;
  case 'officer':
  case 'auditor':
    request.employeeId = values.emp ?? (role === 'officer' ? 'T1001' : 'A2001');
    break;
  case 'agency':
    if (!values.agency) fail('--agency needs an agency code, for example MATTILSYNET.');
    request.agencyCode = values.agency.toUpperCase();
    break;
}
try {
  console.log(await issueDevToken(config, request));
} catch (error) {
  fail(error instanceof RangeError ? error.message : String(error));
}
