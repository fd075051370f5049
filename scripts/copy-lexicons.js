// tsc does not copy data files: put src/lexicons/*.json next to the compiled code.
import { cpSync } from 'node:fs';
cpSync(new URL('../src/lexicons', import.meta.url), new URL('../dist/lexicons', import.meta.url), { recursive: true });
