import { describe, expect, it } from 'vitest';
import { extractAttendance, extractFormat } from '../lambda/core/extract/attendance.ts';
import { parseVietnameseInt } from '../lambda/core/extract/vietnamese.ts';

describe('attendance', () => {
  it('reads present/expected, bridge points and a total with Vietnamese thousands', () => {
    expect(extractAttendance([
      'bằng hình thức trực tuyến với 237 điểm cầu và có sự tham gia của hơn 5.000 cán bộ, đảng viên.',
      'có đồng chí Võ Trọng Phú - Phó Bí thư Chi bộ Chủ trì hội nghị cùng 35/37 cán bộ, đảng viên tham dự.',
    ])).toEqual({ bridgePoints: 237, total: 5000, present: 35, expected: 37, printed: ['237 điểm cầu', 'hơn 5.000', '35/37'] });
  });

  it('reads the members of a cell', () => {
    expect(extractAttendance(['Chi bộ Phòng Công nghệ thông tin có 5 đảng viên.'])).toEqual({ members: 5, printed: ['5 đảng viên'] });
  });

  it('reads space-separated thousands and ignores counts that are not people at a meeting', () => {
    expect(extractAttendance(['Hội nghị có sự tham dự của 1 200 đại biểu.'])?.total).toBe(1200);
    expect(extractAttendance(['Nghị quyết đề ra 6 yêu cầu và 9 nhóm giải pháp.', 'Tỉnh có 800 doanh nghiệp mới thành lập.'])).toBeNull();
  });

  it('does not read a total out of present/expected', () => {
    expect(extractAttendance(['cùng 35/37 cán bộ, đảng viên tham dự'])?.total).toBeUndefined();
  });

  it.each([
    ['5.000', 5000], ['1 497', 1497], ['237', 237], ['12.345.678', 12345678], ['5,5', null], ['', null],
  ])('parses %s', (printed, value) => {
    expect(parseVietnameseInt(printed)).toBe(value);
  });
});

describe('format', () => {
  it.each([
    ['Hội nghị gặp gỡ, đối thoại trực tiếp và trực tuyến giữa người đứng đầu', 'hybrid'],
    ['tổ chức theo hình thức trực tiếp kết hợp trực tuyến', 'hybrid'],
    ['bằng hình thức trực tuyến với 237 điểm cầu', 'online'],
    ['kết nối tới 63 điểm cầu trong cả nước', 'online'],
    ['Hội nghị được tổ chức theo hình thức trực tiếp', 'in-person'],
    ['Sáng 16/8, Đảng ủy Khối tổ chức cuộc họp', null],
  ])('%s -> %s', (text, format) => {
    expect(extractFormat(text)).toBe(format);
  });

  it('reads bridge points written in words (`ba đầu cầu`)', () => {
    expect(extractAttendance(['tổ chức hội nghị triển khai Nghị định, với ba đầu cầu Hà Nội, TP.HCM, Đà Nẵng.'])).toEqual({ bridgePoints: 3, printed: ['ba đầu cầu'] });
  });

  it('is hybrid when some attend in person and others follow online', () => {
    expect(extractFormat('có sự tham dự trực tiếp của khoảng hơn 2.000 đại biểu cùng gần 10.000 đại biểu theo dõi trực tuyến tại đầu cầu 63 tỉnh')).toBe('hybrid');
  });
});
