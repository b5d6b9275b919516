/**
 * The segmenter the align tests and eval use: the segment stage's `segmentDocument` when it exists
 * (src/2-segment), else the local splitter in split.ts. Loaded dynamically so that the align tests run
 * whether or not the segment stage has landed.
 */
import type { SegmentedDoc, SourceText } from '../../src/types.js';
import { segmentLocal } from './split.js';

export type Segmenter = (text: string, path: string, idPrefix: string) => SegmentedDoc;

type SegmentDocument = (source: SourceText, options: { idPrefix: string }) => SegmentedDoc;

let cached: { fn: Segmenter; name: string } | undefined;

export async function loadSegmenter(): Promise<{ fn: Segmenter; name: string }> {
  if (cached) return cached;
  const path = '../../src/2-segment/index.js';
  let segmentDocument: SegmentDocument | undefined;
  try {
    const mod = (await import(path)) as { segmentDocument?: SegmentDocument };
    segmentDocument = mod.segmentDocument;
  } catch {
    segmentDocument = undefined;
  }
  if (segmentDocument) {
    const seg = segmentDocument;
    cached = {
      name: 'segmentDocument (src/2-segment)',
      fn: (text, p, idPrefix) => seg({ path: p, text, sha256: '', warnings: [] }, { idPrefix }),
    };
  } else {
    cached = { name: 'local splitter (test/align/split.ts)', fn: segmentLocal };
  }
  return cached;
}
