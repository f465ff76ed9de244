import { describe, expect, it } from 'vitest';
import { localName } from './local-name';

describe('localName', () => {
  it('reads English on English pages, falling back to zh-TW', () => {
    expect(localName({ 'zh-TW': '茶', en: 'Tea' }, 'en')).toBe('Tea');
    expect(localName({ 'zh-TW': '茶', en: '' }, 'en')).toBe('茶');
    expect(localName({ 'zh-TW': '茶', en: 'Tea' }, 'zh-TW')).toBe('茶');
  });
});
