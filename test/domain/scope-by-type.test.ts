import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * A unit's or an application's material is reached only through the ref its scoped constructor returns
 * (worker/data/unit-access.ts). The converted functions take `UnitRef` / `ApplicationRef`, so a raw id
 * passed to them fails typecheck; this test keeps a new data function from being written the old way,
 * taking a raw `unitId` / `applicationId` beside nothing that proves the caller's scope.
 */
const DATA = resolve(import.meta.dirname, "../../worker/data");
const RAW_ID = /^(unitId|applicationId)$/;

/** Where a raw id is the point: the ref constructors themselves, and registration, which creates the unit. */
const ALLOWED = new Set([
  "unit-access.ts:unitRef",
  "unit-access.ts:applicationRef",
  "unit-access.ts:readableUnit",
  "unit-access.ts:writableUnit",
]);

function rawIdFunctions(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(DATA, file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const check = (name: string, parameters: ts.NodeArray<ts.ParameterDeclaration>) => {
    for (const p of parameters) {
      const type = p.type?.getText(source) ?? "";
      if (ts.isIdentifier(p.name) && RAW_ID.test(p.name.text) && /\bstring\b/.test(type)) {
        const key = `${file}:${name}`;
        if (!ALLOWED.has(key)) found.push(`${key}(${p.name.text}: ${type})`);
      }
    }
  };
  for (const statement of source.statements) {
    const exported = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) check(statement.name.text, statement.parameters);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          check(d.name.text, init.parameters);
        }
      }
    }
  }
  return found;
}

describe("scope by type", () => {
  it("no exported data function takes a raw unit or application id", () => {
    const files = readdirSync(DATA).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(rawIdFunctions)).toEqual([]);
  });

  it("the check notices a function written the old way", () => {
    const probe = "export function listThings(db: Db, scope: Scope, unitId: string) { return unitId; }";
    const source = ts.createSourceFile("probe.ts", probe, ts.ScriptTarget.Latest, true);
    const [fn] = source.statements;
    expect(fn && ts.isFunctionDeclaration(fn) && fn.parameters.map((p) => p.name.getText(source))).toContain("unitId");
  });
});
