import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { splitSections } from '../../src/sections/sections.js';
import { chineseNumeral } from '../../src/sections/numerals.js';
import { line } from '../helpers/located.js';

const rules = (await loadRules(new URL('../../rules', import.meta.url).pathname)).headings;
const right = () => 522;

describe('sections', () => {
  it('reads Chinese numerals', () => {
    expect([chineseNumeral('一'), chineseNumeral('十'), chineseNumeral('十一'), chineseNumeral('二十三'), chineseNumeral('甲')]).toEqual([1, 10, 11, 23, NaN]);
  });

  it('builds the 第X部分 / 一、 / （一） tree with ids of printed numbers', () => {
    let y = 800;
    const l = (t: string, x1?: number) => line(t, { y: (y -= 20), x1 });
    const tree = splitSections(
      [l('第一部分 部门单位概况'), l('一、主要职能'), l('正文'), l('第二部分 部门决算情况说明'), l('一、收入支出决算总体情况说明'), l('十、其他重要事项的情况说明').text ? l('二、收入决算情况说明') : l(''), l('（一）机关运行经费支出情况'), l('正文二')],
      rules,
      right,
    );
    expect(tree.sections.map((s) => `${s.id} ${s.title}`)).toEqual(['一 部门单位概况', '一/一 主要职能', '二 部门决算情况说明', '二/一 收入支出决算总体情况说明', '二/二 收入决算情况说明', '二/二/一 机关运行经费支出情况']);
    expect(tree.sections[5].titles).toEqual(['部门决算情况说明', '收入决算情况说明', '机关运行经费支出情况']);
    expect(tree.sections[5].lines.map((x) => x.text)).toEqual(['正文二']);
  });

  it('does not take a numbered list item inside prose for a heading', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20), x1: 522 });
    const tree = splitSections([l('第一部分 部门单位概况'), l('一、主要职能'), l('（一）贯彻执行国家有关方针、'), l('（二）拟定工业经济和信息化发展规划、'), l('二、机构设置及人员情况')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['一', '一/一', '一/二']);
    expect(tree.sections[1].lines).toHaveLength(2);
  });

  it('skips a number out of sequence (a cross-reference, not a heading)', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections([l('第二部分 说明'), l('一、收入情况'), l('三、支出情况'), l('二、支出情况')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['二', '二/一', '二/二']);
  });

  it('joins a heading that runs to the right margin with its last word on the next line', () => {
    const tree = splitSections(
      [line('第二部分 说明', { y: 800 }), line('一、一般公共预算财政拨款“三公”经费支出决算情况说', { y: 780, x0: 111, x1: 511 }), line('明', { y: 760, x0: 79, x1: 95 }), line('正文', { y: 740 })],
      rules,
      right,
    );
    expect(tree.sections[1].title).toBe('一般公共预算财政拨款“三公”经费支出决算情况说明');
    expect(tree.sections[1].lines.map((x) => x.text)).toEqual(['正文']);
  });

  it('sets table blocks apart from the narrative until the next part', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections([l('第二部分 说明'), l('一、预算绩效'), l('正文'), l('项目支出绩效自评表'), l('一、表内文字'), l('第三部分 名词解释')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['二', '二/一', '三']);
    expect(tree.blocks).toHaveLength(1);
    expect(tree.blocks[0].lines.map((x) => x.text)).toEqual(['项目支出绩效自评表', '一、表内文字']);
  });
});

describe('sections: tables of contents', () => {
  it('ignores contents entries with leaders and page numbers', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections([l('目录'), l('第一部分 部门概况……………1'), l('一、主要职能 .......... 2'), l('第一部分 部门概况'), l('一、主要职能'), l('正文')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['一', '一/一']);
    expect(tree.sections[1].lines.map((x) => x.text)).toEqual(['正文']);
  });

  it('starts again when the headings so far had no text under them (contents without page numbers)', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections([l('目录'), l('第一部分 部门概况'), l('一、主要职能'), l('第二部分 部门决算情况说明'), l('第一部分 部门概况'), l('一、主要职能'), l('正文'), l('第二部分 部门决算情况说明')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['一', '一/一', '二']);
    expect(tree.sections[1].lines.map((x) => x.text)).toEqual(['正文']);
    expect(tree.contents.map((x) => x.text)).toContain('目录');
  });

  it('starts again after an untitled contents whose entries left stray title lines under a heading', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections(
      [l('第一部分 部门概况'), l('一、主要职能'), l('第二部分 部门决算情况说明'), l('一、收入支出决算总体情况说明'), l('三、支出决算情况说明'), l('四、财政拨款收入支出决算总体情况说明'), l('第一部分 部门概况'), l('一、主要职能'), l('负责……，……。')],
      rules,
      right,
    );
    expect(tree.sections.map((s) => s.id)).toEqual(['一', '一/一']);
    expect(tree.sections[1].lines.map((x) => x.text)).toEqual(['负责……，……。']);
  });

  it('a titled contents without page numbers (titles wrapped, nine table titles) never becomes sections', () => {
    let y = 800;
    let page = 2;
    const l = (t: string, x1?: number) => line(t, { page, y: (y -= 20), x1 });
    const contents = [
      l('目录'),
      l('第一部分 某局概况'),
      l('一、主要职能'),
      l('二、部门决算单位构成'),
      l('第二部分 某局2024年度部门决算表'),
      ...['收入支出决算总表', '收入决算表', '支出决算表', '财政拨款收入支出决算总表', '一般公共预算财政拨款支出决算表', '一般公共预算财政拨款基本支出决算表', '财政拨款“三公”经费支出决算表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款收入支出决算表'].map((t, i) => l(`${'一二三四五六七八九'[i]}、${t}`)),
      l('第三部分 某局2024年度部门决算情况', 522),
      l('说明', 100),
      l('一、收入支出决算总体情况说明'),
      l('十一、其他重要事项说明'),
      l('第四部分 名词解释'),
    ];
    page = 4;
    y = 800;
    const body = [l('第一部分 某局概况'), l('一、主要职能'), l('负责……，……。'), l('第三部分 某局2024年度部门决算情况说明'), l('一、收入支出决算总体情况说明'), l('正文')];
    const tree = splitSections([...contents, ...body], rules, right);
    expect(tree.sections.map((s) => `${s.id} ${s.title}`)).toEqual(['一 某局概况', '一/一 主要职能', '三 某局2024年度部门决算情况说明', '三/一 收入支出决算总体情况说明']);
    expect(tree.contents).toHaveLength(contents.length);
    expect(tree.preamble).toEqual([]);
  });
});

describe('sections: tables', () => {
  it('lines inside a table region are its cells, never headings or narrative, in any part', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const lines = [l('第三部分 说明'), l('一、收入情况'), l('正文'), l('三、国有资本经营预算财政拨款收入 三、国防支出'), l('二、支出情况 100.00'), l('注：本表反映…'), l('二、支出情况'), l('正文二')];
    const region = { page: 1, bbox: { x0: 60, y0: lines[4].box.y0 - 1, x1: 540, y1: lines[3].box.y1 + 1 } };
    const tree = splitSections(lines, rules, right, [region]);
    expect(tree.sections.map((s) => `${s.id} ${s.title}`)).toEqual(['三 说明', '三/一 收入情况', '三/二 支出情况']);
    expect(tree.sections[1].lines.map((x) => x.text)).toEqual(['正文', '注：本表反映…']);
    expect(tree.blocks.map((b) => [b.kind, b.sectionId, b.lines.length])).toEqual([['table', '三/一', 2]]);
  });

  it('tables printed under their part title without a 第二部分 heading: 第三部分 follows 第一部分', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections([l('第一部分 某局概况'), l('一、主要职能'), l('正文'), l('某局2024年度部门决算表'), l('收入支出决算总表'), l('一、一般公共预算财政拨款收入'), l('第三部分 某局2024年度部门决算情况说明'), l('一、收入支出决算总体情况说明')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['一', '一/一', '三', '三/一']);
    expect(tree.blocks.map((b) => [b.kind, b.lines.length])).toEqual([['statistical_tables', 3]]);
    expect(tree.sections[1].lines.map((x) => x.text)).toEqual(['正文']);
  });

  it('a glossary entry (一、财政拨款收入：指…) is not a heading', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections([l('第四部分 名词解释'), l('一、财政拨款收入：指单位本年度从本级财政部门取得的财政'), l('拨款。')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['四']);
  });
});

describe('sections: parts', () => {
  it('skips a missing part only for a title line, not for prose starting with 第X部分', () => {
    let y = 800;
    const l = (t: string) => line(t, { y: (y -= 20) });
    const tree = splitSections([l('第一部分 概况'), l('一、主要职能'), l('第三部分所列各表，详见附件。'), l('第三部分 某局2024年度部门决算情况说明')], rules, right);
    expect(tree.sections.map((s) => s.id)).toEqual(['一', '一/一', '三']);
    expect(tree.sections[1].lines.map((x) => x.text)).toEqual(['第三部分所列各表，详见附件。']);
  });
});
