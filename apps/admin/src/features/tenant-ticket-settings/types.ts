import type { TicketAdminFieldFieldsFragment } from '../../api/generated/graphql';

export type CustomField = TicketAdminFieldFieldsFragment;

/** A field's (or option's) name in the console's language: English for English, Chinese otherwise. */
export function fieldName(field: { labelEn: string; labelZh: string }, language: string): string {
  return language === 'en' ? field.labelEn : field.labelZh;
}
