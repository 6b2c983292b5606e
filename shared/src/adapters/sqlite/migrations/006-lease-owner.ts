/**
 * Bus leases name the incarnation (one run of the process) that took them, so that a restart can take back the leases
 * of the run before it at once and without counting them as delivery attempts.
 */
export default `
  ALTER TABLE bus_deliveries ADD COLUMN lease_owner TEXT;
`;
