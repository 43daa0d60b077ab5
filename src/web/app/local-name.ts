/**
 * The name of a built-in row (an SLA policy, a calendar) in the reader's language: the defaults are
 * seeded as "中文 · English", and a merchant reads one of the two. A name a person typed stays as it is.
 */
export function localName(name: string, lang: string): string {
  const m = /^(.*[\u4e00-\u9fff].*?) · ([\x20-\x7e×–]+)$/.exec(name);
  if (!m) return name;
  return lang.startsWith('zh') ? m[1]! : m[2]!;
}
