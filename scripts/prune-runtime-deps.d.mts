export function runtimeClosure(lock: { packages: object }, names: string[]): Set<string>;
export function prune(nodeModules: string, kept: Set<string>): void;
