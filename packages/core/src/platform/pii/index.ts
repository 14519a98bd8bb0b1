/**
 * PII: detect, validate, normalise and mask the personal data customers write to a brand —
 * mainland China mobile numbers, 18-character resident ID numbers, bank card numbers and email
 * addresses — for logs, exports, job payloads and whatever a bot or plugin without
 * `customer.pii:read` receives (`maskText`, `maskDeep`), and for the customers module's
 * validation before it encrypts (`normalise*`, which return a reason code, never throw).
 *
 * What comes from where:
 * - Full-width folding: `String.prototype.normalize('NFKC')` (width.ts), one character at a time
 *   in free text so indexes stay aligned.
 * - Luhn: validator's `isLuhnNumber` (validator 13, no dependencies, imported per function).
 * - Resident IDs (GB 11643-1999): hand-written. validator's `isIdentityCard('zh-CN')` was measured
 *   against this code in resident-id.test.ts (it agrees on the checksum and the birth date); it is
 *   not used at run time because it also accepts 15-digit first-generation numbers, refuses
 *   83xxxx (Taiwan residents' residence permits, same format) and checks the date in local time.
 * - Mobile numbers: hand-written; validator's `isMobilePhone('zh-CN')` accepts 92x/98x numbers
 *   and none of the spellings (spaces, dashes, an `86` prefix), so it would need the same
 *   normalisation first and add nothing.
 * - Email: zod's `z.email()` validates; masking is a few lines.
 * - Detection in text: hand-written (no library finds these in Chinese text); see detect.ts for
 *   the precedence of overlapping findings and which digit runs count as bank cards.
 *
 * Masks: mobile `138****5678`; resident ID `1101**********123X` (province+city and the last four,
 * never the birth date); card every digit but the last four; email `z***@example.com`.
 */
export { type Normalised } from './common.js';
export { foldText, foldValue } from './width.js';
export { MAINLAND_MOBILE, isValidMobile, maskMobile, normaliseMobile, type MobileFailure } from './mobile.js';
export {
  isPlausibleBirthDate,
  isValidResidentId,
  maskResidentId,
  normaliseResidentId,
  residentIdCheckChar,
  type ResidentIdFailure,
} from './resident-id.js';
export {
  isLuhnValid,
  isValidBankCard,
  maskBankCard,
  normaliseBankCard,
  type BankCardFailure,
} from './bank-card.js';
export { isValidEmail, maskEmail, normaliseEmail, type EmailFailure } from './email.js';
export { containsPii, findPii, maskText, type PiiKind, type PiiMatch } from './detect.js';
export { maskDeep } from './mask-deep.js';
