import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Compiled tests live in dist-test/test/...: paths are resolved from the repository root.
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name: string) => `${repoRoot}fixtures/${name}`;
export const seedPath = fixture('articles/kerry-moscow.txt');
export const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const hasShared = existsSync(`${sharedDir}tools/check-contract.mjs`);
