// The published types: the declaration files tsc emits for the package, installed in a scratch node_modules and
// resolved through package.json "exports", must let a user's program (test/types/consumer.ts) type-check, and
// must refuse its deliberately wrong uses (`@ts-expect-error`). One `tsc --build`: emit, then check the consumer.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, tempDir } from "./helpers.ts";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe("the published type declarations", () => {
  it("compile a consumer that imports slidecorpus through its package.json exports, refusing wrong uses", () => {
    const dir = tempDir("slidecorpus-types-");
    const modules = join(dir, "node_modules");
    const pkg = join(modules, "slidecorpus");
    mkdirSync(pkg, { recursive: true });
    // the package's own dependencies, as an install would provide them
    for (const name of readdirSync(join(root, "node_modules"))) if (!name.startsWith(".")) symlinkSync(join(root, "node_modules", name), join(modules, name));
    copyFileSync(join(root, "package.json"), join(pkg, "package.json"));
    copyFileSync(join(root, "test", "types", "consumer.ts"), join(dir, "consumer.ts"));
    const sources = ["index.ts", "bin/**/*.ts", "pipeline/**/*.ts", "extractors/**/*.ts", "normalizers/**/*.ts", "corpus/**/*.ts", "web/**/*.ts", "model/**/*.ts", "language/**/*.ts", "data/**/*.json"];
    writeFileSync(join(dir, "declarations.json"), JSON.stringify({
      extends: join(root, "tsconfig.json"),
      compilerOptions: { composite: true, emitDeclarationOnly: true, sourceMap: false, rootDir: root, outDir: join(pkg, "dist"), tsBuildInfoFile: join(dir, "declarations.tsbuildinfo") },
      include: sources.map((s) => join(root, s)),
    }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        target: "ES2023", lib: ["ES2023"], module: "NodeNext", moduleResolution: "NodeNext", types: ["node"], strict: true,
        noEmit: true, skipLibCheck: true, tsBuildInfoFile: join(dir, "consumer.tsbuildinfo"),
      },
      files: ["consumer.ts"],
      references: [{ path: "./declarations.json" }],
    }));
    const r = spawnSync(process.execPath, [tsc, "--build", join(dir, "tsconfig.json")], { encoding: "utf8", cwd: dir });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readdirSync(join(pkg, "dist"))).toContain("index.d.ts");
  });
});
