// A case's tags as a merchant reads them. Most are the merchant's own words and show as typed; the few
// the server adds by itself (an imported review or after-sales record carries `import`) are stored as
// a code and shown by their name in the console's language — and either name finds them again.
import { common } from './i18n-common.js';

type SystemTag = keyof (typeof common)['zh-CN']['systemTag'];
const SYSTEM_TAGS = Object.keys(common['zh-CN'].systemTag) as SystemTag[];
const isSystemTag = (tag: string): tag is SystemTag => (SYSTEM_TAGS as string[]).includes(tag);

/** The name a tag shows under: a system tag's name in `lang`, any other tag as it was typed. */
export function tagLabel(tag: string, lang: string): string {
  return isSystemTag(tag) ? common[lang === 'en' ? 'en' : 'zh-CN'].systemTag[tag] : tag;
}

/** What a merchant typed into a tag box, as the tag to store or look for: "导入" or "Imported" is `import`. */
export function tagValue(typed: string): string {
  const text = typed.trim();
  const found = SYSTEM_TAGS.find(
    (tag) =>
      text.toLowerCase() === common.en.systemTag[tag].toLowerCase() ||
      text === common['zh-CN'].systemTag[tag],
  );
  return found ?? text;
}
