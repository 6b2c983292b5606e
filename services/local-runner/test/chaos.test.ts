import { describe, expect, it } from 'vitest';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { runChaos } from './chaos/chaos-run';

describe('chaos: the whole system as npm start runs it, killed with SIGKILL under load', () => {
  it('when the process group is killed three times and restarted, then nothing accepted is lost, duplicated, unfinished or littered', async () => {
    const data = await tempDir('chaos-');
    try {
      const report = await runChaos({ kills: 3, seed: 20_251_205, dataDir: data.dir });

      expect(report.kills).toBe(3);
      expect(report.photosAccepted).toBeGreaterThan(0);
      expect(report.eventImagesAccepted).toBeGreaterThan(0);
      expect(report.lostOrDuplicated).toEqual([]);
      expect(report.unfinished).toEqual([]);
      expect(report.serverErrors).toBe(0);
      expect(report.oneTimeReuse).toBe(0);
      expect(report.litter).toEqual([]);
      expect(report.integrity).toBe('ok');
      expect(report.deadLetters).toBe(0);
      expect(report.backlog).toBe(0);
      expect(report.exitCode).toBe(0);
      // Leases of the killed run are taken back at start-up: the pipelines finish within seconds of listening,
      // not after a 60 s or 300 s ack deadline.
      for (const [i, ms] of report.recoveryMs.entries()) expect(ms - report.startMs[i]!).toBeLessThan(10_000);
    } finally {
      await data.remove();
    }
  }, 120_000);
});
