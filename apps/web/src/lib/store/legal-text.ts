/**
 * The small text format of the legal pages, read into blocks the page renders as elements (text is
 * never HTML: Svelte escapes every string, so `<script>` in a page shows as typed).
 *
 * - `## Heading` (or `# `, `### `) on a line of its own: a heading;
 * - lines starting with `- ` or `* `: a bulleted list; `1. `, `2. `: a numbered list;
 * - anything else: paragraphs, separated by blank lines; a single line break stays a line break.
 */
export type LegalBlock =
  { kind: 'heading'; text: string } | { kind: 'paragraph'; lines: string[] } | { kind: 'list'; ordered: boolean; items: string[] };

const HEADING = /^#{1,3}(?:\s+(.*))?$/;
const BULLET = /^[-*]\s+(.*)$/;
const NUMBERED = /^\d{1,3}[.、]\s*(.*)$/;

export function legalBlocks(text: string): LegalBlock[] {
  const blocks: LegalBlock[] = [];
  let paragraph: string[] | null = null;
  let list: { ordered: boolean; items: string[] } | null = null;
  const close = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = null;
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      if (heading[1]) blocks.push({ kind: 'heading', text: heading[1] });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      if (!list || list.ordered !== ordered) {
        close();
        list = { ordered, items: [] };
      }
      list.items.push(item[1] ?? '');
      continue;
    }
    if (list) {
      // A line right under an item continues it.
      list.items[list.items.length - 1] += ` ${line}`;
      continue;
    }
    (paragraph ??= []).push(line);
  }
  close();
  return blocks;
}
