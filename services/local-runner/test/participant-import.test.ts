import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { expectError, json, type CreatedParticipant } from './support';

describe('bulk import of participants, through real HTTP', () => {
  let h: Harness;
  let operator: string;

  beforeAll(async () => {
    h = await startHarness();
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  const participantCount = async () => {
    const res = await h.api('/participants?limit=200', { token: operator });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: unknown[] }).items.length;
  };

  it('when the event has not turned self-registration on, then 403 REGISTRATION.CLOSED and nobody is created', async () => {
    const before = await participantCount();
    const res = await h.api('/participants/register', {
      method: 'POST',
      ...json({ displayName: 'Walk-in' }),
    });
    await expectError(res, 403, 'REGISTRATION.CLOSED');
    expect(await participantCount()).toBe(before);
  });

  it('when one CSV row has a bad e-mail, then 400 IMPORT.INVALID names the row and nothing is imported', async () => {
    const before = await participantCount();
    const res = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'text/csv' },
      body: 'displayName,email,externalRef\nGood One,good@example.com,B-0001\nBad Two,not-an-email,B-0002\nGood Three,,B-0003\nBad Four,x@,B-0004\n',
    });
    const error = await expectError(res, 400, 'IMPORT.INVALID');
    const issues = (error.details as { issues: { row: number; message: string }[] }).issues;
    expect(issues.map((i) => i.row)).toEqual([2, 4]);
    expect(issues[0]!.message).toMatch(/^email/);
    expect(await participantCount()).toBe(before);
  });

  it('when one JSON row is bad, then 400 IMPORT.INVALID names that row and nothing is imported', async () => {
    const before = await participantCount();
    const res = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      ...json({
        participants: [
          { displayName: 'Fine', externalRef: 'J-1' },
          { displayName: '', externalRef: 'J/2' },
        ],
      }),
    });
    const error = await expectError(res, 400, 'IMPORT.INVALID');
    expect((error.details as { issues: { row: number }[] }).issues.map((i) => i.row)).toEqual([2, 2]);
    expect(await participantCount()).toBe(before);
  });

  it('when a CSV is empty, unreadable or has only a header, then a 4xx and nothing is imported', async () => {
    const before = await participantCount();
    const post = (body: string) =>
      h.api('/participants/import', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'text/csv' },
        body,
      });
    await expectError(await post(''), 400, 'REQUEST.EMPTY_BODY');
    await expectError(await post('displayName,email\n"unterminated,x@example.com\n'), 400, 'IMPORT.INVALID');
    await expectError(await post('displayName,email,externalRef\n'), 400, 'IMPORT.INVALID');
    await expectError(await post('displayName,email\nA,a@example.com,extra-column\n'), 400, 'IMPORT.INVALID');
    const wrongType = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'text/plain' },
      body: 'displayName\nA\n',
    });
    await expectError(wrongType, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect(await participantCount()).toBe(before);
  });

  it('when the same import runs twice, then the second finds every row existing and creates no duplicate', async () => {
    const csv =
      'displayName,email,externalRef\nRe One,one@example.com,R-0001\nRe Two,two@example.com,R-0002\n';
    const run = () =>
      h.api('/participants/import', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'text/csv' },
        body: csv,
      });
    const first = await run();
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { created: CreatedParticipant[]; existing: unknown[] };
    expect(firstBody.created).toHaveLength(2);
    const count = await participantCount();

    const second = await run();
    expect(second.status).toBe(200);
    const secondBody = (await second.json()) as {
      created: unknown[];
      existing: { participant: { visitorId: string } }[];
    };
    expect(secondBody.created).toHaveLength(0);
    expect(secondBody.existing.map((e) => e.participant.visitorId).sort()).toEqual(
      firstBody.created.map((c) => c.participant.visitorId).sort(),
    );
    expect(await participantCount()).toBe(count);
  });

  it('when one import names the same externalRef twice, then it is created once', async () => {
    const before = await participantCount();
    const res = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'text/csv' },
      body: 'displayName,externalRef\nTwin A,D-0001\nTwin B,D-0001\n',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { created: unknown[]; existing: unknown[] };
    expect([body.created.length, body.existing.length]).toEqual([1, 1]);
    expect(await participantCount()).toBe(before + 1);
  });
});
