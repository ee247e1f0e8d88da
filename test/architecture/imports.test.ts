/**
 * The import graph of src/ has no cycle. Every relative module reference counts — `import`,
 * `import type`, `export … from`, `import()` and `import('…')` types, module augmentations — so a
 * type-only circle fails too: it still ties the modules on it into one unit.
 *
 * The graph is read with the TypeScript parser (no type check), one file at a time; the cycles
 * are found with Tarjan's strongly connected components, and each component is reported with one
 * cycle through it, written as the chain of files that closes it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
    }
  }
  return out.sort();
}

/** The module specifiers a file references, in source order. */
export function moduleReferences(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specs: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) specs.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) literal(node.name);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs;
}

/** The file a relative specifier names, or null for a package or a file outside the set. */
function resolveReference(from: string, spec: string, files: ReadonlySet<string>): string | null {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')]) {
    if (files.has(candidate)) return candidate;
  }
  return null;
}

/** The import graph over a set of files: file → files it references. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const set = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = moduleReferences(file, readFileSync(file, 'utf8'))
      .map((spec) => resolveReference(file, spec, set))
      .filter((t): t is string => t !== null && t !== file);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components of more than one node (Tarjan, iterative). */
export function cyclicComponents(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    index.set(start, counter); low.set(start, counter); counter++;
    stack.push(start); onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, i] = frame;
      const next = graph.get(node) ?? [];
      if (i < next.length) {
        frame[1] = i + 1;
        const w = next[i]!;
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter); counter++;
          stack.push(w); onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(node, Math.min(low.get(node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== node);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components;
}

/** One cycle through a component: the shortest path back to its first file (breadth first). */
export function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const w of graph.get(node) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, node);
        queue.push(w);
      }
    }
  }
  return [start];
}

describe('the import graph', () => {
  it('finds cycles in a graph that has them, and none in one that has not (the checker itself)', () => {
    const cyclic = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e2']], ['e2', ['e']]]);
    const components = cyclicComponents(cyclic);
    assert.deepEqual(components.map((c) => c.join(',')).sort(), ['a,b,c', 'e,e2']);
    assert.deepEqual(cycleThrough(cyclic, ['a', 'b', 'c']), ['a', 'b', 'c', 'a']);
    assert.deepEqual(cyclicComponents(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), []);
  });

  it('counts every kind of module reference', () => {
    const text = [
      "import a from './a.ts';",
      "import type { B } from './b.ts';",
      "export { c } from './c.ts';",
      "export * from './d.ts';",
      "const e = await import('./e.ts');",
      "type F = import('./f.ts').F;",
      "declare module './g.ts' { interface G { x: 1 } }",
      "import './h.ts';",
      "import x from 'fastify';",
    ].join('\n');
    assert.deepEqual(moduleReferences('x.ts', text), ['./a.ts', './b.ts', './c.ts', './d.ts', './e.ts', './f.ts', './g.ts', './h.ts', 'fastify']);
  });

  it('src/ has no import cycle', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    assert.ok(files.length > 50, `expected the source files under src/, found ${files.length}`);
    const graph = importGraph(files);
    const name = (f: string) => relative(ROOT, f);
    const cycles = cyclicComponents(graph).map((component) => {
      const cycle = cycleThrough(graph, component).map(name).join(' → ');
      return `${component.length} files: ${cycle}\n    (all: ${component.map(name).join(', ')})`;
    });
    assert.equal(cycles.length, 0, `import cycles in src/:\n  ${cycles.join('\n  ')}`);
  });
});
