import { defineErrors, domainError } from '../../platform/errors.js';

/**
 * Server faults only (status 500): a client sees INTERNAL_ERROR and the log keeps the code. No
 * client request reaches a destroyed key (an offboarded tenant has no credentials left), and a
 * damaged ciphertext or a master key that does not match is the operator's problem.
 */
export const KEYRING_ERRORS = defineErrors({
  TENANT_KEY_DESTROYED: {
    status: 500,
    en: "This organisation's data key was destroyed when it was offboarded: its encrypted data can never be read again.",
    'zh-CN': '该组织注销时其数据密钥已被销毁，其加密数据永远无法再读取。',
  },
  CIPHERTEXT_INVALID: {
    status: 500,
    en: 'An encrypted value is damaged, or belongs to another organisation or field, and cannot be decrypted.',
    'zh-CN': '加密数据已损坏，或属于其他组织或字段，无法解密。',
  },
  DATA_KEY_UNSEAL_FAILED: {
    status: 500,
    en: "The organisation's data key cannot be opened: the master key or key service is not the one it was sealed with.",
    'zh-CN': '无法打开该组织的数据密钥：主密钥或密钥服务与加密时不一致。',
  },
});

export class KeyringError extends domainError<keyof typeof KEYRING_ERRORS>(KEYRING_ERRORS) {}
