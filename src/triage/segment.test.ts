import { expect, test } from 'vitest';
import { segmentForSearch, segmentWords } from './segment.js';

test('shop slang stays whole thanks to the user dictionary', () => {
  expect(segmentWords('申请仅退款，七天无理由，运费险呢')).toEqual(
    expect.arrayContaining(['仅退款', '七天无理由', '运费险']),
  );
});

test('punctuation and spaces are dropped, Latin text is lower-cased', () => {
  expect(segmentWords('屏幕碎了！！ Screen BROKEN')).toEqual(expect.arrayContaining(['screen', 'broken']));
  expect(segmentWords('！！，。 ')).toEqual([]);
});

test('search mode also yields the parts of long words', () => {
  expect(segmentForSearch('中华人民共和国')).toEqual(expect.arrayContaining(['中华', '人民', '共和国']));
});
