/**
 * Realistic HTML news pages for the parse benchmark. The corpus is text only, so real articles are
 * wrapped in the chrome a Vietnamese news site serves around them: meta/OpenGraph/JSON-LD head,
 * inline scripts and styles, navigation, breadcrumb, share bar, related and most-read news,
 * tags, comment form, footer.
 */
import { loadCorpus, loadIndex, type CorpusFile } from './corpus.ts';

export interface HtmlPage {
  key: string;
  bytes: Uint8Array;
}

/** Deterministic PRNG (mulberry32) so every run builds the same pages. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SECTIONS = [
  ['thoi-su', 'Thời sự'], ['chinh-tri', 'Chính trị'], ['xay-dung-dang', 'Xây dựng Đảng'], ['kinh-te', 'Kinh tế'],
  ['xa-hoi', 'Xã hội'], ['phap-luat', 'Pháp luật'], ['van-hoa', 'Văn hóa'], ['giao-duc', 'Giáo dục'],
  ['y-te', 'Y tế'], ['the-thao', 'Thể thao'], ['quoc-te', 'Quốc tế'], ['quoc-phong-an-ninh', 'Quốc phòng - An ninh'],
  ['nong-nghiep', 'Nông nghiệp - Nông thôn'], ['doanh-nghiep', 'Doanh nghiệp'], ['du-lich', 'Du lịch'],
  ['ban-doc', 'Bạn đọc'], ['multimedia', 'Multimedia'], ['emagazine', 'E-magazine'],
] as const;

const OUTLETS = [
  ['baotinh.vn', 'Báo Tỉnh điện tử', 'Cơ quan của Đảng bộ, chính quyền, nhân dân tỉnh'],
  ['tintuc-dangbo.vn', 'Tin tức Đảng bộ', 'Cổng thông tin điện tử Đảng bộ thành phố'],
  ['baodientu-nhandan.vn', 'Báo Nhân Dân điện tử', 'Cơ quan Trung ương của Đảng Cộng sản Việt Nam'],
] as const;

interface Story {
  title: string;
  lead: string;
  paragraphs: string[];
  url: string | null;
  publishedAt: string | null;
  author: string | null;
}

/** Title, lead and paragraphs from any of the three corpus file layouts. */
export function storyFromText(text: string, meta?: { url: string | null; publishedAt: string | null; author: string | null }): Story {
  let lines = text.replace(/\r/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
  let url = meta?.url ?? null;
  let publishedAt = meta?.publishedAt ?? null;
  const header = lines.filter((l) => l.startsWith('# '));
  for (const h of header) {
    const m = /^# (\w+) = (.*)$/.exec(h);
    if (m?.[1] === 'url') url = m[2] ?? null;
    if (m?.[1] === 'date' && m[2] && /^\d{8}$/.test(m[2])) publishedAt = `${m[2].slice(0, 4)}-${m[2].slice(4, 6)}-${m[2].slice(6, 8)}`;
  }
  lines = lines.filter((l) => !l.startsWith('# '));
  const title = lines[0] ?? '';
  const rest = lines.slice(1);
  let lead = '';
  let body: string[];
  if (rest.length <= 2) {
    // baomoi layouts: lead (maybe) then the whole body on one line: split into paragraphs of ~3 sentences.
    lead = rest.length === 2 ? rest[0]! : '';
    const flat = rest[rest.length - 1] ?? '';
    const sentences = flat.split(/(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“"])/u);
    body = [];
    for (let i = 0; i < sentences.length; i += 3) body.push(sentences.slice(i, i + 3).join(' '));
  } else {
    lead = rest[0]!;
    body = rest.slice(1);
  }
  return { title, lead, paragraphs: body.filter(Boolean), url, publishedAt, author: meta?.author ?? null };
}

function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const INLINE_SCRIPT = (id: number) => `
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date()); gtag('config', 'G-${(id * 7919).toString(36).toUpperCase()}X');
  (function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
  var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;
  j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-${id % 97}');
  var adsConfig = {"zones":[{"id":"top-banner","size":[970,250]},{"id":"sidebar-1","size":[300,600]},{"id":"in-article","size":[640,360]}],"lazy":true,"refresh":30};
  document.addEventListener('DOMContentLoaded', function () { var els = document.querySelectorAll('[data-zone]'); for (var i = 0; i < els.length; i++) { els[i].setAttribute('data-ready', '1'); } });`;

function pageHtml(story: Story, related: Story[], mostRead: Story[], id: number, rand: () => number): string {
  const [domain, outletName, outletTagline] = OUTLETS[id % OUTLETS.length]!;
  const section = SECTIONS[Math.floor(rand() * 4)]!;
  const date = story.publishedAt
    ? new Date(story.publishedAt.length === 10 ? `${story.publishedAt}T08:00:00+07:00` : story.publishedAt)
    : new Date(Date.UTC(2023, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), Math.floor(rand() * 14), Math.floor(rand() * 60)));
  const local = new Date(date.getTime() + 7 * 3600_000);
  const dateText = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const iso = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00+07:00`;
  const slug = slugify(story.title) || `bai-viet-${id}`;
  const url = story.url ?? `https://${domain}/${section[0]}/${slug}-${100000 + id}.html`;
  const author = story.author ?? ['Minh Anh', 'Thu Hằng', 'Quốc Tuấn', 'PV', 'Hồng Nhung'][id % 5]!;
  const t = escapeHtml(story.title);
  const lead = escapeHtml(story.lead);
  const nav = SECTIONS.map(([s, label]) => `<li class="menu-item"><a href="/${s}" title="${label}">${label}</a><ul class="sub">${[1, 2, 3].map((k) => `<li><a href="/${s}/muc-${k}">${label} ${k}</a></li>`).join('')}</ul></li>`).join('\n');
  const paragraphs = story.paragraphs
    .map((p, i) => {
      const para = `<p>${escapeHtml(p)}</p>`;
      if (i === 1) {
        return `<figure class="image align-center"><img src="https://cdn.${domain}/images/${id}/anh-${i}.jpg" alt="${t}" width="640" height="427" loading="lazy"><figcaption>${t}. Ảnh: ${escapeHtml(author)}</figcaption></figure>\n${para}\n<div class="ads in-article" data-zone="in-article"><script>/* in-article ad */ (window.adsQueue = window.adsQueue || []).push('in-article-${id}');</script></div>`;
      }
      return para;
    })
    .join('\n');
  const relatedHtml = related
    .map((r, i) => `<li class="story"><a href="/${section[0]}/${slugify(r.title)}-${200000 + id * 10 + i}.html"><img src="https://cdn.${domain}/thumbs/${id}-${i}.jpg" alt=""><h3 class="story__title">${escapeHtml(r.title)}</h3></a><p class="story__summary">${escapeHtml(r.lead.slice(0, 160))}</p></li>`)
    .join('\n');
  const mostReadHtml = mostRead
    .map((r, i) => `<li><span class="rank">${i + 1}</span><a href="/tin/${slugify(r.title)}-${300000 + i}.html">${escapeHtml(r.title)}</a></li>`)
    .join('\n');
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    description: story.lead,
    datePublished: iso,
    dateModified: iso,
    author: { '@type': 'Person', name: author },
    publisher: { '@type': 'Organization', name: outletName, logo: { '@type': 'ImageObject', url: `https://${domain}/logo.png` } },
    mainEntityOfPage: url,
  });
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t} | ${outletName}</title>
<meta name="description" content="${lead}">
<meta name="keywords" content="${escapeHtml(section[1])}, tin tức, ${t}">
<meta name="author" content="${escapeHtml(author)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${outletName}">
<meta property="og:title" content="${t}">
<meta property="og:description" content="${lead}">
<meta property="og:url" content="${escapeHtml(url)}">
<meta property="og:image" content="https://cdn.${domain}/images/${id}/anh-1.jpg">
<meta property="article:published_time" content="${iso}">
<meta property="article:section" content="${section[1]}">
<link rel="canonical" href="${escapeHtml(url)}">
<link rel="stylesheet" href="https://${domain}/static/css/main.min.css?v=2023.${id % 50}">
<link rel="preconnect" href="https://cdn.${domain}">
<style>body{font-family:Arial,Helvetica,sans-serif;margin:0}.header{background:#b30000;color:#fff}.menu-item{display:inline-block;padding:0 8px}.sub{display:none}.menu-item:hover .sub{display:block}.detail__content p{line-height:1.6;margin:0 0 1em}.sidebar{width:300px;float:right}.story__title{font-size:16px}.footer{background:#222;color:#ccc;padding:24px}</style>
<script type="application/ld+json">${jsonLd}</script>
<script>${INLINE_SCRIPT(id)}</script>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-${id}"></script>
</head>
<body class="page-detail">
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-${id % 97}" height="0" width="0" style="display:none"></iframe></noscript>
<div class="ads top-banner" data-zone="top-banner"></div>
<header class="header">
  <div class="container"><a class="logo" href="/"><img src="https://${domain}/logo.png" alt="${outletName}"></a>
  <span class="tagline">${outletTagline}</span>
  <div class="header__date">Thứ ${2 + (id % 6)}, ${dateText.slice(0, 10)}</div>
  <form class="search" action="/tim-kiem"><input type="text" name="q" placeholder="Tìm kiếm..."><button>Tìm</button></form>
  <nav class="menu"><ul><li class="menu-item home"><a href="/">Trang chủ</a></li>
${nav}
  </ul></nav></div>
</header>
<main class="container">
  <div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/${section[0]}">${section[1]}</a></div>
  <div class="sidebar">
    <div class="ads" data-zone="sidebar-1"><script>(window.adsQueue = window.adsQueue || []).push('sidebar-${id}');</script></div>
    <section class="box most-read"><h2 class="box__title">Đọc nhiều</h2><ol>${mostReadHtml}</ol></section>
    <section class="box weather"><h2>Thời tiết</h2><p>Hôm nay: 24°C – 31°C, có mưa rào và dông vài nơi.</p></section>
  </div>
  <article class="detail">
    <h1 class="detail__title">${t}</h1>
    <div class="detail__meta"><span class="detail__author">${escapeHtml(author)}</span> <time class="detail__time" datetime="${iso}">${dateText}</time></div>
    <div class="share"><a href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}">Facebook</a> <a href="https://zalo.me/share?u=${encodeURIComponent(url)}">Zalo</a> <button class="copy-link">Sao chép liên kết</button> <button class="print">In bài</button></div>
    ${lead ? `<h2 class="detail__sapo">${lead}</h2>` : ''}
    <div class="detail__content">
${paragraphs}
    </div>
    <p class="detail__author-bottom"><strong>${escapeHtml(author)}</strong></p>
    <div class="tags">Từ khóa: <a href="/tag/${slugify(section[1])}">${section[1]}</a> <a href="/tag/hoi-nghi">hội nghị</a> <a href="/tag/nghi-quyet">nghị quyết</a></div>
  </article>
  <section class="related"><h2 class="box__title">Tin liên quan</h2><ul>${relatedHtml}</ul></section>
  <section class="comments"><h2>Ý kiến bạn đọc</h2><form action="/binh-luan" method="post"><textarea name="content" placeholder="Nhập bình luận của bạn"></textarea><input name="name" placeholder="Họ tên"><input name="email" placeholder="Email"><button>Gửi bình luận</button></form></section>
</main>
<footer class="footer">
  <p>${outletName} — ${outletTagline}</p>
  <p>Giấy phép hoạt động báo điện tử số ${100 + (id % 400)}/GP-BTTTT. Tổng Biên tập: Nguyễn Văn A.</p>
  <p>Tòa soạn: Số 1 đường Trần Phú, thành phố, tỉnh. Điện thoại: 0220 3 852 000. Email: toasoan@${domain}</p>
  <p>© Bản quyền thuộc về ${outletName}. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
</footer>
<script src="https://${domain}/static/js/vendor.min.js?v=${id % 9}"></script>
<script src="https://${domain}/static/js/app.min.js?v=${id % 9}"></script>
<script>window.__ARTICLE__ = ${JSON.stringify({ id: 100000 + id, section: section[0], words: story.paragraphs.join(' ').split(/\s+/).length })};</script>
</body>
</html>
`;
}

/**
 * `count` pages: party articles first (what users upload), then general ones spread over the three
 * sources; related/most-read items are titles and leads of other corpus articles.
 */
export function buildHtmlPages(count = 300, seed = 20230630): HtmlPage[] {
  const party = loadCorpus(['party']);
  const general = loadCorpus(['general']);
  const indexes = new Map<string, ReturnType<typeof loadIndex>>();
  const metaOf = (file: CorpusFile) => {
    const [source, , name] = file.key.split('/');
    if (!indexes.has(source!)) indexes.set(source!, loadIndex(source!));
    const row = indexes.get(source!)!.get(name!.replace(/\.txt$/, ''));
    return row ? { url: row.url, publishedAt: row.publishedAt, author: row.author } : undefined;
  };
  const rand = prng(seed);
  const stride = Math.max(1, Math.floor(general.length / Math.max(1, count - party.length)));
  const chosen = [...party, ...general.filter((_, i) => i % stride === 0)].slice(0, count);
  const decoder = new TextDecoder();
  const pool = general.filter((_, i) => i % 97 === 3).map((f) => storyFromText(decoder.decode(f.bytes)));
  const pick = (n: number) => Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]!);
  const encoder = new TextEncoder();
  return chosen.map((file, id) => {
    const story = storyFromText(decoder.decode(file.bytes), metaOf(file));
    return { key: file.key.replace(/\.txt$/, '.html'), bytes: encoder.encode(pageHtml(story, pick(8), pick(10), id, rand)) };
  });
}
