import 'i18next';
import type { Resources } from './resources';

// Keys are typed per namespace: a feature's pages call useTranslation('<its namespace>') and
// reach the shared catalogue (common, states, enums, errors, …) through the fallback namespace.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    fallbackNS: 'translation';
    resources: Resources;
    returnNull: false;
  }
}
