import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/**
 * Development signing keys, created in DATA_DIR on first use so that a newcomer can mint tokens
 * with `npm run token` without any identity provider. Never used when JWKS_FILE/JWKS_URL is set.
 */
export const DEV_KEY_ALGORITHM = 'ES256';

export interface DevKeys {
  readonly privateJwk: JWK;
  readonly publicJwks: { keys: JWK[] };
}

function keyFile(dataDir: string): string {
  return path.join(dataDir, 'dev-keys', 'signing-key.json');
}

export async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys> {
  const file = keyFile(dataDir);
  try {
    const privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    return { privateJwk, publicJwks: { keys: [publicPart(privateJwk)] } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair(DEV_KEY_ALGORITHM, { extractable: true });
  const privateJwk: JWK = {
    ...(await exportJWK(privateKey)),
    alg: DEV_KEY_ALGORITHM,
    use: 'sig',
    kid: `dev-${Date.now().toString(36)}`,
  };
  await mkdir(path.dirname(file), { recursive: true });
  // `wx` fails if another process created the key in the meantime; then we read theirs.
  try {
    await writeFile(file, JSON.stringify(privateJwk), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateDevKeys(dataDir);
    throw error;
  }
  return { privateJwk, publicJwks: { keys: [publicPart(privateJwk)] } };
}

function publicPart(jwk: JWK): JWK {
  const { d: _d, ...rest } = jwk;
  return rest;
}

export async function importDevSigningKey(keys: DevKeys) {
  return importJWK(keys.privateJwk, DEV_KEY_ALGORITHM);
}
