import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/values/target.js';

describe('parseTarget', () => {
  it.each([
    ['<=18.84万元', '<=', '18.84', '万元'],
    ['>=90%', '>=', '90', '%'],
    ['=1046个', '=', '1046', '个'],
    ['>=1500台', '>=', '1500', '台'],
    ['≥95%', '>=', '95', '%'],
    ['≤12个月', '<=', '12', '个月'],
    ['＞＝90分', '>=', '90', '分'],
    ['＜5次', '<', '5', '次'],
    ['> 3 份', '>', '3', '份'],
    ['=600元/人/场次', '=', '600', '元/人/场次'],
    ['=10.16km', '=', '10.16', 'km'],
    ['1046个', '', '1046', '个'],
    ['100.07分', '', '100.07', '分'],
    ['85%', '', '85', '%'],
    ['=12', '=', '12', null],
    ['>=1,000万元', '>=', '1000', '万元'],
    ['不低于90%', '>=', '90', '%'],
  ])('%s → op %s value %s unit %s', (s, op, value, unit) => {
    expect(parseTarget(s)).toEqual({ op, value, unit });
  });

  it.each([
    ['显著提高', ''],
    ['基本达到预期效果', ''],
    ['全天候', ''],
    ['7*24小时运维保障服务响应，确保不发生重大事故', ''],
    ['90-100分', ''],
    ['=第一季度', '='],
  ])('%s has no value', (s, op) => {
    expect(parseTarget(s)).toEqual({ op, value: null, unit: null });
  });

  it('is empty for a blank target', () => {
    expect(parseTarget('')).toEqual({ op: '', value: null, unit: null });
    expect(parseTarget(null)).toEqual({ op: '', value: null, unit: null });
  });
});
