import { describe, expect, it } from 'vitest';
import { legalBlocks } from './legal-text';

describe('legal page text', () => {
  it('reads headings, paragraphs with their line breaks, and both kinds of lists', () => {
    const text = [
      '## 七天鑑賞期',
      '收到商品次日起七天內，',
      '得不附理由退貨。',
      '',
      '- 生鮮食品',
      '- 客製化商品',
      '1. 提出申請',
      '2. 安排收件',
      '   於 7 個工作天內退款',
    ].join('\r\n');

    expect(legalBlocks(text)).toEqual([
      { kind: 'heading', text: '七天鑑賞期' },
      { kind: 'paragraph', lines: ['收到商品次日起七天內，', '得不附理由退貨。'] },
      { kind: 'list', ordered: false, items: ['生鮮食品', '客製化商品'] },
      { kind: 'list', ordered: true, items: ['提出申請', '安排收件 於 7 個工作天內退款'] },
    ]);
  });

  it('keeps markup-looking text as plain text', () => {
    expect(legalBlocks('<script>alert(1)</script>\n\n<b>x</b>')).toEqual([
      { kind: 'paragraph', lines: ['<script>alert(1)</script>'] },
      { kind: 'paragraph', lines: ['<b>x</b>'] },
    ]);
  });

  it('gives nothing for empty text and ignores an empty heading', () => {
    expect(legalBlocks('')).toEqual([]);
    expect(legalBlocks('  \n##  \n')).toEqual([]);
  });
});
