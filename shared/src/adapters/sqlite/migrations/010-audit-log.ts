/** The audit log: append-only (no UPDATE or DELETE is ever issued), listed newest first. */
export default `
  CREATE TABLE audit_log (
    audit_id   TEXT PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT,
    request_id TEXT,
    details    TEXT NOT NULL
  );
  CREATE INDEX audit_log_by_time ON audit_log (at DESC, audit_id DESC);
`;
