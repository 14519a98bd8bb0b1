import type { Resource } from 'i18next';
import { FEATURES } from '../features';
import { en } from './en';
import { zhCN } from './zh-cn';

type FeatureList = typeof FEATURES;

/**
 * The console's i18n resources per language: the shared catalogue as `translation` (the default
 * and fallback namespace) and each feature's messages under its own namespace.
 */
export type Resources = { translation: typeof en } & {
  [F in FeatureList[number] as F['namespace']]: F['messages']['en'];
};

export function buildResources(): Resource {
  const resources: Resource = { 'zh-CN': { translation: zhCN }, en: { translation: en } };
  for (const feature of FEATURES) {
    for (const language of ['zh-CN', 'en'] as const) {
      const bundle = resources[language];
      if (bundle) bundle[feature.namespace] = feature.messages[language];
    }
  }
  return resources;
}
