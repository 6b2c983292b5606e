import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAutomationRepository } from '../adapters/sqlite/automation-repository.sqlite';
import { openDatabase } from '../adapters/sqlite/database';
import { SqliteImageRepository } from '../adapters/sqlite/image-repository.sqlite';
import { SqlitePaletteRepository } from '../adapters/sqlite/palette-repository.sqlite';
import type { AutomationRules } from '../domain/automation';
import { newImageId, newVisitorId } from '../domain/ids';
import type { ImageKind } from '../domain/image';
import { paletteIdFor } from '../domain/palette';
import { decodeEvent, type EventDefinition } from '../events/define-event';
import type { EventPublisher, OutgoingMessage, ReceivedMessage } from '../ports/event-bus.port';
import type { z } from 'zod';

/**
 * The stores the automation rules read and write, on a real SQLite file, with a publisher that keeps what it was
 * given: for the rules' tests (a redelivered image.clustered must make nothing twice).
 */
export function automationStore() {
  const dir = mkdtempSync(join(tmpdir(), 'automation-rules-'));
  const db = openDatabase(join(dir, 'test.db'));
  let now = Date.parse('2025-06-01T10:00:00.000Z');
  const published: { topic: string; message: OutgoingMessage }[] = [];
  const publisher: EventPublisher = {
    async publish(topic, message) {
      published.push({ topic, message });
      return `m${published.length}`;
    },
  };
  const clock = { now: () => new Date(now) };
  const images = new SqliteImageRepository(db);
  const palettes = new SqlitePaletteRepository(db);
  const automation = new SqliteAutomationRepository(db);

  /** An uploaded and clustered image (its palette saved, status `clustered`), one second after the last one. */
  const clustered = async (
    kind: ImageKind,
    owner: string | null = kind === 'event' ? null : newVisitorId(),
  ) => {
    now += 1000;
    const imageId = newImageId();
    await images.create({ imageId, kind, ownerVisitorId: owner, creationKey: null, now: clock.now() });
    const sha256 = imageId.padEnd(64, '0').slice(0, 64);
    await images.addVersion({
      imageId,
      expectedVersion: 0,
      idempotencyKey: null,
      original: {
        blobKey: `originals/${imageId}`,
        contentType: 'image/png',
        bytes: 10,
        sha256,
        width: 4,
        height: 4,
      },
      now: clock.now(),
    });
    const paletteId = paletteIdFor(sha256, 'kmeans-lab@1', 4);
    const lab: [number, number, number] = [50, 0, 0];
    await palettes.save({
      paletteId,
      imageId,
      version: 1,
      k: 1,
      algorithm: 'kmeans-lab@1',
      colours: [{ hex: '#777777', rgb: [119, 119, 119], lab, share: 1 }],
      createdAt: clock.now(),
    });
    await images.setStatus({ imageId, version: 1, status: 'clustered', reason: null, at: clock.now() });
    return { imageId, paletteId, owner };
  };

  const setRules = (rules: AutomationRules) =>
    automation.putSettings({ ...rules, updatedAt: clock.now(), updatedBy: 'user:test' });

  /** What was published to one event's topic, decoded. */
  const sent = <E extends EventDefinition<string, z.ZodType>>(event: E) =>
    published
      .filter((p) => p.topic === event.topic)
      .map((p) => {
        const decoded = decodeEvent(event, {
          ...p.message,
          messageId: 'x',
          orderingKey: null,
          publishTime: new Date(),
          deliveryAttempt: 1,
          subscription: 's',
        });
        if (!decoded.ok) throw new Error(decoded.reason);
        return decoded.payload;
      });

  return {
    images,
    palettes,
    automation,
    publisher,
    clock,
    published,
    clustered,
    setRules,
    sent,
    /** A delivery of `message` as a subscriber gets it. */
    received: (message: OutgoingMessage, attempt = 1): ReceivedMessage => ({
      messageId: `m${Math.random()}`,
      data: message.data,
      attributes: message.attributes,
      orderingKey: null,
      publishTime: clock.now(),
      deliveryAttempt: attempt,
      subscription: 'test',
    }),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
