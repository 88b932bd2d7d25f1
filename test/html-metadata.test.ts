import { describe, expect, it } from 'vitest';
import { buildTree } from '../lambda/core/html-tree.ts';
import { findStamp, hasEntityText, isPersonLike, readHtmlMetadata, stampLine, stripSiteName, timeFromUrl } from '../lambda/core/html-metadata.ts';

const meta = (html: string) => readHtmlMetadata(buildTree(html));
const page = (head: string, body: string) => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const para = '<p>Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết công tác 6 tháng đầu năm, với sự tham dự của các đồng chí lãnh đạo.</p>';

describe('title candidates', () => {
  it('decodes entities once: a double-encoded og:title loses to the h1', () => {
    const m = meta(page('<meta property="og:title" content="Ch&amp;#237;nh s&amp;#225;ch mới">', `<h1>Ch&#xED;nh s&#xE1;ch mới</h1>${para}`));
    expect(m.title).toBe('Chính sách mới');
    expect(m.signals.title).toBe('h1');
    expect(hasEntityText('Ch&#237;nh')).toBe(true);
    expect(hasEntityText('AT&T')).toBe(false);
  });

  it('keeps a literal "&amp;" decoded once, never twice', () => {
    const m = meta(page('<meta property="og:title" content="Tôm &amp;amp; cua">', `<h1>Tôm &amp;amp; cua</h1>${para}`));
    expect(m.title).toBe('Tôm &amp; cua');
  });

  it('removes the site name from <title> and prefers agreeing candidates', () => {
    expect(stripSiteName('Hội nghị sơ kết Nghị quyết 05 - Báo Nghệ An', ['baonghean'])).toBe('Hội nghị sơ kết Nghị quyết 05');
    expect(stripSiteName('Hội nghị: kết quả nổi bật | baonghean.vn', [])).toBe('Hội nghị: kết quả nổi bật');
    expect(stripSiteName('Đột nhập lò luyện thi công chức Hàn Quốc-lo luyen thi cong chuc o han', [])).toBe('Đột nhập lò luyện thi công chức Hàn Quốc');
    expect(stripSiteName('Tin mới - Trang thông tin dành cho giới trẻ - Site', ['site'])).toBe('Tin mới');
    const m = meta(page('<title>Đột nhập lò luyện thi-lo luyen thi</title><meta property="og:title" content="Đột nhập lò luyện thi-lo luyen thi">', `<h1>Đột nhập lò luyện thi</h1>${para}`));
    expect(m.title).toBe('Đột nhập lò luyện thi');
  });

  it('never takes generic or navigation text, a logo h1 or the site name', () => {
    const m = meta(
      page('<title>Trang chủ</title><meta property="og:site_name" content="Báo Tỉnh">', `<h1 class="logo"><a href="/">Báo Tỉnh</a></h1><h3 class="title">Những người khổ hạnh vì bớt lạ</h3>${para}`),
    );
    expect(m.title).toBe('Những người khổ hạnh vì bớt lạ');
    expect(meta(page('<title>Trang chủ</title>', para)).title).toBeNull();
  });
});

describe('publication time', () => {
  it.each([
    ['Thứ năm, 20/12/2012, 10:18 GMT+7', '2012-12-20T10:18'],
    ['Thứ Hai, 26/12/2012 17:14 GMT+7', '2012-12-26T17:14'],
    ['15:20 PM | 21/12/2012', '2012-12-21T15:20'],
    ['10:03 AM 25/12/2012', '2012-12-25T10:03'],
    ['03:10 PM - 25.12.2012', '2012-12-25T15:10'],
    ['Cập nhật: 15h20 ngày 26-12-2012', '2012-12-26T15:20'],
    ['Ngày đăng: 07/03/2026 08:06', '2026-03-07T08:06'],
    ['Đăng lúc 26/12/2012 - 17:14', '2012-12-26T17:14'],
    ['| 21/12/2012 - 08:04', '2012-12-21T08:04'],
    ['ngày 26 tháng 12 năm 2012', '2012-12-26'],
    ['2026-03-07 08:06', '2026-03-07T08:06'],
    ['bắt đầu bởi cuLong, 14/12/12.', '2012-12-14'],
  ])('reads %s', (line, expected) => {
    expect(findStamp(line)?.at).toBe(expected);
  });

  it('takes only short stamp lines, not dates inside sentences', () => {
    expect(stampLine('Thứ Tư, 26/12/2012 17:14')?.at).toBe('2012-12-26T17:14');
    expect(stampLine('Hội nghị diễn ra ngày 26/12/2012 tại hội trường lớn của Tỉnh ủy với sự tham dự của hơn 300 đại biểu đến từ các huyện.')).toBeNull();
  });

  it('prefers structured metadata and refines a day-only value with the visible stamp', () => {
    const m = meta(page('<meta itemprop="datePublished" content="2012-12-25">', `<div class="date">Thứ Ba, 25/12/2012 - 10:03</div><h1>Chốt lịch nghỉ lễ Tết 2013 của công chức</h1>${para}`));
    expect(m.publishedAt).toBe('2012-12-25T10:03');
    expect(meta(page('<meta property="article:published_time" content="2026-03-01T09:51:00&#x2B;07:00">', `<h1>Tiêu đề bài báo khá dài</h1>${para}`)).publishedAt).toBe('2026-03-01T09:51');
  });

  it('ignores dates in related-news lists and takes the stamp by the headline', () => {
    const related = '<ul class="related">' + [1, 2, 3].map((i) => `<li><a href="/a${i}">Tin liên quan số ${i}</a> <span>1${i}/03/2023</span></li>`).join('') + '</ul>';
    const m = meta(page('', `${related}<h1>Hội nghị quán triệt Nghị quyết 05-NQ/TU</h1><p class="time">20/03/2023 09:15</p>${para}`));
    expect(m.publishedAt).toBe('2023-03-20T09:15');
    const none = meta(page('', `<h1>Hội nghị quán triệt Nghị quyết 05-NQ/TU</h1>${para}${related}`));
    expect(none.publishedAt).toBeNull();
  });

  it('falls back to a date in the URL, for any site', () => {
    expect(timeFromUrl('https://example.vn/su-kien/bai-viet-20201001130442778.htm')).toEqual({ at: '2020-10-01T13:04', hasTime: true });
    expect(timeFromUrl('https://example.org/2012/12/25/tieu-de/')).toEqual({ at: '2012-12-25', hasTime: false });
    expect(timeFromUrl('https://example.vn/tin-123456.html')).toBeNull();
    const m = meta(page('<meta property="og:url" content="https://example.vn/20121226051446379p0c1019/tieu-de.htm">', `<h1>Tiêu đề bài báo khá dài</h1>${para}`));
    expect(m.publishedAt).toBe('2012-12-26T05:14');
    expect(m.notes.join()).toMatch(/URL/);
  });
});

describe('author', () => {
  it('is never the outlet', () => {
    const m = meta(
      page(
        '<meta property="og:site_name" content="VnExpress"><meta name="author" content="VnExpress"><meta property="og:url" content="https://vnexpress.net/a-1.html">',
        `<h1>Tiêu đề bài báo khá dài</h1>${para}`,
      ),
    );
    expect(m.author).toBeNull();
    expect(meta(page('<meta name="author" content="NLD.COM.VN">', `<h1>Tiêu đề bài báo khá dài</h1>${para}`)).author).toBeNull();
    expect(meta(page('<meta name="author" content="baochinhphu.vn">', `<h1>Tiêu đề bài báo khá dài</h1>${para}`)).author).toBeNull();
  });

  it('reads JSON-LD Person, byline elements and the last line of the body', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Tiêu đề bài báo khá dài","author":[{"@type":"Organization","name":"Báo Tỉnh"}],"publisher":{"name":"Báo Tỉnh"}}</script>';
    expect(meta(page(ld, `<h1>Tiêu đề bài báo khá dài</h1>${para}`)).author).toBeNull();
    const person = ld.replace('"@type":"Organization","name":"Báo Tỉnh"', '"@type":"Person","name":"Thanh Lê"');
    expect(meta(page(person, `<h1>Tiêu đề bài báo khá dài</h1>${para}`)).author).toBe('Thanh Lê');
    expect(meta(page('', `<h1>Tiêu đề bài báo khá dài</h1><p class="author">Minh Chiến</p>${para}`)).author).toBe('Minh Chiến');
    const tail = readHtmlMetadata(buildTree(page('', `<h1>Tiêu đề bài báo khá dài</h1>${para}`)), undefined, { contentTail: ['Đoạn văn cuối của bài báo, kết thúc bằng dấu chấm.', 'Theo Minh Nguyễn/Vcamp.vn', 'Forbes'] });
    expect(tail.author).toBe('Minh Nguyễn');
    expect(isPersonLike('Quang Phong - Tùng Nguyên', [])).toBe(true);
    expect(isPersonLike('H.V.', [])).toBe(true);
    expect(isPersonLike('Công nghệ ChannelVN', [])).toBe(false);
    expect(isPersonLike('Trung tâm Báo chí', [])).toBe(false);
  });
});
