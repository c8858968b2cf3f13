// Bundle the `rgov` CLI into one file, written over tsc's dist/cli/main.js. Node resolves and
// links a few hundred ES modules at start-up otherwise (about 0.2 s of every run, measured with
// `npm run bench`); one bundled file loads in a fraction of that. The library, the app and the
// rest of dist/ stay as tsc wrote them.
import { build } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli/main.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  // Bundled CommonJS dependencies call require() for Node built-ins, which ESM lacks.
  banner: {
    js: ['import { createRequire as __rgovCreateRequire } from "node:module";', "const require = __rgovCreateRequire(import.meta.url);"].join("\n"),
  },
  allowOverwrite: true,
  logLevel: "warning",
});
