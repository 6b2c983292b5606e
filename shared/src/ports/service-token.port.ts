/** Tokens one service presents to another (Google ID tokens on Cloud Run, dev-IdP tokens embedded). */
export interface ServiceTokenSource {
  /** A bearer token whose audience is `audience`, cached until shortly before it expires. */
  tokenFor(audience: string): Promise<string>;
}
