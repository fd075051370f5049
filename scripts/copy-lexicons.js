// tsc does not copy data files: put src/lexicons/*.json next to the compiled code.
import { cpSync } from 'node:fs';
for (const dir of ["lexicons", "models"]) cpSync(new URL(`../src/${dir}`, import.meta.url), new URL(`../dist/${dir}`, import.meta.url), { recursive: true });
