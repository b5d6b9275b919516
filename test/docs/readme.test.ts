import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/rules.js';
import { FORMATS } from '../../src/cli/audit.js';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('lists every rule with its default severity and an example', () => {
    for (const rule of ALL_RULES) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      expect(row).toContain(`| ${rule.defaultSeverity} |`);
      expect(row).toContain(rule.example);
    }
  });

  it('keeps the two set-up commands and documents every output format and exit code', () => {
    expect(readme).toContain('npm ci && npm run audit');
    expect(readme).toContain('npm ci && npm test');
    for (const f of FORMATS) expect(readme).toContain(`\`${f}\``);
    for (const code of [0, 1, 2]) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('has no placeholder left', () => {
    expect(readme).not.toMatch(/RULES_TABLE|FIGURES|LIMITS|TODO/);
  });
});
