import { readFile } from 'node:fs/promises';

/**
 * `node --import tsx services/local-runner/test/soak/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot>`: what
 * grew between two V8 heap snapshots of the runner (`npm run soak -- --snapshots 5,25`), grouped by constructor or
 * node kind, largest growth in bytes first. Growth that only one group explains is where to look for a leak.
 */
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

type Groups = Map<string, { count: number; bytes: number }>;

async function groups(path: string): Promise<Groups> {
  const snap = JSON.parse(await readFile(path, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out: Groups = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    // Strings, code and arrays are grouped by kind: their names are their contents.
    const name = type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + nameAt]!]! : '';
    const key = `${type}${name ? ` ${name.slice(0, 60)}` : ''}`;
    const g = out.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += snap.nodes[i + sizeAt]!;
    out.set(key, g);
  }
  return out;
}

const [beforePath, afterPath, top = '30'] = process.argv.slice(2);
if (!beforePath || !afterPath) throw new Error('usage: heap-diff.ts <before> <after> [rows]');
const before = await groups(beforePath);
const after = await groups(afterPath);
const total = (g: Groups) => [...g.values()].reduce((a, v) => a + v.bytes, 0);
const rows = [...after]
  .map(([key, a]) => {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: a.count - b.count, bytes: a.bytes - b.bytes, now: a.count };
  })
  .sort((x, y) => y.bytes - x.bytes)
  .slice(0, Number(top));
const MiB = (n: number) => `${(n / 1048576).toFixed(2)} MiB`;
process.stdout.write(`heap self sizes: ${MiB(total(before))} → ${MiB(total(after))}\n`);
for (const r of rows)
  process.stdout.write(
    `${(r.bytes >= 0 ? '+' : '') + MiB(r.bytes)}`.padStart(14) +
      `  ${(r.count >= 0 ? '+' : '') + r.count}`.padStart(10) +
      `  (${r.now} now)  ${r.key}\n`,
  );
