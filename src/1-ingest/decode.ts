import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { SourceText } from '../types.js';

/** Inputs above this are refused unless the user raises the limit (`--max-bytes`). */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface DecodeOptions {
  maxBytes?: number;
}

/**
 * Turns the raw bytes of an input file into text. Pure: the CLI reads the bytes; this decides what they are.
 *
 * UTF-8 is the norm. A UTF-8 BOM is stripped; UTF-16 with a BOM (what Windows tools write) is decoded;
 * NUL bytes without a UTF-16 BOM mean a binary file, refused; invalid UTF-8 sequences are replaced with
 * U+FFFD and counted in a warning, because a scraped page with one bad byte is still worth auditing.
 * Line ends are kept as they are so that offsets point into the file as the user sees it.
 */
export function decode(bytes: Uint8Array, path: string, options: DecodeOptions = {}): SourceText {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new InputError(
      path,
      `${bytes.length} bytes is over the ${maxBytes}-byte input limit`,
      'split the file, or raise the limit with --max-bytes',
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const warnings: string[] = [];
  let text: string;

  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    if (bytes.includes(0)) {
      throw new InputError(path, 'looks like a binary file (it contains NUL bytes)', 'give a UTF-8 text file');
    }
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = new TextDecoder('utf-8').decode(body);
      const replaced = countInvalidUtf8(body);
      warnings.push(`${replaced} invalid UTF-8 sequence${replaced === 1 ? '' : 's'} replaced with U+FFFD`);
    }
  }
  if (text.trim() === '') {
    throw new InputError(path, bytes.length === 0 ? 'is empty' : 'holds only whitespace', 'give a file with text to audit');
  }
  return { path, text, sha256, warnings };
}

/** Counts maximal invalid subsequences the way the WHATWG decoder replaces them (one U+FFFD each). */
function countInvalidUtf8(bytes: Uint8Array): number {
  let count = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      count++;
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const c = bytes[i + j];
      const min = j === 1 ? lo : 0x80;
      const max = j === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) break;
    }
    if (j <= need) {
      count++;
      i += j;
    } else {
      i += need + 1;
    }
  }
  return count;
}
