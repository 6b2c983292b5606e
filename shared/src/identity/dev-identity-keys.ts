import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { randomToken } from '../security/hashing';
import { DEV_USERS } from './dev-users';

const jwk = z.looseObject({ kty: z.literal('RSA'), n: z.string(), e: z.string(), d: z.string() });

const keyFileSchema = z.object({
  kid: z.string().min(8),
  privateJwk: jwk,
  /** One secret per client-credentials client: the staff secret must never mint an operator token. */
  clientSecrets: z.object({ operator: z.string().min(32), staff: z.string().min(32) }),
  /** Each dev user's passcode, asked on the login page (the provider may be on the venue network). */
  passcodes: z.record(z.string(), z.string().min(8)),
  /** Signs login transactions and the login session cookie. */
  hmacKey: z.string().min(32),
});

/** The first format: one client secret shared by every client. */
const legacyKeyFileSchema = z.object({ kid: z.string().min(8), privateJwk: jwk, clientSecret: z.string() });

export type DevIdentityKeys = z.infer<typeof keyFileSchema>;

const FILE_NAME = 'dev-idp-key.json';

/**
 * The dev identity provider's secrets, kept in `dir` so tokens and passcodes survive restarts. Created on first use;
 * a file in the first format keeps its signing key but gets fresh per-client secrets (the old single secret was
 * known to staff and operators alike, so neither client keeps it) and passcodes. A file that is neither is an error,
 * not a reason to replace keys silently.
 */
export async function loadDevIdentityKeys(dir: string): Promise<DevIdentityKeys> {
  const file = join(dir, FILE_NAME);
  let raw: string | null = null;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const stored = raw === null ? null : parseKeyFile(raw, file);
  const keys = stored?.current ?? (await freshKeys(stored?.legacy ?? null));
  const complete = withAllPasscodes(keys);
  if (complete !== stored?.current) await save(dir, file, complete);
  return complete;
}

function parseKeyFile(raw: string, file: string) {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${file} is not valid JSON; move it away to create new dev identity keys`);
  }
  const current = keyFileSchema.safeParse(json);
  if (current.success) return { current: current.data, legacy: null };
  const legacy = legacyKeyFileSchema.safeParse(json);
  if (legacy.success) return { current: null, legacy: legacy.data };
  throw new Error(`${file} is not a dev identity key file; move it away to create new dev identity keys`);
}

async function freshKeys(legacy: z.infer<typeof legacyKeyFileSchema> | null): Promise<DevIdentityKeys> {
  const signing = legacy ?? (await newSigningKey());
  return {
    kid: signing.kid,
    privateJwk: signing.privateJwk,
    clientSecrets: { operator: randomToken(256), staff: randomToken(256) },
    passcodes: {},
    hmacKey: randomToken(256),
  };
}

async function newSigningKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = (await exportJWK(privateKey)) as JWK & z.infer<typeof jwk>;
  return { kid: randomToken(64), privateJwk };
}

/** A passcode for every dev user (users added to the catalogue later get one on the next start). */
function withAllPasscodes(keys: DevIdentityKeys): DevIdentityKeys {
  const missing = DEV_USERS.filter((u) => keys.passcodes[u.id] === undefined);
  if (missing.length === 0) return keys;
  const passcodes = { ...keys.passcodes };
  for (const user of missing) passcodes[user.id] = newPasscode();
  return { ...keys, passcodes };
}

/** Unambiguous characters (no 0/O, 1/I/L), read aloud or typed on a phone: 31^8 ≈ 2^39.6 combinations. */
const PASSCODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newPasscode(): string {
  const chars = Array.from({ length: 8 }, () => PASSCODE_ALPHABET[randomInt(PASSCODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a person typed, compared the way it was printed: case, spaces and dashes do not matter. */
export const normalizePasscode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

async function save(dir: string, file: string, keys: DevIdentityKeys): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(keys), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}
