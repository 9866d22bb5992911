/** Placeholder while the paginator is written; see layoutDocument below. */
import type { MarkupDocument } from '../model/markup.js';
import type { LaidOutPage, Metrics, PageSpec } from './types.js';

export function layoutDocument(doc: MarkupDocument, spec: PageSpec, metrics: Metrics): LaidOutPage[] {
  void doc;
  void metrics;
  return [{ size: spec.size, items: [], boxes: [], pageNumber: 1, pageCount: 1 }];
}
