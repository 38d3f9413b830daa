#!/usr/bin/env node
// Bundles the compiled command (dist/cli/main.js, written by tsc) and the packages it uses into
// dist/bundle/, so that `riktning` loads a few files instead of about a thousand: this is most of
// what a restart spends before the database opens (docs/decisions/008-performance.md). Modules
// that are imported with `import()` stay separate files, loaded when first used.
// Run by `npm run build` after tsc; bin/riktning.js uses the bundle when it is at least as new as
// dist/cli/main.js, and the compiled files otherwise.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = path.join(root, 'dist/cli/main.js');
const outdir = path.join(root, 'dist/bundle');

// Loaded from node_modules as they are: PGlite finds its WebAssembly and file system image next to
// its own files, argon2 and pg-native are native add-ons, playwright-core is large and only makes
// PDFs, and fastify's JSON-schema compilers load only if a route declares a schema (src/web/app.ts).
const external = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@node-rs/argon2',
  'pg-native',
  'playwright-core',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
];

/** A module's own location, as seen from the bundle's directory. */
function fromBundle(file) {
  const relative = path.relative(outdir, file).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Whether esbuild reads a file as CommonJS: .cjs, or .js in a package that is not "type": "module". */
async function isCommonJs(file) {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      return JSON.parse(await readFile(manifest, 'utf8')).type !== 'module';
    }
    if (path.dirname(dir) === dir) return true;
  }
}

/**
 * Files found relative to a module (app.css, the migrations, the reference data, a package's own
 * assets) are still found: `import.meta.url` (and `__dirname`/`__filename` in CommonJS) is
 * replaced by the module's original location, resolved from the bundle at run time, so the
 * bundle works wherever the project directory is.
 */
const moduleLocations = {
  name: 'module-locations',
  setup(b) {
    b.onLoad({ filter: /\.(js|mjs|cjs)$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const metaUrl = text.includes('import.meta.url');
      const dirname = /\b__(dirname|filename)\b/.test(text) && (await isCommonJs(args.path));
      if (!metaUrl && !dirname) return undefined;
      let contents = metaUrl
        ? text.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(fromBundle(args.path))}, import.meta.url).href`,
          )
        : text;
      if (dirname) {
        contents =
          `var __filename = __riktningPath(${JSON.stringify(fromBundle(args.path))}), ` +
          `__dirname = __riktningPath(${JSON.stringify(fromBundle(path.dirname(args.path)))});\n` +
          contents;
      }
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

if (!existsSync(entry)) {
  console.error('dist/cli/main.js saknas: kör `tsc -p tsconfig.build.json` först.');
  process.exit(1);
}
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { riktning: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: '[name]-[hash]',
  banner: {
    js: [
      "import { createRequire as __riktningCreateRequire } from 'node:module';",
      "import { fileURLToPath as __riktningFileURLToPath } from 'node:url';",
      'const require = __riktningCreateRequire(import.meta.url);',
      'const __riktningPath = (p) => __riktningFileURLToPath(new URL(p, import.meta.url));',
    ].join('\n'),
  },
  plugins: [moduleLocations],
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
