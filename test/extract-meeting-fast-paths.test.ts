/**
 * The pre-checks of the meeting extractors decide as the plain patterns do (issue 14: speed without
 * changing output): attendance.ts `findBridge` (a `cầu` check before the bridge-count pattern) and
 * summary.ts `isCaption` (an `Ảnh` / sentence-start check before the caption pattern).
 */
import { describe, expect, it } from 'vitest';
import { BRIDGE_PATTERN, findBridge } from '../lambda/core/extract/attendance.ts';
import { CAPTION, isCaption } from '../lambda/core/extract/summary.ts';

const BRIDGES = [
  'Hội nghị được tổ chức trực tuyến tới 237 điểm cầu trong cả nước.',
  'Kết nối 1.234 ĐIỂM CẦU và hai đầu cầu; 12 Điểm Cầu.',
  'Với năm  đầu cầu tại các tỉnh.',
  'KẾT NỐI 40 ĐIỂM CẦU',
  'x5 điểm cầu, 3/4 điểm cầu, 2,5 điểm cầu, tám điểm cầu',
  'Cầu Long Biên có 3 nhịp; 4 cầu; 6 đầu cầu\u0301',
  'Không có số liệu điểm cầu nào.',
  'Hội nghị trực tuyến',
  '',
];

const CAPTIONS = [
  'Ảnh: Thu Hà',
  'Ảnh minh họa',
  'Quang cảnh hội nghị.',
  'Toàn cảnh: hội nghị',
  'Toàn cảnh hội nghị (Ảnh Minh Quang)',
  'Các đại biểu dự hội nghị. Ảnh:\u00a0TTXVN',
  'Đồng chí Bí thư phát biểu (ảnh: Văn Hùng)',
  ' Quang cảnh hội nghị',
  'Toàn cảnhhội nghị',
  'ẢNH: TTXVN',
  'Hình ảnh đẹp của hội nghị',
  '',
];

describe('meeting pre-checks', () => {
  it('findBridge finds what the bridge pattern finds', () => {
    for (const text of BRIDGES) expect(findBridge(text)?.[0] ?? null, text).toEqual(BRIDGE_PATTERN.exec(text)?.[0] ?? null);
    expect(findBridge(BRIDGES[0]!)?.[1]).toBe('237');
    expect(findBridge(BRIDGES[1]!)?.[0]).toBe('1.234 ĐIỂM CẦU');
  });

  it('isCaption decides as the caption pattern does', () => {
    for (const text of CAPTIONS) expect(isCaption(text), text).toBe(CAPTION.test(text));
    expect(CAPTIONS.filter(isCaption)).toHaveLength(6);
  });
});
