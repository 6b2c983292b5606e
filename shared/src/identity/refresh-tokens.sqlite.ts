import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomToken, sha256Hex } from '../security/hashing';

/** Refresh tokens live 30 days from their issue, like Auth0's default inactivity lifetime for rotating tokens. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

export interface RefreshGrant {
  clientId: string;
  userId: string;
  scope: string;
  /** When the user typed their passcode (the ID token's auth_time), in seconds. */
  authTime: number;
  /** The browser login session the family was started in: logout there revokes it. */
  sessionId: string;
}

export type RotateOutcome =
  | { kind: 'rotated'; token: string; grant: RefreshGrant }
  | { kind: 'unknown' | 'expired' | 'revoked' }
  /** A token already exchanged was presented again: its whole family is now revoked (Auth0's reuse detection). */
  | { kind: 'reused' };

interface Row {
  family_id: string;
  client_id: string;
  user_id: string;
  scope: string;
  auth_time: number;
  session_id: string;
  expires_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
}

/**
 * The dev identity provider's refresh tokens, in SQLite beside its keys. Only a SHA-256 of each token is stored.
 * Every token is single-use: exchanging it issues its successor in the same family; a token presented a second time
 * revokes the family, so a stolen token is good for one refresh at most, for the thief or for the owner.
 */
export class RefreshTokenStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): RefreshTokenStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS refresh_tokens (
      token_hash TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      scope TEXT NOT NULL,
      auth_time INTEGER NOT NULL,
      session_id TEXT NOT NULL,
      issued_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      rotated_at INTEGER,
      revoked_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family_id);
    CREATE INDEX IF NOT EXISTS refresh_tokens_session ON refresh_tokens (session_id, client_id);`);
    return new RefreshTokenStore(db);
  }

  /** A new family's first token, for a login. */
  issue(grant: RefreshGrant, now: number): { token: string; familyId: string } {
    const familyId = randomToken(128);
    return { token: this.insert(familyId, grant, now), familyId };
  }

  /** Exchanges `token` (presented by `clientId`) for its successor, atomically: two racing refreshes cannot both win. */
  rotate(token: string, clientId: string, now: number): RotateOutcome {
    return this.db
      .transaction((): RotateOutcome => {
        const row = this.db
          .prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?')
          .get(sha256Hex(token)) as Row | undefined;
        if (!row || row.client_id !== clientId) return { kind: 'unknown' };
        if (row.revoked_at !== null) return { kind: 'revoked' };
        if (row.rotated_at !== null) {
          this.revokeFamily(row.family_id, now);
          return { kind: 'reused' };
        }
        if (row.expires_at <= now) return { kind: 'expired' };
        this.db
          .prepare('UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ?')
          .run(now, sha256Hex(token));
        const grant = {
          clientId,
          userId: row.user_id,
          scope: row.scope,
          authTime: row.auth_time,
          sessionId: row.session_id,
        };
        return { kind: 'rotated', token: this.insert(row.family_id, grant, now), grant };
      })
      .immediate();
  }

  revokeFamily(familyId: string, now: number): void {
    this.db
      .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL')
      .run(now, familyId);
  }

  /**
   * Logout: the refresh tokens `clientId` holds from one browser login session stop working. Per session, not per
   * user: a dev user such as `staff` is shared by every staff phone at a venue, and one logging out must not log
   * out the others.
   */
  revokeSession(sessionId: string, clientId: string, now: number): number {
    return this.db
      .prepare(
        'UPDATE refresh_tokens SET revoked_at = ? WHERE session_id = ? AND client_id = ? AND revoked_at IS NULL',
      )
      .run(now, sessionId, clientId).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private insert(familyId: string, grant: RefreshGrant, now: number): string {
    const token = randomToken(256);
    this.db
      .prepare(
        `INSERT INTO refresh_tokens
           (token_hash, family_id, client_id, user_id, scope, auth_time, session_id, issued_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        sha256Hex(token),
        familyId,
        grant.clientId,
        grant.userId,
        grant.scope,
        grant.authTime,
        grant.sessionId,
        now,
        now + REFRESH_TOKEN_TTL_MS,
      );
    return token;
  }
}
