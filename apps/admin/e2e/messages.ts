// The console's texts per language as one object, so a test can say `t.tenants.title` for what
// the page shows: the shared catalogue merged with every feature's namespace (their top-level
// keys differ; `nav` is merged). The console itself keeps them apart as i18n namespaces.
import { FEATURES } from '../src/features';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-cn';

type FeatureMessages = (typeof FEATURES)[number]['messages']['en'];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

export type ConsoleMessages = typeof en & UnionToIntersection<FeatureMessages>;
export type Lang = 'zh-CN' | 'en';

function isTree(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function merge(target: Record<string, unknown>, source: object): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = isTree(existing) && isTree(value) ? merge({ ...existing }, value) : value;
  }
  return target;
}

function messagesOf(lang: Lang): ConsoleMessages {
  const merged = merge({}, lang === 'en' ? en : zhCN);
  for (const feature of FEATURES) merge(merged, feature.messages[lang]);
  return merged as ConsoleMessages;
}

export const MESSAGES: Record<Lang, ConsoleMessages> = { 'zh-CN': messagesOf('zh-CN'), en: messagesOf('en') };
