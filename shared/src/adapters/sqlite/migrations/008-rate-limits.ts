/** Rate-limit counters: one row per key and fixed window; a hit removes its key's earlier windows. */
export default `
  CREATE TABLE rate_limits (
    key          TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
  ) WITHOUT ROWID;
`;
