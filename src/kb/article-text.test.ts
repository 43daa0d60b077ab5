import { describe, expect, test } from 'vitest';
import { neutraliseMarkup, parseArticle, passages, renderArticleHtml } from './article-text.js';

describe('article text', () => {
  test.each([
    ['<script>alert(1)</script>可以装开水', '可以装开水'],
    ['<SCRIPT src=x>alert(1)</SCRIPT >杯子', '杯子'],
    ['用法<img src=x onerror=alert(1)>：温水清洗', '用法：温水清洗'],
    ['<a href="javascript:alert(1)">点我</a>', '点我'],
    ['看这里 javascript:alert(1)', '看这里 alert(1)'],
    ['<style>body{display:none}</style>尺码表', '尺码表'],
    ['未闭合<script>alert(1)', '未闭合'],
    ['价格 3 < 5 且 5 > 3', '价格 3 < 5 且 5 > 3'],
    ['a\r\n\r\n\r\n\r\nb', 'a\n\nb'],
  ])('%s is stored as %s', (input, stored) => {
    expect(neutraliseMarkup(input)).toBe(stored);
  });

  test('headings, lists and paragraphs', () => {
    expect(parseArticle('## 使用方法\n先用温水清洗\n晾干后使用\n\n- 可装开水\n- 不可进微波炉\n结束')).toEqual(
      [
        { type: 'heading', text: '使用方法' },
        { type: 'paragraph', text: '先用温水清洗\n晾干后使用' },
        { type: 'list', items: ['可装开水', '不可进微波炉'] },
        { type: 'paragraph', text: '结束' },
      ],
    );
  });

  test('rendering escapes whatever is left and keeps no script', () => {
    const html = renderArticleHtml('## <b>标题</b>\n3 < 5 "引号"\n- <script>x</script>列表');
    expect(html).toBe('<h3>标题</h3>\n<p>3 &lt; 5 &quot;引号&quot;</p>\n<ul><li>列表</li></ul>');
    expect(html).not.toMatch(/<script/i);
  });

  test('passages are the paragraphs and list items', () => {
    expect(passages('## 标题\n一\n二\n\n- 甲\n- 乙')).toEqual(['一二', '甲', '乙']);
  });
});
