import { describe, expect, it } from 'vitest';
import { classifyMeeting, findMeetingNouns } from '../lambda/core/extract/meeting-kinds.ts';
import { normalizeForExtraction } from '../lambda/core/extract/vietnamese.ts';

describe('meeting kinds', () => {
  it.each([
    ['Đảng bộ Sở TTTT tổ chức Hội nghị gặp gỡ và đối thoại với người đứng đầu', 'doi-thoai'],
    ['tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2023', 'so-ket'],
    ['tổ chức Hội nghị tổng kết công tác năm 2023', 'tong-ket'],
    ['tham gia hội nghị quán triệt Nghị quyết 05-NQ/TU', 'quan-triet'],
    ['tổ chức hội nghị triển khai Nghị định 116/2020/NĐ-CP', 'quan-triet'],
    ['dự sinh hoạt chi bộ thường kỳ kết hợp với chuyên đề tháng 9-2024', 'sinh-hoat-chi-bo'],
    ['tổ chức Đại hội nhiệm kỳ 2025-2030', 'dai-hoi'],
    ['Hội nghị lần thứ 5 Ban Chấp hành Trung ương Đảng khóa XII bế mạc', 'hoi-nghi-bch'],
    ['Bế mạc Hội nghị Trung ương 5 (khóa XII)', 'hoi-nghi-bch'],
    ['Ban Chấp hành Đảng bộ thành phố Hà Nội khóa XVII tổ chức Hội nghị lần thứ 7', 'hoi-nghi-bch'],
    ['tổ chức cuộc họp Ban tổ chức Hội nghị gặp mặt giữa Thường trực Tỉnh ủy với cán bộ', 'hop'],
    ['Ủy ban Thường vụ Quốc hội khai mạc Phiên họp thứ 12', 'hop'],
    ['Tại cuộc họp sơ kết công việc 6 tháng đầu năm', 'so-ket'],
    ['tổ chức Lễ kỷ niệm 70 năm Ngày thành lập', 'ky-niem'],
    ['tổ chức buổi gặp mặt cán bộ hưu trí', 'gap-mat'],
    ['tổ chức Hội nghị tập huấn nghiệp vụ', 'khac'],
    ['Huyện ủy tổ chức tọa đàm “Nâng cao chất lượng sinh hoạt chi bộ”', 'khac'],
    ['Ban Thường vụ Tỉnh ủy tổ chức sơ kết 1 năm thực hiện', 'so-ket'],
    ['Phó Thủ tướng chủ trì buổi sơ kết của 16 tỉnh, thành phố', 'so-ket'],
    ['UBND tỉnh tổ chức hội nghị đánh giá về kết quả 5 năm triển khai thực hiện Đề án Phát triển du lịch', 'so-ket'],
    ['Sáng 20/5, Quốc hội khai mạc kỳ họp thứ 3', 'ky-hop'],
    ['khai mạc Kỳ họp thứ 3, Quốc hội khóa XIV', 'ky-hop'],
    ['HĐND tỉnh Nghệ An tổ chức kỳ họp thứ 10 (chuyên đề)', 'ky-hop'],
    ['Ủy ban Kiểm tra Trung ương đã họp kỳ họp thứ 13', 'hop'],
    ['tại kỳ họp thứ 6 của Ủy ban Kiểm tra Tỉnh ủy', 'hop'],
    ['Thủ tướng Phạm Minh Chính chủ trì họp Chính phủ rà soát công việc', 'hop'],
    ['Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị báo cáo viên tháng 3, quán triệt Chỉ thị 05', 'bao-cao-vien'],
    ['Tổng Bí thư tiếp xúc cử tri quận Ba Đình', 'tiep-xuc-cu-tri'],
    ['tổ chức hội nghị tiếp xúc cử tri trước kỳ họp', 'tiep-xuc-cu-tri'],
    ['Tỉnh ủy tổ chức lễ công bố quyết định thành lập Đảng bộ', 'le'],
    ['Huyện ủy tổ chức Lễ đón nhận Huân chương Lao động hạng Nhì', 'le'],
    ['Thành đoàn tổ chức lễ ra mắt Câu lạc bộ lý luận trẻ', 'le'],
  ])('%s -> %s', (text, kind) => {
    expect(classifyMeeting(text)?.kind).toBe(kind);
  });

  it('skips meetings announced for later', () => {
    expect(classifyMeeting('Thường trực Tỉnh ủy Nghệ An sẽ gặp mặt hơn 800 trưởng, phó phòng')).toBeNull();
  });

  it.each([
    'thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX',
    'tại Trung tâm Hội nghị quốc gia',
    'Ngân hàng tổ chức Đại hội đồng cổ đông thường niên',
    'Khai mạc Đối thoại Shangri-La 16 tại Singapore',
    'phù hợp với kết hợp và tổng hợp',
    'Kết quả xổ số miền Bắc hôm nay',
    'Ủy ban Thường vụ Quốc hội thảo luận về dự thảo Nghị quyết',
    'là những chỉ đạo của Chính phủ tại Nghị quyết 23/NQ-CP phiên họp Chính phủ thường kỳ tháng 1/2017',
  ])('finds no meeting in %s', (text) => {
    expect(findMeetingNouns(text).filter((n) => !n.weak)).toEqual([]);
  });

  it('reads old-style tone placement (`Tỉnh uỷ`, `toạ đàm`) like the new style, keeping `quý`', () => {
    const text = normalizeForExtraction('Tỉnh uỷ tổ chức toạ đàm về hoà giải quý I');
    expect(text).toBe('Tỉnh ủy tổ chức tọa đàm về hòa giải quý I');
    expect(classifyMeeting(text)?.kind).toBe('khac');
  });
});
