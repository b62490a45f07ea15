// Builds the publishable `ack-local` npm package into packages/cli/npm/dist: the CLI (bin) and the Node API
// (src/api.ts) bundled with esbuild, so that the package depends on nothing of the workspace; only the packages
// that load native code or workers stay external and are the package's dependencies (package.json beside this
// file; their versions are the lockfile's). Then `npm pack` here gives the tarball.
//   node packages/cli/npm/build.mjs && (cd packages/cli/npm && npm pack)
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const manifest = JSON.parse(readFileSync(here('./package.json'), 'utf8'));

rmSync(here('./dist'), { recursive: true, force: true });

await build({
  entryPoints: { 'ack-local': here('../src/main.ts'), index: here('../src/api.ts') },
  outdir: here('./dist'),
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['ack-local-source'],
  external: Object.keys(manifest.dependencies),
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: {
    js: "import { createRequire as __ackCreateRequire } from 'node:module'; const require = __ackCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The API's types: api.ts declares every type it exports itself, so its declaration file stands alone.
const source = readFileSync(here('../src/api.ts'), 'utf8');
const { outputText, diagnostics } = ts.transpileDeclaration(source, {
  fileName: 'api.ts',
  compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true },
});
if (diagnostics?.length) throw new Error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost({})));
if (/^import /m.test(outputText))
  throw new Error('api.ts declarations import other files: keep its types self-contained');
writeFileSync(here('./dist/index.d.ts'), outputText);
