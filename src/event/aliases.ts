/**
 * Guards the event file against alias bombs ("billion laughs"): a few lines of YAML anchors whose
 * aliases (`*a`) repeat one another until the document stands for billions of values. The size the
 * document would have with every alias written out is counted once per node (memoised), so the
 * count itself is linear in the file; past MAX_EXPANDED_NODES the alias that crosses the limit is
 * reported with its line.
 */
import { isAlias, isMap, isPair, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A real event file has a few hundred values; aliases (&pjbupati … *pjbupati) reuse a handful. */
export const MAX_EXPANDED_NODES = 100_000;

export interface AliasBomb {
  line: number;
  column: number;
  alias: string;
}

export function aliasBomb(doc: Document, lc: LineCounter, limit = MAX_EXPANDED_NODES): AliasBomb | undefined {
  const sizes = new Map<unknown, number>();
  let total = 0;
  let found: AliasBomb | undefined;

  /** The number of values `node` stands for, aliases expanded (capped just over the limit). */
  const sizeOf = (node: unknown, active: Set<unknown>): number => {
    if (node === null || node === undefined) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (active.has(node)) return 1; // a cycle (an alias inside its own anchor): the parser reports it
    active.add(node);
    let n = 1;
    if (isAlias(node)) {
      n = sizeOf(node.resolve(doc), active);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        n += isPair(item) ? sizeOf(item.key, active) + sizeOf(item.value, active) : sizeOf(item, active);
        if (n > limit) break;
      }
    }
    active.delete(node);
    n = Math.min(n, limit + 1);
    sizes.set(node, n);
    return n;
  };

  /** Walks the document as written, adding what each alias expands to, until the limit is crossed. */
  const walk = (node: unknown): void => {
    if (found || node === null || node === undefined) return;
    if (isAlias(node)) {
      total += sizeOf(node, new Set());
      if (total > limit) {
        const pos = lc.linePos((node as Node).range?.[0] ?? 0);
        found = { line: pos.line, column: pos.col, alias: node.source };
      }
      return;
    }
    total++;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          walk(item.key);
          walk(item.value);
        } else walk(item);
      }
    }
  };
  walk(doc.contents);
  return found;
}
