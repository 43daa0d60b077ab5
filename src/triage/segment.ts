import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// jieba's stock dictionary splits shop slang (运费/险, 七天/无/理由, 价/保): the user dictionary keeps it whole.
const USER_DICT = readFileSync(new URL('./user-dict.txt', import.meta.url));

let shared: Jieba | undefined;

/** One jieba instance per process: loading the dictionaries takes ~0.3 s. */
export function segmenter(): Jieba {
  if (!shared) {
    shared = Jieba.withDict(dict);
    shared.loadDict(USER_DICT);
  }
  return shared;
}

const TOKEN = /^[\p{L}\p{N}_]+$/u;

/** Words of a text, lower-cased, punctuation and spaces dropped. */
export function segmentWords(text: string): string[] {
  return segmenter()
    .cut(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && TOKEN.test(w));
}

/** Search-mode words (also the sub-words of long compounds), for indexing and queries alike. */
export function segmentForSearch(text: string): string[] {
  return segmenter()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && TOKEN.test(w));
}
