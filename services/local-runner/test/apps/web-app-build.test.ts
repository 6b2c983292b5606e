import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBuilt, sourceHash } from '../../src/apps/web-app-build';

let app: string;
const roots = () => [app];

/** An app "built" from its current sources: dist/ holds their hash, as a build writes it. */
async function markBuilt(): Promise<void> {
  await mkdir(join(app, 'dist'), { recursive: true });
  await writeFile(join(app, 'dist', '.source-hash'), await sourceHash(app, roots()));
}

beforeEach(async () => {
  app = await mkdtemp(join(tmpdir(), 'app-stamp-'));
  await mkdir(join(app, 'src'));
  await writeFile(join(app, 'index.html'), '<!doctype html>');
  await writeFile(join(app, 'src', 'main.ts'), 'export const a = 1;');
});
afterEach(() => rm(app, { recursive: true, force: true }));

describe('isBuilt', () => {
  it('when no build is there, then the app is stale', async () => {
    expect(await isBuilt(app, roots())).toBe(false);
  });

  it('when the sources are those of the build, then it is built, and the stamp answers from then on without reading a source', async () => {
    const file = join(app, 'src', 'main.ts');
    const second = Math.floor(Date.now() / 1000) - 60;
    await utimes(file, second, second);
    await markBuilt();
    expect(await isBuilt(app, roots())).toBe(true);
    expect(await readFile(join(app, 'dist', '.source-stamp'), 'utf8')).toContain('src/main.ts');
    // Same size and mtime, other bytes: only a check that reads the file could tell.
    await writeFile(file, 'export const b = 1;');
    await utimes(file, second, second);
    expect(await isBuilt(app, roots())).toBe(true);
  });

  it('when a source is touched but its bytes are the same, then it is still built and the stamp is renewed', async () => {
    await markBuilt();
    await isBuilt(app, roots());
    const stampBefore = await readFile(join(app, 'dist', '.source-stamp'), 'utf8');
    const later = new Date(Date.now() + 60_000);
    await utimes(join(app, 'src', 'main.ts'), later, later);
    expect(await isBuilt(app, roots())).toBe(true);
    expect(await readFile(join(app, 'dist', '.source-stamp'), 'utf8')).not.toBe(stampBefore);
  });

  it('when a source changes, then the app is stale', async () => {
    await markBuilt();
    await writeFile(join(app, 'src', 'main.ts'), 'export const a = 2;');
    expect(await isBuilt(app, roots())).toBe(false);
  });

  it('when only a test file changes or appears, then the app is still built', async () => {
    await writeFile(join(app, 'src', 'main.test.ts'), 'test 1');
    await markBuilt();
    await writeFile(join(app, 'src', 'main.test.ts'), 'test 2');
    await writeFile(join(app, 'src', 'other.test.tsx'), 'test 3');
    expect(await isBuilt(app, roots())).toBe(true);
  });
});
