import { describe, expect, it } from 'vitest';
import { mentions, parseLinks, safeHref } from './links';

describe('parseLinks', () => {
  it('turns http(s) URLs into links and keeps the rest as text', () => {
    expect(parseLinks('see https://example.org/a?b=1 now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('leaves sentence punctuation outside the link', () => {
    const segments = parseLinks('Look: http://example.org/x.');
    expect(segments[1]).toEqual({ kind: 'link', text: 'http://example.org/x', href: 'http://example.org/x' });
    expect(segments[2]).toEqual({ kind: 'text', text: '.' });
  });

  it('keeps a parenthesis that belongs to the URL', () => {
    expect(parseLinks('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it('links www. addresses over https', () => {
    expect(parseLinks('www.example.org')[0]).toMatchObject({ kind: 'link', href: 'https://www.example.org/' });
  });

  it('never links javascript: or data: URLs', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '<img src=x onerror=alert(1)>']) {
      expect(parseLinks(text).every((segment) => segment.kind === 'text')).toBe(true);
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });
});

describe('mentions', () => {
  it('finds a nick as a word, any case', () => {
    expect(mentions('hey Ann, look', 'ann')).toBe(true);
    expect(mentions('ann: hi', 'ann')).toBe(true);
    expect(mentions('annie is here', 'ann')).toBe(false);
  });
});
