/**
 * Web-page chrome that copies from old web pages carry, dropped only by explicit patterns, each with its
 * reason. A line the user restored (`keep`) is never dropped. Lines are judged on their cleaned text (so a
 * traditional `發佈時間：` is a time stamp too); the removed line is listed as it was pasted.
 */
import { looksLikeTitle } from "../program-parser.ts";
import type { RemovedLineReason } from "../vocabulary.ts";

/** Chrome lines are short; body paragraphs that merely mention these words are not judged at all. */
const SHORT = 120;

const BREADCRUMB = /^(?:当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]|^首页\s*[>›»/＞]/;
/**
 * A page's stamp: `时间:`/`发布时间：` followed by a full date (`2020-01-01`, `2020年1月1日`) — a report's own
 * `时间：每周五下午` stays —, a `来源：`/`作者：` line, or a view count with its number.
 */
const TIMESTAMP =
  /^(?:发布)?(?:时间|日期)\s*[:：]\s*\d{4}(?:(?:[-/.]\d{1,2}){2}|年\d{1,2}月\d{1,2}日)|^(?:来源|作者|编辑|责任编辑|发布者)\s*[:：]|(?:浏览|阅读|点击)(?:次数|量|数)\s*(?:[:：]\s*\d*|\d+)\s*次?$/;
const DISCLAIMER = /^(?:导语|导读|免责声明|声明|温馨提示)\s*[:：]|小编|仅供参考|希望对(?:大家|您|你)有所帮助/;
/** `…(精选3篇)`, `…（通用5篇）`: a page that lists several reports under one title. */
const LISTING_TITLE = /[(（]\s*(?:精选|通用|优选|推荐|热门|优秀|汇总|合集|最新)?\s*[0-9０-９]{1,2}\s*篇\s*[)）]\s*$/;
/** A short line at the very top counts as a site name only when a breadcrumb follows within these lines. */
const TOP_LINES = 3;
const SITE_NAME_LENGTH = 30;
/** A paragraph pasted twice is recognised from this length on: short lines (`具体做法`) may well repeat. */
const PARAGRAPH_LENGTH = 30;
/** A truncated excerpt must share at least this much with the paragraph it announces. */
const EXCERPT_LENGTH = 10;
const ELLIPSIS = /(?:\.{2,}|…+|。{3,})$/;

const compact = (line: string) => line.replace(/\s+/g, "");

/** Why each line is dropped, or null where it stays; `lines` are the cleaned lines, `pasted` as they came. */
export function chromeReasons(
  lines: readonly string[],
  pasted: readonly string[],
  keep: ReadonlySet<string>,
): (RemovedLineReason | null)[] {
  const breadcrumbAt = lines.slice(0, TOP_LINES).findIndex((line) => line.length <= SHORT && BREADCRUMB.test(line));
  const keptParagraphs = new Set<string>();
  const titles = new Set<string>();
  let keptAny = false;
  const reasons: (RemovedLineReason | null)[] = [];
  for (const [i, line] of lines.entries()) {
    const reason = keep.has(pasted[i] ?? "") ? null : judge(line, i);
    reasons.push(reason);
    if (reason !== null) continue;
    const key = compact(line);
    if (key.length >= PARAGRAPH_LENGTH) keptParagraphs.add(key);
    // The page's title: the first line kept, when it reads like one.
    if (!keptAny && looksLikeTitle(line)) titles.add(key);
    keptAny = true;
  }
  return reasons;

  function judge(line: string, i: number): RemovedLineReason | null {
    if (i < breadcrumbAt && line.length <= SITE_NAME_LENGTH && looksLikeTitle(line)) return "site_name";
    if (line.length <= SHORT) {
      if (BREADCRUMB.test(line)) return "breadcrumb";
      if (TIMESTAMP.test(line)) return "timestamp";
      if (DISCLAIMER.test(line)) return "disclaimer";
      if (LISTING_TITLE.test(line)) return "listing_title";
    }
    const key = compact(line);
    if (titles.has(key)) return "repeated_title";
    if (keptParagraphs.has(key)) return "duplicate_paragraph";
    if (ELLIPSIS.test(line)) {
      const stem = compact(line.replace(ELLIPSIS, ""));
      const next = compact(lines[i + 1] ?? "");
      if (stem.length >= EXCERPT_LENGTH && next.length > stem.length && next.startsWith(stem)) {
        return "truncated_excerpt";
      }
    }
    return null;
  }
}
