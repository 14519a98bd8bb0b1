import type { ReactNode } from 'react';
import type { Area } from '../layout/areas';

/**
 * The contract of a console capability. Each folder under features/ exports one `defineFeature`
 * declaration from its index.tsx, and features/index.ts lists them: the routes (routes.tsx), the
 * menu (layout/navigation.tsx) and the i18n resources (i18n/resources.ts) are derived from that
 * list, so a capability adds its folder and one line there and touches no shared file.
 */

/** Nested message objects with string leaves (the shape of a namespace's English catalogue). */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/** Dot paths to the string leaves of a message tree, e.g. 'nav.tenants'. */
export type MessageKey<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${MessageKey<T[K]>}`;
}[keyof T & string];

export interface FeatureRoute {
  /** Absolute path, e.g. '/provider/tenants/:id'. */
  readonly path: string;
  readonly element: ReactNode;
  /**
   * Areas that may open the page; any other signed-in area sees the 403 page (the server
   * enforces the same). Omitted: every signed-in area.
   */
  readonly areas?: readonly Area[];
  /** Rendered outside the signed-in shell and without a session (sign-in, invitation). */
  readonly public?: boolean;
}

export interface FeatureMenuEntry<Label extends string = string> {
  /** Unique across the console; the menu item's test id is `nav-<key>`. */
  readonly key: string;
  /** Where the entry leads; it stays selected on the pages below it. */
  readonly path: string;
  /** Message key in the feature's own namespace. */
  readonly label: Label;
  readonly icon: ReactNode;
  /** Who sees the entry. An area's home is its first entry. */
  readonly areas: readonly Area[];
  /** Position in the menu, ascending across all features. */
  readonly order: number;
}

export interface Feature<Namespace extends string = string, Messages extends MessageTree = MessageTree> {
  /** The i18n namespace of the feature's messages: its folder name. */
  readonly namespace: Namespace;
  /** English is the source of the keys; zh-CN has the same type, so the same keys. */
  readonly messages: { readonly en: Messages; readonly 'zh-CN': Messages };
  readonly routes: readonly FeatureRoute[];
  readonly menu: readonly FeatureMenuEntry[];
}

/** Declares a feature; menu labels are checked against the feature's own messages. */
export function defineFeature<const Namespace extends string, Messages extends MessageTree>(feature: {
  readonly namespace: Namespace;
  readonly messages: { readonly en: Messages; readonly 'zh-CN': Messages };
  readonly routes: readonly FeatureRoute[];
  readonly menu?: readonly FeatureMenuEntry<MessageKey<Messages>>[];
}): Feature<Namespace, Messages> {
  return { ...feature, menu: feature.menu ?? [] };
}
