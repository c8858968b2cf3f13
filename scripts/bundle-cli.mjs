// Bundle the `rgov` CLI into one file, dist/cli/rgov.cjs, and write the loader that runs it as
// dist/cli/main.js. Node resolves and links a few hundred ES modules at start-up otherwise
// (about 0.2 s of every run, measured with `npm run bench`); one bundled file loads in a fraction
// of that. The bundle is CommonJS so the loader (scripts/cli-loader.cjs) can compile it with a V8
// code cache, and pure ASCII so the loader can read it without UTF-8 decoding. The library, the
// app and the Action are built apart (tsc, scripts/build-action.mjs); the CLI ships only as this.
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { asciiOnly } from "./ascii-only.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli/rgov.cjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  // The loader passes its own URL, so paths derived from import.meta.url (package.json, the
  // engine fingerprint, "am I the executed binary?") are the same as for an unbundled main.js.
  // __RGOV_BUNDLE_FILE__ tells the engine fingerprint that all its code is this one file.
  define: { "import.meta.url": "__rgovEntryUrl", __RGOV_BUNDLE_FILE__: JSON.stringify("rgov.cjs") },
  allowOverwrite: true,
  write: false,
  logLevel: "warning",
});
mkdirSync(resolve(root, "dist/cli"), { recursive: true });
// The source map stays as esbuild wrote it: columns after an escaped character, on the few lines
// that have one, are off by the escape's length.
for (const file of outputFiles) writeFileSync(file.path, file.path.endsWith(".cjs") ? asciiOnly(file.text) : file.text);
copyFileSync(resolve(root, "scripts/cli-loader.cjs"), resolve(root, "dist/cli/main.js"));
chmodSync(resolve(root, "dist/cli/main.js"), 0o755);
// dist/ is an ES module package; the loader and the bundle beside it are CommonJS.
writeFileSync(resolve(root, "dist/cli/package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
