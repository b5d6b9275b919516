import { describe, expect, it } from 'vitest';
import { decode } from '../../src/1-ingest/decode.js';
import { normalizeForCompare } from '../../src/1-ingest/normalize.js';
import { InputError } from '../../src/errors.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decode', () => {
  it('decodes UTF-8 and keeps CRLF and lone CR so offsets match the file', () => {
    const src = decode(utf8('Title\r\nFirst line.\rSecond.'), 'a.txt');
    expect(src.text).toBe('Title\r\nFirst line.\rSecond.');
    expect(src.warnings).toEqual([]);
    expect(src.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('strips a UTF-8 BOM but hashes the raw bytes', () => {
    const withBom = decode(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hi.')]), 'a.txt');
    const without = decode(utf8('Hi.'), 'a.txt');
    expect(withBom.text).toBe('Hi.');
    expect(withBom.sha256).not.toBe(without.sha256);
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('Seoul – 서울', 'utf16le')]);
    expect(decode(le, 'le.txt').text).toBe('Seoul – 서울');
    const beBody = Buffer.from('KASA', 'utf16le').swap16();
    expect(decode(new Uint8Array([0xfe, 0xff, ...beBody]), 'be.txt').text).toBe('KASA');
  });

  it('replaces invalid UTF-8 and counts the replacements in a warning', () => {
    const bytes = new Uint8Array([...utf8('ab'), 0xff, ...utf8('cd'), 0xc3, ...utf8('e'), 0xe2, 0x82]);
    const src = decode(bytes, 'bad.txt');
    expect(src.text).toBe('ab\uFFFDcd\uFFFDe\uFFFD');
    expect(src.warnings).toEqual(['3 invalid UTF-8 sequences replaced with U+FFFD']);
  });

  it.each([
    ['empty', new Uint8Array(), /empty\.txt: is empty/],
    ['whitespace only', utf8(' \n\t\r\n '), /holds only whitespace/],
    ['binary (NUL bytes)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /binary file/],
  ])('refuses a %s input with an InputError naming the file', (_name, bytes, message) => {
    const name = _name === 'empty' ? 'empty.txt' : 'x.txt';
    expect(() => decode(bytes, name)).toThrowError(InputError);
    expect(() => decode(bytes, name)).toThrowError(message);
  });

  it('refuses input over the byte limit and says how to raise it', () => {
    expect(() => decode(utf8('x'.repeat(100)), 'big.txt', { maxBytes: 99 })).toThrowError(/big\.txt: 100 bytes is over the 99-byte input limit — .*--max-bytes/);
    expect(decode(utf8('x'.repeat(99)), 'ok.txt', { maxBytes: 99 }).text).toHaveLength(99);
  });
});

describe('normalizeForCompare', () => {
  it.each([
    ['KASA’s “plan”', "KASA's \"plan\""],
    ['Follow On – Lagrange 1', 'Follow On - Lagrange 1'],
    ['two\u00A0 spaces\n\nand lines ', 'two spaces and lines'],
    ['ｆｕｌｌ－width', 'full-width'],
    ['zero\u200Bwidth', 'zerowidth'],
  ])('folds typographic variants: %j', (input, expected) => {
    expect(normalizeForCompare(input)).toBe(expected);
  });
});
