import { Typography } from 'antd';
import type { ReactNode } from 'react';

// The same light marks as the server (src/kb/article-text.ts): "## " heading, "- " list, blank line.
// React escapes every text node, and tags are stripped the way the server strips them on save.
const strip = (text: string) =>
  text
    .replace(/<\s*(script|style|iframe|object|embed|noscript|template)\b[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
    .replace(/<\s*(script|style|iframe|object|embed|noscript|template)\b[\s\S]*$/i, '')
    .replace(/<\/?[a-z!][^>]*>/gi, '')
    .replace(/\b(?:javascript|vbscript|data)\s*:/gi, '');

export function ArticlePreview({ title, body, empty }: { title: string; body: string; empty: string }) {
  const blocks: ReactNode[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length)
      blocks.push(<Typography.Paragraph key={blocks.length}>{paragraph.join(' ')}</Typography.Paragraph>);
    if (list.length)
      blocks.push(
        <ul key={blocks.length}>
          {list.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items may repeat
            <li key={i}>{item}</li>
          ))}
        </ul>,
      );
    paragraph = [];
    list = [];
  };
  for (const raw of strip(body).split('\n')) {
    const line = raw.trim();
    if (!line) flush();
    else if (/^#{1,2}\s/.test(line)) {
      flush();
      blocks.push(
        <Typography.Title key={blocks.length} level={5}>
          {line.replace(/^#+\s*/, '')}
        </Typography.Title>,
      );
    } else if (/^[-*•]\s+/.test(line)) {
      if (paragraph.length) flush();
      list.push(line.replace(/^[-*•]\s+/, ''));
    } else {
      if (list.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  if (!body.trim()) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <div data-testid="kb-preview">
      <Typography.Title level={4}>{strip(title)}</Typography.Title>
      {blocks}
    </div>
  );
}
