import type { BuildOptions, Metafile } from 'esbuild';

export const EXTERNALS: string[];
export function serviceBuildOptions(service: string): BuildOptions & { outdir: string };
export function reachedBy(metafile: Metafile, service: string): { inputs: string[]; externals: string[] };
export function buildService(service: string): Promise<string>;
