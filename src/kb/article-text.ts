/**
 * Article text is plain text with three light marks: a line starting with "## " is a heading, lines
 * starting with "- " are a list, blank lines separate paragraphs. No HTML: markup in what an editor
 * types or pastes is removed on save (scripts and styles with their content), and every renderer
 * escapes what is left — the public page carries no script at all.
 */
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] };

const DANGEROUS_BLOCK =
  /<\s*(script|style|iframe|object|embed|noscript|template)\b[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi;
const UNCLOSED_DANGEROUS = /<\s*(script|style|iframe|object|embed|noscript|template)\b[\s\S]*$/i;
const TAG = /<\/?[a-z!][^>]*>/gi;
const SCRIPT_URL = /\b(?:javascript|vbscript|data)\s*:/gi;

/** The text without markup: what is stored and shown. */
export function neutraliseMarkup(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(DANGEROUS_BLOCK, '')
    .replace(UNCLOSED_DANGEROUS, '')
    .replace(TAG, '')
    .replace(SCRIPT_URL, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function parseArticle(body: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
    if (list.length) blocks.push({ type: 'list', items: list });
    paragraph = [];
    list = [];
  };
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) {
      flush();
    } else if (line.startsWith('## ') || line.startsWith('# ')) {
      flush();
      blocks.push({ type: 'heading', text: line.replace(/^#+\s*/, '') });
    } else if (/^[-*•]\s+/.test(line)) {
      if (paragraph.length) flush();
      list.push(line.replace(/^[-*•]\s+/, ''));
    } else {
      if (list.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function renderArticleHtml(body: string): string {
  return parseArticle(neutraliseMarkup(body))
    .map((b) => {
      if (b.type === 'heading') return `<h3>${escapeHtml(b.text)}</h3>`;
      if (b.type === 'list') return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
      return `<p>${escapeHtml(b.text).replaceAll('\n', '<br>')}</p>`;
    })
    .join('\n');
}

/** The passages of an article an answer can quote: paragraphs and list items, headings left out. */
export function passages(body: string): string[] {
  return parseArticle(body).flatMap((b) =>
    b.type === 'heading' ? [] : b.type === 'list' ? b.items : [b.text.replaceAll('\n', '')],
  );
}
